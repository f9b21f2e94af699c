// The shared record builders (testing/builders.h) in the conformance suite's
// namespace, and Insert(), which stores what they build.
#ifndef SPSE_TESTS_STORAGE_CONFORMANCE_BUILDERS_H_
#define SPSE_TESTS_STORAGE_CONFORMANCE_BUILDERS_H_

#include <cstdint>

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

}  // namespace spse::storage::conformance

#endif  // SPSE_TESTS_STORAGE_CONFORMANCE_BUILDERS_H_
