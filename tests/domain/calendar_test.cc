// The working calendar that "hari kerja" and "jam kerja" rules are counted on.
#include "domain/calendar.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr int kWibOffset = 7 * 60;
Micros Wib(const char* date, int hour, int minute = 0) {
  return FromLocal(date, hour * 60 + minute, kWibOffset);
}

WorkingCalendar Bangkalan() {
  WorkingCalendar c;
  c.holidays = {"2026-12-25"};  // Natal, a Friday
  return c;
}

TEST(WorkingCalendar, WorkingTimeIsOfficeHoursOnWorkingDays) {
  const WorkingCalendar c = Bangkalan();
  EXPECT_TRUE(c.IsWorkingTime(Wib("2026-11-26", 8)));       // Thursday 08:00
  EXPECT_TRUE(c.IsWorkingTime(Wib("2026-11-26", 16)));      // closing time itself
  EXPECT_FALSE(c.IsWorkingTime(Wib("2026-11-26", 16, 1)));
  EXPECT_FALSE(c.IsWorkingTime(Wib("2026-11-26", 7, 59)));
  EXPECT_FALSE(c.IsWorkingTime(Wib("2026-11-28", 10)));     // Saturday
  EXPECT_FALSE(c.IsWorkingTime(Wib("2026-12-25", 10)));     // holiday
}

TEST(WorkingCalendar, NextWorkingTimeSkipsEveningsWeekendsAndHolidays) {
  const WorkingCalendar c = Bangkalan();
  EXPECT_EQ(c.NextWorkingTime(Wib("2026-11-26", 10)), Wib("2026-11-26", 10));
  EXPECT_EQ(c.NextWorkingTime(Wib("2026-11-26", 6)), Wib("2026-11-26", 8));
  EXPECT_EQ(c.NextWorkingTime(Wib("2026-11-27", 17)), Wib("2026-11-30", 8));  // Fri evening -> Mon
  EXPECT_EQ(c.NextWorkingTime(Wib("2026-12-24", 20)), Wib("2026-12-28", 8));  // over Natal
  EXPECT_EQ(c.PreviousWorkingTime(Wib("2026-11-29", 12)), Wib("2026-11-27", 16));  // Sun -> Fri close
}

TEST(WorkingCalendar, WorkingDaysAreCountedWithoutWeekendsAndHolidays) {
  const WorkingCalendar c = Bangkalan();
  EXPECT_EQ(c.AddWorkingDays(Wib("2026-11-26", 9), 1), Wib("2026-11-27", 9));
  EXPECT_EQ(c.AddWorkingDays(Wib("2026-11-27", 9), 1), Wib("2026-11-30", 9));
  EXPECT_EQ(c.AddWorkingDays(Wib("2026-12-23", 9), 3), Wib("2026-12-29", 9));  // Thu, (Fri Natal), Mon, Tue
  EXPECT_EQ(c.AddWorkingDays(Wib("2026-11-26", 9), 0), Wib("2026-11-26", 9));
}

TEST(WorkingCalendar, ABrokenCalendarIsRefused) {
  WorkingCalendar c;
  c.day_start = 17 * 60;
  EXPECT_THAT(ValidateCalendar(c), StatusIs(Code::kInvalidArgument, "calendar.hours_invalid"));
  c = WorkingCalendar();
  c.working_weekdays = {};
  EXPECT_THAT(ValidateCalendar(c), StatusIs(Code::kInvalidArgument, "calendar.no_working_day"));
  c = WorkingCalendar();
  c.holidays = {"2026-02-30"};
  EXPECT_THAT(ValidateCalendar(c), StatusIs(Code::kInvalidArgument, "calendar.holiday_invalid"));
  EXPECT_OK(ValidateCalendar(Bangkalan()));
}

}  // namespace
}  // namespace spse::domain
