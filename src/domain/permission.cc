#include "domain/permission.h"

namespace spse::domain {

std::string_view PermissionCode(Permission p) {
  switch (p) {
    case Permission::kPublic: return "public";
    case Permission::kSignedIn: return "signed_in";
    case Permission::kManageAnnouncements: return "manage_announcements";
    case Permission::kManageAgencies: return "manage_agencies";
    case Permission::kManageUsers: return "manage_users";
    case Permission::kViewAudit: return "view_audit";
    case Permission::kVerifyAccounts: return "verify_accounts";
    case Permission::kViewActivity: return "view_activity";
    case Permission::kManageOwnVendorData: return "manage_own_vendor_data";
    case Permission::kViewVendorData: return "view_vendor_data";
    case Permission::kRunSelections: return "run_selections";
    case Permission::kOwnRegistration: return "own_registration";
    case Permission::kManageCalendar: return "manage_calendar";
    case Permission::kManagePlans: return "manage_plans";
    case Permission::kManagePackages: return "manage_packages";
    case Permission::kViewAssignedPackages: return "view_assigned_packages";
    case Permission::kJoinTenders: return "join_tenders";
    case Permission::kWitnessOpenings: return "witness_openings";
  }
  return "";
}

bool RoleGrants(Role role, Permission p) {
  switch (p) {
    case Permission::kPublic:
    case Permission::kSignedIn:
      return true;
    case Permission::kManageAnnouncements:
      return role == Role::kHelpdesk || role == Role::kAdminSistem;
    case Permission::kManageAgencies:
    case Permission::kManageUsers:
    case Permission::kManageCalendar:
      return role == Role::kAdminSistem;
    case Permission::kViewAudit:
      return role == Role::kAdminSistem || role == Role::kAuditor;
    case Permission::kVerifyAccounts:
      return role == Role::kVerifikator;
    case Permission::kViewActivity:
      return role == Role::kKepalaLpse || role == Role::kAdminSistem;
    case Permission::kManageOwnVendorData:
      return role == Role::kPenyedia;
    case Permission::kViewVendorData:
      return role == Role::kVerifikator || role == Role::kAuditor;
    case Permission::kRunSelections:
      return role == Role::kPokja || role == Role::kPejabatPengadaan;
    case Permission::kOwnRegistration:
    case Permission::kJoinTenders:
      return role == Role::kPenyedia;
    case Permission::kManagePlans:
      return role == Role::kPaKpa;
    case Permission::kManagePackages:
      return role == Role::kPpk;
    case Permission::kViewAssignedPackages:
      return role == Role::kPokja || role == Role::kPejabatPengadaan;
    case Permission::kWitnessOpenings:
      return role == Role::kHelpdesk || role == Role::kAdminSistem || role == Role::kKepalaLpse;
  }
  return false;
}

Status Authorize(const Principal& who, Permission p) {
  if (p == Permission::kPublic) return OkStatus();
  if (!who.signed_in()) return Unauthenticated("auth.required");
  if (p == Permission::kSignedIn) return OkStatus();
  if (!who.verified && p != Permission::kOwnRegistration) {
    return PermissionDenied("auth.forbidden", std::string(PermissionCode(p)));
  }
  for (Role r : who.roles.ToVector()) {
    if (RoleGrants(r, p)) return OkStatus();
  }
  return PermissionDenied("auth.forbidden", std::string(PermissionCode(p)));
}

}  // namespace spse::domain
