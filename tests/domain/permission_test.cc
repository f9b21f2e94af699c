#include "domain/permission.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

// Who may do what, written out here rather than derived from the code under
// test (DESIGN.md §1; Pasal 8, 21(1)b, 22c, 25(4)).
const std::set<std::pair<Role, Permission>> kGranted = {
    {Role::kHelpdesk, Permission::kManageAnnouncements},
    {Role::kAdminSistem, Permission::kManageAnnouncements},
    {Role::kAdminSistem, Permission::kManageAgencies},
    {Role::kAdminSistem, Permission::kManageUsers},
    {Role::kAdminSistem, Permission::kViewAudit},
    {Role::kAuditor, Permission::kViewAudit},
    {Role::kVerifikator, Permission::kVerifyAccounts},
    {Role::kKepalaLpse, Permission::kViewActivity},
    {Role::kAdminSistem, Permission::kViewActivity},
    {Role::kPenyedia, Permission::kManageOwnVendorData},
    {Role::kVerifikator, Permission::kViewVendorData},
    {Role::kAuditor, Permission::kViewVendorData},
    {Role::kPenyedia, Permission::kOwnRegistration},
    {Role::kAdminSistem, Permission::kManageCalendar},
    {Role::kPokja, Permission::kRunSelections},
    {Role::kPejabatPengadaan, Permission::kRunSelections},
    // Pasal 4(1)a-b: the PA/KPA publishes the RUP, the PPK makes packages,
    // the Pokja and the Pejabat Pengadaan receive them.
    {Role::kPaKpa, Permission::kManagePlans},
    {Role::kPpk, Permission::kManagePackages},
    {Role::kPokja, Permission::kViewAssignedPackages},
    {Role::kPejabatPengadaan, Permission::kViewAssignedPackages},
    // Pasal 4(1)b: vendors take part in the selections announced.
    {Role::kPenyedia, Permission::kJoinTenders},
    // Pasal 23(2): an LPSE officer witnesses a second attempt at an unopenable bid.
    {Role::kHelpdesk, Permission::kWitnessOpenings},
    {Role::kAdminSistem, Permission::kWitnessOpenings},
    {Role::kKepalaLpse, Permission::kWitnessOpenings},
};

constexpr Permission kRestricted[] = {Permission::kManageAnnouncements, Permission::kManageAgencies,
                                      Permission::kManageUsers,         Permission::kViewAudit,
                                      Permission::kVerifyAccounts,      Permission::kViewActivity,
                                      Permission::kManageOwnVendorData, Permission::kViewVendorData,
                                      Permission::kOwnRegistration,     Permission::kManageCalendar,
                                      Permission::kRunSelections,
                                      Permission::kManagePlans,
                                      Permission::kManagePackages,      Permission::kViewAssignedPackages,
                                      Permission::kJoinTenders,         Permission::kWitnessOpenings};

Principal Anonymous() { return Principal(); }

Principal SignedInAs(Role role) {
  Principal who;
  who.user_id = 42;
  who.username = "budi";
  who.roles.Add(role);
  return who;
}

TEST(Authorize, AnyoneMayUsePublicPages) {
  EXPECT_OK(Authorize(Anonymous(), Permission::kPublic));
  for (Role r : kAllRoles) EXPECT_OK(Authorize(SignedInAs(r), Permission::kPublic));
}

TEST(Authorize, AnonymousVisitorsMustSignIn) {
  EXPECT_THAT(Authorize(Anonymous(), Permission::kSignedIn),
              StatusIs(Code::kUnauthenticated, "auth.required"));
  for (Permission p : kRestricted) {
    EXPECT_THAT(Authorize(Anonymous(), p), StatusIs(Code::kUnauthenticated, "auth.required"))
        << PermissionCode(p);
  }
}

TEST(Authorize, EverySignedInRoleHasTheSignedInPermission) {
  for (Role r : kAllRoles) EXPECT_OK(Authorize(SignedInAs(r), Permission::kSignedIn));
}

