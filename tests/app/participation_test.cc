// Taking part in a published tender (issue 4, items 6 and 7) through
// ParticipationService: the Pakta Integritas, the Pemberian Penjelasan and
// its Berita Acara. Rule ids are those of docs/rules.md (PRT-*, ANW-*).
#include "app/participation_service.h"

#include <fstream>
#include <sstream>

#include "app/tender_fixture.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"

namespace spse::app {
namespace {

class ParticipationTest : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    participation_ = std::make_unique<ParticipationService>(
        *store_, crypto_, *blobs_, printer_, clock_, catalogue_,
        ParticipationConfig{"LPSE Kabupaten Bangkalan", kWib});
    vendor_ = Vendor("cv.maju", "CV Maju Jaya");
    rival_ = Vendor("pt.rival", "PT Rival Konstruksi");
    tender_ = ReadyDraft();
    ASSERT_OK(service_->Publish(chair_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
    schedule_ = v.tender.schedule;
  }

  std::int64_t Ask(const Actor& who, const std::string& text) {
    auto id = participation_->Ask(who, tender_, text);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<ParticipationService> participation_;
  Actor vendor_, rival_;
  std::int64_t tender_ = 0;
};

TEST_F(ParticipationTest, PRT_01_02_AVendorJoinsByAcceptingThePactUntilTheBidStageEnds) {
  ASSERT_OK_AND_ASSIGN(JoinView before, participation_->ToJoin(vendor_, tender_));
  EXPECT_OK(before.may_join);
  EXPECT_FALSE(before.joined.has_value());
  EXPECT_NE(before.pact.find("CV Maju Jaya"), std::string::npos);
  EXPECT_NE(before.pact.find(before.tender.code), std::string::npos);
  EXPECT_NE(before.pact.find("Korupsi, Kolusi, dan Nepotisme"), std::string::npos);

  EXPECT_THAT(participation_->Join(vendor_, tender_, false),
              StatusIs(Code::kInvalidArgument, "participation.pact_required"));
  ASSERT_OK(participation_->Join(vendor_, tender_, true));
  EXPECT_THAT(participation_->Join(vendor_, tender_, true),
              StatusIs(Code::kAlreadyExists, "participation.already_joined"));
  ASSERT_OK_AND_ASSIGN(JoinView after, participation_->ToJoin(vendor_, tender_));
  ASSERT_TRUE(after.joined.has_value());
  // The exact text accepted is on record by its hash.
  EXPECT_EQ(after.joined->pact_sha256, crypto_.Sha256Hex(before.pact));
  EXPECT_EQ(AuditCount("tender.join"), 1);
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(Actor{}, tender_));
  EXPECT_EQ(v.participants, 1);

  // Still open during the bid upload stage, closed once it has ended.
  At("upload_penawaran");
  ASSERT_OK(participation_->Join(rival_, tender_, true));
  AfterEndOf("upload_penawaran");
  Actor late = Vendor("cv.telat", "CV Terlambat");
  EXPECT_THAT(participation_->Join(late, tender_, true),
              StatusIs(Code::kFailedPrecondition, "participation.closed"));
  ASSERT_OK_AND_ASSIGN(auto list, participation_->Participants(member_, tender_));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].company_name, "CV Maju Jaya");
  EXPECT_THAT(participation_->Participants(outsider_, tender_),
              StatusIs(Code::kNotFound, "tender.not_found"));
}

