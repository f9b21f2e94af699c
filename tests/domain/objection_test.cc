// The objection and appeal rules (domain/objection.h, SGH-* in
// docs/rules.md): the Masa Sanggah window, who may object and how often,
// the answer deadline in working days, the consequences, the appeal's
// scope, period and guarantee, and what holds the award back.
#include "domain/objection.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr std::int64_t kMaju = 11, kRival = 12, kStranger = 13;

// A running tender whose sanggah stage runs [1000, 2000), with its
// announced decision naming two bidders.
struct Running {
  Running() {
    p.code = "uji";
    for (const char* code : {"pengumuman_pemenang", "sanggah", "sppbj"}) {
      StageSpec s;
      s.code = code;
      p.stages.push_back(s);
    }
    p.objection_answer_working_days = 3;
    p.appeal_types = {"konstruksi"};
    p.appeal_days = 5;
    p.appeal_guarantee_permille = 10;
    t.status = TenderStatus::kRunning;
    t.schedule = {{"pengumuman_pemenang", 0, 1000}, {"sanggah", 1000, 2000}, {"sppbj", 2000, 3000}};
    d.id = 7;
    d.announced_at = 900;
    BidderResult a, b;
    a.vendor_id = kMaju;
    b.vendor_id = kRival;
    d.results = {a, b};
    o.decision_id = 7;
    o.vendor_id = kMaju;
    o.reasons = "Harga terkoreksi salah dihitung.";
    o.attachments = {Attachment{"ab", "bukti.pdf", "application/pdf", 1000}};
  }
  ProcedureSpec p;
  Tender t;
  AwardDecision d;
  Objection o;
};

TEST(ObjectionTest, SGH_01_FiledOnlyWhileTheSanggahStageRuns) {
  Running r;
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 999),
              StatusIs(Code::kFailedPrecondition, "objection.period_not_started"));
  EXPECT_OK(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1000));
  EXPECT_OK(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1999));
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 2000),
              StatusIs(Code::kFailedPrecondition, "objection.period_over"));
  r.t.status = TenderStatus::kFailed;
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kFailedPrecondition, "tender.not_running"));
  r.t.status = TenderStatus::kRunning;
  r.p.stages.erase(r.p.stages.begin() + 1);
  r.t.schedule.erase(r.t.schedule.begin() + 1);
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kFailedPrecondition, "objection.no_stage"));
}

TEST(ObjectionTest, SGH_01_OnlyABidderOfTheAnnouncedDecisionInForceOncePerDecision) {
  Running r;
  EXPECT_THAT(CheckObjection(r.t, r.p, nullptr, {}, r.o, 1500),
              StatusIs(Code::kFailedPrecondition, "objection.not_announced"));
  AwardDecision revoked = r.d;
  revoked.revoked_at = 950;
  EXPECT_THAT(CheckObjection(r.t, r.p, &revoked, {}, r.o, 1500),
              StatusIs(Code::kFailedPrecondition, "objection.not_announced"));
  AwardDecision unannounced = r.d;
  unannounced.announced_at.reset();
  EXPECT_THAT(CheckObjection(r.t, r.p, &unannounced, {}, r.o, 1500),
              StatusIs(Code::kFailedPrecondition, "objection.not_announced"));
  Objection stranger = r.o;
  stranger.vendor_id = kStranger;
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, stranger, 1500),
              StatusIs(Code::kPermissionDenied, "objection.not_bidder"));
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {r.o}, r.o, 1500),
              StatusIs(Code::kAlreadyExists, "objection.already_filed"));
  // Another bidder, or the same one against a later decision, may object.
  Objection rival = r.o;
  rival.vendor_id = kRival;
  EXPECT_OK(CheckObjection(r.t, r.p, &r.d, {r.o}, rival, 1500));
  Objection earlier = r.o;
  earlier.decision_id = 6;
  EXPECT_OK(CheckObjection(r.t, r.p, &r.d, {earlier}, r.o, 1500));
}

