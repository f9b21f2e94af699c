// Objections (sanggah), appeals (sanggah banding) and tender ulang through
// ObjectionService and TenderService (issue 6, items 4 and 8), after the
// evaluation fixture's award: PT Rival Konstruksi wins, CV Maju Jaya is
// second, CV Ketiga Abadi failed the administration. The package is
// construction, so appeals are allowed. Rule ids: SGH-* in docs/rules.md.
#include "app/objection_service.h"

#include "app/evaluation_fixture.h"

namespace spse::app {
namespace {

using domain::EvalStage;

class ObjectionServiceTest : public EvaluationFixture {
 protected:
  void SetUp() override {
    EvaluationFixture::SetUp();
    objections_ = std::make_unique<ObjectionService>(
        *store_, *composer_, clock_, catalogue_, [this] { return calendar_; },
        ObjectionConfig{kWib, kPublicUrl});
    pa_ = As("pa.dinas", domain::Role::kPaKpa);
    pa_.who.agency_id = agency_;
  }

  // The award decided and announced as in EVL-14; the clock in the
  // announcement stage.
  void Announced() {
    if (clock_.Now() < schedule_[Stage("evaluasi")].start) ThreeBidsOpened();
    AgreeAll(maju_);
    AgreeAll(rival_);
    AgreeAll(ketiga_, true);
    At("pembuktian");
    for (const Actor* a : {&rival_, &maju_}) {
      ASSERT_OK(evaluation_->InviteProof(chair_, tender_, a->who.user_id,
                                         clock_.Now() + kMicrosPerHour, "Ruang Pokja", "")
                    .status());
      ASSERT_OK(evaluation_->RecordProof(chair_, tender_, a->who.user_id, true, ""));
    }
    At("penetapan");
    ASSERT_OK(evaluation_->Decide(chair_, tender_).status());
    At("pengumuman_pemenang");
    ASSERT_OK(evaluation_->Announce(chair_, tender_));
  }

