#include "domain/calendar.h"

#include <algorithm>

namespace spse::domain {

bool WorkingCalendar::IsWorkingDay(std::string_view date) const {
  return working_weekdays[static_cast<size_t>(WeekdayOf(date) - 1)] &&
         holidays.count(std::string(date)) == 0;
}

bool WorkingCalendar::IsWorkingTime(Micros t) const {
  const LocalTime l = ToLocal(t, offset_minutes);
  return IsWorkingDay(l.date) && l.minute >= day_start && l.minute <= day_end &&
         !(l.minute == day_end && t % kMicrosPerMinute != 0);
}

Micros WorkingCalendar::NextWorkingTime(Micros t) const {
  if (IsWorkingTime(t)) return t;
  LocalTime l = ToLocal(t, offset_minutes);
  std::string date = l.date;
  if (!IsWorkingDay(date) || l.minute >= day_end) date = AddDays(date, 1);
  // A calendar with no working day at all is refused by ValidateCalendar; a
  // year bounds the search anyway.
  for (int i = 0; i < 366 && !IsWorkingDay(date); ++i) date = AddDays(date, 1);
  return FromLocal(date, day_start, offset_minutes);
}

Micros WorkingCalendar::PreviousWorkingTime(Micros t) const {
  if (IsWorkingTime(t)) return t;
  LocalTime l = ToLocal(t, offset_minutes);
  std::string date = l.date;
  if (!IsWorkingDay(date) || l.minute < day_start) date = AddDays(date, -1);
  for (int i = 0; i < 366 && !IsWorkingDay(date); ++i) date = AddDays(date, -1);
  return FromLocal(date, day_end, offset_minutes);
}

Micros WorkingCalendar::AddWorkingDays(Micros t, int n) const {
  const LocalTime l = ToLocal(t, offset_minutes);
  std::string date = l.date;
  for (int added = 0, guard = 0; added < n && guard < 3660; ++guard) {
    date = AddDays(date, 1);
    if (IsWorkingDay(date)) ++added;
  }
  return FromLocal(date, l.minute, offset_minutes) + t % kMicrosPerMinute;
}

Status ValidateCalendar(const WorkingCalendar& c) {
  if (c.day_start < 0 || c.day_end > 24 * 60 || c.day_start >= c.day_end) {
    return InvalidArgument("calendar.hours_invalid");
  }
  if (std::none_of(c.working_weekdays.begin(), c.working_weekdays.end(), [](bool b) { return b; })) {
    return InvalidArgument("calendar.no_working_day");
  }
  for (const std::string& h : c.holidays) {
    if (!IsCivilDate(h)) return InvalidArgument("calendar.holiday_invalid", h);
  }
  return OkStatus();
}

}  // namespace spse::domain
