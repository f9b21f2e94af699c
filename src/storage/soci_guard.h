// What every SOCI repository shares: SOCI's exceptions become a Status at
// this adapter's edge, and unique-constraint failures are recognised on both
// databases.
#ifndef SPSE_STORAGE_SOCI_GUARD_H_
#define SPSE_STORAGE_SOCI_GUARD_H_

#include <soci/soci.h>

#include <string>
#include <string_view>

#include "base/status.h"

namespace spse::storage {

// A LIKE pattern matching values that start with `prefix` literally
// (use with ESCAPE '\\'): %, _ and \ are escaped.
inline std::string LikePrefix(std::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// A LIKE pattern matching values that contain `text` literally, compared
// with LOWER(column) so the search ignores (ASCII) case on both databases.
inline std::string LikeContains(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return "%" + LikePrefix(lowered);
}

inline bool IsUniqueViolation(const soci::soci_error& e) {
  const std::string what = e.what();
  return what.find("UNIQUE constraint failed") != std::string::npos ||
         what.find("duplicate key value") != std::string::npos;
}

inline Status FromSoci(const soci::soci_error& e, std::string_view op) {
  return Unavailable("storage.error", std::string(op) + ": " + e.what());
}

// Runs `fn`, turning SOCI's exceptions into a Status.
template <typename Fn>
auto Guard(std::string_view op, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const soci::soci_error& e) {
    return FromSoci(e, op);
  } catch (const std::exception& e) {
    return Internal("storage.error", std::string(op) + ": " + e.what());
  }
}

}  // namespace spse::storage

#endif  // SPSE_STORAGE_SOCI_GUARD_H_
