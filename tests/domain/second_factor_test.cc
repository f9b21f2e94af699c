#include "domain/second_factor.h"

#include <gtest/gtest.h>

namespace spse::domain {
namespace {

TEST(SecondFactorRoles, RequiredForTheRolesThatDecideOrAdminister) {
  for (Role r : {Role::kPokja, Role::kPpk, Role::kPejabatPengadaan, Role::kVerifikator,
                 Role::kAdminSistem}) {
    EXPECT_TRUE(RoleRequiresSecondFactor(r)) << RoleCode(r);
  }
  for (Role r : {Role::kPenyedia, Role::kPaKpa, Role::kAuditor, Role::kHelpdesk,
                 Role::kKepalaLpse, Role::kPemantauLkpp}) {
    EXPECT_FALSE(RoleRequiresSecondFactor(r)) << RoleCode(r);
  }
}

TEST(SecondFactorRoles, OneRequiringRoleIsEnough) {
  EXPECT_TRUE(RequiresSecondFactor(RoleSet{Role::kAuditor, Role::kVerifikator}));
  EXPECT_FALSE(RequiresSecondFactor(RoleSet{Role::kAuditor, Role::kHelpdesk}));
  EXPECT_FALSE(RequiresSecondFactor(RoleSet{}));
}

// EVIDENCE-OF: RFC 6238 §4.2: T = floor((Current Unix time - T0) / X), X = 30.
TEST(TotpStep, IsUnixSecondsOverThirty) {
  EXPECT_EQ(TotpStepAt(0), 0);
  EXPECT_EQ(TotpStepAt(29 * kMicrosPerSecond + 999'999), 0);
  EXPECT_EQ(TotpStepAt(30 * kMicrosPerSecond), 1);
  EXPECT_EQ(TotpStepAt(59 * kMicrosPerSecond), 1);
  EXPECT_EQ(TotpStepAt(1'111'111'109LL * kMicrosPerSecond), 0x23523EC);  // RFC 6238 Appendix B
  EXPECT_EQ(TotpStepAt(-1), -1);
}

TEST(Codes, TypedCodesAreNormalised) {
  EXPECT_EQ(NormalizeCode(" 123 456 "), "123456");
  EXPECT_EQ(NormalizeCode("abcd-efgh-ijkl-mnop"), "ABCDEFGHIJKLMNOP");
  EXPECT_TRUE(IsTotpCode(NormalizeCode("123 456")));
  EXPECT_FALSE(IsTotpCode("12345"));
  EXPECT_FALSE(IsTotpCode("1234567"));
  EXPECT_FALSE(IsTotpCode("12345A"));
  EXPECT_TRUE(IsRecoveryCode(NormalizeCode("abcd-efgh-2345-67qr")));
  EXPECT_FALSE(IsRecoveryCode("ABCDEFGH2345671Q"));  // '1' is not base32
  EXPECT_FALSE(IsRecoveryCode("ABCDEFGH"));
  EXPECT_FALSE(IsRecoveryCode("123456"));
}

TEST(Codes, RecoveryCodesAreShownInGroupsOfFour) {
  EXPECT_EQ(FormatRecoveryCode("ABCDEFGHJKLMNPQR"), "ABCD-EFGH-JKLM-NPQR");
  EXPECT_EQ(NormalizeCode(FormatRecoveryCode("ABCDEFGHJKLMNPQR")), "ABCDEFGHJKLMNPQR");
}

// Key Uri Format (google-authenticator wiki): otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...
TEST(OtpAuthUri, NamesIssuerAccountAndParameters) {
  EXPECT_EQ(OtpAuthUri("LPSE Kabupaten Bangkalan", "ppk.dpupr", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/LPSE%20Kabupaten%20Bangkalan:ppk.dpupr?secret=JBSWY3DPEHPK3PXP"
            "&issuer=LPSE%20Kabupaten%20Bangkalan&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpAuthUri("A&B", "x:y", "AA"),
            "otpauth://totp/A%26B:x%3Ay?secret=AA&issuer=A%26B&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace spse::domain
