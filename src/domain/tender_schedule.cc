#include "domain/tender_schedule.h"

#include <algorithm>
#include <tuple>

namespace spse::domain {

CurrentStage CurrentStageAt(const Schedule& s, Micros now) {
  CurrentStage out;
  std::optional<size_t> started;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].start > now) continue;
    // Ties go to the earlier stage in the procedure's order.
    if (!started || s[i].start > s[*started].start) started = i;
    if (now < s[i].end && (!out.running || s[i].start > s[*out.index].start)) {
      out.index = i;
      out.running = true;
    }
  }
  if (!out.running) out.index = started;
  return out;
}

std::vector<StageEvent> EventsBetween(const Schedule& s, Micros after, Micros until) {
  std::vector<StageEvent> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].start > after && s[i].start <= until) out.push_back({s[i].start, i, true});
    if (s[i].end > after && s[i].end <= until) out.push_back({s[i].end, i, false});
  }
  std::sort(out.begin(), out.end(), [](const StageEvent& a, const StageEvent& b) {
    // At one moment: starts first (a stage that begins as another ends is
    // current), then stage order.
    return std::tuple(a.at, !a.start, a.stage) < std::tuple(b.at, !b.start, b.stage);
  });
  return out;
}

StatusOr<ScheduleChange> ChangeSchedule(const ProcedureSpec& p, const Schedule& current,
                                        const std::vector<int>& changes, const Schedule& next,
                                        std::string_view reason, Micros now,
                                        const WorkingCalendar& cal,
                                        std::string_view reopen_from) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("schedule.reason_required");
  }
  if (next.size() != current.size()) return InvalidArgument("schedule.stage_missing");
  ScheduleChange out;
  out.next = next;
  out.changes = changes;
  out.changes.resize(current.size(), 0);
  bool any = false;
  bool reopened = false;
  for (size_t i = 0; i < current.size(); ++i) {
    const StagePeriod& was = current[i];
    const StagePeriod& will = next[i];
    if (will.stage != was.stage) return InvalidArgument("schedule.stage_missing", was.stage);
    reopened = reopened || (!reopen_from.empty() && was.stage == reopen_from);
    if (will.start == was.start && will.end == was.end) continue;
    if (reopened) {
      // Planned again: what is still to happen lies ahead.
      if ((will.start != was.start && will.start < now) || will.end <= now) {
        return FailedPrecondition("schedule.past_changed", was.stage);
      }
      ++out.changes[i];
      any = true;
      continue;
    }
    // What has happened stays as it happened.
    if (was.end <= now) return FailedPrecondition("schedule.past_changed", was.stage);
    if (was.start <= now && will.start != was.start) {
      return FailedPrecondition("schedule.past_changed", was.stage);
    }
    if (will.start < now && will.start != was.start) {
      return FailedPrecondition("schedule.past_changed", was.stage);
    }
    if (will.end <= now) return FailedPrecondition("schedule.past_changed", was.stage);
    ++out.changes[i];
    any = true;
  }
  if (!any) return InvalidArgument("schedule.unchanged");
  const auto broken = CheckSchedule(p, next, cal);
  if (!broken.empty()) {
    std::string ids;
    for (const Violation& v : broken) {
      if (!ids.empty()) ids += ",";
      ids += v.rule_id.empty() ? v.reason + ":" + v.stage : v.rule_id;
    }
    return InvalidArgument("schedule.rules_broken", ids);
  }
  return out;
}

}  // namespace spse::domain
