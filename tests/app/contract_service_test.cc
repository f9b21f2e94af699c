// The SPPBJ and the contract record through ContractService (issue 6,
// items 5 and 8), on the fixture's harga satuan package (HPS Rp
// 1.200.000.000, pagu Rp 1.500.000.000), copied for a real PPK, after an announced
// award decision naming PT Rival Konstruksi at Rp 1.150.000.000. The award
// itself is EvaluationService's (its own tests); it is stored here as the
// announcement leaves it. Rule ids: KTR-* in docs/rules.md.
#include "app/contract_service.h"

#include <cstdlib>
#include <fstream>

#include "app/tender_fixture.h"
#include "base/civil.h"
#include "domain/registration.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"

namespace spse::app {
namespace {

class ContractServiceTest : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    contracts_ = std::make_unique<ContractService>(
        *store_, *blobs_, printer_, *composer_, clock_, catalogue_,
        ContractConfig{"LPSE Kabupaten Bangkalan", kWib, kPublicUrl});
    ppk_ = As("ppk.dpupr", Role::kPpk);
    other_ppk_ = As("ppk.lain", Role::kPpk);
    {
      // A package of the PPK's own (the fixture's names the chair), like the
      // fixture's: one RUP item, the same HPS, handed to the same Pokja.
      ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
      ASSERT_OK_AND_ASSIGN(auto p, tx->packages().FindById(package_));
      ASSERT_OK_AND_ASSIGN(auto item, tx->rup().FindById(p->rup_ids.front()));
      item->id = 0;
      item->code.clear();
      item->name = "Rehabilitasi Jalan Ruas Kokop - Tanjung Bumi";
      ASSERT_OK_AND_ASSIGN(std::int64_t rup, tx->rup().Insert(*item));
      p->id = 0;
      p->code.clear();
      p->name = item->name;
      p->rup_ids = {rup};
      p->ppk_id = ppk_.who.user_id;
      ASSERT_OK_AND_ASSIGN(package_, tx->packages().Insert(*p, 2026));
      ASSERT_OK(tx->Commit());
    }
    rival_ = Vendor("pt.rival", "PT Rival Konstruksi");
    maju_ = Vendor("cv.maju", "CV Maju Jaya");
    tender_ = ReadyDraft();
    ASSERT_OK(service_->Publish(chair_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
    schedule_ = v.tender.schedule;
    code_ = v.tender.code;
    Announced();
  }

  // The decision as the Pokja decided and announced it.
  void Announced() {
    At("penetapan");
    domain::AwardDecision d;
    d.tender_id = tender_;
    d.winner_vendor_id = rival_.who.user_id;
    d.price_rupiah = 1'150'000'000;
    d.decided_by = chair_.who.user_id;
    d.decided_at = clock_.Now();
    d.minutes_number = "BA-HP/" + code_ + "/1";
    d.minutes_sha256 = std::string(64, 'b');
    d.minutes_size = 1;
    domain::BidderResult w;
    w.vendor_id = rival_.who.user_id;
    w.company_name = "PT Rival Konstruksi";
    w.rank = 1;
    w.winner = true;
    w.evaluated_price_rupiah = 1'150'000'000;
    domain::BidderResult l;
    l.vendor_id = maju_.who.user_id;
    l.company_name = "CV Maju Jaya";
    l.rank = 2;
    d.results = {w, l};
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK_AND_ASSIGN(decision_, tx->evaluation().InsertDecision(d));
    At("pengumuman_pemenang");
    ASSERT_OK(tx->evaluation().Announce(decision_, clock_.Now(), chair_.who.user_id));
    ASSERT_OK(tx->Commit());
  }

  std::string Today() { return ToLocal(clock_.Now(), kWib.offset_minutes).date; }

  ContractInput Signed(std::int64_t value = 1'150'000'000) {
    ContractInput in;
    in.number = "640/12/KONTRAK/433.101/2026";
    in.signed_on = Today();
    in.value_rupiah = value;
    in.duration_days = 180;
    in.ppk_name = "Ir. Moh. Hasan, M.T.";
    in.ppk_nip = "19780312 200501 1 004";
    in.vendor_signatory = "Abdul Rahman";
    in.vendor_position = "Direktur";
    return in;
  }

  std::string PdfText(const std::string& path) {
    const std::string out = (dir_ / "pdf.txt").string();
    const std::string cmd = "pdftotext -layout '" + path + "' '" + out + "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return "";
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  int AuditCount(const std::string& action) {
    auto tx = store_->Begin(Access::kRead);
    EXPECT_TRUE(tx.ok());
    AuditFilter f;
    f.action = action;
    auto entries = (*tx)->audit().Query(f);
    EXPECT_TRUE(entries.ok());
    int n = 0;
    for (const auto& e : *entries) n += e.action == action ? 1 : 0;
    return n;
  }

  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<ContractService> contracts_;
  Actor ppk_, other_ppk_, rival_, maju_;
  std::int64_t tender_ = 0, decision_ = 0;
  std::string code_;
};

TEST_F(ContractServiceTest, KTR_01_OnlyThePackagesPpkIssuesTheSppbjAndOnlyAfterTheSanggah) {
  // The Pokja chair (named PPK by the fixture once) holds no PPK role; a PPK
  // of another package does not even see the tender's contract page.
  EXPECT_THAT(contracts_->IssueSppbj(chair_, tender_, "").status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(contracts_->IssueSppbj(other_ppk_, tender_, "").status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  At("sanggah");
  EXPECT_THAT(contracts_->IssueSppbj(ppk_, tender_, "").status(),
              StatusIs(Code::kFailedPrecondition, "contract.objection_period"));
  ASSERT_OK_AND_ASSIGN(ContractView v, contracts_->View(ppk_, tender_));
  EXPECT_TRUE(v.is_ppk);
  EXPECT_THAT(v.may_issue, StatusIs(Code::kFailedPrecondition, "contract.objection_period"));
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  EXPECT_THAT(contracts_->IssueSppbj(ppk_, tender_, "").status(),
              StatusIs(Code::kAlreadyExists, "contract.sppbj_exists"));
}

TEST_F(ContractServiceTest, KTR_01_AnUnansweredObjectionHoldsTheSppbjBack) {
  At("sanggah");
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::Objection o;
    o.tender_id = tender_;
    o.decision_id = decision_;
    o.vendor_id = maju_.who.user_id;
    o.filed_at = clock_.Now();
    o.reasons = "Harga terkoreksi kami lebih rendah";
    ASSERT_OK(tx->objections().Insert(o).status());
    ASSERT_OK(tx->Commit());
  }
  AfterEndOf("sanggah");
  EXPECT_THAT(contracts_->IssueSppbj(ppk_, tender_, "").status(),
              StatusIs(Code::kFailedPrecondition, "contract.objection_pending"));
}

TEST_F(ContractServiceTest, KTR_01_TheSppbjNamesTheWinnerAndThePriceAndTellsTheWinner) {
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  ASSERT_OK_AND_ASSIGN(ContractView v, contracts_->View(ppk_, tender_));
  ASSERT_TRUE(v.sppbj.has_value());
  EXPECT_EQ(v.sppbj->number, "SPPBJ/" + code_ + "/1");
  EXPECT_EQ(v.sppbj->vendor_id, rival_.who.user_id);
  EXPECT_EQ(v.sppbj->price_rupiah, 1'150'000'000);
  EXPECT_EQ(v.sppbj->decision_id, decision_);
  ASSERT_OK_AND_ASSIGN(auto file, contracts_->SppbjPdf(ppk_, tender_));
  const std::string text = PdfText(file.path);
  EXPECT_NE(text.find("SURAT PENUNJUKAN PENYEDIA BARANG/JASA"), std::string::npos) << text;
  EXPECT_NE(text.find("PT Rival Konstruksi"), std::string::npos);
  EXPECT_NE(text.find("Rp 1.150.000.000,00"), std::string::npos);
  // The NPWP as official letters write it: 99.999.999.9-999.999.
  EXPECT_NE(text.find(domain::FormatNpwp(std::to_string(100000000000000 + rival_.who.user_id))),
            std::string::npos);
  EXPECT_NE(text.find("10.000.000.0-000."), std::string::npos) << text;
  EXPECT_NE(text.find("BA-HP/" + code_ + "/1"), std::string::npos);
  EXPECT_NE(text.find("Pejabat Pembuat Komitmen"), std::string::npos);
  EXPECT_EQ(AuditCount("contract.sppbj_issued"), 1);
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(rival_.who.user_id, 10, 0));
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("SPPBJ/" + code_ + "/1"), std::string::npos);
}

TEST_F(ContractServiceTest, KTR_01_ANumberThePpkTypesIsKept) {
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, " 027/15/SPPBJ/433.101/2026 ").status());
  ASSERT_OK_AND_ASSIGN(ContractView v, contracts_->View(ppk_, tender_));
  EXPECT_EQ(v.sppbj->number, "027/15/SPPBJ/433.101/2026");
}

TEST_F(ContractServiceTest, KTR_01_TheWinnerPokjaAndAuditorsReadOthersDoNot) {
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  ASSERT_OK(contracts_->View(rival_, tender_).status());
  ASSERT_OK(contracts_->SppbjPdf(rival_, tender_).status());
  ASSERT_OK(contracts_->View(member_, tender_).status());
  ASSERT_OK(contracts_->View(As("auditor.inspektorat", Role::kAuditor), tender_).status());
  EXPECT_THAT(contracts_->View(maju_, tender_).status(), StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(contracts_->SppbjPdf(maju_, tender_).status(), StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(contracts_->View(other_ppk_, tender_).status(), StatusIs(Code::kNotFound, "tender.not_found"));
  ASSERT_OK_AND_ASSIGN(ContractView v, contracts_->View(member_, tender_));
  EXPECT_FALSE(v.is_ppk);
  EXPECT_THAT(v.may_record, StatusIs(Code::kPermissionDenied, "contract.ppk_only"));
}

TEST_F(ContractServiceTest, KTR_02_TheContractFollowsTheSppbjAndItsDate) {
  AfterEndOf("sanggah");
  EXPECT_THAT(contracts_->RecordContract(ppk_, tender_, Signed()).status(),
              StatusIs(Code::kFailedPrecondition, "contract.no_sppbj"));
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  ContractInput in = Signed();
  in.signed_on = AddDays(Today(), -1);
  EXPECT_THAT(contracts_->RecordContract(ppk_, tender_, in).status(),
              StatusIs(Code::kInvalidArgument, "contract.date_before_sppbj"));
  in.signed_on = AddDays(Today(), 1);
  EXPECT_THAT(contracts_->RecordContract(ppk_, tender_, in).status(),
              StatusIs(Code::kInvalidArgument, "contract.date_future"));
  EXPECT_THAT(contracts_->RecordContract(chair_, tender_, Signed()).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
}

TEST_F(ContractServiceTest, KTR_03_TheValueIsAtMostTheAwardPrice) {
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  EXPECT_THAT(contracts_->RecordContract(ppk_, tender_, Signed(1'150'000'001)).status(),
              StatusIs(Code::kInvalidArgument, "contract.above_award"));
  ASSERT_OK(contracts_->RecordContract(ppk_, tender_, Signed(1'150'000'000)).status());
}

TEST_F(ContractServiceTest, KTR_04_TheContractFinishesTheTenderAndTellsTheWinner) {
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  ASSERT_OK(contracts_->RecordContract(ppk_, tender_, Signed(1'140'000'000)).status());
  ASSERT_OK_AND_ASSIGN(TenderView t, service_->Get(chair_, tender_));
  EXPECT_EQ(t.tender.status, TenderStatus::kDone);
  EXPECT_THAT(contracts_->RecordContract(ppk_, tender_, Signed()).status(),
              StatusIs(Code::kAlreadyExists, "contract.exists"));
  ASSERT_OK_AND_ASSIGN(auto file, contracts_->ContractPdf(ppk_, tender_, 1));
  const std::string text = PdfText(file.path);
  EXPECT_NE(text.find("RINGKASAN KONTRAK"), std::string::npos) << text;
  EXPECT_NE(text.find("640/12/KONTRAK/433.101/2026"), std::string::npos);
  EXPECT_NE(text.find("Rp 1.140.000.000,00"), std::string::npos);
  EXPECT_NE(text.find("180 hari kalender"), std::string::npos);
  EXPECT_NE(text.find("Abdul Rahman"), std::string::npos);
  EXPECT_NE(text.find("19780312 200501 1 004"), std::string::npos);
  EXPECT_EQ(AuditCount("contract.recorded"), 1);
  EXPECT_EQ(AuditCount("tender.finish"), 1);
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(rival_.who.user_id, 10, 0));
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("640/12/KONTRAK/433.101/2026"), std::string::npos);
}

TEST_F(ContractServiceTest, KTR_04_ACorrectionIsANewVisibleVersionWithItsReason) {
  AfterEndOf("sanggah");
  ASSERT_OK(contracts_->IssueSppbj(ppk_, tender_, "").status());
  EXPECT_THAT(contracts_->CorrectContract(ppk_, tender_, Signed()).status(),
              StatusIs(Code::kFailedPrecondition, "contract.not_recorded"));
  ASSERT_OK(contracts_->RecordContract(ppk_, tender_, Signed(1'140'000'000)).status());
  ContractInput fix = Signed(1'145'000'000);
  fix.number = "640/13/KONTRAK/433.101/2026";
  EXPECT_THAT(contracts_->CorrectContract(ppk_, tender_, fix).status(),
              StatusIs(Code::kInvalidArgument, "contract.reason_required"));
  fix.reason = "Salah ketik nomor dan nilai kontrak";
  ASSERT_OK(contracts_->CorrectContract(ppk_, tender_, fix).status());
  ASSERT_OK_AND_ASSIGN(ContractView v, contracts_->View(ppk_, tender_));
  ASSERT_EQ(v.contracts.size(), 2u);
  EXPECT_EQ(v.contracts[0].version, 1);
  EXPECT_EQ(v.contracts[0].value_rupiah, 1'140'000'000);  // kept as it was
  EXPECT_EQ(v.contracts[1].version, 2);
  EXPECT_EQ(v.contracts[1].number, "640/13/KONTRAK/433.101/2026");
  EXPECT_EQ(v.contracts[1].reason, "Salah ketik nomor dan nilai kontrak");
  EXPECT_EQ(AuditCount("contract.corrected"), 1);
  ASSERT_OK_AND_ASSIGN(auto file, contracts_->ContractPdf(ppk_, tender_, 2));
  EXPECT_NE(PdfText(file.path).find("Salah ketik nomor dan nilai kontrak"), std::string::npos);
  ASSERT_OK(contracts_->ContractPdf(ppk_, tender_, 1).status());
  EXPECT_THAT(contracts_->ContractPdf(ppk_, tender_, 3).status(),
              StatusIs(Code::kNotFound, "contract.not_found"));
}

TEST_F(ContractServiceTest, ThePpkFindsThePackagesTenders) {
  ASSERT_OK_AND_ASSIGN(auto mine, contracts_->TendersOfPackage(ppk_, package_));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, tender_);
  ASSERT_OK_AND_ASSIGN(auto theirs, contracts_->TendersOfPackage(other_ppk_, package_));
  EXPECT_TRUE(theirs.empty());
}

}  // namespace
}  // namespace spse::app
