// The roles of DESIGN.md §1 and the rules on which roles one account may hold.
#ifndef SPSE_DOMAIN_ROLE_H_
#define SPSE_DOMAIN_ROLE_H_

#include <array>
#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace spse::domain {

enum class Role {
  kPenyedia,           // vendor
  kPaKpa,              // budget holder
  kPpk,                // commitment official
  kPokja,              // tender committee member
  kPejabatPengadaan,   // procurement official (non-tender)
  kAuditor,
  kVerifikator,        // LPSE registration & verification
  kHelpdesk,           // LPSE service & support
  kAdminSistem,        // LPSE system administration
  kKepalaLpse,         // head of the LPSE
  kPemantauLkpp,       // national monitoring, read-only
};
inline constexpr int kRoleCount = 11;
inline constexpr std::array<Role, kRoleCount> kAllRoles = {
    Role::kPenyedia,    Role::kPaKpa,       Role::kPpk,      Role::kPokja,
    Role::kPejabatPengadaan, Role::kAuditor, Role::kVerifikator, Role::kHelpdesk,
    Role::kAdminSistem, Role::kKepalaLpse, Role::kPemantauLkpp};

// Stable code used in the database, the API and the CLI: "ppk", "pokja", ...
std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);

// Staff of the LPSE itself (Pasal 8-10, 6).
bool IsLpseRole(Role role);
// Roles that run procurement: PPK, ULP/Pokja/Panitia, Pejabat Pengadaan.
bool IsProcurementRole(Role role);
// Roles whose holder belongs to an agency (SKPD, satker or outside institution).
bool NeedsAgency(Role role);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }
  void Add(Role r) { bits_.set(static_cast<size_t>(r)); }
  void Remove(Role r) { bits_.reset(static_cast<size_t>(r)); }
  bool Has(Role r) const { return bits_.test(static_cast<size_t>(r)); }
  bool empty() const { return bits_.none(); }
  std::vector<Role> ToVector() const;
  // "pokja,ppk" in role order.
  std::string ToCodes() const;
  // Parses a comma-separated list of role codes.
  static StatusOr<RoleSet> ParseCodes(std::string_view codes);
  bool operator==(const RoleSet&) const = default;

 private:
  std::bitset<kRoleCount> bits_;
};

// The rules on combining roles in one account:
// - Pasal 14(3): LPSE staff may not also be PPK, ULP/Pokja/Panitia or
//   Pejabat Pengadaan ("role.lpse_procurement_conflict").
// - A vendor account is a vendor only ("role.vendor_exclusive").
// - At least one role ("role.empty").
Status ValidateRoleSet(const RoleSet& roles);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_ROLE_H_