TEST(ObjectionTest, SGH_01_ReasonsRequiredAndAtMostFivePdfAttachments) {
  Running r;
  r.o.reasons = "  \n";
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kInvalidArgument, "objection.reasons_required"));
  r.o.reasons = std::string(5001, 'x');
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kInvalidArgument, "objection.too_long"));
  r.o.reasons = std::string(5000, 'x');
  EXPECT_OK(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500));
  r.o.attachments.assign(5, r.o.attachments.front());
  EXPECT_OK(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500));
  r.o.attachments.push_back(r.o.attachments.front());
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kInvalidArgument, "objection.too_many_attachments"));
  r.o.attachments = {Attachment{"cd", "foto.png", "image/png", 1000}};
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kInvalidArgument, "objection.attachment_invalid"));
  r.o.attachments = {Attachment{"cd", "besar.pdf", "application/pdf", kMaxDocumentBytes + 1}};
  EXPECT_THAT(CheckObjection(r.t, r.p, &r.d, {}, r.o, 1500),
              StatusIs(Code::kInvalidArgument, "objection.attachment_invalid"));
}

TEST(ObjectionTest, SGH_02_TheAnswerIsDueThreeWorkingDaysAfterTheSanggahEnds) {
  ProcedureSpec p = Running().p;
  Tender t;
  t.status = TenderStatus::kRunning;
  WorkingCalendar cal;
  // Thursday 2026-01-08 16:00 WIB (09:00 UTC); Monday 12 is a holiday.
  cal.holidays = {"2026-01-12"};
  const Micros end = 1767862800LL * kMicrosPerSecond;
  t.schedule = {{"pengumuman_pemenang", end - 2 * kMicrosPerDay, end - kMicrosPerDay},
                {"sanggah", end - kMicrosPerDay, end},
                {"sppbj", end, end + kMicrosPerDay}};
  // Friday 9, (weekend), (holiday), Tuesday 13, Wednesday 14 at 16:00.
  auto due = AnswerDeadline(t, p, cal);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(*due, end + 6 * kMicrosPerDay);
  p.stages.erase(p.stages.begin() + 1);
  t.schedule.erase(t.schedule.begin() + 1);
  EXPECT_FALSE(AnswerDeadline(t, p, cal).has_value());
}

TEST(ObjectionTest, SGH_02_AnAnswerGivesItsTextAndAnUpheldOneItsConsequence) {
  EXPECT_THAT(CheckAnswer(false, " ", Consequence::kNone),
              StatusIs(Code::kInvalidArgument, "objection.answer_required"));
  EXPECT_THAT(CheckAnswer(false, std::string(5001, 'x'), Consequence::kNone),
              StatusIs(Code::kInvalidArgument, "objection.too_long"));
  EXPECT_OK(CheckAnswer(false, "Sanggah tidak beralasan.", Consequence::kNone));
  EXPECT_THAT(CheckAnswer(false, "Ditolak.", Consequence::kFail),
              StatusIs(Code::kInvalidArgument, "objection.consequence_invalid"));
  EXPECT_THAT(CheckAnswer(true, "Diterima.", Consequence::kNone),
              StatusIs(Code::kInvalidArgument, "objection.consequence_required"));
  EXPECT_OK(CheckAnswer(true, "Diterima.", Consequence::kReEvaluation));
  EXPECT_OK(CheckAnswer(true, "Diterima.", Consequence::kFail));
}

TEST(ObjectionTest, SGH_03_ConsequenceWords) {
  for (Consequence c : {Consequence::kNone, Consequence::kReEvaluation, Consequence::kFail}) {
    EXPECT_EQ(ParseConsequence(ConsequenceWord(c)), c);
  }
  EXPECT_EQ(ConsequenceWord(Consequence::kReEvaluation), "evaluasi_ulang");
  EXPECT_EQ(ConsequenceWord(Consequence::kFail), "gagal");
  EXPECT_FALSE(ParseConsequence("batal").has_value());
}