TEST(Authorize, EachRoleGetsExactlyTheRestrictedPermissionsOfTheTable) {
  for (Role r : kAllRoles) {
    for (Permission p : kRestricted) {
      const Status status = Authorize(SignedInAs(r), p);
      if (kGranted.count({r, p}) > 0) {
        EXPECT_OK(status) << RoleCode(r) << " / " << PermissionCode(p);
      } else {
        EXPECT_THAT(status, StatusIs(Code::kPermissionDenied, "auth.forbidden"))
            << RoleCode(r) << " / " << PermissionCode(p);
      }
    }
  }
}

TEST(Authorize, ASignedInAccountWithoutRolesGetsNoRestrictedPermission) {
  Principal who;
  who.user_id = 7;
  for (Permission p : kRestricted) {
    EXPECT_THAT(Authorize(who, p), StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  }
}

TEST(Authorize, AnyHeldRoleThatGrantsThePermissionSuffices) {
  Principal who = SignedInAs(Role::kPemantauLkpp);
  who.roles.Add(Role::kAuditor);
  EXPECT_OK(Authorize(who, Permission::kViewAudit));
  EXPECT_THAT(Authorize(who, Permission::kManageUsers),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
}

// EVIDENCE-OF: Pasal 21(2): verification authenticates the vendor "untuk
// memperoleh User ID dan Password"; until then the account acts as nobody.
TEST(Authorize, Pasal21Ayat2_AnUnverifiedAccountGetsNothingButItsOwnApplication) {
  for (Role r : kAllRoles) {
    Principal who = SignedInAs(r);
    who.verified = false;
    EXPECT_OK(Authorize(who, Permission::kPublic));
    EXPECT_OK(Authorize(who, Permission::kSignedIn));
    for (Permission p : kRestricted) {
      if (p == Permission::kOwnRegistration && r == Role::kPenyedia) {
        EXPECT_OK(Authorize(who, p));
        continue;
      }
      EXPECT_THAT(Authorize(who, p), StatusIs(Code::kPermissionDenied, "auth.forbidden"))
          << RoleCode(r) << " / " << PermissionCode(p);
    }
  }
}

TEST(Authorize, Pasal21Ayat2_APendingVendorCannotActAsAVendorNorAsAnyOtherRoleItHolds) {
  Principal who = SignedInAs(Role::kAdminSistem);
  who.roles.Add(Role::kAuditor);
  who.verified = false;
  EXPECT_THAT(Authorize(who, Permission::kManageUsers),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(Authorize(who, Permission::kViewAudit),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  who.verified = true;
  EXPECT_OK(Authorize(who, Permission::kManageUsers));
}

TEST(RoleGrants, MatchesTheTable) {
  for (Role r : kAllRoles) {
    EXPECT_TRUE(RoleGrants(r, Permission::kPublic));
    EXPECT_TRUE(RoleGrants(r, Permission::kSignedIn));
    for (Permission p : kRestricted) {
      EXPECT_EQ(RoleGrants(r, p), kGranted.count({r, p}) > 0)
          << RoleCode(r) << " / " << PermissionCode(p);
    }
  }
}

TEST(PermissionCode, NamesEveryPermission) {
  EXPECT_EQ(PermissionCode(Permission::kPublic), "public");
  EXPECT_EQ(PermissionCode(Permission::kSignedIn), "signed_in");
  EXPECT_EQ(PermissionCode(Permission::kManageAnnouncements), "manage_announcements");
  EXPECT_EQ(PermissionCode(Permission::kManageAgencies), "manage_agencies");
  EXPECT_EQ(PermissionCode(Permission::kManageUsers), "manage_users");
  EXPECT_EQ(PermissionCode(Permission::kViewAudit), "view_audit");
  EXPECT_EQ(PermissionCode(Permission::kVerifyAccounts), "verify_accounts");
  EXPECT_EQ(PermissionCode(Permission::kViewActivity), "view_activity");
  EXPECT_EQ(PermissionCode(Permission::kOwnRegistration), "own_registration");
  EXPECT_EQ(PermissionCode(Permission::kManagePlans), "manage_plans");
  EXPECT_EQ(PermissionCode(Permission::kManagePackages), "manage_packages");
  EXPECT_EQ(PermissionCode(Permission::kViewAssignedPackages), "view_assigned_packages");
  EXPECT_EQ(PermissionCode(Permission::kJoinTenders), "join_tenders");
  EXPECT_EQ(PermissionCode(Permission::kWitnessOpenings), "witness_openings");
}

}  // namespace
}  // namespace spse::domain
