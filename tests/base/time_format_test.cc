#include "base/time_format.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string_view>

namespace spse {
namespace {

// 2012-01-26T07:00:00Z
constexpr Micros kJan26At0700Utc = 1'327'561'200 * kMicrosPerSecond;

Zone ZoneNamed(std::string_view name) {
  const std::optional<Zone> zone = ParseZone(name);
  EXPECT_TRUE(zone.has_value()) << name;
  return zone.value_or(kWib);
}

TEST(FormatDateTime, ShowsWibTimeWithIndonesianMonthNames) {
  EXPECT_EQ(FormatDateTime(kJan26At0700Utc, kWib, Lang::kId), "26 Januari 2012 14:00 WIB");
}

TEST(FormatDateTime, ShowsEnglishMonthNamesForEnglish) {
  EXPECT_EQ(FormatDateTime(kJan26At0700Utc, kWib, Lang::kEn), "26 January 2012 14:00 WIB");
}

TEST(FormatDateTime, AppliesTheWitaAndWitOffsets) {
  EXPECT_EQ(FormatDateTime(kJan26At0700Utc, ZoneNamed("WITA"), Lang::kId),
            "26 Januari 2012 15:00 WITA");
  EXPECT_EQ(FormatDateTime(kJan26At0700Utc, ZoneNamed("WIT"), Lang::kId),
            "26 Januari 2012 16:00 WIT");
}

TEST(FormatDateTime, RollsOverToTheLocalDate) {
  const Micros t = kJan26At0700Utc + 13 * kMicrosPerHour;  // 20:00 UTC
  EXPECT_EQ(FormatDateTime(t, kWib, Lang::kId), "27 Januari 2012 03:00 WIB");
  EXPECT_EQ(FormatDate(t, ZoneNamed("WIT"), Lang::kEn), "27 January 2012");
}

TEST(FormatDateTime, NamesEveryMonth) {
  // The 15th of each month of 2012 at noon WIB.
  const char* const kExpected[] = {"15 Januari 2012", "15 Februari 2012", "15 Maret 2012",
                                   "15 April 2012",   "15 Mei 2012",      "15 Juni 2012",
                                   "15 Juli 2012",    "15 Agustus 2012",  "15 September 2012",
                                   "15 Oktober 2012", "15 November 2012", "15 Desember 2012"};
  for (int month = 1; month <= 12; ++month) {
    char text[32];
    std::snprintf(text, sizeof text, "2012-%02d-15T12:00", month);
    const std::optional<Micros> t = ParseInputDateTime(text, kWib);
    ASSERT_TRUE(t.has_value()) << text;
    EXPECT_EQ(FormatDate(*t, kWib, Lang::kId), kExpected[month - 1]);
  }
}

TEST(ParseZone, KnowsTheThreeIndonesianZones) {
  EXPECT_EQ(ZoneNamed("WIB").offset_minutes, 7 * 60);
  EXPECT_EQ(ZoneNamed("WITA").offset_minutes, 8 * 60);
  EXPECT_EQ(ZoneNamed("WIT").offset_minutes, 9 * 60);
  EXPECT_EQ(ParseZone("UTC"), std::nullopt);
  EXPECT_EQ(ParseZone("wib"), std::nullopt);
}

TEST(ParseLang, KnowsIndonesianAndEnglish) {
  EXPECT_EQ(ParseLang("id"), Lang::kId);
  EXPECT_EQ(ParseLang("en"), Lang::kEn);
  EXPECT_EQ(ParseLang("fr"), std::nullopt);
  EXPECT_EQ(LangCode(Lang::kId), "id");
  EXPECT_EQ(LangCode(Lang::kEn), "en");
}

TEST(FormatInputDateTime, GivesTheLocalValueOfADatetimeLocalInput) {
  EXPECT_EQ(FormatInputDateTime(kJan26At0700Utc, kWib), "2012-01-26T14:00");
  EXPECT_EQ(FormatInputDateTime(kJan26At0700Utc, ZoneNamed("WIT")), "2012-01-26T16:00");
}

TEST(ParseInputDateTime, ReadsALocalTimeInTheZone) {
  EXPECT_EQ(ParseInputDateTime("2012-01-26T14:00", kWib), kJan26At0700Utc);
  EXPECT_EQ(ParseInputDateTime("2012-01-26T15:00", ZoneNamed("WITA")), kJan26At0700Utc);
  EXPECT_EQ(ParseInputDateTime("2012-01-26T14:00:30", kWib),
            kJan26At0700Utc + 30 * kMicrosPerSecond);
  EXPECT_EQ(ParseInputDateTime("2012-01-26 14:00", kWib), kJan26At0700Utc);
}

TEST(ParseInputDateTime, RoundTripsWithFormatInputDateTime) {
  for (const char* zone_name : {"WIB", "WITA", "WIT"}) {
    const Zone zone = ZoneNamed(zone_name);
    for (Micros t = kJan26At0700Utc; t < kJan26At0700Utc + 2 * kMicrosPerDay;
         t += 37 * kMicrosPerMinute) {
      const Micros whole_minute = t - t % kMicrosPerMinute;
      EXPECT_EQ(ParseInputDateTime(FormatInputDateTime(t, zone), zone), whole_minute)
          << zone_name << " " << FormatRfc3339(t);
    }
  }
}

TEST(ParseInputDateTime, AcceptsTheLeapDay) {
  EXPECT_TRUE(ParseInputDateTime("2024-02-29T10:00", kWib).has_value());
}

TEST(ParseInputDateTime, RejectsDatesAndTimesThatDoNotExist) {
  EXPECT_EQ(ParseInputDateTime("2026-02-30T10:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-02-29T10:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-13-01T00:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-00-10T00:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T24:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T10:60", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T10:00:60", kWib), std::nullopt);
}

TEST(ParseInputDateTime, RejectsMalformedText) {
  EXPECT_EQ(ParseInputDateTime("abc", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026/01/10T10:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T10:00Z", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T1a:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T-1:00", kWib), std::nullopt);
  EXPECT_EQ(ParseInputDateTime("2026-01-10T10:00+07", kWib), std::nullopt);
}

TEST(FormatRfc3339, WritesUtc) {
  EXPECT_EQ(FormatRfc3339(kJan26At0700Utc), "2012-01-26T07:00:00Z");
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace spse
