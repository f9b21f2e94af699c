#include "domain/registration.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

TEST(Npwp, AcceptsFifteenDigitsBareOrInTheirFormat) {
  ASSERT_OK_AND_ASSIGN(std::string bare, NormalizeNpwp("012345678608000"));
  EXPECT_EQ(bare, "012345678608000");
  ASSERT_OK_AND_ASSIGN(std::string formatted, NormalizeNpwp(" 01.234.567.8-608.000 "));
  EXPECT_EQ(formatted, "012345678608000");
  EXPECT_EQ(FormatNpwp(formatted), "01.234.567.8-608.000");
}

TEST(Npwp, AcceptsTheSixteenDigitForm) {
  ASSERT_OK_AND_ASSIGN(std::string npwp, NormalizeNpwp("3526042303900006"));
  EXPECT_EQ(npwp, "3526042303900006");
  EXPECT_EQ(FormatNpwp(npwp), "3526042303900006");
}

TEST(Npwp, RefusesWithAReasonForEachMistake) {
  EXPECT_THAT(NormalizeNpwp(""), StatusIs(Code::kInvalidArgument, "vendor.npwp_required"));
  EXPECT_THAT(NormalizeNpwp("   "), StatusIs(Code::kInvalidArgument, "vendor.npwp_required"));
  EXPECT_THAT(NormalizeNpwp("01234567860800"), StatusIs(Code::kInvalidArgument, "vendor.npwp_length"));
  EXPECT_THAT(NormalizeNpwp("01234567860800012"),
              StatusIs(Code::kInvalidArgument, "vendor.npwp_length"));
  EXPECT_THAT(NormalizeNpwp("01.234.567.8-608.00"),
              StatusIs(Code::kInvalidArgument, "vendor.npwp_length"));
  EXPECT_THAT(NormalizeNpwp("0123456786080O0"), StatusIs(Code::kInvalidArgument, "vendor.npwp_format"));
  EXPECT_THAT(NormalizeNpwp("012.34.567.8-608.000"),
              StatusIs(Code::kInvalidArgument, "vendor.npwp_format"));
  EXPECT_THAT(NormalizeNpwp("01 234 567 8 608 000"),
              StatusIs(Code::kInvalidArgument, "vendor.npwp_format"));
  EXPECT_THAT(NormalizeNpwp("000000000000000"), StatusIs(Code::kInvalidArgument, "vendor.npwp_format"));
}

TEST(Npwp, TheMaskShowsOnlyTheEnds) {
  EXPECT_EQ(MaskNpwp("012345678608000"), "01.***.***.*-***.000");
  EXPECT_EQ(MaskNpwp("3526042303900006"), "35***********006");
}

Vendor AVendor() {
  Vendor v;
  v.company_name = "CV Maju Bersama";
  v.business_form = "CV";
  v.npwp = "012345678608000";
  v.address = "Jl. Raya Arosbaya 1";
  v.regency = "Kabupaten Bangkalan";
  v.province = "Jawa Timur";
  v.phone = "(031) 309-5100";
  v.company_email = "kantor@maju.example";
  v.responsible_name = "Ahmad";
  v.responsible_position = "Direktur";
  v.responsible_nik = "3526011203780001";
  return v;
}

TEST(ValidateVendor, AcceptsACompleteIdentity) { EXPECT_OK(ValidateVendor(AVendor())); }

TEST(ValidateVendor, NamesWhatIsWrong) {
  auto with = [](auto change) {
    Vendor v = AVendor();
    change(v);
    return ValidateVendor(v);
  };
  EXPECT_THAT(with([](Vendor& v) { v.company_name = " "; }),
              StatusIs(Code::kInvalidArgument, "vendor.company_required"));
  EXPECT_THAT(with([](Vendor& v) { v.business_form = "LLC"; }),
              StatusIs(Code::kInvalidArgument, "vendor.form_invalid"));
  EXPECT_THAT(with([](Vendor& v) { v.npwp = "12"; }),
              StatusIs(Code::kInvalidArgument, "vendor.npwp_length"));
  EXPECT_THAT(with([](Vendor& v) { v.regency = ""; }),
              StatusIs(Code::kInvalidArgument, "vendor.regency_required"));
  EXPECT_THAT(with([](Vendor& v) { v.phone = "telepon"; }),
              StatusIs(Code::kInvalidArgument, "vendor.phone_invalid"));
  EXPECT_THAT(with([](Vendor& v) { v.company_email = "kantor"; }),
              StatusIs(Code::kInvalidArgument, "vendor.email_invalid"));
  EXPECT_THAT(with([](Vendor& v) { v.responsible_nik = "35260112037800"; }),
              StatusIs(Code::kInvalidArgument, "vendor.nik_invalid"));
}

