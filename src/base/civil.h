// Civil (calendar) dates and local times in a fixed-offset zone: the date
// arithmetic schedules and expiry checks need. Dates are "YYYY-MM-DD".
#ifndef SPSE_BASE_CIVIL_H_
#define SPSE_BASE_CIVIL_H_

#include <string>
#include <string_view>

#include "base/clock.h"

namespace spse {

// Whether `text` is a real calendar date written YYYY-MM-DD (years 1900-2200).
bool IsCivilDate(std::string_view text);
// `date` + `days`; `date` must be a valid civil date.
std::string AddDays(std::string_view date, int days);
// 1 = Monday ... 7 = Sunday; `date` must be valid.
int WeekdayOf(std::string_view date);

// A moment as a local date and minute of the day, `offset_minutes` east of UTC.
struct LocalTime {
  std::string date;
  int minute = 0;  // 0 .. 1439
};
LocalTime ToLocal(Micros t, int offset_minutes);
// The moment of `minute` on local `date`; `date` must be valid.
Micros FromLocal(std::string_view date, int minute, int offset_minutes);

}  // namespace spse

#endif  // SPSE_BASE_CIVIL_H_
