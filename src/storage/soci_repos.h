// What the SOCI repositories share, and those implemented in their own files
// for SociTx to hold. Only the storage library includes this header.
#ifndef SPSE_STORAGE_SOCI_REPOS_H_
#define SPSE_STORAGE_SOCI_REPOS_H_

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>

#include "app/ports.h"

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

std::unique_ptr<app::VendorDataRepo> NewVendorDataRepo(soci::session& sql);

}  // namespace spse::storage

#endif  // SPSE_STORAGE_SOCI_REPOS_H_