struct Rejected : Running {
  Rejected() {
    o.id = 3;
    o.answer = ObjectionAnswer{3, false, "Ditolak.", Consequence::kNone, 1, 10'000, false};
    a.objection_id = 3;
    a.vendor_id = kMaju;
    a.reasons = "Jawaban Pokja tidak menjawab pokok sanggah.";
    a.guarantee = {"Bank Jatim", "JSB-001", 12'000'000, 10'000 + 30 * kMicrosPerDay};
  }
  Appeal a;
  Money hps = Money::FromRupiah(1'200'000'000);
};

TEST(ObjectionTest, SGH_04_AppealOnlyForTheCataloguesTypesByTheRejectedObjector) {
  Rejected r;
  const Micros now = 20'000;
  EXPECT_OK(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, now));
  EXPECT_THAT(CheckAppeal(r.p, "barang", r.o, r.a, r.hps, now),
              StatusIs(Code::kFailedPrecondition, "appeal.not_allowed"));
  Appeal other = r.a;
  other.vendor_id = kRival;
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", r.o, other, r.hps, now),
              StatusIs(Code::kPermissionDenied, "appeal.not_objector"));
  Objection upheld = r.o;
  upheld.answer->upheld = true;
  upheld.answer->consequence = Consequence::kReEvaluation;
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", upheld, r.a, r.hps, now),
              StatusIs(Code::kFailedPrecondition, "appeal.not_rejected"));
  Objection unanswered = r.o;
  unanswered.answer.reset();
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", unanswered, r.a, r.hps, now),
              StatusIs(Code::kFailedPrecondition, "appeal.not_rejected"));
  Objection appealed = r.o;
  appealed.appeal = r.a;
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", appealed, r.a, r.hps, now),
              StatusIs(Code::kAlreadyExists, "appeal.already_filed"));
  // Five calendar days after the answer.
  EXPECT_OK(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, 10'000 + 5 * kMicrosPerDay - 1));
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, 10'000 + 5 * kMicrosPerDay),
              StatusIs(Code::kFailedPrecondition, "appeal.period_over"));
}

TEST(ObjectionTest, SGH_04_TheGuaranteeIsAtLeastOnePercentOfTheHpsAndStillValid) {
  Rejected r;
  const Micros now = 20'000;
  // 1% of Rp 1.200.000.000 = Rp 12.000.000.
  EXPECT_EQ(MinimumGuaranteeRupiah(r.p, r.hps), 12'000'000);
  EXPECT_EQ(MinimumGuaranteeRupiah(r.p, Money::FromSen(1)), 1);  // rounded up
  r.a.guarantee.amount_rupiah = 11'999'999;
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, now),
              StatusIs(Code::kInvalidArgument, "appeal.guarantee_too_low"));
  r.a.guarantee.amount_rupiah = 12'000'000;
  r.a.guarantee.valid_until = now;
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, now),
              StatusIs(Code::kInvalidArgument, "appeal.guarantee_expired"));
  r.a.guarantee.valid_until = now + 1;
  r.a.guarantee.number = "";
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, now),
              StatusIs(Code::kInvalidArgument, "appeal.guarantee_required"));
  r.a.guarantee.number = "JSB-001";
  r.a.reasons = "";
  EXPECT_THAT(CheckAppeal(r.p, "konstruksi", r.o, r.a, r.hps, now),
              StatusIs(Code::kInvalidArgument, "appeal.reasons_required"));
}

TEST(ObjectionTest, SGH_05_AnUnansweredObjectionOrAPendingAppealHoldsTheAwardBack) {
  Rejected r;
  Objection unanswered = r.o;
  unanswered.answer.reset();
  EXPECT_TRUE(ObjectionPending(r.p, "konstruksi", unanswered, 20'000));
  // Rejected: held back while an appeal may still come (construction only).
  EXPECT_TRUE(ObjectionPending(r.p, "konstruksi", r.o, 20'000));
  EXPECT_FALSE(ObjectionPending(r.p, "konstruksi", r.o, 10'000 + 5 * kMicrosPerDay));
  EXPECT_FALSE(ObjectionPending(r.p, "barang", r.o, 20'000));
  Objection appealed = r.o;
  appealed.appeal = r.a;
  EXPECT_TRUE(ObjectionPending(r.p, "konstruksi", appealed, 10 * kMicrosPerDay));
  appealed.appeal_answer = AppealAnswer{0, false, "Ditolak.", Consequence::kNone, 2, 30'000};
  EXPECT_FALSE(ObjectionPending(r.p, "konstruksi", appealed, 10 * kMicrosPerDay));
  EXPECT_TRUE(appealed.appeal_answer->guarantee_forfeited());
  Objection upheld = r.o;
  upheld.answer->upheld = true;
  EXPECT_FALSE(ObjectionPending(r.p, "konstruksi", upheld, 20'000));
}

}  // namespace
}  // namespace spse::domain
