// StageEventRepo through Store/Tx: a stage boundary is recorded once (the
// UNIQUE constraint turns a second recording into "already done", also in
// the same transaction), read back in the order it fell due, and the
// running tenders with a boundary or their publication in a period are
// found, and only they.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::RecordedStageEvent;
using domain::Tender;
using domain::TenderStatus;

// A tender of a fresh package with two stages inside [t, t + 20h), stored
// with `status`; its id.
std::int64_t NewTender(Micros t, TenderStatus status, std::optional<Micros> published_at) {
  auto id = InWriteTx([&](app::Tx& tx) -> StatusOr<std::int64_t> {
    SPSE_ASSIGN_OR_RETURN(std::int64_t package, InsertTenderPackage(tx, "barang"));
    Tender x;
    x.package_id = package;
    x.procedure_code = "tender-pasca-satu-file";
    x.evaluation = "harga_terendah_gugur";
    x.status = status;
    x.created_by = 1;
    x.created_at = t;
    x.schedule = {{"pengumuman", t + 2 * kMicrosPerHour, t + 6 * kMicrosPerHour},
                  {"download_dokumen", t + 2 * kMicrosPerHour, t + 10 * kMicrosPerHour}};
    x.changes = {0, 0};
    SPSE_ASSIGN_OR_RETURN(x.id, tx.tenders().Insert(x));
    if (published_at) {
      x.published_at = published_at;
      SPSE_RETURN_IF_ERROR(tx.tenders().Update(x));
    }
    return x.id;
  });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

RecordedStageEvent Event(std::int64_t tender, size_t stage, bool start, Micros at, Micros recorded) {
  return RecordedStageEvent{tender, domain::StageEvent{at, stage, start}, recorded};
}

bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(StageEvents, ABoundaryIsRecordedOnceAndReadBackInTheOrderItFellDue) {
  const Micros t = UniqueEpoch();
  const std::int64_t id = NewTender(t, TenderStatus::kRunning, t);
  const Micros start = t + 2 * kMicrosPerHour, end = t + 6 * kMicrosPerHour;
  ASSERT_OK_AND_ASSIGN(bool first, InWriteTx([&](app::Tx& tx) -> StatusOr<bool> {
                         SPSE_ASSIGN_OR_RETURN(bool a, tx.stage_events().Record(Event(id, 0, false, end, end + 7)));
                         SPSE_ASSIGN_OR_RETURN(bool b, tx.stage_events().Record(Event(id, 1, true, start, start + 5)));
                         SPSE_ASSIGN_OR_RETURN(bool c, tx.stage_events().Record(Event(id, 0, true, start, start + 5)));
                         return a && b && c;
                       }));
  EXPECT_TRUE(first);
  // The same boundary again, in the same transaction as other work and in
  // another: "already done", and the transaction carries on.
  ASSERT_OK_AND_ASSIGN(bool again, InWriteTx([&](app::Tx& tx) -> StatusOr<bool> {
                         SPSE_ASSIGN_OR_RETURN(bool repeat, tx.stage_events().Record(Event(id, 0, true, start, t + 9 * kMicrosPerHour)));
                         SPSE_ASSIGN_OR_RETURN(bool fresh, tx.stage_events().Record(Event(id, 1, false, t + 10 * kMicrosPerHour, t + 10 * kMicrosPerHour)));
                         return !repeat && fresh;
                       }));
  EXPECT_TRUE(again);
  ASSERT_OK_AND_ASSIGN(auto events, InReadTx([&](app::Tx& tx) { return tx.stage_events().ForTender(id); }));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event.stage, 0u);
  EXPECT_TRUE(events[0].event.start);
  EXPECT_EQ(events[0].recorded_at, start + 5) << "the first recording stands";
  EXPECT_EQ(events[1].event.stage, 1u);
  EXPECT_TRUE(events[1].event.start);
  EXPECT_EQ(events[2].event.at, end);
  EXPECT_FALSE(events[2].event.start);
  EXPECT_EQ(events[2].recorded_at, end + 7);
  EXPECT_EQ(events[3].event.stage, 1u);
  EXPECT_FALSE(events[3].event.start);
  EXPECT_EQ(events[3].tender_id, id);
}

TEST(StageEvents, TheRunningTendersDueAreThoseWithABoundaryOrPublicationInThePeriod) {
  const Micros t = UniqueEpoch();
  const std::int64_t running = NewTender(t, TenderStatus::kRunning, t - kMicrosPerDay);
  const std::int64_t fresh = NewTender(t, TenderStatus::kRunning, t + 15 * kMicrosPerHour);
  const std::int64_t draft = NewTender(t, TenderStatus::kDraft, std::nullopt);
  const std::int64_t cancelled = NewTender(t, TenderStatus::kCancelled, t - kMicrosPerDay);
  auto due = [&](Micros after, Micros until) {
    auto ids = InReadTx([&](app::Tx& tx) { return tx.stage_events().RunningTendersDue(after, until); });
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::vector<std::int64_t>{};
  };
  // The stages start at t+2h: (t+1h, t+2h] holds it, (t+2h, t+3h] does not.
  auto starts = due(t + kMicrosPerHour, t + 2 * kMicrosPerHour);
  EXPECT_TRUE(Contains(starts, running));
  EXPECT_TRUE(Contains(starts, fresh));
  EXPECT_FALSE(Contains(starts, draft));
  EXPECT_FALSE(Contains(starts, cancelled));
  EXPECT_FALSE(Contains(due(t + 2 * kMicrosPerHour, t + 3 * kMicrosPerHour), running));
  // An end alone.
  auto ends = due(t + 9 * kMicrosPerHour, t + 10 * kMicrosPerHour);
  EXPECT_TRUE(Contains(ends, running));
  EXPECT_FALSE(Contains(ends, draft));
  // A publication alone.
  auto published = due(t + 14 * kMicrosPerHour, t + 16 * kMicrosPerHour);
  EXPECT_TRUE(Contains(published, fresh));
  EXPECT_FALSE(Contains(published, running));
  EXPECT_TRUE(std::is_sorted(starts.begin(), starts.end()));
  EXPECT_EQ(std::count(starts.begin(), starts.end(), running), 1) << "once, though two stages start";
}

}  // namespace
}  // namespace spse::storage::conformance
