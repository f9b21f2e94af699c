// Permissions: the single place that decides who may do what. Every HTTP
// route names one Permission and the router asks Authorize() before any
// handler runs; use cases ask again for object-level rules.
#ifndef SPSE_DOMAIN_PERMISSION_H_
#define SPSE_DOMAIN_PERMISSION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/role.h"

namespace spse::domain {

enum class Permission {
  kPublic,                // anyone, signed in or not
  kSignedIn,              // any signed-in account: dashboard, own password
  kManageAnnouncements,   // LPSE announcements: Helpdesk, Admin Sistem (Pasal 22c, 25(4))
  kManageAgencies,        // agencies: Admin Sistem (Pasal 8)
  kManageUsers,           // non-vendor accounts: Admin Sistem (Pasal 8, 21(1)b)
  kViewAudit,             // audit trail: Admin Sistem, Auditor
  kVerifyAccounts,        // deactivation and Daftar Hitam: Verifikator (Pasal 9(4))
  kViewActivity,          // LPSE activity figures: Kepala LPSE (Pasal 6(2)c), Admin Sistem
  kManageOwnVendorData,   // a vendor's own data penyedia: Penyedia
  kViewVendorData,        // any vendor's data penyedia: Verifikator, Auditor
  kRunSelections,         // set up and run the tenders of packages handed to one's Pokja, or non-tender ones to oneself: Pokja, Pejabat Pengadaan
  kOwnRegistration,       // a vendor's own registration: data, documents, forms (Pasal 21(1)a)
  kManageCalendar,        // the LPSE's working days, hours and holidays: Admin Sistem
  kManagePlans,           // the agency's RUP: PA/KPA (Pasal 4(1)a)
  kManagePackages,        // packages from the agency's RUP: PPK (Pasal 4(1)b)
  kViewAssignedPackages,  // packages handed to one's Pokja or to oneself: Pokja, Pejabat Pengadaan
  kJoinTenders,           // join tenders, download their documents, ask in the penjelasan: Penyedia
  kWitnessOpenings,       // witness a second attempt at an unopenable bid (Pasal 23(2)): Helpdesk, Admin Sistem, Kepala LPSE
};
std::string_view PermissionCode(Permission p);

// Who is asking: the signed-in account, or nobody.
struct Principal {
  std::int64_t user_id = 0;   // 0 when anonymous
  std::string username;
  std::string full_name;
  RoleSet roles;
  std::optional<std::int64_t> agency_id;
  // Pasal 21(2): whether the Verifikator verified the account. Only accounts
  // read from storage can be unverified (AuthService sets it).
  bool verified = true;
  bool signed_in() const { return user_id != 0; }
};

// Whether `role` alone grants `p` (kPublic and kSignedIn included).
bool RoleGrants(Role role, Permission p);

// OK, kUnauthenticated ("auth.required") for an anonymous principal on a
// non-public permission, or kPermissionDenied ("auth.forbidden"). An
// unverified account gets nothing beyond kPublic, kSignedIn and
// kOwnRegistration, whatever its roles (Pasal 21(2)).
Status Authorize(const Principal& who, Permission p);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_PERMISSION_H_
