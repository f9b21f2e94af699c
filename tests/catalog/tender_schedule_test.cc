// A published tender's schedule over time, on the shipped catalogue: the
// current stage, the boundaries the scheduler acts on (each exactly once,
// however the time is cut by restarts), and changes of a published schedule.
#include "domain/tender_schedule.h"

#include <gtest/gtest.h>

#include "catalog/catalogue_loader.h"
#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

Micros Wib(const char* date, int hour, int minute = 0) { return FromLocal(date, hour * 60 + minute, 7 * 60); }

class TenderSchedule : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    ASSERT_OK(c.status());
    catalogue_ = *c;
    p_ = catalogue_.Find("tender-pasca-satu-file");
    ASSERT_NE(p_, nullptr);
    s_ = ProposeSchedule(*p_, Wib("2027-01-04", 9), cal_);  // Monday
  }
  size_t Index(std::string_view code) const {
    for (size_t i = 0; i < s_.size(); ++i) {
      if (s_[i].stage == code) return i;
    }
    ADD_FAILURE() << code;
    return 0;
  }
  std::string CurrentAt(Micros t) const {
    CurrentStage c = CurrentStageAt(s_, t);
    if (!c.index) return "-";
    return s_[*c.index].stage + (c.running ? "" : " (selesai)");
  }
  Catalogue catalogue_;
  const ProcedureSpec* p_ = nullptr;
  WorkingCalendar cal_;
  Schedule s_;
};

TEST_F(TenderSchedule, TheCurrentStageIsTheLatestThatStartedAndIsRunning) {
  EXPECT_EQ(CurrentAt(Wib("2027-01-04", 8)), "-") << "before the announcement";
  EXPECT_EQ(CurrentAt(Wib("2027-01-04", 9)), "pengumuman") << "not the download, which starts with it";
  EXPECT_EQ(CurrentAt(s_[Index("penjelasan")].start), "penjelasan");
  EXPECT_EQ(CurrentAt(s_[Index("upload_penawaran")].start + kMicrosPerHour), "upload_penawaran");
  EXPECT_EQ(CurrentAt(s_[Index("kontrak")].end + kMicrosPerDay), "kontrak (selesai)");
}

// Issue 4, item 9: restarting the server neither skips nor repeats a transition.
TEST_F(TenderSchedule, EveryBoundaryIsSeenExactlyOnceHoweverTheTimeIsCut) {
  const Micros from = Wib("2027-01-01", 0);
  const Micros to = Wib("2027-03-01", 0);
  const auto all = EventsBetween(s_, from, to);
  ASSERT_EQ(all.size(), 2 * s_.size()) << "every start and end";
  EXPECT_TRUE(all.front().start);
  EXPECT_EQ(all.front().stage, Index("pengumuman"));
  // Cut at every boundary, just before, just after, and at odd moments.
  std::vector<Micros> cuts;
  for (const auto& e : all) cuts.insert(cuts.end(), {e.at - 1, e.at, e.at + 1});
  for (Micros step = from; step < to; step += 37 * kMicrosPerHour) cuts.push_back(step);
  std::sort(cuts.begin(), cuts.end());
  std::vector<StageEvent> pieced;
  Micros last = from;
  for (Micros cut : cuts) {
    if (cut <= last || cut > to) continue;
    for (const auto& e : EventsBetween(s_, last, cut)) pieced.push_back(e);
    last = cut;
  }
  for (const auto& e : EventsBetween(s_, last, to)) pieced.push_back(e);
  ASSERT_EQ(pieced.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(pieced[i].at, all[i].at);
    EXPECT_EQ(pieced[i].stage, all[i].stage);
    EXPECT_EQ(pieced[i].start, all[i].start);
  }
}

