#include "app/calendar_service.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace spse::app {

using domain::Permission;

namespace {

std::string Hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

std::string DescribeWeek(const domain::WorkWeek& w) {
  static constexpr const char* kDays[] = {"Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"};
  std::string days;
  for (size_t i = 0; i < w.weekdays.size(); ++i) {
    if (!w.weekdays[i]) continue;
    if (!days.empty()) days += ",";
    days += kDays[i];
  }
  return days + " " + Hhmm(w.day_start) + "-" + Hhmm(w.day_end);
}

}  // namespace

StatusOr<domain::WorkingCalendar> CalendarService::Current() {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return Current(*tx);
}

StatusOr<domain::WorkingCalendar> CalendarService::Current(Tx& tx) const {
  SPSE_ASSIGN_OR_RETURN(auto week, tx.calendar().Week());
  SPSE_ASSIGN_OR_RETURN(auto holidays, tx.calendar().Holidays());
  return domain::MakeCalendar(week.value_or(domain::WorkWeek{}), holidays, zone_.offset_minutes);
}

StatusOr<CalendarOverview> CalendarService::Overview(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageCalendar));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto week, tx->calendar().Week());
  CalendarOverview out;
  out.configured = week.has_value();
  out.week = week.value_or(domain::WorkWeek{});
  SPSE_ASSIGN_OR_RETURN(out.holidays, tx->calendar().Holidays());
  return out;
}

Status CalendarService::SetWeek(const Actor& actor, const domain::WorkWeek& week) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageCalendar));
  SPSE_RETURN_IF_ERROR(domain::ValidateCalendar(domain::MakeCalendar(week, {}, zone_.offset_minutes)));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_RETURN_IF_ERROR(tx->calendar().PutWeek(week));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "calendar.week", "calendar", "week",
                                  "working week " + DescribeWeek(week) + " " +
                                      std::string(zone_.name)));
  return tx->Commit();
}

Status CalendarService::AddHoliday(const Actor& actor, const domain::Holiday& holiday) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageCalendar));
  SPSE_RETURN_IF_ERROR(domain::ValidateHoliday(holiday));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_RETURN_IF_ERROR(tx->calendar().InsertHoliday(holiday, clock_.Now(), actor.who.user_id));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "calendar.holiday_add", "holiday",
                                  holiday.date, "holiday " + holiday.date + " '" + holiday.name + "'"));
  return tx->Commit();
}

StatusOr<HolidayImport> CalendarService::ImportHolidays(const Actor& actor, std::string_view lines) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageCalendar));
  domain::ParsedHolidays parsed = domain::ParseHolidayLines(lines);
  if (parsed.holidays.empty() && parsed.errors.empty()) {
    return InvalidArgument("calendar.import_empty");
  }
  HolidayImport out;
  out.errors = std::move(parsed.errors);
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  // Dates that already have a holiday are reported against their lines too,
  // so that one pass shows every fault.
  SPSE_ASSIGN_OR_RETURN(auto stored, tx->calendar().Holidays());
  std::set<std::string> taken;
  for (const auto& h : stored) taken.insert(h.date);
  for (size_t i = 0; i < parsed.holidays.size(); ++i) {
    const domain::Holiday& h = parsed.holidays[i];
    if (taken.count(h.date) > 0) {
      out.errors.push_back({parsed.lines[i], h.date + " " + h.name, "calendar.holiday_exists"});
    }
  }
  std::sort(out.errors.begin(), out.errors.end(),
            [](const auto& a, const auto& b) { return a.line < b.line; });
  if (!out.errors.empty()) return out;
  for (const auto& h : parsed.holidays) {
    SPSE_RETURN_IF_ERROR(tx->calendar().InsertHoliday(h, clock_.Now(), actor.who.user_id));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "calendar.holiday_add", "holiday", h.date,
                                    "holiday " + h.date + " '" + h.name + "' (list)"));
    ++out.added;
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Status CalendarService::RemoveHoliday(const Actor& actor, std::string_view date) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageCalendar));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto holiday, tx->calendar().FindHoliday(date));
  if (!holiday) return NotFound("calendar.holiday_not_found");
  SPSE_ASSIGN_OR_RETURN(bool removed, tx->calendar().DeleteHoliday(date));
  if (!removed) return NotFound("calendar.holiday_not_found");
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "calendar.holiday_remove", "holiday",
                                  holiday->date,
                                  "holiday " + holiday->date + " '" + holiday->name + "' removed"));
  return tx->Commit();
}

StatusOr<domain::Schedule> CalendarService::Propose(std::string_view code, Micros start) {
  const domain::ProcedureSpec* p = catalogue_.Find(code);
  if (p == nullptr) return NotFound("procedure.not_found");
  SPSE_ASSIGN_OR_RETURN(domain::WorkingCalendar cal, Current());
  return domain::ProposeSchedule(*p, start, cal);
}

}  // namespace spse::app
