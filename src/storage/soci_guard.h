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
