// Shamir secret sharing over GF(256) (issue 5, item 1): known answers
// computed by an independent implementation, any k of n shares rebuild the
// secret, k-1 leave every value equally possible, bad share sets are refused.
#include "domain/shamir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <memory>
#include <set>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

// Hands out the given bytes in order (the polynomials' coefficients).
RandomBytesFn Fixed(std::string bytes) {
  auto at = std::make_shared<size_t>(0);
  return [bytes = std::move(bytes), at](std::uint8_t* out, size_t size) {
    for (size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(bytes[(*at)++ % bytes.size()]);
  };
}

RandomBytesFn Seeded(unsigned seed) {
  auto rng = std::make_shared<std::mt19937>(seed);
  return [rng](std::uint8_t* out, size_t size) {
    for (size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>((*rng)() & 0xff);
  };
}

std::string Hex(const std::string& s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

TEST(Shamir, TheFieldIsAesGf256) {
  EXPECT_EQ(GfMul(0x57, 0x83), 0xc1);  // FIPS-197 §4.2
  EXPECT_EQ(GfMul(0x57, 0x13), 0xfe);
  for (int a = 0; a < 256; ++a) EXPECT_EQ(GfMul(static_cast<std::uint8_t>(a), 1), a);
}

TEST(Shamir, KnownAnswerFiveSharesThresholdThree) {
  const std::string secret("\x53\xA7\x00\xFF", 4);
  ASSERT_OK_AND_ASSIGN(auto shares,
                       SplitSecret(secret, 5, 3, Fixed(std::string("\xCA\x01\x10\x20\xFE\x33\x00\x80", 8))));
  ASSERT_EQ(shares.size(), 5u);
  const char* expected[] = {"9897cd7f", "d8072bc9", "1337e649", "46d1c827", "8de105a7"};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(shares[i].x, i + 1);
    EXPECT_EQ(Hex(shares[i].y), expected[i]) << "share " << i + 1;
  }
}

TEST(Shamir, AnyKOfNSharesRebuildTheSecret) {
  const std::string secret = "kunci privat tender X25519: 32 byte";
  for (int n = 2; n <= 7; ++n) {
    for (int k = 2; k <= n; ++k) {
      ASSERT_OK_AND_ASSIGN(auto shares, SplitSecret(secret, n, k, Seeded(static_cast<unsigned>(n * 31 + k))));
      // Every subset of k or more shares, in any order.
      for (unsigned mask = 0; mask < (1u << n); ++mask) {
        std::vector<SecretShare> subset;
        for (int i = 0; i < n; ++i) {
          if (mask & (1u << i)) subset.push_back(shares[i]);
        }
        if (static_cast<int>(subset.size()) < k) continue;
        std::reverse(subset.begin(), subset.end());
        ASSERT_OK_AND_ASSIGN(std::string rebuilt, CombineShares(subset));
        EXPECT_EQ(rebuilt, secret) << "n=" << n << " k=" << k << " mask=" << mask;
      }
    }
  }
}

// With k-1 shares every value of a secret byte stays possible: for each
// candidate there is exactly one polynomial through the k-1 points and
// (0, candidate), so the shares say nothing about the secret.
TEST(Shamir, FewerThanKSharesLeaveEverySecretPossible) {
  const std::string secret("\x42", 1);
  ASSERT_OK_AND_ASSIGN(auto shares, SplitSecret(secret, 5, 3, Seeded(7)));
  const std::vector<SecretShare> two = {shares[0], shares[3]};
  std::set<std::string> reachable;
  for (int candidate = 0; candidate < 256; ++candidate) {
    // The third point that, with the two shares, interpolates to `candidate`.
    const SecretShare third{9, std::string(1, static_cast<char>(candidate))};
    std::vector<SecretShare> three = two;
    three.push_back(third);
    ASSERT_OK_AND_ASSIGN(std::string value, CombineShares(three));
    reachable.insert(value);
  }
  EXPECT_EQ(reachable.size(), 256u) << "every secret value is consistent with the two shares";
  ASSERT_OK_AND_ASSIGN(std::string guess, CombineShares(two));
  EXPECT_EQ(guess.size(), 1u);
}

TEST(Shamir, OneOfOneIsTheSecretItself) {
  // A single key holder: the polynomial is the constant secret.
  ASSERT_OK_AND_ASSIGN(auto shares, SplitSecret("kunci", 1, 1, Seeded(3)));
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0].x, 1);
  EXPECT_EQ(shares[0].y, "kunci");
  ASSERT_OK_AND_ASSIGN(std::string back, CombineShares(shares));
  EXPECT_EQ(back, "kunci");
}

TEST(Shamir, BadInputIsRefused) {
  EXPECT_THAT(SplitSecret("", 3, 2, Seeded(1)), StatusIs(Code::kInvalidArgument, "shamir.secret_empty"));
  EXPECT_THAT(SplitSecret("k", 3, 0, Seeded(1)), StatusIs(Code::kInvalidArgument, "shamir.threshold_invalid"));
  EXPECT_THAT(SplitSecret("k", 2, 3, Seeded(1)), StatusIs(Code::kInvalidArgument, "shamir.threshold_invalid"));
  EXPECT_THAT(SplitSecret("k", 256, 2, Seeded(1)), StatusIs(Code::kInvalidArgument, "shamir.threshold_invalid"));
  ASSERT_OK_AND_ASSIGN(auto shares, SplitSecret("kunci", 3, 2, Seeded(2)));
  EXPECT_THAT(CombineShares({}), StatusIs(Code::kInvalidArgument, "shamir.too_few"));
  // One share of a 2-of-3 split is a point, not the secret.
  ASSERT_OK_AND_ASSIGN(std::string one, CombineShares({shares[0]}));
  EXPECT_EQ(one, shares[0].y);
  EXPECT_THAT(CombineShares({shares[0], shares[0]}), StatusIs(Code::kInvalidArgument, "shamir.x_repeated"));
  SecretShare zero = shares[1];
  zero.x = 0;
  EXPECT_THAT(CombineShares({shares[0], zero}), StatusIs(Code::kInvalidArgument, "shamir.x_invalid"));
  SecretShare cut = shares[1];
  cut.y.pop_back();
  EXPECT_THAT(CombineShares({shares[0], cut}), StatusIs(Code::kInvalidArgument, "shamir.length_mismatch"));
}

}  // namespace
}  // namespace spse::domain
