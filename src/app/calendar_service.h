// The LPSE's working calendar (issue 4, item 3): Admin Sistem sets the
// working weekdays and hours and keeps the holidays; every use case that
// counts "hari kerja" or "jam kerja" gets the calendar from here, together
// with the procedure catalogue it is used with.
#ifndef SPSE_APP_CALENDAR_SERVICE_H_
#define SPSE_APP_CALENDAR_SERVICE_H_

#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "base/time_format.h"
#include "domain/calendar.h"
#include "domain/procedure.h"

namespace spse::app {

struct CalendarOverview {
  domain::WorkWeek week;
  bool configured = false;  // false: the defaults apply
  std::vector<domain::Holiday> holidays;  // by date
};

// The outcome of pasting a list of holidays: either every line was stored
// (`added`), or none was and `errors` says why, line by line.
struct HolidayImport {
  int added = 0;
  std::vector<domain::HolidayLineError> errors;
};

// Thread-safe: holds no state beyond its references; `catalogue` must
// outlive it and is never changed after start.
class CalendarService {
 public:
  CalendarService(Store& store, const Clock& clock, Zone zone, const domain::Catalogue& catalogue)
      : store_(store), clock_(clock), zone_(zone), catalogue_(catalogue) {}

  const Zone& zone() const { return zone_; }
  const domain::Catalogue& catalogue() const { return catalogue_; }

  // The calendar schedules are counted on: the configured week (or
  // Monday-Friday 08:00-16:00), every holiday, in the LPSE's zone. Public.
  StatusOr<domain::WorkingCalendar> Current();
  // The same read through the caller's transaction.
  StatusOr<domain::WorkingCalendar> Current(Tx& tx) const;

  // The rest needs kManageCalendar.
  StatusOr<CalendarOverview> Overview(const Actor& actor);
  // Reasons: ValidateCalendar's ("calendar.hours_invalid", "calendar.no_working_day").
  Status SetWeek(const Actor& actor, const domain::WorkWeek& week);
  // Reasons: ValidateHoliday's, "calendar.holiday_exists".
  Status AddHoliday(const Actor& actor, const domain::Holiday& holiday);
  // Lines "YYYY-MM-DD Nama", all or nothing: a line that is malformed,
  // repeats a date, or names a date that already has a holiday
  // ("calendar.holiday_exists") is reported and nothing is stored.
  // Reasons: "calendar.import_empty" (no holiday in the text).
  StatusOr<HolidayImport> ImportHolidays(const Actor& actor, std::string_view lines);
  // Reasons: "calendar.holiday_not_found".
  Status RemoveHoliday(const Actor& actor, std::string_view date);

  // The schedule ProposeSchedule makes for procedure `code` starting at
  // `start` on the current calendar. Public. Reasons: "procedure.not_found".
  StatusOr<domain::Schedule> Propose(std::string_view code, Micros start);

 private:
  Store& store_;
  const Clock& clock_;
  Zone zone_;
  const domain::Catalogue& catalogue_;
};

}  // namespace spse::app

#endif  // SPSE_APP_CALENDAR_SERVICE_H_