TEST(VerificationStateMachine, FollowsDraftSubmittedRejectedSubmittedVerified) {
  AccountStatus s = AccountStatus::kDraft;
  ASSERT_OK_AND_ASSIGN(s, NextStatus(s, VerificationEvent::kSubmit));
  EXPECT_EQ(s, AccountStatus::kSubmitted);
  ASSERT_OK_AND_ASSIGN(s, NextStatus(s, VerificationEvent::kReject));
  EXPECT_EQ(s, AccountStatus::kRejected);
  ASSERT_OK_AND_ASSIGN(s, NextStatus(s, VerificationEvent::kSubmit));
  EXPECT_EQ(s, AccountStatus::kSubmitted);
  ASSERT_OK_AND_ASSIGN(s, NextStatus(s, VerificationEvent::kApprove));
  EXPECT_EQ(s, AccountStatus::kVerified);
}

TEST(VerificationStateMachine, RefusesEveryOtherStep) {
  const auto illegal = StatusIs(Code::kFailedPrecondition, "registration.illegal_transition");
  EXPECT_THAT(NextStatus(AccountStatus::kDraft, VerificationEvent::kApprove), illegal);
  EXPECT_THAT(NextStatus(AccountStatus::kDraft, VerificationEvent::kReject), illegal);
  EXPECT_THAT(NextStatus(AccountStatus::kRejected, VerificationEvent::kApprove), illegal);
  EXPECT_THAT(NextStatus(AccountStatus::kSubmitted, VerificationEvent::kSubmit), illegal);
  for (auto e : {VerificationEvent::kSubmit, VerificationEvent::kApprove, VerificationEvent::kReject}) {
    EXPECT_THAT(NextStatus(AccountStatus::kVerified, e), illegal);
  }
  EXPECT_TRUE(ApplicationEditable(AccountStatus::kDraft));
  EXPECT_TRUE(ApplicationEditable(AccountStatus::kRejected));
  EXPECT_FALSE(ApplicationEditable(AccountStatus::kSubmitted));
  EXPECT_FALSE(ApplicationEditable(AccountStatus::kVerified));
}

// EVIDENCE-OF: Pasal 21(1)a angka 2: KTP, akta pendirian, NPWP and SIUP/IUJK;
// Pasal 21(1)b: the surat tugas / SK of everyone else.
TEST(Documents, Pasal21Ayat1_WhatASubmissionNeeds) {
  EXPECT_EQ(RequiredDocuments(true),
            (std::vector<DocumentKind>{DocumentKind::kKtp, DocumentKind::kAktaPendirian,
                                       DocumentKind::kNpwp, DocumentKind::kIzinUsaha}));
  EXPECT_EQ(RequiredDocuments(false), std::vector<DocumentKind>{DocumentKind::kSuratTugas});
  AccountDocument ktp;
  ktp.kind = DocumentKind::kKtp;
  AccountDocument old_npwp;
  old_npwp.kind = DocumentKind::kNpwp;
  old_npwp.superseded_by = 9;  // replaced: does not count
  EXPECT_EQ(MissingDocuments(RequiredDocuments(true), {ktp, old_npwp}),
            (std::vector<DocumentKind>{DocumentKind::kAktaPendirian, DocumentKind::kNpwp,
                                       DocumentKind::kIzinUsaha}));
}

TEST(Documents, ValidationNamesTheProblem) {
  AccountDocument d;
  d.kind = DocumentKind::kIzinUsaha;
  d.licence_type = "SIUP";
  d.content_type = "application/pdf";
  d.size = 1000;
  EXPECT_OK(ValidateDocument(d, true));
  EXPECT_THAT(ValidateDocument(d, false), StatusIs(Code::kInvalidArgument, "document.kind_invalid"));
  d.licence_type = "TDP";
  EXPECT_THAT(ValidateDocument(d, true),
              StatusIs(Code::kInvalidArgument, "document.licence_type_invalid"));
  d.licence_type = "NIB";
  d.size = kMaxDocumentBytes + 1;
  EXPECT_THAT(ValidateDocument(d, true), StatusIs(Code::kInvalidArgument, "document.too_large"));
  d.size = 10;
  d.content_type = "text/plain";
  EXPECT_THAT(ValidateDocument(d, true), StatusIs(Code::kInvalidArgument, "document.type_invalid"));
}

}  // namespace
}  // namespace spse::domain