TEST_F(TenderSchedule, AChangeNeedsAReasonKeepsThePastAndIsCountedPerStage) {
  const std::vector<int> none(s_.size(), 0);
  const Micros now = s_[Index("penjelasan")].start + kMicrosPerHour;  // during the clarification
  Schedule later = s_;
  // Move the bid deadline (and what follows, and the download's end) a week on.
  for (size_t i = Index("upload_penawaran"); i < later.size(); ++i) {
    if (i != Index("upload_penawaran")) later[i].start += 7 * kMicrosPerDay;
    later[i].end += 7 * kMicrosPerDay;
  }
  later[Index("download_dokumen")].end = later[Index("upload_penawaran")].end;

  EXPECT_THAT(ChangeSchedule(*p_, s_, none, later, "  ", now, cal_),
              StatusIs(Code::kInvalidArgument, "schedule.reason_required"));
  ASSERT_OK_AND_ASSIGN(ScheduleChange ok,
                       ChangeSchedule(*p_, s_, none, later, "Addendum spesifikasi teknis", now, cal_));
  EXPECT_EQ(ok.changes[Index("pengumuman")], 0);
  EXPECT_EQ(ok.changes[Index("download_dokumen")], 1);
  EXPECT_EQ(ok.changes[Index("upload_penawaran")], 1);
  EXPECT_EQ(ok.changes[Index("kontrak")], 1);

  // Once the announcement has ended it cannot be moved.
  Schedule rewrite = s_;
  rewrite[Index("pengumuman")].end -= kMicrosPerHour;
  const Micros opening = s_[Index("pembukaan")].start + kMicrosPerHour;
  EXPECT_THAT(ChangeSchedule(*p_, s_, none, rewrite, "salah ketik", opening, cal_),
              StatusIs(Code::kFailedPrecondition, "schedule.past_changed"));
  // The running clarification may be extended, not moved back to start later.
  Schedule moved = s_;
  moved[Index("penjelasan")].start += kMicrosPerHour * 2;
  EXPECT_THAT(ChangeSchedule(*p_, s_, none, moved, "Pokja berhalangan", now, cal_),
              StatusIs(Code::kFailedPrecondition, "schedule.past_changed"));

  // A change that breaks a rule names it: a deadline 1 day after the clarification.
  Schedule rushed = s_;
  rushed[Index("upload_penawaran")].end = s_[Index("penjelasan")].end + kMicrosPerDay;
  rushed[Index("download_dokumen")].end = rushed[Index("upload_penawaran")].end;
  auto refused = ChangeSchedule(*p_, s_, none, rushed, "dipercepat", now, cal_);
  EXPECT_THAT(refused, StatusIs(Code::kInvalidArgument, "schedule.rules_broken"));
  if (!refused.ok()) {
    EXPECT_NE(refused.status().message().find("JDW-P1-07"), std::string::npos) << refused.status().message();
  }
  EXPECT_THAT(ChangeSchedule(*p_, s_, none, s_, "tidak ada", now, cal_),
              StatusIs(Code::kInvalidArgument, "schedule.unchanged"));
}

}  // namespace
}  // namespace spse::domain

namespace spse::domain {
namespace {

TEST_F(TenderSchedule, SGH_03_AfterAnUpheldObjectionTheEvaluationOnwardsIsPlannedAgain) {
  const std::vector<int> none(s_.size(), 0);
  const Micros now = s_[Index("sanggah")].end + kMicrosPerHour;
  // The evaluation and every later stage again, from the next Monday on.
  Schedule again = s_;
  const Micros shift = (now - s_[Index("evaluasi")].start) / kMicrosPerDay / 7 * 7 * kMicrosPerDay +
                       14 * kMicrosPerDay;
  for (size_t i = Index("evaluasi"); i < again.size(); ++i) {
    again[i].start += shift;
    again[i].end += shift;
  }
  EXPECT_THAT(ChangeSchedule(*p_, s_, none, again, "Evaluasi ulang", now, cal_),
              StatusIs(Code::kFailedPrecondition, "schedule.past_changed"));
  ASSERT_OK_AND_ASSIGN(ScheduleChange ok,
                       ChangeSchedule(*p_, s_, none, again, "Evaluasi ulang", now, cal_, "evaluasi"));
  EXPECT_EQ(ok.changes[Index("pembukaan")], 0);
  EXPECT_EQ(ok.changes[Index("evaluasi")], 1);
  EXPECT_EQ(ok.changes[Index("sanggah")], 1);
  // What happened before the evaluation stays; a reopened stage cannot start in the past.
  Schedule earlier = again;
  earlier[Index("pembukaan")].end += kMicrosPerHour;
  EXPECT_THAT(ChangeSchedule(*p_, s_, none, earlier, "Evaluasi ulang", now, cal_, "evaluasi"),
              StatusIs(Code::kFailedPrecondition, "schedule.past_changed"));
  Schedule past = again;
  past[Index("penetapan")].start = now - kMicrosPerHour;
  EXPECT_THAT(ChangeSchedule(*p_, s_, none, past, "Evaluasi ulang", now, cal_, "evaluasi"),
              StatusIs(Code::kFailedPrecondition, "schedule.past_changed"));
}

}  // namespace
}  // namespace spse::domain
