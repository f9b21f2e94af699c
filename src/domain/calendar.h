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

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_CALENDAR_H_
