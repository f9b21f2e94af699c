// The data penyedia (issue 3, item 4): a vendor keeps its own record, every
// edit a new version; the Verifikator and auditors read any vendor's record
// as it is now or as it was at a given moment.
#ifndef SPSE_APP_VENDOR_DATA_SERVICE_H_
#define SPSE_APP_VENDOR_DATA_SERVICE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "base/time_format.h"

namespace spse::app {

// A version with what the pages flag about it.
struct VendorDataView {
  domain::VendorDataVersion record;
  User vendor;
  std::string today;                  // YYYY-MM-DD in the LPSE's zone
  std::vector<size_t> expired;        // izin_usaha rows past their date
  std::vector<size_t> expiring;       // izin_usaha rows ending within 30 days
  bool latest = true;                 // this is the current version
};

class VendorDataService {
 public:
  VendorDataService(Store& store, const Clock& clock, Zone zone)
      : store_(store), clock_(clock), zone_(zone) {}

  // The current record of `vendor_id`. The vendor itself, or a holder of
  // kViewVendorData; anyone else gets "vendor.not_found" (no existence leak).
  StatusOr<VendorDataView> Current(const Actor& actor, std::int64_t vendor_id);
  // One past version: "vendor_data.version_not_found".
  StatusOr<VendorDataView> Version(const Actor& actor, std::int64_t vendor_id, int version);
  // What the record said at `at` (version 0, empty, before the first edit).
  StatusOr<VendorDataView> AsOf(const Actor& actor, std::int64_t vendor_id, Micros at);
  StatusOr<std::vector<VendorDataHistoryItem>> History(const Actor& actor, std::int64_t vendor_id);

  // The vendor edits its own record; each call stores version
  // `expected_version` + 1 and returns it. `index` nullopt adds a row (for
  // the single-row identitas section it replaces the row). Reasons:
  // NormaliseRow's and ValidateSection's, "vendor_data.section_unknown",
  // "vendor_data.row_not_found", "vendor_data.conflict" (someone saved in
  // between: reload), "vendor.not_vendor".
  StatusOr<int> SaveRow(const Actor& actor, std::string_view section,
                        std::optional<size_t> index, const domain::VendorRow& input,
                        int expected_version);
  StatusOr<int> RemoveRow(const Actor& actor, std::string_view section, size_t index,
                          int expected_version);

  // Records the first version of a newly verified vendor (its identity from
  // registration) through `tx`, with its audit entry.
  static Status Seed(Tx& tx, const Clock& clock, const Actor& actor, std::int64_t vendor_id,
                     const domain::VendorRow& identity);

  std::string Today() const;

 private:
  StatusOr<User> Readable(Tx& tx, const Actor& actor, std::int64_t vendor_id);
  VendorDataView Decorate(domain::VendorDataVersion record, User vendor, bool latest) const;
  StatusOr<int> Edit(const Actor& actor, std::string_view section, int expected_version,
                     const std::function<Status(const domain::SectionSpec&,
                                                std::vector<domain::VendorRow>&, std::string&)>& change);

  Store& store_;
  const Clock& clock_;
  Zone zone_;
};

}  // namespace spse::app

#endif  // SPSE_APP_VENDOR_DATA_SERVICE_H_
