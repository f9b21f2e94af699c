#include "domain/role.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr Role kLpseRoles[] = {Role::kVerifikator, Role::kHelpdesk, Role::kAdminSistem,
                               Role::kKepalaLpse};
constexpr Role kProcurementRoles[] = {Role::kPpk, Role::kPokja, Role::kPejabatPengadaan};

TEST(Pasal14Ayat3, LpseStaffCannotHoldProcurementRoles) {
  for (Role lpse : kLpseRoles) {
    for (Role procurement : kProcurementRoles) {
      EXPECT_THAT(ValidateRoleSet({lpse, procurement}),
                  StatusIs(Code::kInvalidArgument, "role.lpse_procurement_conflict"))
          << RoleCode(lpse) << " + " << RoleCode(procurement);
    }
  }
}

TEST(Pasal14Ayat3, TheConflictHoldsAmongOtherRolesToo) {
  EXPECT_THAT(ValidateRoleSet({Role::kAdminSistem, Role::kHelpdesk, Role::kAuditor, Role::kPokja}),
              StatusIs(Code::kInvalidArgument, "role.lpse_procurement_conflict"));
}

TEST(Pasal14Ayat3, ClassifiesExactlyTheLpseAndProcurementRoles) {
  for (Role r : kAllRoles) {
    const bool lpse = r == Role::kVerifikator || r == Role::kHelpdesk || r == Role::kAdminSistem ||
                      r == Role::kKepalaLpse;
    const bool procurement = r == Role::kPpk || r == Role::kPokja || r == Role::kPejabatPengadaan;
    EXPECT_EQ(IsLpseRole(r), lpse) << RoleCode(r);
    EXPECT_EQ(IsProcurementRole(r), procurement) << RoleCode(r);
  }
}

TEST(VendorRole, IsHeldAlone) {
  EXPECT_OK(ValidateRoleSet({Role::kPenyedia}));
  for (Role other : kAllRoles) {
    if (other == Role::kPenyedia) continue;
    EXPECT_THAT(ValidateRoleSet({Role::kPenyedia, other}),
                StatusIs(Code::kInvalidArgument, "role.vendor_exclusive"))
        << RoleCode(other);
  }
}

TEST(RoleSetRules, AnAccountNeedsARole) {
  EXPECT_THAT(ValidateRoleSet(RoleSet()), StatusIs(Code::kInvalidArgument, "role.empty"));
}

TEST(RoleSetRules, AllowsCombinationsNoRuleForbids) {
  EXPECT_OK(ValidateRoleSet({Role::kPpk, Role::kPokja}));
  EXPECT_OK(ValidateRoleSet({Role::kPpk, Role::kPokja, Role::kPejabatPengadaan, Role::kPaKpa}));
  EXPECT_OK(ValidateRoleSet({Role::kAuditor, Role::kPemantauLkpp}));
  EXPECT_OK(ValidateRoleSet({Role::kAdminSistem, Role::kHelpdesk}));
  EXPECT_OK(ValidateRoleSet(
      {Role::kVerifikator, Role::kHelpdesk, Role::kAdminSistem, Role::kKepalaLpse}));
  EXPECT_OK(ValidateRoleSet({Role::kAuditor, Role::kPpk}));
}

TEST(RoleCodes, RoundTripThroughParseRole) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(ParseRole(RoleCode(r)), r) << RoleCode(r);
  }
  EXPECT_EQ(ParseRole("PPK"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

TEST(RoleSet, AddsRemovesAndListsInRoleOrder) {
  RoleSet roles;
  EXPECT_TRUE(roles.empty());
  roles.Add(Role::kPokja);
  roles.Add(Role::kPpk);
  roles.Add(Role::kPokja);
  EXPECT_TRUE(roles.Has(Role::kPpk));
  EXPECT_EQ(roles.ToVector(), (std::vector<Role>{Role::kPpk, Role::kPokja}));
  EXPECT_EQ(roles.ToCodes(), "ppk,pokja");
  roles.Remove(Role::kPpk);
  EXPECT_EQ(roles.ToCodes(), "pokja");
  EXPECT_FALSE(roles.Has(Role::kPpk));
}

TEST(RoleSetParseCodes, RoundTripsToCodes) {
  RoleSet every;
  for (Role r : kAllRoles) every.Add(r);
  ASSERT_OK_AND_ASSIGN(const RoleSet parsed, RoleSet::ParseCodes(every.ToCodes()));
  EXPECT_EQ(parsed.ToCodes(), every.ToCodes());
  EXPECT_TRUE(parsed == every);
}

TEST(RoleSetParseCodes, IgnoresSpacesAndEmptyItems) {
  ASSERT_OK_AND_ASSIGN(const RoleSet parsed, RoleSet::ParseCodes(" pokja , ppk,,"));
  EXPECT_EQ(parsed.ToCodes(), "ppk,pokja");
  ASSERT_OK_AND_ASSIGN(const RoleSet none, RoleSet::ParseCodes(""));
  EXPECT_TRUE(none.empty());
}

TEST(RoleSetParseCodes, RejectsAnUnknownCode) {
  EXPECT_THAT(RoleSet::ParseCodes("ppk,superuser"),
              StatusIs(Code::kInvalidArgument, "role.unknown"));
  EXPECT_EQ(RoleSet::ParseCodes("ppk,superuser").status().message(), "superuser");
}

}  // namespace
}  // namespace spse::domain
