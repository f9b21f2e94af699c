#include "crypto/crypto.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "crypto/sodium_port.h"
#include "testing/status_matchers.h"

namespace spse::crypto {
namespace {

class Crypto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_OK(Init()); }
};

// The fields of a PHC string "$argon2id$v=19$m=65536,t=2,p=1$salt$hash":
// {"alg": "argon2id", "v": "19", "m": "65536", "t": "2", "p": "1"}.
std::map<std::string, std::string> PhcFields(std::string_view phc) {
  std::map<std::string, std::string> out;
  size_t section = 0;
  while (!phc.empty()) {
    if (phc.front() == '$') phc.remove_prefix(1);
    const std::string_view part = phc.substr(0, phc.find('$'));
    phc.remove_prefix(part.size());
    if (section == 0) out["alg"] = std::string(part);
    if (section == 1 || section == 2) {
      std::string_view params = part;
      while (!params.empty()) {
        const std::string_view kv = params.substr(0, params.find(','));
        params.remove_prefix(std::min(params.size(), kv.size() + 1));
        const size_t eq = kv.find('=');
        if (eq != std::string_view::npos) {
          out[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
        }
      }
    }
    ++section;
  }
  return out;
}

bool IsBase64Url(std::string_view s) {
  return s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
         std::string_view::npos;
}

TEST_F(Crypto, HashPasswordMakesAnArgon2idPhcString) {
  ASSERT_OK_AND_ASSIGN(const std::string phc, HashPassword("kopi-tubruk-pagi"));
  EXPECT_EQ(phc.rfind("$argon2id$v=19$", 0), 0u) << phc;
}

// ASVS 5.0 Appendix C / OWASP: argon2id with at least 19 MiB and 2 passes.
TEST_F(Crypto, PasswordHashParametersMeetTheAsvsMinimum) {
  ASSERT_OK_AND_ASSIGN(const std::string phc, HashPassword("kopi-tubruk-pagi"));
  const auto fields = PhcFields(phc);
  ASSERT_EQ(fields.count("m"), 1u) << phc;
  ASSERT_EQ(fields.count("t"), 1u) << phc;
  EXPECT_EQ(fields.at("alg"), "argon2id");
  EXPECT_GE(std::stol(fields.at("m")), 19456) << phc;
  EXPECT_GE(std::stol(fields.at("t")), 2) << phc;
  EXPECT_EQ(fields.at("m"), "65536");
  EXPECT_EQ(fields.at("t"), "2");
  EXPECT_FALSE(PasswordNeedsRehash(phc));
}

TEST_F(Crypto, EachHashHasItsOwnSalt) {
  ASSERT_OK_AND_ASSIGN(const std::string first, HashPassword("kopi-tubruk-pagi"));
  ASSERT_OK_AND_ASSIGN(const std::string second, HashPassword("kopi-tubruk-pagi"));
  EXPECT_NE(first, second);
}

TEST_F(Crypto, VerifyAcceptsOnlyTheRightPassword) {
  ASSERT_OK_AND_ASSIGN(const std::string phc, HashPassword("kopi-tubruk-pagi"));
  EXPECT_TRUE(VerifyPassword(phc, "kopi-tubruk-pagi"));
  EXPECT_FALSE(VerifyPassword(phc, "kopi-tubruk-pag"));
  EXPECT_FALSE(VerifyPassword(phc, "Kopi-tubruk-pagi"));
  EXPECT_FALSE(VerifyPassword(phc, ""));
}

TEST_F(Crypto, VerifyRejectsMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("", "kopi-tubruk-pagi"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "kopi-tubruk-pagi"));
  EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), "kopi-tubruk-pagi"));
  EXPECT_TRUE(PasswordNeedsRehash(""));
}

TEST_F(Crypto, ALongPasswordIsHashedWhole) {
  const std::string password(128, 'k');
  std::string last_changed = password;
  last_changed.back() = 'j';
  ASSERT_OK_AND_ASSIGN(const std::string phc, HashPassword(password));
  EXPECT_TRUE(VerifyPassword(phc, password));
  EXPECT_FALSE(VerifyPassword(phc, last_changed));
}

