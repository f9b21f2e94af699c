// Time zones of Indonesia and the display formats SPSE shows to people.
// Indonesia keeps no daylight saving time, so each zone is a fixed offset.
#ifndef SPSE_BASE_TIME_FORMAT_H_
#define SPSE_BASE_TIME_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace spse {

enum class Lang { kId, kEn };
std::optional<Lang> ParseLang(std::string_view code);  // "id" or "en"
std::string_view LangCode(Lang lang);

struct Zone {
  std::string_view name;  // "WIB", "WITA", "WIT"
  int offset_minutes;     // east of UTC
};
// Accepts "WIB" (UTC+7), "WITA" (UTC+8) and "WIT" (UTC+9).
std::optional<Zone> ParseZone(std::string_view name);
inline constexpr Zone kWib{"WIB", 7 * 60};

// "26 Januari 2012 14:00 WIB" (id) or "26 January 2012 14:00 WIB" (en).
std::string FormatDateTime(Micros t, const Zone& zone, Lang lang);
// "26 Januari 2012" / "26 January 2012".
std::string FormatDate(Micros t, const Zone& zone, Lang lang);
// "2012-01-26T14:00" in the zone: the value of an <input type="datetime-local">.
std::string FormatInputDateTime(Micros t, const Zone& zone);
// Parses "YYYY-MM-DDTHH:MM" (seconds optional) as a local time in `zone`.
std::optional<Micros> ParseInputDateTime(std::string_view text, const Zone& zone);
// RFC 3339 UTC, "2012-01-26T07:00:00Z", for logs and the API.
std::string FormatRfc3339(Micros t);

}  // namespace spse

#endif  // SPSE_BASE_TIME_FORMAT_H_
