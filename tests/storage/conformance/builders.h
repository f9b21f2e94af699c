// The shared record builders (testing/builders.h) in the conformance suite's
// namespace, and Insert(), which stores what they build.
#ifndef SPSE_TESTS_STORAGE_CONFORMANCE_BUILDERS_H_
#define SPSE_TESTS_STORAGE_CONFORMANCE_BUILDERS_H_

#include <cstdint>
#include <string>

#include "app/ports.h"
#include "domain/records.h"
#include "storage/conformance/test_database.h"
#include "testing/builders.h"

namespace spse::storage::conformance {

using spse::testing::AgencyBuilder;
using spse::testing::AMaintenanceNoticeBy;
using spse::testing::AnAuditEntry;
using spse::testing::ANewsBy;
using spse::testing::AnInstitution;
using spse::testing::AnnouncementBuilder;
using spse::testing::AnSkpd;
using spse::testing::ASatkerUnder;
using spse::testing::ASessionOf;
using spse::testing::AuditEntryBuilder;
using spse::testing::AUser;
using spse::testing::kJan2026;
using spse::testing::SessionBuilder;
using spse::testing::UserBuilder;

// Inserts and commits; the row's id.
inline StatusOr<std::int64_t> Insert(const domain::User& user) {
  return InWriteTx([&](app::Tx& tx) { return tx.users().Insert(user); });
}
inline StatusOr<std::int64_t> Insert(const domain::Agency& agency) {
  return InWriteTx([&](app::Tx& tx) { return tx.agencies().Insert(agency); });
}
inline StatusOr<std::int64_t> Insert(const domain::Announcement& a) {
  return InWriteTx([&](app::Tx& tx) { return tx.announcements().Insert(a); });
}
inline StatusOr<std::int64_t> Insert(const domain::AuditEntry& e) {
  return InWriteTx([&](app::Tx& tx) { return tx.audit().Append(e); });
}

// In `tx`: a fresh SKPD, its PPK, a published RUP item of `type` for 2027
// named `name` (default "Pengadaan <unique>") and a package of it. Returns
// the package's id.
inline StatusOr<std::int64_t> InsertTenderPackage(app::Tx& tx, const std::string& type = "konstruksi",
                                                  const std::string& name = "") {
  SPSE_ASSIGN_OR_RETURN(std::int64_t agency, tx.agencies().Insert(AgencyBuilder(domain::AgencyKind::kSkpd).Build()));
  SPSE_ASSIGN_OR_RETURN(std::int64_t ppk, tx.users().Insert(UserBuilder().Roles({domain::Role::kPpk}).Build()));
  domain::RupItem item;
  item.agency_id = agency;
  item.name = name.empty() ? "Pengadaan " + Unique(type) : name;
  item.fiscal_year = 2027;
  item.pagu = Money::FromRupiah(1'500'000'000);
  item.funding = "APBD";
  item.procurement_type = type;
  item.method = "tender";
  item.selection_from = 2;
  item.selection_to = 3;
  item.work_from = 4;
  item.work_to = 10;
  item.location = "Kabupaten Bangkalan";
  item.description = "Uji";
  item.status = domain::RupStatus::kPublished;
  item.created_by = ppk;
  SPSE_ASSIGN_OR_RETURN(std::int64_t rup, tx.rup().Insert(item));
  domain::Package p;
  p.agency_id = agency;
  p.ppk_id = ppk;
  p.name = item.name;
  p.rup_ids = {rup};
  p.contract_type = "harga_satuan";
  p.qualification = "kecil";
  p.hps = {{"Lapis AC-WC", "m2", 100000, Money::FromRupiah(250'000)}};
  return tx.packages().Insert(p, 2027);
}

}  // namespace spse::storage::conformance

#endif  // SPSE_TESTS_STORAGE_CONFORMANCE_BUILDERS_H_