TEST_F(Crypto, RandomTokenOfSixteenBytesIsTwentyTwoBase64UrlCharacters) {
  const std::string token = RandomToken(16);
  EXPECT_EQ(token.size(), 22u);
  EXPECT_TRUE(IsBase64Url(token)) << token;
}

TEST_F(Crypto, TenThousandRandomTokensAreAllDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) seen.insert(RandomToken(16));
  EXPECT_EQ(seen.size(), 10'000u);
}

TEST_F(Crypto, Sha256HexMatchesTheFips180Vectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(Crypto, IncrementalSha256EqualsOneShot) {
  Sha256 hash;
  hash.Update("a", 1);
  hash.Update("bc", 2);
  EXPECT_EQ(hash.FinishHex(), Sha256Hex("abc"));
}

// RFC 4231 test case 2. HMAC-SHA-256 =
// 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, which
// HmacSha256 returns as unpadded base64url.
TEST_F(Crypto, HmacSha256MatchesRfc4231TestCase2) {
  EXPECT_EQ(HmacSha256("Jefe", "what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
}

TEST_F(Crypto, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("token-a", "token-a"));
  EXPECT_FALSE(ConstantTimeEquals("token-a", "token-b"));
  EXPECT_FALSE(ConstantTimeEquals("token-a", "token-ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST_F(Crypto, SealedTextOpensOnlyUnderItsKey) {
  const std::string sealed = Seal("key-one", "rahasia bersama");
  EXPECT_TRUE(IsBase64Url(sealed));
  EXPECT_EQ(sealed.find("rahasia"), std::string::npos);
  EXPECT_EQ(Open("key-one", sealed), std::optional<std::string>("rahasia bersama"));
  EXPECT_EQ(Open("key-two", sealed), std::nullopt);
}

TEST_F(Crypto, SealingTwiceGivesDifferentTextsThatBothOpen) {
  const std::string a = Seal("k", "same");
  const std::string b = Seal("k", "same");
  EXPECT_NE(a, b) << "a fresh nonce each time";
  EXPECT_EQ(Open("k", a), std::optional<std::string>("same"));
  EXPECT_EQ(Open("k", b), std::optional<std::string>("same"));
  EXPECT_EQ(Open("k", Seal("k", "")), std::optional<std::string>(""));
}

TEST_F(Crypto, AlteredOrMalformedSealedTextDoesNotOpen) {
  std::string sealed = Seal("k", "twenty bytes of key!");
  sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Open("k", sealed), std::nullopt);
  EXPECT_EQ(Open("k", ""), std::nullopt);
  EXPECT_EQ(Open("k", "not base64!"), std::nullopt);
  EXPECT_EQ(Open("k", "AAAA"), std::nullopt);  // shorter than nonce + MAC
}

TEST_F(Crypto, RandomBytesAreRawAndFresh) {
  EXPECT_EQ(RandomBytes(20).size(), 20u);
  EXPECT_NE(RandomBytes(20), RandomBytes(20));
}

TEST_F(Crypto, SodiumPortDelegatesToTheFunctions) {
  SodiumCrypto port;
  EXPECT_EQ(port.Sha256Hex("abc"), Sha256Hex("abc"));
  EXPECT_EQ(port.Hmac("Jefe", "what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
  EXPECT_EQ(port.RandomToken(12).size(), 16u);
  EXPECT_TRUE(port.ConstantTimeEquals("x", "x"));
  EXPECT_EQ(port.RandomBytes(7).size(), 7u);
  EXPECT_EQ(port.Open("k", port.Seal("k", "p")), std::optional<std::string>("p"));
  ASSERT_OK_AND_ASSIGN(const std::string phc, port.HashPassword("kopi-tubruk-pagi"));
  EXPECT_TRUE(port.VerifyPassword(phc, "kopi-tubruk-pagi"));
}

}  // namespace
}  // namespace spse::crypto