  std::int64_t FileAs(const Actor& who) {
    auto id = objections_->File(who, tender_, "Koreksi aritmatik atas penawaran kami keliru.",
                                {Pdf("bukti-perhitungan.pdf")});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // The objection answered as rejected, for the appeal tests.
  std::int64_t Rejected() {
    Announced();
    At("sanggah");
    const std::int64_t id = FileAs(maju_);
    EXPECT_OK(objections_->Answer(chair_, tender_, id, false, "Perhitungan Pokja sudah benar.", ""));
    return id;
  }

  AppealInput Guarantee(std::int64_t amount) {
    return AppealInput{"Jawaban Pokja tidak menjawab pokok sanggah.",
                       {"Bank Jatim", "JSB/2026/001", amount, clock_.Now() + 30 * kMicrosPerDay}};
  }

  std::vector<domain::InboxMessage> InboxOf(const Actor& a) {
    auto tx = store_->Begin(Access::kRead);
    EXPECT_TRUE(tx.ok());
    auto list = (*tx)->inbox().List(a.who.user_id, 20, 0);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<domain::InboxMessage>{};
  }

  bool Pending() {
    auto tx = store_->Begin(Access::kRead);
    EXPECT_TRUE(tx.ok());
    auto pending = objections_->HasPendingObjection(**tx, tender_);
    EXPECT_TRUE(pending.ok()) << pending.status().ToString();
    return pending.ok() && *pending;
  }

  std::unique_ptr<ObjectionService> objections_;
  Actor pa_;
};

TEST_F(ObjectionServiceTest, SGH_01_FiledOnlyInTheMasaSanggahByABidderOnce) {
  // Before the award is announced there is nothing to object to.
  ThreeBidsOpened();
  EXPECT_THAT(objections_->File(maju_, tender_, "Keberatan", {}).status(),
              StatusIs(Code::kFailedPrecondition, "objection.period_not_started"));
  Announced();
  At("sanggah");
  Actor stranger = Vendor("cv.lain", "CV Lain Sendiri");
  EXPECT_THAT(objections_->File(stranger, tender_, "Keberatan", {}).status(),
              StatusIs(Code::kPermissionDenied, "objection.not_bidder"));
  EXPECT_THAT(objections_->File(chair_, tender_, "Keberatan", {}).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(objections_->File(maju_, tender_, " ", {}).status(),
              StatusIs(Code::kInvalidArgument, "objection.reasons_required"));
  const std::int64_t id = FileAs(maju_);
  EXPECT_THAT(objections_->File(maju_, tender_, "Sekali lagi", {}).status(),
              StatusIs(Code::kAlreadyExists, "objection.already_filed"));
  // The losing bidder that failed the administration may object too.
  ASSERT_OK(objections_->File(ketiga_, tender_, "Surat penawaran kami ditandatangani.", {}).status());
  AfterEndOf("sanggah");
  EXPECT_THAT(objections_->File(rival_, tender_, "Terlambat", {}).status(),
              StatusIs(Code::kFailedPrecondition, "objection.period_over"));

  // Every Pokja member is told.
  for (const Actor* a : {&chair_, &member_, &third_}) {
    auto inbox = InboxOf(*a);
    ASSERT_FALSE(inbox.empty()) << a->who.username;
    EXPECT_NE(inbox.front().subject.find("Sanggah"), std::string::npos) << inbox.front().subject;
  }
  // The objector sees its reasons and attachment; another bidder only that it exists.
  ASSERT_OK_AND_ASSIGN(ObjectionsView mine, objections_->View(maju_, tender_));
  ASSERT_EQ(mine.objections.size(), 2u);
  EXPECT_EQ(mine.objections[0].objection.id, id);
  EXPECT_TRUE(mine.objections[0].full);
  EXPECT_EQ(mine.objections[0].objection.attachments.size(), 1u);
  EXPECT_EQ(mine.objections[0].company_name, "CV Maju Jaya");
  EXPECT_FALSE(mine.objections[1].full);
  EXPECT_EQ(mine.objections[1].objection.reasons, "");
  ASSERT_OK_AND_ASSIGN(ObjectionsView pokja, objections_->View(member_, tender_));
  EXPECT_TRUE(pokja.objections[1].full);
  EXPECT_OK(objections_->AttachmentOf(chair_, tender_, id, 0).status());
  EXPECT_THAT(objections_->AttachmentOf(rival_, tender_, id, 0).status(),
              StatusIs(Code::kNotFound, "objection.not_found"));
  EXPECT_TRUE(Pending());
}

TEST_F(ObjectionServiceTest, SGH_02_TheChairAnswersOnceAndALateAnswerIsMarked) {
  Announced();
  At("sanggah");
  const std::int64_t id = FileAs(maju_);
  EXPECT_THAT(objections_->Answer(member_, tender_, id, false, "Ditolak", ""),
              StatusIs(Code::kPermissionDenied, "objection.chair_only"));
  EXPECT_THAT(objections_->Answer(chair_, tender_, id, true, "Diterima", ""),
              StatusIs(Code::kInvalidArgument, "objection.consequence_required"));
  EXPECT_THAT(objections_->Answer(chair_, tender_, id + 99, false, "Ditolak", ""),
              StatusIs(Code::kNotFound, "objection.not_found"));
  // Past the deadline: the end of the sanggah stage plus 3 working days.
  ASSERT_OK_AND_ASSIGN(ObjectionsView before, objections_->View(chair_, tender_));
  ASSERT_TRUE(before.answer_deadline.has_value());
  EXPECT_EQ(*before.answer_deadline, calendar_.AddWorkingDays(schedule_[Stage("sanggah")].end, 3));
  clock_.Set(*before.answer_deadline + 1);
  ASSERT_OK(objections_->Answer(chair_, tender_, id, false, "Perhitungan Pokja sudah benar.", ""));
  EXPECT_THAT(objections_->Answer(chair_, tender_, id, false, "Lagi", ""),
              StatusIs(Code::kAlreadyExists, "objection.already_answered"));
  ASSERT_OK_AND_ASSIGN(ObjectionsView v, objections_->View(Actor{}, tender_));
  ASSERT_EQ(v.objections.size(), 1u);
  ASSERT_TRUE(v.objections[0].objection.answer.has_value());
  EXPECT_TRUE(v.objections[0].objection.answer->late);
  EXPECT_EQ(v.objections[0].objection.answer->text, "Perhitungan Pokja sudah benar.");
  EXPECT_EQ(v.objections[0].objection.answer->answered_by, chair_.who.user_id);
  EXPECT_EQ(v.objections[0].objection.reasons, "");  // not the public's to read
  // The objector is told; the answer is in the audit trail with who and when.
  auto inbox = InboxOf(maju_);
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("DITOLAK"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  AuditFilter f;
  f.action = "objection.answered";
  ASSERT_OK_AND_ASSIGN(auto audit, tx->audit().Query(f));
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_NE(audit[0].summary.find("TERLAMBAT"), std::string::npos);
}

TEST_F(ObjectionServiceTest, SGH_03_UpheldForReEvaluationRevokesTheDecisionAndJudgingOpensAgain) {
  Announced();
  At("sanggah");
  const std::int64_t id = FileAs(maju_);
  ASSERT_OK_AND_ASSIGN(EvaluationView before, evaluation_->View(chair_, tender_));
  EXPECT_THAT(before.may_judge, StatusIs(Code::kFailedPrecondition, "evaluation.decided"));
  ASSERT_OK(objections_->Answer(chair_, tender_, id, true, "Koreksi aritmatik diulang.",
                                "evaluasi_ulang"));
  ASSERT_OK_AND_ASSIGN(EvaluationView after, evaluation_->View(chair_, tender_));
  EXPECT_FALSE(after.decision.has_value());
  ASSERT_EQ(after.decisions.size(), 1u);
  ASSERT_TRUE(after.decisions[0].revoked_at.has_value());
  EXPECT_NE(after.decisions[0].revoked_reason.find("Koreksi aritmatik diulang."), std::string::npos);
  EXPECT_OK(after.may_judge);
  ASSERT_OK(evaluation_->Judge(chair_, tender_, ketiga_.who.user_id, true,
                               Criteria(EvalStage::kAdministration))
                .status());
  EXPECT_THAT(evaluation_->Results(Actor{}, tender_).status(),
              StatusIs(Code::kNotFound, "evaluation.not_announced"));
  // Every participant is told.
  for (const Actor* a : {&maju_, &rival_, &ketiga_}) {
    auto inbox = InboxOf(*a);
    ASSERT_FALSE(inbox.empty()) << a->who.username;
    EXPECT_NE(inbox.front().body.find("evaluasi ulang"), std::string::npos) << inbox.front().body;
  }
  EXPECT_FALSE(Pending());
}

TEST_F(ObjectionServiceTest, SGH_03_AfterReEvaluationTheStagesArePlannedAgainAndANewAwardCanBeObjectedTo) {
  Announced();
  At("sanggah");
  const std::int64_t first = FileAs(maju_);
  ASSERT_OK(objections_->Answer(chair_, tender_, first, true, "Koreksi aritmatik diulang.",
                                "evaluasi_ulang"));
  // The evaluation onwards again, two weeks later (the same weekdays).
  AfterEndOf("sanggah");
  domain::Schedule again = schedule_;
  for (size_t i = Stage("evaluasi"); i < again.size(); ++i) {
    again[i].start += 21 * kMicrosPerDay;
    again[i].end += 21 * kMicrosPerDay;
  }
  ASSERT_OK(service_->ChangeSchedule(member_, tender_, again, "Evaluasi ulang setelah sanggah diterima"));
  schedule_ = again;
  At("penetapan");
  ASSERT_OK_AND_ASSIGN(std::int64_t second, evaluation_->Decide(chair_, tender_));
  At("pengumuman_pemenang");
  ASSERT_OK(evaluation_->Announce(chair_, tender_));
  At("sanggah");
  // Once per vendor and decision: the same bidder may object to the new award.
  ASSERT_OK_AND_ASSIGN(std::int64_t next, objections_->File(maju_, tender_, "Masih keliru.", {}));
  ASSERT_OK_AND_ASSIGN(ObjectionsView v, objections_->View(chair_, tender_));
  ASSERT_EQ(v.objections.size(), 2u);
  EXPECT_EQ(v.objections[1].objection.id, next);
  EXPECT_EQ(v.objections[1].objection.decision_id, second);
  EXPECT_TRUE(Pending());
}

TEST_F(ObjectionServiceTest, SGH_03_UpheldAsGagalFailsTheTender) {
  Announced();
  At("sanggah");
  const std::int64_t id = FileAs(ketiga_);
  ASSERT_OK(objections_->Answer(chair_, tender_, id, true, "Dokumen pemilihan cacat.", "gagal"));
  ASSERT_OK_AND_ASSIGN(TenderView t, service_->Get(Actor{}, tender_));
  EXPECT_EQ(t.tender.status, TenderStatus::kFailed);
  EXPECT_NE(t.tender.end_reason.find("Dokumen pemilihan cacat."), std::string::npos);
  auto inbox = InboxOf(rival_);
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("gagal"), std::string::npos);
}

TEST_F(ObjectionServiceTest, SGH_04_AppealOnlyForConstructionWithAGuaranteeOfOnePercent) {
  const std::int64_t id = Rejected();
  EXPECT_TRUE(Pending());  // the appeal period runs
  EXPECT_THAT(objections_->Appeal(rival_, tender_, id, Guarantee(12'000'000)).status(),
              StatusIs(Code::kPermissionDenied, "appeal.not_objector"));
  // 1% of Rp 1.200.000.000.
  EXPECT_THAT(objections_->Appeal(maju_, tender_, id, Guarantee(11'999'999)).status(),
              StatusIs(Code::kInvalidArgument, "appeal.guarantee_too_low"));
  ASSERT_OK(objections_->Appeal(maju_, tender_, id, Guarantee(12'000'000)).status());
  EXPECT_THAT(objections_->Appeal(maju_, tender_, id, Guarantee(12'000'000)).status(),
              StatusIs(Code::kAlreadyExists, "appeal.already_filed"));
  auto inbox = InboxOf(pa_);
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("JSB/2026/001"), std::string::npos);
  EXPECT_TRUE(Pending());
}

TEST_F(ObjectionServiceTest, SGH_04_NoAppealForGoods) {
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK_AND_ASSIGN(auto package, tx->packages().FindById(package_));
    ASSERT_OK_AND_ASSIGN(auto item, tx->rup().FindById(package->rup_ids.front()));
    item->procurement_type = "barang";
    ASSERT_OK(tx->rup().Update(*item));
    ASSERT_OK(tx->Commit());
  }
  const std::int64_t id = Rejected();
  EXPECT_FALSE(Pending());
  EXPECT_THAT(objections_->Appeal(maju_, tender_, id, Guarantee(12'000'000)).status(),
              StatusIs(Code::kFailedPrecondition, "appeal.not_allowed"));
}

TEST_F(ObjectionServiceTest, SGH_05_ThePaKpaOfTheAgencyAnswersTheAppeal) {
  const std::int64_t id = Rejected();
  ASSERT_OK(objections_->Appeal(maju_, tender_, id, Guarantee(15'000'000)).status());
  Actor other_pa = As("pa.lain", domain::Role::kPaKpa);
  other_pa.who.agency_id = CreateSkpd("DINKES", "Dinas Kesehatan");
  EXPECT_THAT(objections_->AnswerAppeal(other_pa, tender_, id, false, "Ditolak", ""),
              StatusIs(Code::kPermissionDenied, "appeal.pa_kpa_only"));
  EXPECT_THAT(objections_->AnswerAppeal(chair_, tender_, id, false, "Ditolak", ""),
              StatusIs(Code::kPermissionDenied, "appeal.pa_kpa_only"));
  ASSERT_OK(objections_->AnswerAppeal(pa_, tender_, id, true, "Evaluasi harus diulang.",
                                      "evaluasi_ulang"));
  EXPECT_THAT(objections_->AnswerAppeal(pa_, tender_, id, false, "Lagi", ""),
              StatusIs(Code::kAlreadyExists, "appeal.already_answered"));
  ASSERT_OK_AND_ASSIGN(EvaluationView ev, evaluation_->View(chair_, tender_));
  EXPECT_FALSE(ev.decision.has_value());
  EXPECT_OK(ev.may_judge);
  ASSERT_OK_AND_ASSIGN(ObjectionsView v, objections_->View(pa_, tender_));
  ASSERT_TRUE(v.is_pa_kpa);
  ASSERT_TRUE(v.objections[0].objection.appeal_answer.has_value());
  EXPECT_TRUE(v.objections[0].objection.appeal_answer->upheld);
  EXPECT_FALSE(Pending());
}

TEST_F(ObjectionServiceTest, SGH_05_ARejectedAppealForfeitsTheGuaranteeAndReleasesTheAward) {
  const std::int64_t id = Rejected();
  ASSERT_OK(objections_->Appeal(maju_, tender_, id, Guarantee(12'000'000)).status());
  ASSERT_OK(objections_->AnswerAppeal(pa_, tender_, id, false, "Sanggah banding tidak beralasan.", ""));
  EXPECT_FALSE(Pending());
  auto inbox = InboxOf(maju_);
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("dicairkan"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(EvaluationView ev, evaluation_->View(chair_, tender_));
  EXPECT_TRUE(ev.decision.has_value());
}

TEST_F(ObjectionServiceTest, TenderUlangLinksTheFailedTenderAndItsSuccessorBothWays) {
  Announced();
  At("sanggah");
  const std::int64_t id = FileAs(ketiga_);
  ASSERT_OK(objections_->Answer(chair_, tender_, id, true, "Spesifikasi mengarah.", "gagal"));
  ASSERT_OK_AND_ASSIGN(TenderView failed, service_->Get(Actor{}, tender_));
  ASSERT_OK_AND_ASSIGN(std::int64_t again, service_->CreateDraft(member_, package_, "tender-pasca-satu-file",
                                                                 "harga_terendah_gugur"));
  ASSERT_OK_AND_ASSIGN(TenderView draft, service_->Get(member_, again));
  ASSERT_TRUE(draft.retender_of.has_value());
  EXPECT_EQ(draft.retender_of->id, tender_);
  EXPECT_EQ(draft.retender_of->code, failed.tender.code);
  // A draft is its Pokja's business: the public sees the link once it is published.
  ASSERT_OK_AND_ASSIGN(TenderView before, service_->Get(Actor{}, tender_));
  EXPECT_FALSE(before.retendered_as.has_value());
  ASSERT_OK_AND_ASSIGN(TenderView pokja, service_->Get(member_, tender_));
  ASSERT_TRUE(pokja.retendered_as.has_value());
  EXPECT_EQ(pokja.retendered_as->id, again);
  EXPECT_EQ(pokja.retendered_as->code, draft.tender.code);
}

}  // namespace
}  // namespace spse::app
