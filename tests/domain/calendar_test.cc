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

TEST(Holiday, NeedsARealDateAndAName) {
  EXPECT_OK(ValidateHoliday({"2027-03-09", "Hari Suci Nyepi"}));
  EXPECT_THAT(ValidateHoliday({"2027-02-29", "Tidak ada"}),
              StatusIs(Code::kInvalidArgument, "calendar.holiday_invalid"));
  EXPECT_THAT(ValidateHoliday({"9/3/2027", "Nyepi"}),
              StatusIs(Code::kInvalidArgument, "calendar.holiday_invalid"));
  EXPECT_THAT(ValidateHoliday({"2027-03-09", "  "}),
              StatusIs(Code::kInvalidArgument, "calendar.holiday_name_required"));
  EXPECT_THAT(ValidateHoliday({"2027-03-09", std::string(kMaxHolidayName + 1, 'x')}),
              StatusIs(Code::kInvalidArgument, "calendar.holiday_name_too_long"));
}

TEST(HolidayLines, ParsesDatesAndNamesSkippingBlanksAndComments) {
  const ParsedHolidays p = ParseHolidayLines(
      "# Libur nasional 2027\n"
      "2027-01-01 Tahun Baru 2027 Masehi\r\n"
      "\n"
      "  2027-02-06\tTahun Baru Imlek 2578 Kongzili  \n");
  ASSERT_EQ(p.holidays.size(), 2u);
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(p.holidays[0].date, "2027-01-01");
  EXPECT_EQ(p.holidays[0].name, "Tahun Baru 2027 Masehi");
  EXPECT_EQ(p.holidays[1].date, "2027-02-06");
  EXPECT_EQ(p.holidays[1].name, "Tahun Baru Imlek 2578 Kongzili");
  EXPECT_EQ(p.lines, (std::vector<int>{2, 4}));
}

TEST(HolidayLines, ReportsEveryBadLineWithItsNumberAndReason) {
  const ParsedHolidays p = ParseHolidayLines(
      "2027-01-01 Tahun Baru\n"
      "2027-02-30 Tanggal yang tidak ada\n"
      "2027-03-09\n"
      "01-05-2027 Hari Buruh\n"
      "2027-01-01 Tahun Baru lagi");
  ASSERT_EQ(p.errors.size(), 4u);
  EXPECT_EQ(p.errors[0].line, 2);
  EXPECT_EQ(p.errors[0].reason, "calendar.holiday_invalid");
  EXPECT_EQ(p.errors[1].line, 3);
  EXPECT_EQ(p.errors[1].reason, "calendar.holiday_name_required");
  EXPECT_EQ(p.errors[2].line, 4);
  EXPECT_EQ(p.errors[2].text, "01-05-2027 Hari Buruh");
  EXPECT_EQ(p.errors[3].line, 5);
  EXPECT_EQ(p.errors[3].reason, "calendar.holiday_duplicate");
  EXPECT_EQ(p.holidays.size(), 1u);
}

TEST(WorkWeek, MakesTheCalendarWithItsHolidaysAndZone) {
  WorkWeek week;
  week.weekdays = {true, true, true, true, true, true, false};  // Saturday too
  week.day_start = 7 * 60 + 30;
  const WorkingCalendar c = MakeCalendar(week, {{"2027-03-09", "Nyepi"}}, 8 * 60);
  EXPECT_EQ(c.offset_minutes, 8 * 60);
  EXPECT_TRUE(c.IsWorkingDay("2027-03-13"));   // a Saturday
  EXPECT_FALSE(c.IsWorkingDay("2027-03-09"));  // Nyepi
  EXPECT_EQ(c.day_start, 7 * 60 + 30);
  EXPECT_OK(ValidateCalendar(c));
}

}  // namespace
}  // namespace spse::domain
