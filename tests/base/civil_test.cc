#include "base/civil.h"

#include <gtest/gtest.h>

namespace spse {
namespace {

TEST(CivilDates, AreCheckedAgainstTheCalendar) {
  EXPECT_TRUE(IsCivilDate("2024-02-29"));
  EXPECT_FALSE(IsCivilDate("2025-02-29"));
  EXPECT_FALSE(IsCivilDate("2025-13-01"));
  EXPECT_FALSE(IsCivilDate("2025-1-01"));
  EXPECT_FALSE(IsCivilDate("2025-01-0x"));
  EXPECT_EQ(AddDays("2026-11-26", 30), "2026-12-26");
  EXPECT_EQ(AddDays("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(AddDays("2027-01-01", -1), "2026-12-31");
}

TEST(CivilDates, KnowTheDayOfTheWeek) {
  EXPECT_EQ(WeekdayOf("2026-11-26"), 4);  // Thursday
  EXPECT_EQ(WeekdayOf("2026-11-29"), 7);  // Sunday
  EXPECT_EQ(WeekdayOf("2026-11-30"), 1);  // Monday
  EXPECT_EQ(WeekdayOf("1970-01-01"), 4);
}

TEST(LocalTimes, UseTheZoneOffset) {
  // 2026-11-26T17:30:00Z is 00:30 the next day in WIB (UTC+7).
  const Micros t = 1'795'714'200LL * kMicrosPerSecond;
  LocalTime wib = ToLocal(t, 7 * 60);
  EXPECT_EQ(wib.date, "2026-11-27");
  EXPECT_EQ(wib.minute, 30);
  LocalTime utc = ToLocal(t, 0);
  EXPECT_EQ(utc.date, "2026-11-26");
  EXPECT_EQ(utc.minute, 17 * 60 + 30);
  EXPECT_EQ(FromLocal("2026-11-27", 30, 7 * 60), t);
  EXPECT_EQ(FromLocal(wib.date, wib.minute, 7 * 60), t);
}

}  // namespace
}  // namespace spse
