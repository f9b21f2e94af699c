#include "base/civil.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace spse {
namespace {

int Num(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool Digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

long long DaysOf(std::string_view date) {
  return DaysFromCivil(Num(date.substr(0, 4)), Num(date.substr(5, 2)), Num(date.substr(8, 2)));
}

std::string CivilFromDays(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y0 = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = y0 + (m <= 2 ? 1 : 0);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
  return buf;
}

long long FloorDiv(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool IsCivilDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  if (!Digits(t.substr(0, 4)) || !Digits(t.substr(5, 2)) || !Digits(t.substr(8, 2))) return false;
  const int y = Num(t.substr(0, 4)), m = Num(t.substr(5, 2)), d = Num(t.substr(8, 2));
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(y, m);
}

std::string AddDays(std::string_view date, int days) { return CivilFromDays(DaysOf(date) + days); }

int WeekdayOf(std::string_view date) {
  // 1970-01-01 was a Thursday (4).
  const long long z = DaysOf(date);
  return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1;
}

LocalTime ToLocal(Micros t, int offset_minutes) {
  const long long minutes = FloorDiv(t, kMicrosPerMinute) + offset_minutes;
  const long long days = FloorDiv(minutes, 1440);
  return LocalTime{CivilFromDays(days), static_cast<int>(minutes - days * 1440)};
}

Micros FromLocal(std::string_view date, int minute, int offset_minutes) {
  return (DaysOf(date) * 1440 + minute - offset_minutes) * kMicrosPerMinute;
}

}  // namespace spse
