// PasswordResetRepo through Store/Tx: reset links stored by the hash of their
// token, each usable once.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using app::PasswordReset;

StatusOr<std::optional<PasswordReset>> Find(const std::string& token_hash) {
  return InReadTx([&](app::Tx& tx) { return tx.password_resets().Find(token_hash); });
}

Status InsertReset(const PasswordReset& reset) {
  return InWriteTx([&](app::Tx& tx) { return tx.password_resets().Insert(reset); });
}

Status MarkUsed(const std::string& token_hash, Micros now) {
  return InWriteTx([&](app::Tx& tx) { return tx.password_resets().MarkUsed(token_hash, now); });
}

class PasswordResetsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(user_, Insert(AUser())); }

  // A link for the test's user, created at kJan2026 and valid for an hour.
  PasswordReset AReset() const {
    PasswordReset reset;
    reset.token_hash = Unique("hash");
    reset.user_id = user_;
    reset.created_at = kJan2026;
    reset.expires_at = kJan2026 + kMicrosPerHour;
    return reset;
  }

  std::int64_t user_ = 0;
};

TEST_F(PasswordResetsTest, InsertThenFindGivesBackEveryField) {
  const PasswordReset reset = AReset();
  ASSERT_OK(InsertReset(reset));
  ASSERT_OK_AND_ASSIGN(const std::optional<PasswordReset> found, Find(reset.token_hash));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->token_hash, reset.token_hash);
  EXPECT_EQ(found->user_id, user_);
  EXPECT_EQ(found->created_at, kJan2026);
  EXPECT_EQ(found->expires_at, kJan2026 + kMicrosPerHour);
  EXPECT_FALSE(found->used_at.has_value());
}

TEST_F(PasswordResetsTest, AnUnknownHashIsNotFound) {
  ASSERT_OK_AND_ASSIGN(const std::optional<PasswordReset> found, Find(Unique("nohash")));
  EXPECT_FALSE(found.has_value());
}

TEST_F(PasswordResetsTest, ALinkIsUsedOnlyOnce) {
  const PasswordReset reset = AReset();
  ASSERT_OK(InsertReset(reset));
  ASSERT_OK(MarkUsed(reset.token_hash, kJan2026 + kMicrosPerMinute));
  ASSERT_OK_AND_ASSIGN(const std::optional<PasswordReset> used, Find(reset.token_hash));
  ASSERT_TRUE(used.has_value());
  ASSERT_TRUE(used->used_at.has_value());
  EXPECT_EQ(*used->used_at, kJan2026 + kMicrosPerMinute);

  EXPECT_THAT(MarkUsed(reset.token_hash, kJan2026 + 2 * kMicrosPerMinute),
              StatusIs(Code::kFailedPrecondition, "reset.used"));
  ASSERT_OK_AND_ASSIGN(const std::optional<PasswordReset> still, Find(reset.token_hash));
  ASSERT_TRUE(still.has_value());
  ASSERT_TRUE(still->used_at.has_value());
  EXPECT_EQ(*still->used_at, kJan2026 + kMicrosPerMinute);  // the first use stands
}

// The second use in the same transaction already sees the first.
TEST_F(PasswordResetsTest, UsingALinkTwiceInOneTransactionFailsTheSecondTime) {
  const PasswordReset reset = AReset();
  ASSERT_OK(InsertReset(reset));
  const Status second = InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.password_resets().MarkUsed(reset.token_hash, kJan2026 + 1));
    return tx.password_resets().MarkUsed(reset.token_hash, kJan2026 + 2);
  });
  EXPECT_THAT(second, StatusIs(Code::kFailedPrecondition, "reset.used"));
  // InWriteTx did not commit: the link is still unused.
  ASSERT_OK_AND_ASSIGN(const std::optional<PasswordReset> found, Find(reset.token_hash));
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->used_at.has_value());
}

TEST_F(PasswordResetsTest, MarkingAnUnknownLinkUsedFails) {
  EXPECT_THAT(MarkUsed(Unique("nohash"), kJan2026),
              StatusIs(Code::kFailedPrecondition, "reset.used"));
}

TEST_F(PasswordResetsTest, LinksAreIndependent) {
  const PasswordReset used = AReset();
  const PasswordReset other = AReset();
  ASSERT_OK(InsertReset(used));
  ASSERT_OK(InsertReset(other));
  ASSERT_OK(MarkUsed(used.token_hash, kJan2026 + 1));
  ASSERT_OK_AND_ASSIGN(const std::optional<PasswordReset> found, Find(other.token_hash));
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->used_at.has_value());
  EXPECT_OK(MarkUsed(other.token_hash, kJan2026 + 2));
}

}  // namespace
}  // namespace spse::storage::conformance
