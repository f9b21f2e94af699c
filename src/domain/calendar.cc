#include "domain/calendar.h"

#include <algorithm>
#include <map>

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

Status ValidateHoliday(const Holiday& h) {
  if (!IsCivilDate(h.date)) return InvalidArgument("calendar.holiday_invalid", h.date);
  if (h.name.find_first_not_of(" \t") == std::string::npos) {
    return InvalidArgument("calendar.holiday_name_required");
  }
  if (h.name.size() > kMaxHolidayName) return InvalidArgument("calendar.holiday_name_too_long");
  return OkStatus();
}

WorkingCalendar MakeCalendar(const WorkWeek& week, const std::vector<Holiday>& holidays,
                             int offset_minutes) {
  WorkingCalendar c;
  c.offset_minutes = offset_minutes;
  c.working_weekdays = week.weekdays;
  c.day_start = week.day_start;
  c.day_end = week.day_end;
  for (const Holiday& h : holidays) c.holidays.insert(h.date);
  return c;
}

namespace {

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

ParsedHolidays ParseHolidayLines(std::string_view text) {
  ParsedHolidays out;
  std::map<std::string, int> seen;  // date -> line
  int number = 0;
  for (size_t pos = 0; pos <= text.size();) {
    const size_t nl = text.find('\n', pos);
    const std::string_view line =
        Trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const size_t gap = line.find_first_of(" \t");
    Holiday h;
    h.date = std::string(line.substr(0, gap));
    if (gap != std::string_view::npos) h.name = std::string(Trim(line.substr(gap)));
    Status valid = ValidateHoliday(h);
    if (!valid.ok()) {
      out.errors.push_back({number, std::string(line), valid.reason()});
    } else if (!seen.emplace(h.date, number).second) {
      out.errors.push_back({number, std::string(line), "calendar.holiday_duplicate"});
    } else {
      out.holidays.push_back(std::move(h));
      out.lines.push_back(number);
    }
  }
  return out;
}

}  // namespace spse::domain
