#include "base/time_format.h"

#include <date/date.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace spse {
namespace {

constexpr std::array<std::string_view, 12> kMonthsId = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::array<std::string_view, 12> kMonthsEn = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
};

Civil ToCivil(Micros t, const Zone& zone) {
  using namespace std::chrono;
  const sys_time<microseconds> tp{microseconds{t}};
  const auto local = tp + minutes{zone.offset_minutes};
  const auto day_point = floor<days>(local);
  const date::year_month_day ymd{day_point};
  const date::hh_mm_ss hms{floor<seconds>(local - day_point)};
  return Civil{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()), static_cast<unsigned>(hms.hours().count()),
               static_cast<unsigned>(hms.minutes().count()),
               static_cast<unsigned>(hms.seconds().count())};
}

std::string_view MonthName(unsigned month, Lang lang) {
  return (lang == Lang::kId ? kMonthsId : kMonthsEn).at(month - 1);
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::optional<Lang> ParseLang(std::string_view code) {
  if (code == "id") return Lang::kId;
  if (code == "en") return Lang::kEn;
  return std::nullopt;
}

std::string_view LangCode(Lang lang) { return lang == Lang::kId ? "id" : "en"; }

std::optional<Zone> ParseZone(std::string_view name) {
  if (name == "WIB") return Zone{"WIB", 7 * 60};
  if (name == "WITA") return Zone{"WITA", 8 * 60};
  if (name == "WIT") return Zone{"WIT", 9 * 60};
  return std::nullopt;
}

std::string FormatDate(Micros t, const Zone& zone, Lang lang) {
  const Civil c = ToCivil(t, zone);
  std::string out = std::to_string(c.day);
  out += ' ';
  out += MonthName(c.month, lang);
  out += ' ';
  out += std::to_string(c.year);
  return out;
}

std::string FormatDateTime(Micros t, const Zone& zone, Lang lang) {
  const Civil c = ToCivil(t, zone);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02u:%02u", c.hour % 100, c.minute % 100);
  std::string out = FormatDate(t, zone, lang);
  out += ' ';
  out += hm;
  out += ' ';
  out += zone.name;
  return out;
}

std::string FormatInputDateTime(Micros t, const Zone& zone) {
  const Civil c = ToCivil(t, zone);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u", c.year % 10000, c.month % 100,
                c.day % 100, c.hour % 100, c.minute % 100);
  return buf;
}

std::optional<Micros> ParseInputDateTime(std::string_view text, const Zone& zone) {
  // YYYY-MM-DDTHH:MM[:SS]
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
    return std::nullopt;
  int y, mo, d, h, mi, s = 0;
  if (!ParseInt(text.substr(0, 4), y) || !ParseInt(text.substr(5, 2), mo) ||
      !ParseInt(text.substr(8, 2), d) || !ParseInt(text.substr(11, 2), h) ||
      !ParseInt(text.substr(14, 2), mi))
    return std::nullopt;
  if (text.size() == 19 && (text[16] != ':' || !ParseInt(text.substr(17, 2), s)))
    return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  using namespace std::chrono;
  const auto local = date::sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
  const auto utc = local - minutes{zone.offset_minutes};
  return duration_cast<microseconds>(utc.time_since_epoch()).count();
}

std::string FormatRfc3339(Micros t) {
  const Civil c = ToCivil(t, Zone{"UTC", 0});
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", c.year % 10000, c.month % 100,
                c.day % 100, c.hour % 100, c.minute % 100, c.second % 100);
  return buf;
}

}  // namespace spse
