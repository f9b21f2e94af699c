// A tender's schedule over time (DESIGN.md §3; issue 4, items 5, 8, 9): which
// stage is current at a moment, the stage boundaries the scheduler must act
// on between two moments (so a restart neither skips nor repeats one), and
// the rules for changing a published schedule (a reason, nothing in the past
// rewritten, every change counted per stage and shown).
#ifndef SPSE_DOMAIN_TENDER_SCHEDULE_H_
#define SPSE_DOMAIN_TENDER_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/procedure.h"

namespace spse::domain {

// The stage shown as "Tahap saat ini": the latest-starting stage whose
// period contains `now` (ties: the earlier stage in the procedure's order);
// before the first stage, none; between stages or after the last, the last
// stage that started, not running.
struct CurrentStage {
  std::optional<size_t> index;  // into the schedule
  bool running = false;         // `now` is inside that stage's period
};
CurrentStage CurrentStageAt(const Schedule& s, Micros now);

// One boundary of a stage: its start or its end.
struct StageEvent {
  Micros at = 0;
  size_t stage = 0;
  bool start = true;  // false: the stage ends
};

// Every stage start and end in (after, until], oldest first (starts before
// ends at the same moment, then in stage order). A scheduler that records
// `until` after acting on these, and asks again from there, sees each
// boundary exactly once, across restarts.
std::vector<StageEvent> EventsBetween(const Schedule& s, Micros after, Micros until);

// A boundary of a tender's stage as the scheduler recorded it: when it fell
// due by the schedule (`event.at`) and when the server noticed
// (`recorded_at`, later only when the server was not running at the time).
struct RecordedStageEvent {
  std::int64_t tender_id = 0;
  StageEvent event;
  Micros recorded_at = 0;
};

// A change of a published schedule: checked against the procedure's rules
// and the past. Reasons: "schedule.reason_required", "schedule.past_changed"
// (a stage that already ended cannot move, nor can a running stage's start),
// "schedule.rules_broken" (detail: the broken rule ids), and
// "schedule.unchanged".
//
// SGH-03: `reopen_from` names a stage (re-evaluation after an upheld
// objection: "evaluasi"); it and every later stage may be planned again
// although they began or ended, each keeping its start or starting no
// earlier than now, and ending after now.
struct ScheduleChange {
  Schedule next;
  std::vector<int> changes;  // per stage: how many times it has been changed, after this one
};
StatusOr<ScheduleChange> ChangeSchedule(const ProcedureSpec& p, const Schedule& current,
                                        const std::vector<int>& changes, const Schedule& next,
                                        std::string_view reason, Micros now,
                                        const WorkingCalendar& cal,
                                        std::string_view reopen_from = {});

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_TENDER_SCHEDULE_H_
