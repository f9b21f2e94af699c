// The LPSE's working calendar: which days are working days (weekdays minus
// the holidays the LPSE configures) and the working hours, in its zone.
// Schedule rules such as "on a working day during working hours" or "3
// working days" are counted on it.
#ifndef SPSE_DOMAIN_CALENDAR_H_
#define SPSE_DOMAIN_CALENDAR_H_

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil.h"
#include "base/clock.h"
#include "base/status.h"

namespace spse::domain {

struct WorkingCalendar {
  int offset_minutes = 7 * 60;  // WIB
  // Monday .. Sunday.
  std::array<bool, 7> working_weekdays = {true, true, true, true, true, false, false};
  int day_start = 8 * 60;   // minutes after local midnight
  int day_end = 16 * 60;    // working time is [day_start, day_end]
  std::set<std::string> holidays;  // local dates, YYYY-MM-DD

  bool IsWorkingDay(std::string_view date) const;
  // On a working day, between the start and the end of working hours.
  bool IsWorkingTime(Micros t) const;
  // `t` itself when it is working time, else the next start of working hours.
  Micros NextWorkingTime(Micros t) const;
  // The same local time of day `n` working days after `t`'s date (n >= 0).
  Micros AddWorkingDays(Micros t, int n) const;
  // The end of working hours on the last working day at or before `t`'s
  // date when `t` is not working time (a deadline pulled back into office
  // hours), else `t`.
  Micros PreviousWorkingTime(Micros t) const;
};

// Reasons: "calendar.hours_invalid", "calendar.no_working_day",
// "calendar.holiday_invalid".
Status ValidateCalendar(const WorkingCalendar& c);

// What Admin Sistem configures besides the holidays: the working weekdays
// and hours (Monday-Friday 08:00-16:00 until configured).
struct WorkWeek {
  std::array<bool, 7> weekdays = {true, true, true, true, true, false, false};  // Monday .. Sunday
  int day_start = 8 * 60;
  int day_end = 16 * 60;
};

// One holiday or cuti bersama day of the LPSE.
struct Holiday {
  std::string date;  // local, YYYY-MM-DD
  std::string name;  // "Hari Suci Nyepi Tahun Baru Saka 1949"
};

inline constexpr size_t kMaxHolidayName = 200;

// Reasons: "calendar.holiday_invalid" (not a real date YYYY-MM-DD),
// "calendar.holiday_name_required", "calendar.holiday_name_too_long".
Status ValidateHoliday(const Holiday& h);

// The calendar of `week` with `holidays`, in the zone `offset_minutes` east of UTC.
WorkingCalendar MakeCalendar(const WorkWeek& week, const std::vector<Holiday>& holidays,
                             int offset_minutes);

// Pasted lines "YYYY-MM-DD Nama" (a year's national holidays). Blank lines
// and lines starting with '#' are skipped.
struct HolidayLineError {
  int line = 0;          // from 1
  std::string text;      // the line as given
  std::string reason;    // ValidateHoliday's, or "calendar.holiday_duplicate" (a date twice)
};
struct ParsedHolidays {
  std::vector<Holiday> holidays;
  std::vector<int> lines;  // the line of each holiday
  std::vector<HolidayLineError> errors;
};
ParsedHolidays ParseHolidayLines(std::string_view text);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_CALENDAR_H_
