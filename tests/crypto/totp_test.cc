// The TOTP wrapper against RFC 6238 Appendix B (the SHA-1 rows) and RFC 4648
// §10 base32 vectors.
#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "crypto/crypto.h"
#include "testing/status_matchers.h"

namespace spse::crypto {
namespace {

// RFC 6238 Appendix B: the SHA-1 seed is the 20 ASCII bytes "1234567890" x 2.
constexpr std::string_view kRfcSecret = "12345678901234567890";

struct Vector {
  std::int64_t unix_seconds;
  const char* totp8;
};

// EVIDENCE-OF: RFC 6238 Appendix B, Mode SHA1, T0 = 0, X = 30.
constexpr Vector kRfc6238Sha1[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

class Totp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_OK(Init()); }
  OathTotp totp_;
};

TEST_F(Totp, EightDigitCodesMatchRfc6238AppendixB) {
  for (const Vector& v : kRfc6238Sha1) {
    ASSERT_OK_AND_ASSIGN(const std::string code, totp_.Generate(kRfcSecret, v.unix_seconds, 30, 8));
    EXPECT_EQ(code, v.totp8) << "at " << v.unix_seconds;
  }
}

// RFC 4226 §5.3: a d-digit code is the truncated value mod 10^d, so the
// 6-digit code is the last six digits of the 8-digit one.
TEST_F(Totp, SixDigitCodesAreTheLastSixDigits) {
  for (const Vector& v : kRfc6238Sha1) {
    ASSERT_OK_AND_ASSIGN(const std::string code, totp_.Generate(kRfcSecret, v.unix_seconds, 30, 6));
    EXPECT_EQ(code, std::string(v.totp8).substr(2)) << "at " << v.unix_seconds;
  }
}

TEST_F(Totp, MatchGivesTheTimeStepOfTheCode) {
  for (const Vector& v : kRfc6238Sha1) {
    const std::string code6 = std::string(v.totp8).substr(2);
    EXPECT_EQ(totp_.Match(kRfcSecret, v.unix_seconds, 30, 0, code6), v.unix_seconds / 30)
        << "at " << v.unix_seconds;
    EXPECT_EQ(totp_.Match(kRfcSecret, v.unix_seconds, 30, 0, v.totp8), v.unix_seconds / 30);
  }
}

TEST_F(Totp, TheWindowAcceptsOneStepEitherSideAndNoMore) {
  const std::int64_t t = 1111111109;  // step 37037036
  ASSERT_OK_AND_ASSIGN(const std::string code, totp_.Generate(kRfcSecret, t, 30, 6));
  EXPECT_EQ(totp_.Match(kRfcSecret, t + 30, 30, 1, code), t / 30) << "one step late";
  EXPECT_EQ(totp_.Match(kRfcSecret, t - 30, 30, 1, code), t / 30) << "one step early";
  EXPECT_EQ(totp_.Match(kRfcSecret, t + 60, 30, 1, code), std::nullopt) << "two steps late";
  EXPECT_EQ(totp_.Match(kRfcSecret, t - 60, 30, 1, code), std::nullopt) << "two steps early";
  EXPECT_EQ(totp_.Match(kRfcSecret, t + 30, 30, 0, code), std::nullopt) << "no window";
}

TEST_F(Totp, WrongOrMalformedCodesDoNotMatch) {
  EXPECT_EQ(totp_.Match(kRfcSecret, 59, 30, 1, "287083"), std::nullopt);
  EXPECT_EQ(totp_.Match(kRfcSecret, 59, 30, 1, ""), std::nullopt);
  EXPECT_EQ(totp_.Match(kRfcSecret, 59, 30, 1, "28708"), std::nullopt);
  EXPECT_EQ(totp_.Match("another secret......", 59, 30, 1, "287082"), std::nullopt);
}

TEST_F(Totp, RefusesParametersOutsideTheRfc) {
  EXPECT_THAT(totp_.Generate(kRfcSecret, 59, 30, 5).status(),
              StatusIs(Code::kInvalidArgument, "totp.parameters"));
  EXPECT_THAT(totp_.Generate(kRfcSecret, 59, 0, 6).status(),
              StatusIs(Code::kInvalidArgument, "totp.parameters"));
}

// EVIDENCE-OF: RFC 4648 §10, without the padding.
TEST_F(Totp, Base32MatchesRfc4648) {
  EXPECT_EQ(totp_.Base32(""), "");
  EXPECT_EQ(totp_.Base32("f"), "MY");
  EXPECT_EQ(totp_.Base32("fo"), "MZXQ");
  EXPECT_EQ(totp_.Base32("foo"), "MZXW6");
  EXPECT_EQ(totp_.Base32("foob"), "MZXW6YQ");
  EXPECT_EQ(totp_.Base32("fooba"), "MZXW6YTB");
  EXPECT_EQ(totp_.Base32("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(totp_.Base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

}  // namespace
}  // namespace spse::crypto
