// Evaluation, qualification proof and award through EvaluationService
// (issue 6, items 1-3 and 8), on the shipped catalogue's Harga Terendah
// Sistem Gugur for a harga satuan package (HPS: 4.000 m2 x Rp 300.000 =
// Rp 1.200.000.000). Bids are stored as the opening leaves them (opened,
// with their price forms); the cryptography is the opening's own tests'.
// Rule ids: EVL-* in docs/rules.md.
#include "app/evaluation_service.h"

#include "app/evaluation_fixture.h"

namespace spse::app {
namespace {

using domain::EvalStage;
using domain::StageOutcome;

using EvaluationServiceTest = EvaluationFixture;

TEST_F(EvaluationServiceTest, EVL_01_OnlyTheTendersPokjaJudgesAndOnlyAfterTheOpening) {
  At("upload_penawaran");
  Bid(maju_, 1'100'000'000, "4000", 290'000, kMicrosPerHour);
  At("pembukaan");
  auto in = Criteria(EvalStage::kAdministration);
  EXPECT_THAT(evaluation_->Judge(member_, tender_, maju_.who.user_id, false, in).status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.not_opened"));
  Open();
  EXPECT_THAT(evaluation_->Judge(outsider_, tender_, maju_.who.user_id, false, in).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(evaluation_->Judge(maju_, tender_, maju_.who.user_id, false, in).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(evaluation_->Judge(member_, tender_, maju_.who.user_id, true, in).status(),
              StatusIs(Code::kPermissionDenied, "evaluation.chair_only"));
  EXPECT_THAT(evaluation_->Judge(member_, tender_, rival_.who.user_id, false, in).status(),
              StatusIs(Code::kNotFound, "evaluation.bidder_unknown"));
  ASSERT_OK_AND_ASSIGN(int stored, evaluation_->Judge(member_, tender_, maju_.who.user_id, false, in));
  EXPECT_EQ(stored, static_cast<int>(in.size()));
  // The same judgement again stores nothing.
  ASSERT_OK_AND_ASSIGN(stored, evaluation_->Judge(member_, tender_, maju_.who.user_id, false, in));
  EXPECT_EQ(stored, 0);
  // The outsider cannot read the page either; an auditor can, read-only.
  EXPECT_THAT(evaluation_->View(outsider_, tender_).status(), StatusIs(Code::kNotFound, "tender.not_found"));
  Actor auditor = As("auditor.inspektorat", Role::kAuditor);
  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(auditor, tender_));
  EXPECT_FALSE(v.runs);
  EXPECT_EQ(v.bidders.size(), 1u);
}

TEST_F(EvaluationServiceTest, EVL_02_AFailureNeedsItsReasonAndACorrectionIsANewVisibleEntry) {
  ThreeBidsOpened();
  auto in = Criteria(EvalStage::kAdministration);
  in[0].pass = false;
  in[0].reason = "";
  EXPECT_THAT(evaluation_->Judge(member_, tender_, maju_.who.user_id, false, in).status(),
              StatusIs(Code::kInvalidArgument, "evaluation.reason_required"));
  in[0].reason = "Masa berlaku penawaran kurang";
  ASSERT_OK(evaluation_->Judge(member_, tender_, maju_.who.user_id, false, in).status());
  in[0].pass = true;
  in[0].reason = "Dikoreksi: masa berlaku tertera di halaman 2";
  ASSERT_OK(evaluation_->Judge(member_, tender_, maju_.who.user_id, false, {in[0]}).status());

  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(chair_, tender_));
  const auto& maju = Of(v, maju_);
  const auto& first = maju.criteria.front();
  ASSERT_EQ(first.views.size(), 1u);
  EXPECT_TRUE(first.views[0].pass);  // the latest counts
  EXPECT_EQ(first.views[0].reason, "Dikoreksi: masa berlaku tertera di halaman 2");
  // Both entries stay, newest first; and both are in the audit trail.
  int seen = 0;
  for (const auto& j : v.history) {
    if (j.criterion == first.criterion->code && j.vendor_id == maju_.who.user_id) ++seen;
  }
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(v.history.front().reason, "Dikoreksi: masa berlaku tertera di halaman 2");
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  AuditFilter judged_only;
  judged_only.action = "evaluation.judged";
  ASSERT_OK_AND_ASSIGN(auto audit, tx->audit().Query(judged_only));
  int judged = 0;
  for (const auto& e : audit) judged += e.action == "evaluation.judged" ? 1 : 0;
  EXPECT_EQ(judged, 2);
  // Nothing agreed yet: the chair is offered the members' majority.
  ASSERT_TRUE(first.suggestion.has_value());
  EXPECT_TRUE(first.suggestion->pass);
  EXPECT_FALSE(first.agreed.has_value());
}

TEST_F(EvaluationServiceTest, EVL_03_TheRankingUsesTheCorrectedPriceNotTheStatedOne) {
  ThreeBidsOpened();
  AgreeAll(maju_);
  AgreeAll(rival_);
  AgreeAll(ketiga_, /*fail_admin=*/true);
  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(chair_, tender_));
  const auto& maju = Of(v, maju_);
  ASSERT_TRUE(maju.price.has_value());
  EXPECT_EQ(maju.price->stated_rupiah, 1'100'000'000);
  EXPECT_EQ(maju.price->corrected_rupiah, 1'160'000'000);
  const auto& ketiga = Of(v, ketiga_);
  EXPECT_EQ(ketiga.price->corrected_rupiah, 1'200'000'000);
  ASSERT_EQ(ketiga.price->lines.size(), 1u);
  EXPECT_TRUE(ketiga.price->lines[0].quantity_adjusted);
  EXPECT_EQ(ketiga.result.administration, StageOutcome::kFailed);
  EXPECT_NE(ketiga.result.fail_reason.find("Surat penawaran tidak ditandatangani"), std::string::npos);
  EXPECT_EQ(ketiga.result.rank, 0);
  // PT Rival (Rp 1.150.000.000) ranks before CV Maju Jaya (Rp 1.160.000.000
  // corrected), although CV Maju Jaya stated the lower price.
  EXPECT_EQ(Of(v, rival_).result.rank, 1);
  EXPECT_EQ(maju.result.rank, 2);
  EXPECT_EQ(v.bidders.front().vendor_id, rival_.who.user_id);
}

TEST_F(EvaluationServiceTest, EVL_11_TheProofIsInvitedByInboxWithinItsStageAndRecordedByTheChair) {
  ThreeBidsOpened();
  AgreeAll(maju_);
  AgreeAll(rival_);
  AgreeAll(ketiga_, true);
  const Micros proof_at = schedule_[Stage("pembuktian")].start + kMicrosPerHour;
  EXPECT_THAT(evaluation_->InviteProof(member_, tender_, rival_.who.user_id, proof_at, "Ruang Pokja", "").status(),
              StatusIs(Code::kPermissionDenied, "evaluation.chair_only"));
  EXPECT_THAT(evaluation_->InviteProof(chair_, tender_, ketiga_.who.user_id, proof_at, "Ruang Pokja", "").status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.not_ranked"));
  EXPECT_THAT(evaluation_->InviteProof(chair_, tender_, rival_.who.user_id, clock_.Now() - 1, "Ruang Pokja", "").status(),
              StatusIs(Code::kInvalidArgument, "evaluation.proof_time_invalid"));
  EXPECT_THAT(evaluation_->RecordProof(chair_, tender_, rival_.who.user_id, true, ""),
              StatusIs(Code::kFailedPrecondition, "evaluation.not_invited"));
  ASSERT_OK(evaluation_->InviteProof(chair_, tender_, rival_.who.user_id, proof_at,
                                     "Ruang Rapat ULP, Lt. 2", "Akta, NIB, NPWP asli").status());
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(rival_.who.user_id, 10, 0));
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().subject.find("pembuktian"), std::string::npos);
  EXPECT_NE(inbox.front().body.find("Ruang Rapat ULP, Lt. 2"), std::string::npos);
  tx.reset();
  EXPECT_THAT(evaluation_->RecordProof(chair_, tender_, rival_.who.user_id, false, " "),
              StatusIs(Code::kInvalidArgument, "evaluation.reason_required"));
  ASSERT_OK(evaluation_->RecordProof(chair_, tender_, rival_.who.user_id, true, ""));
  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(chair_, tender_));
  EXPECT_EQ(Of(v, rival_).result.proof, StageOutcome::kPassed);
}

TEST_F(EvaluationServiceTest, EVL_12_TheChairDecidesInThePenetapanStageAndTheResultsFreeze) {
  ThreeBidsOpened();
  AgreeAll(maju_);
  AgreeAll(rival_);
  AgreeAll(ketiga_, true);
  At("pembuktian");
  for (const Actor* a : {&rival_, &maju_}) {
    ASSERT_OK(evaluation_->InviteProof(chair_, tender_, a->who.user_id,
                                       clock_.Now() + kMicrosPerHour, "Ruang Pokja", "").status());
    ASSERT_OK(evaluation_->RecordProof(chair_, tender_, a->who.user_id, true, ""));
  }
  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(chair_, tender_));
  EXPECT_TRUE(v.outcome.complete);
  EXPECT_EQ(v.outcome.winner_vendor_id, rival_.who.user_id);
  EXPECT_THAT(evaluation_->Decide(chair_, tender_).status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.stage_not_started"));
  At("penetapan");
  EXPECT_THAT(evaluation_->Decide(member_, tender_).status(),
              StatusIs(Code::kPermissionDenied, "evaluation.chair_only"));
  ASSERT_OK_AND_ASSIGN(std::int64_t decision, evaluation_->Decide(chair_, tender_));
  EXPECT_THAT(evaluation_->Decide(chair_, tender_).status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.decided"));
  // Nothing changes after the decision.
  EXPECT_THAT(evaluation_->Judge(chair_, tender_, maju_.who.user_id, true, Criteria(EvalStage::kAdministration, true)).status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.decided"));

  ASSERT_OK_AND_ASSIGN(v, evaluation_->View(chair_, tender_));
  ASSERT_TRUE(v.decision.has_value());
  EXPECT_EQ(v.decision->id, decision);
  EXPECT_EQ(v.decision->winner_vendor_id, rival_.who.user_id);
  EXPECT_EQ(v.decision->price_rupiah, 1'150'000'000);
  ASSERT_EQ(v.decision->results.size(), 3u);
  EXPECT_TRUE(v.decision->results[0].winner);
  // The Berita Acara Hasil Pemilihan names the bidders, the prices, the winner.
  ASSERT_OK_AND_ASSIGN(auto ba, evaluation_->MinutesPdf(chair_, tender_, decision));
  const std::string text = PdfText(ba.path);
  EXPECT_NE(text.find("BERITA ACARA HASIL PEMILIHAN"), std::string::npos) << text;
  EXPECT_NE(text.find("PT Rival Konstruksi"), std::string::npos);
  EXPECT_NE(text.find("Rp 1.160.000.000,00"), std::string::npos);  // CV Maju Jaya corrected
  EXPECT_NE(text.find("Rp 1.100.000.000,00"), std::string::npos);  // ... and as stated
  EXPECT_NE(text.find("PEMENANG"), std::string::npos);
  EXPECT_NE(text.find("Surat penawaran tidak ditandatangani"), std::string::npos);
  // The Pokja decides on the evaluation and the proof, and signs.
  EXPECT_NE(text.find("Pokja Pemilihan menetapkan"), std::string::npos) << text;
  EXPECT_NE(text.find("pembuktian kualifikasi."), std::string::npos) << text;
  EXPECT_NE(text.find("Ketua Pokja Pemilihan"), std::string::npos);
  // Not public before the announcement.
  EXPECT_THAT(evaluation_->MinutesPdf(Actor{}, tender_, decision).status(),
              StatusIs(Code::kNotFound, "minutes.not_found"));
}

TEST_F(EvaluationServiceTest, EVL_14_TheAnnouncementMakesTheResultsPublicAndTellsTheBidders) {
  ThreeBidsOpened();
  AgreeAll(maju_);
  AgreeAll(rival_);
  AgreeAll(ketiga_, true);
  At("pembuktian");
  for (const Actor* a : {&rival_, &maju_}) {
    ASSERT_OK(evaluation_->InviteProof(chair_, tender_, a->who.user_id,
                                       clock_.Now() + kMicrosPerHour, "Ruang Pokja", "").status());
    ASSERT_OK(evaluation_->RecordProof(chair_, tender_, a->who.user_id, true, ""));
  }
  At("penetapan");
  EXPECT_THAT(evaluation_->Announce(chair_, tender_),
              StatusIs(Code::kFailedPrecondition, "evaluation.not_decided"));
  ASSERT_OK_AND_ASSIGN(std::int64_t decision, evaluation_->Decide(chair_, tender_));
  EXPECT_THAT(evaluation_->Results(Actor{}, tender_).status(),
              StatusIs(Code::kNotFound, "evaluation.not_announced"));
  EXPECT_THAT(evaluation_->Announce(chair_, tender_),
              StatusIs(Code::kFailedPrecondition, "evaluation.stage_not_started"));
  At("pengumuman_pemenang");
  ASSERT_OK(evaluation_->Announce(chair_, tender_));
  EXPECT_THAT(evaluation_->Announce(chair_, tender_),
              StatusIs(Code::kFailedPrecondition, "evaluation.already_announced"));
  ASSERT_OK_AND_ASSIGN(ResultsView r, evaluation_->Results(Actor{}, tender_));
  EXPECT_EQ(r.winner_name, "PT Rival Konstruksi");
  EXPECT_EQ(r.decision.id, decision);
  ASSERT_OK(evaluation_->MinutesPdf(Actor{}, tender_, decision).status());
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  // Every participant is told, the losing ones too.
  for (const Actor* a : {&maju_, &rival_, &ketiga_}) {
    ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(a->who.user_id, 10, 0));
    ASSERT_FALSE(inbox.empty()) << a->who.username;
    EXPECT_NE(inbox.front().body.find("PT Rival Konstruksi"), std::string::npos);
  }
  AuditFilter evaluation_only;
  evaluation_only.action = "evaluation.";
  ASSERT_OK_AND_ASSIGN(auto audit, tx->audit().Query(evaluation_only));
  bool decided = false, announced = false;
  for (const auto& e : audit) {
    decided = decided || e.action == "evaluation.decided";
    announced = announced || e.action == "evaluation.announced";
  }
  EXPECT_TRUE(decided);
  EXPECT_TRUE(announced);
}

TEST_F(EvaluationServiceTest, EVL_13_NoBidPassingFailsTheSelection) {
  ThreeBidsOpened();
  AgreeAll(maju_, true);
  AgreeAll(rival_, true);
  AgreeAll(ketiga_, true);
  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(chair_, tender_));
  EXPECT_TRUE(v.outcome.complete);
  EXPECT_FALSE(v.outcome.winner_vendor_id.has_value());
  EXPECT_EQ(v.outcome.failure, "evaluation.none_passed");
  At("penetapan");
  ASSERT_OK(evaluation_->Decide(chair_, tender_).status());
  ASSERT_OK_AND_ASSIGN(TenderView t, service_->Get(chair_, tender_));
  EXPECT_EQ(t.tender.status, TenderStatus::kFailed);
  EXPECT_NE(t.tender.end_reason.find("tidak ada penawaran yang memenuhi persyaratan"), std::string::npos);
  // The failure is public at once.
  ASSERT_OK_AND_ASSIGN(ResultsView r, evaluation_->Results(Actor{}, tender_));
  EXPECT_FALSE(r.decision.winner_vendor_id.has_value());
}

// A Pengadaan Langsung of the same works, run by a Pejabat Pengadaan.
class NonTenderEvaluationTest : public EvaluationServiceTest {
 protected:
  void SetUp() override {
    EvaluationServiceTest::SetUp();
    official_ = As("pp.dpupr", Role::kPejabatPengadaan);
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::RupItem item;
    item.agency_id = agency_;
    item.name = "Pemeliharaan Jalan Lingkungan Desa Kramat";
    item.fiscal_year = 2026;
    item.pagu = Money::FromRupiah(1'250'000'000);
    item.funding = "APBD";
    item.procurement_type = "konstruksi";
    item.method = "pengadaan_langsung";
    item.selection_from = 1;
    item.selection_to = 2;
    item.work_from = 3;
    item.work_to = 9;
    item.location = "Bangkalan";
    item.description = "Uji";
    item.status = domain::RupStatus::kPublished;
    item.created_by = official_.who.user_id;
    ASSERT_OK_AND_ASSIGN(std::int64_t rup, tx->rup().Insert(item));
    domain::Package p;
    p.agency_id = agency_;
    p.ppk_id = official_.who.user_id;
    p.name = item.name;
    p.rup_ids = {rup};
    p.contract_type = "harga_satuan";
    p.qualification = "kecil";
    p.hps = {{"Lapis AC-WC", "m2", 400000, Money::FromRupiah(300'000)}};
    p.status = domain::PackageStatus::kAssigned;
    p.official_id = official_.who.user_id;
    ASSERT_OK_AND_ASSIGN(std::int64_t package, tx->packages().Insert(p, 2026));
    ASSERT_OK(tx->Commit());
    ASSERT_OK_AND_ASSIGN(tender_, service_->CreateDraft(official_, package, "pengadaan-langsung",
                                                       "harga_terendah_gugur"));
    ASSERT_OK(documents_->AddDocument(official_, tender_, "dokumen_pemilihan",
                                      Pdf("dokumen-pengadaan-langsung.pdf"), "").status());
    ASSERT_OK(service_->Publish(official_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(official_, tender_));
    schedule_ = v.tender.schedule;
  }

  void AgreeAllAsOfficial(const Actor& vendor) {
    for (EvalStage s : {EvalStage::kAdministration, EvalStage::kTechnical, EvalStage::kQualification}) {
      auto in = Criteria(s);
      if (in.empty()) continue;
      ASSERT_OK(evaluation_->Judge(official_, tender_, vendor.who.user_id, true, in).status());
    }
  }

  Actor official_;
};

TEST_F(NonTenderEvaluationTest, NEG_01_TheOfficialNegotiatesDownOnlyInItsStageAndTheAwardTakesTheAgreedPrice) {
  At("upload_penawaran");
  Bid(maju_, 1'100'000'000, "4000", 290'000, kMicrosPerHour);     // corrected 1.160.000.000
  Bid(rival_, 1'150'000'000, "4000", 287'500, 2 * kMicrosPerHour);
  At("pembukaan");
  Open();
  At("evaluasi");
  AgreeAllAsOfficial(maju_);
  AgreeAllAsOfficial(rival_);
  ASSERT_OK_AND_ASSIGN(EvaluationView v, evaluation_->View(official_, tender_));
  EXPECT_TRUE(v.judges_qualification);
  EXPECT_TRUE(v.outcome.complete);
  EXPECT_EQ(v.candidate_vendor_id, rival_.who.user_id);
  EXPECT_THAT(evaluation_->RecordNegotiation(official_, tender_, 1'120'000'000, "Harga satuan disepakati").status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.stage_not_started"));

  At("klarifikasi_negosiasi");
  // No decision before the negotiation; the Pokja chair of another package finds nothing.
  EXPECT_THAT(evaluation_->Decide(official_, tender_).status(),
              StatusIs(Code::kFailedPrecondition, "negotiation.required"));
  EXPECT_THAT(evaluation_->RecordNegotiation(chair_, tender_, 1'120'000'000, "x").status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(evaluation_->RecordNegotiation(official_, tender_, 1'150'000'001, "Naik").status(),
              StatusIs(Code::kInvalidArgument, "negotiation.above_offer"));
  EXPECT_THAT(evaluation_->RecordNegotiation(official_, tender_, 1'120'000'000, "  ").status(),
              StatusIs(Code::kInvalidArgument, "negotiation.notes_required"));
  ASSERT_OK_AND_ASSIGN(std::int64_t first, evaluation_->RecordNegotiation(
      official_, tender_, 1'120'000'000, "Harga satuan Lapis AC-WC disepakati Rp 280.000/m2"));
  // A correction is new minutes; the first stays.
  ASSERT_OK_AND_ASSIGN(std::int64_t second, evaluation_->RecordNegotiation(
      official_, tender_, 1'110'000'000, "Koreksi: Rp 277.500/m2 setelah klarifikasi metode kerja"));
  ASSERT_OK_AND_ASSIGN(v, evaluation_->View(official_, tender_));
  ASSERT_EQ(v.negotiations.size(), 2u);
  ASSERT_TRUE(v.negotiation.has_value());
  EXPECT_EQ(v.negotiation->id, second);
  EXPECT_EQ(v.negotiation->offered_rupiah, 1'150'000'000);
  ASSERT_OK_AND_ASSIGN(auto ba, evaluation_->NegotiationPdf(official_, tender_, second));
  const std::string text = PdfText(ba.path);
  EXPECT_NE(text.find("BERITA ACARA KLARIFIKASI TEKNIS DAN NEGOSIASI HARGA"), std::string::npos) << text;
  EXPECT_NE(text.find("PT Rival Konstruksi"), std::string::npos);
  EXPECT_NE(text.find("Rp 1.110.000.000,00"), std::string::npos);
  EXPECT_NE(text.find("mengoreksi BA-NG/"), std::string::npos);
  // The vendor negotiated with reads its minutes; the other does not.
  ASSERT_OK(evaluation_->NegotiationPdf(rival_, tender_, first).status());
  EXPECT_THAT(evaluation_->NegotiationPdf(maju_, tender_, first).status(),
              StatusIs(Code::kNotFound, "minutes.not_found"));

  // The decision takes the agreed price and is announced with it at once.
  ASSERT_OK_AND_ASSIGN(std::int64_t decision, evaluation_->Decide(official_, tender_));
  ASSERT_OK_AND_ASSIGN(ResultsView r, evaluation_->Results(Actor{}, tender_));
  EXPECT_EQ(r.winner_name, "PT Rival Konstruksi");
  EXPECT_EQ(r.decision.price_rupiah, 1'110'000'000);
  EXPECT_TRUE(r.decision.announced_at.has_value());
  // Its Berita Acara is the Pejabat Pengadaan's, on the evaluation and the
  // negotiation (a Pengadaan Langsung has no Pokja and no proof stage).
  ASSERT_OK_AND_ASSIGN(auto award_ba, evaluation_->MinutesPdf(official_, tender_, decision));
  const std::string award = PdfText(award_ba.path);
  EXPECT_NE(award.find("Pejabat Pengadaan menetapkan"), std::string::npos) << award;
  EXPECT_NE(award.find("klarifikasi dan negosiasi."), std::string::npos) << award;
  EXPECT_EQ(award.find("Pokja"), std::string::npos) << award;
}
}  // namespace
}  // namespace spse::app