TEST_F(ParticipationTest, PRT_03_OnlyVendorsInGoodStandingJoinPublishedTenders) {
  // A Pokja member is not a vendor.
  EXPECT_THAT(participation_->Join(member_, tender_, true),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  // A vendor without a registered company has nothing to sign the pact with.
  Actor bare = As("cv.kosong", Role::kPenyedia);
  EXPECT_THAT(participation_->Join(bare, tender_, true),
              StatusIs(Code::kFailedPrecondition, "participation.vendor_data_missing"));
  // An unverified account holds no vendor permission (Pasal 21(2)).
  Actor unverified = vendor_;
  unverified.who.verified = false;
  EXPECT_THAT(participation_->Join(unverified, tender_, true),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  // A vendor on the Daftar Hitam is refused (Pasal 9(4)).
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::BlacklistEntry e;
    e.user_id = rival_.who.user_id;
    e.vendor_name = "PT Rival Konstruksi";
    e.sk_number = "SK-12/2025";
    e.violation = "Dokumen palsu";
    e.starts_at = clock_.Now() - kMicrosPerDay;
    e.created_by = chair_.who.user_id;
    e.created_at = clock_.Now();
    ASSERT_OK(tx->blacklist().Insert(e).status());
    ASSERT_OK(tx->Commit());
  }
  EXPECT_THAT(participation_->Join(rival_, tender_, true),
              StatusIs(Code::kPermissionDenied, "auth.blacklisted"));
  // A draft is invisible.
  ASSERT_OK(service_->Cancel(chair_, tender_, "Dokumen pemilihan perlu diperbaiki"));
  EXPECT_THAT(participation_->Join(vendor_, tender_, true),
              StatusIs(Code::kFailedPrecondition, "tender.not_running"));
  EXPECT_EQ(AuditCount("tender.join"), 0);
}

TEST_F(ParticipationTest, ANW_01_04_ParticipantsAskAndThePokjaAnswersOnlyWhileThePenjelasanRuns) {
  ASSERT_OK(participation_->Join(vendor_, tender_, true));
  // Before the stage.
  EXPECT_THAT(participation_->Ask(vendor_, tender_, "Apakah boleh menggunakan aspal curah?"),
              StatusIs(Code::kFailedPrecondition, "aanwijzing.not_open"));
  At("penjelasan");
  // Not a participant.
  EXPECT_THAT(participation_->Ask(rival_, tender_, "Apakah boleh menggunakan aspal curah?"),
              StatusIs(Code::kFailedPrecondition, "participation.not_joined"));
  EXPECT_THAT(participation_->Ask(vendor_, tender_, "   "),
              StatusIs(Code::kInvalidArgument, "aanwijzing.text_required"));
  EXPECT_THAT(participation_->Ask(vendor_, tender_, std::string(4001, 'a')),
              StatusIs(Code::kInvalidArgument, "aanwijzing.text_too_long"));
  const std::int64_t q = Ask(vendor_, "Apakah boleh menggunakan aspal curah?");
  EXPECT_THAT(participation_->Answer(outsider_, tender_, q, "Boleh."),
              StatusIs(Code::kNotFound, "tender.not_found"));
  ASSERT_OK(participation_->Answer(member_, tender_, q, "Boleh, sesuai spesifikasi teknis."));
  EXPECT_THAT(participation_->Answer(chair_, tender_, q, "Tidak boleh."),
              StatusIs(Code::kFailedPrecondition, "aanwijzing.already_answered"));
  const std::int64_t late = Ask(vendor_, "Berapa lama masa pemeliharaan?");
  AfterEndOf("penjelasan");
  EXPECT_THAT(participation_->Ask(vendor_, tender_, "Satu pertanyaan lagi, boleh?"),
              StatusIs(Code::kFailedPrecondition, "aanwijzing.not_open"));
  EXPECT_THAT(participation_->Answer(member_, tender_, late, "Enam bulan."),
              StatusIs(Code::kFailedPrecondition, "aanwijzing.not_open"));
  EXPECT_EQ(AuditCount("aanwijzing.ask"), 2);
  EXPECT_EQ(AuditCount("aanwijzing.answer"), 1);
}

TEST_F(ParticipationTest, ANW_02_EveryoneReadsTheQuestionsButNeverWhoAsked) {
  ASSERT_OK(participation_->Join(vendor_, tender_, true));
  ASSERT_OK(participation_->Join(rival_, tender_, true));
  At("penjelasan");
  const std::int64_t q = Ask(vendor_, "Apakah boleh menggunakan aspal curah?");
  ASSERT_OK(participation_->Answer(member_, tender_, q, "Boleh, sesuai spesifikasi teknis."));
  for (const Actor& reader : {rival_, member_, Actor{}, vendor_}) {
    ASSERT_OK_AND_ASSIGN(ExplanationView v, participation_->Explanation(reader, tender_));
    ASSERT_EQ(v.questions.size(), 1u);
    const QuestionView& shown = v.questions[0];
    EXPECT_EQ(shown.question.question, "Apakah boleh menggunakan aspal curah?");
    EXPECT_EQ(shown.question.answer, "Boleh, sesuai spesifikasi teknis.");
    EXPECT_EQ(shown.question.asked_by, 0);
    EXPECT_EQ(shown.question.answered_by, 0);
    EXPECT_EQ(shown.mine, reader.who.user_id == vendor_.who.user_id);
    EXPECT_EQ(v.may_ask, reader.who.user_id == vendor_.who.user_id ||
                             reader.who.user_id == rival_.who.user_id);
    EXPECT_EQ(v.may_answer, reader.who.user_id == member_.who.user_id);
  }
}

TEST_F(ParticipationTest, ANW_03_TheBeritaAcaraIsIssuedOnceAfterTheStageEndsAndStaysFixed) {
  ASSERT_OK(participation_->Join(vendor_, tender_, true));
  At("penjelasan");
  const std::int64_t q = Ask(vendor_, "Apakah boleh menggunakan aspal curah?");
  ASSERT_OK(participation_->Answer(member_, tender_, q, "Boleh, sesuai spesifikasi teknis."));
  EXPECT_THAT(participation_->IssueMinutes(member_, tender_, "penjelasan"),
              StatusIs(Code::kFailedPrecondition, "aanwijzing.not_ended"));
  AfterEndOf("penjelasan");
  EXPECT_THAT(participation_->IssueMinutes(member_, tender_, "pengumuman"),
              StatusIs(Code::kInvalidArgument, "aanwijzing.stage_unknown"));
  EXPECT_THAT(participation_->IssueMinutes(outsider_, tender_, "penjelasan"),
              StatusIs(Code::kNotFound, "tender.not_found"));
  ASSERT_OK_AND_ASSIGN(ExplanationView before, participation_->Explanation(member_, tender_));
  EXPECT_EQ(before.issuable, std::vector<std::string>{"penjelasan"});
  ASSERT_OK_AND_ASSIGN(std::int64_t id, participation_->IssueMinutes(member_, tender_, "penjelasan"));
  EXPECT_THAT(participation_->IssueMinutes(chair_, tender_, "penjelasan"),
              StatusIs(Code::kAlreadyExists, "minutes.already_issued"));
  ASSERT_OK_AND_ASSIGN(ExplanationView after, participation_->Explanation(Actor{}, tender_));
  ASSERT_EQ(after.minutes.size(), 1u);
  EXPECT_TRUE(after.issuable.empty());
  EXPECT_EQ(after.minutes[0].number, "BA-PP/" + after.tender.code + "/1");
  ASSERT_OK_AND_ASSIGN(auto file, participation_->MinutesPdf(Actor{}, tender_, id));
  std::ifstream in(file.path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str().rfind("%PDF-", 0), 0u);
  EXPECT_EQ(crypto_.Sha256Hex(bytes.str()), after.minutes[0].blob_sha256);
  EXPECT_EQ(AuditCount("aanwijzing.minutes"), 1);
  EXPECT_THAT(participation_->MinutesPdf(Actor{}, tender_, id + 1),
              StatusIs(Code::kNotFound, "minutes.not_found"));
}

}  // namespace
}  // namespace spse::app
