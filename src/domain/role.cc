#include "domain/role.h"

namespace spse::domain {

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kPenyedia: return "penyedia";
    case Role::kPaKpa: return "pa_kpa";
    case Role::kPpk: return "ppk";
    case Role::kPokja: return "pokja";
    case Role::kPejabatPengadaan: return "pejabat_pengadaan";
    case Role::kAuditor: return "auditor";
    case Role::kVerifikator: return "verifikator";
    case Role::kHelpdesk: return "helpdesk";
    case Role::kAdminSistem: return "admin_sistem";
    case Role::kKepalaLpse: return "kepala_lpse";
    case Role::kPemantauLkpp: return "pemantau_lkpp";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (Role r : kAllRoles) {
    if (RoleCode(r) == code) return r;
  }
  return std::nullopt;
}

bool IsLpseRole(Role role) {
  return role == Role::kVerifikator || role == Role::kHelpdesk || role == Role::kAdminSistem ||
         role == Role::kKepalaLpse;
}

bool IsProcurementRole(Role role) {
  return role == Role::kPpk || role == Role::kPokja || role == Role::kPejabatPengadaan;
}

bool NeedsAgency(Role role) {
  return role == Role::kPaKpa || role == Role::kPpk || role == Role::kPokja ||
         role == Role::kPejabatPengadaan;
}

std::vector<Role> RoleSet::ToVector() const {
  std::vector<Role> out;
  for (Role r : kAllRoles) {
    if (Has(r)) out.push_back(r);
  }
  return out;
}

std::string RoleSet::ToCodes() const {
  std::string out;
  for (Role r : ToVector()) {
    if (!out.empty()) out += ',';
    out += RoleCode(r);
  }
  return out;
}

StatusOr<RoleSet> RoleSet::ParseCodes(std::string_view codes) {
  RoleSet set;
  while (!codes.empty()) {
    const size_t comma = codes.find(',');
    std::string_view code = codes.substr(0, comma);
    while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
    while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
    if (!code.empty()) {
      const auto role = ParseRole(code);
      if (!role) return InvalidArgument("role.unknown", std::string(code));
      set.Add(*role);
    }
    if (comma == std::string_view::npos) break;
    codes.remove_prefix(comma + 1);
  }
  return set;
}

Status ValidateRoleSet(const RoleSet& roles) {
  if (roles.empty()) return InvalidArgument("role.empty", "an account needs a role");
  const auto list = roles.ToVector();
  if (roles.Has(Role::kPenyedia) && list.size() > 1) {
    return InvalidArgument("role.vendor_exclusive", "a vendor account holds no other role");
  }
  bool lpse = false, procurement = false;
  for (Role r : list) {
    lpse = lpse || IsLpseRole(r);
    procurement = procurement || IsProcurementRole(r);
  }
  if (lpse && procurement) {
    return InvalidArgument("role.lpse_procurement_conflict",
                           "Pasal 14(3): LPSE staff may not be PPK, Pokja or Pejabat Pengadaan");
  }
  return OkStatus();
}

}  // namespace spse::domain
