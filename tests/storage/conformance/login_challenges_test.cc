// LoginChallengeRepo through Store/Tx: sign-ins waiting for their second
// factor, stored by the hash of the browser's token.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using app::LoginChallenge;

StatusOr<std::optional<LoginChallenge>> Find(const std::string& hash) {
  return InReadTx([&](app::Tx& tx) { return tx.login_challenges().Find(hash); });
}

Status Put(const LoginChallenge& c) {
  return InWriteTx([&](app::Tx& tx) { return tx.login_challenges().Insert(c); });
}

bool Exists(const std::string& hash) {
  auto found = Find(hash);
  EXPECT_OK(found);
  return found.ok() && found->has_value();
}

class LoginChallengesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(user_, Insert(AUser())); }

  LoginChallenge AChallenge(Micros created) const {
    LoginChallenge c;
    c.token_hash = Unique("challenge");
    c.user_id = user_;
    c.created_at = created;
    c.expires_at = created + 5 * kMicrosPerMinute;
    c.client_addr = "10.1.2.3";
    c.user_agent = "Mozilla/5.0 (uji)";
    return c;
  }

  std::int64_t user_ = 0;
};

TEST_F(LoginChallengesTest, InsertThenFindGivesBackEveryField) {
  const LoginChallenge c = AChallenge(kJan2026);
  ASSERT_OK(Put(c));
  ASSERT_OK_AND_ASSIGN(const auto found, Find(c.token_hash));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->token_hash, c.token_hash);
  EXPECT_EQ(found->user_id, user_);
  EXPECT_EQ(found->created_at, kJan2026);
  EXPECT_EQ(found->expires_at, kJan2026 + 5 * kMicrosPerMinute);
  EXPECT_EQ(found->client_addr, "10.1.2.3");
  EXPECT_EQ(found->user_agent, "Mozilla/5.0 (uji)");
}

TEST_F(LoginChallengesTest, AnUnknownHashIsNotFound) {
  ASSERT_OK_AND_ASSIGN(const auto found, Find(Unique("nochallenge")));
  EXPECT_FALSE(found.has_value());
}

TEST_F(LoginChallengesTest, DeleteRemovesOnlyThatChallenge) {
  const LoginChallenge a = AChallenge(kJan2026);
  const LoginChallenge b = AChallenge(kJan2026);
  ASSERT_OK(Put(a));
  ASSERT_OK(Put(b));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.login_challenges().Delete(a.token_hash); }));
  EXPECT_FALSE(Exists(a.token_hash));
  EXPECT_TRUE(Exists(b.token_hash));
}

TEST_F(LoginChallengesTest, DeleteExpiredKeepsTheLiveOnes) {
  // Far in the future, so that other tests' rows do not matter.
  const Micros t = UniqueEpoch();
  const LoginChallenge old = AChallenge(t - 10 * kMicrosPerMinute);
  const LoginChallenge live = AChallenge(t - kMicrosPerMinute);
  ASSERT_OK(Put(old));
  ASSERT_OK(Put(live));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.login_challenges().DeleteExpired(t); }));
  EXPECT_FALSE(Exists(old.token_hash));
  EXPECT_TRUE(Exists(live.token_hash));
}

}  // namespace
}  // namespace spse::storage::conformance
