#include "domain/password_policy.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

// `n` copies of `unit` (which may be a multibyte character).
std::string Repeat(std::string_view unit, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

constexpr std::string_view kUser = "budi.santoso";

TEST(PasswordPolicy, ElevenCharactersAreTooShort) {
  EXPECT_THAT(CheckNewPassword("kopi-tubruk", kUser),
              StatusIs(Code::kInvalidArgument, "password.too_short"));
}

TEST(PasswordPolicy, TwelveCharactersAreEnough) {
  EXPECT_OK(CheckNewPassword("kopi-tubruk!", kUser));
}

TEST(PasswordPolicy, NoCompositionRules) {
  EXPECT_OK(CheckNewPassword("semua huruf kecil saja", kUser));
  EXPECT_OK(CheckNewPassword("839201746638", kUser));
}

TEST(PasswordPolicy, OneHundredTwentyEightCharactersAreAllowed) {
  EXPECT_OK(CheckNewPassword(Repeat("sate ayam madura ", 8).substr(0, 128), kUser));
}

TEST(PasswordPolicy, MoreThanFiveHundredTwelveBytesAreTooLong) {
  EXPECT_OK(CheckNewPassword(Repeat("x", 512), kUser));
  EXPECT_THAT(CheckNewPassword(Repeat("x", 513), kUser),
              StatusIs(Code::kInvalidArgument, "password.too_long"));
}

TEST(PasswordPolicy, CountsMultibyteCharactersNotBytes) {
  // "é" is two bytes, "🔑" four: length is in characters.
  EXPECT_THAT(CheckNewPassword(Repeat("é", 11), kUser),
              StatusIs(Code::kInvalidArgument, "password.too_short"));
  EXPECT_OK(CheckNewPassword(Repeat("é", 12), kUser));
  EXPECT_THAT(CheckNewPassword(Repeat("🔑", 11), kUser),
              StatusIs(Code::kInvalidArgument, "password.too_short"));
  EXPECT_OK(CheckNewPassword(Repeat("🔑", 12), kUser));
}

TEST(PasswordPolicy, TheByteLimitAppliesToMultibyteText) {
  EXPECT_OK(CheckNewPassword(Repeat("é", 256), kUser));
  EXPECT_THAT(CheckNewPassword(Repeat("é", 257), kUser),
              StatusIs(Code::kInvalidArgument, "password.too_long"));
}

TEST(PasswordPolicy, RefusesWellKnownPasswordsInAnyCase) {
  for (const char* common : {"password1234", "Password123!", "PASSWORD123!", "indonesia1945",
                             "Bismillah123", "lpsebangkalan", "P@ssw0rd1234", "123456789012"}) {
    EXPECT_THAT(CheckNewPassword(common, kUser),
                StatusIs(Code::kInvalidArgument, "password.common"))
        << common;
  }
}

TEST(PasswordPolicy, RefusesAPasswordContainingTheUsername) {
  EXPECT_THAT(CheckNewPassword("budi.santoso2026", kUser),
              StatusIs(Code::kInvalidArgument, "password.contains_username"));
  EXPECT_THAT(CheckNewPassword("xxBUDI.SANTOSOxx", kUser),
              StatusIs(Code::kInvalidArgument, "password.contains_username"));
}

TEST(PasswordPolicy, IgnoresUsernamesShorterThanFourCharacters) {
  EXPECT_OK(CheckNewPassword("ani-suka-nasi-goreng", "ani"));
}

}  // namespace
}  // namespace spse::domain
