// Reads the procedure catalogue (web/catalogue/procedures.toml) into
// domain::Catalogue and validates it. A broken catalogue is refused with the
// file, the place and what is wrong, so the server does not start on it.
#ifndef SPSE_CATALOG_CATALOGUE_LOADER_H_
#define SPSE_CATALOG_CATALOGUE_LOADER_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/procedure.h"

namespace spse::catalog {

// Reasons: "catalogue.unreadable" (no file, TOML syntax; detail says where),
// "catalogue.field_invalid" (a missing or mistyped field; detail names it),
// and ValidateCatalogue's.
StatusOr<domain::Catalogue> LoadCatalogue(const std::string& path);
StatusOr<domain::Catalogue> ParseCatalogue(std::string_view toml_text, const std::string& name);

}  // namespace spse::catalog

#endif  // SPSE_CATALOG_CATALOGUE_LOADER_H_
