// SecondFactorRepo through Store/Tx: the sealed TOTP secret, the last time
// step used (no code is accepted twice), and single-use recovery codes.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using app::TotpCredential;

StatusOr<std::optional<TotpCredential>> Find(std::int64_t user) {
  return InReadTx([&](app::Tx& tx) { return tx.second_factor().Find(user); });
}

Status Enable(const TotpCredential& c) {
  return InWriteTx([&](app::Tx& tx) { return tx.second_factor().Insert(c); });
}

Status Advance(std::int64_t user, std::int64_t step) {
  return InWriteTx([&](app::Tx& tx) { return tx.second_factor().AdvanceStep(user, step); });
}

Status Replace(std::int64_t user, const std::vector<std::string>& hashes) {
  return InWriteTx(
      [&](app::Tx& tx) { return tx.second_factor().ReplaceRecoveryCodes(user, hashes, kJan2026); });
}

Status UseCode(std::int64_t user, const std::string& hash) {
  return InWriteTx([&](app::Tx& tx) {
    return tx.second_factor().UseRecoveryCode(user, hash, kJan2026 + kMicrosPerMinute);
  });
}

StatusOr<int> Unused(std::int64_t user) {
  return InReadTx([&](app::Tx& tx) { return tx.second_factor().CountUnusedRecoveryCodes(user); });
}

class SecondFactorTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(user_, Insert(AUser())); }

  TotpCredential ACredential() const {
    TotpCredential c;
    c.user_id = user_;
    c.secret_sealed = Unique("sealed");
    c.last_step = 58'000'000;
    c.enabled_at = kJan2026;
    return c;
  }

  std::int64_t user_ = 0;
};

TEST_F(SecondFactorTest, AnAccountWithoutOneHasNone) {
  ASSERT_OK_AND_ASSIGN(const auto found, Find(user_));
  EXPECT_FALSE(found.has_value());
  ASSERT_OK_AND_ASSIGN(const int unused, Unused(user_));
  EXPECT_EQ(unused, 0);
}

TEST_F(SecondFactorTest, InsertThenFindGivesBackEveryField) {
  const TotpCredential c = ACredential();
  ASSERT_OK(Enable(c));
  ASSERT_OK_AND_ASSIGN(const auto found, Find(user_));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, user_);
  EXPECT_EQ(found->secret_sealed, c.secret_sealed);
  EXPECT_EQ(found->last_step, 58'000'000);
  EXPECT_EQ(found->enabled_at, kJan2026);
}

TEST_F(SecondFactorTest, AnAccountHasOneCredentialAtMost) {
  ASSERT_OK(Enable(ACredential()));
  EXPECT_THAT(Enable(ACredential()), StatusIs(Code::kAlreadyExists, "totp.already_enabled"));
}

// EVIDENCE-OF: RFC 6238 §5.2: the verifier MUST NOT accept the second
// attempt of the OTP after the successful validation of the first.
TEST_F(SecondFactorTest, TheStepOnlyMovesForward) {
  ASSERT_OK(Enable(ACredential()));
  ASSERT_OK(Advance(user_, 58'000'001));
  EXPECT_THAT(Advance(user_, 58'000'001), StatusIs(Code::kFailedPrecondition, "totp.code_reused"));
  EXPECT_THAT(Advance(user_, 58'000'000), StatusIs(Code::kFailedPrecondition, "totp.code_reused"));
  ASSERT_OK(Advance(user_, 58'000'003));
  ASSERT_OK_AND_ASSIGN(const auto found, Find(user_));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->last_step, 58'000'003);
}

TEST_F(SecondFactorTest, AdvancingWithoutACredentialFails) {
  EXPECT_THAT(Advance(user_, 1), StatusIs(Code::kFailedPrecondition, "totp.code_reused"));
}

TEST_F(SecondFactorTest, ARecoveryCodeIsUsedOnlyOnce) {
  ASSERT_OK(Enable(ACredential()));
  ASSERT_OK(Replace(user_, {"hash-a", "hash-b", "hash-c"}));
  ASSERT_OK_AND_ASSIGN(int unused, Unused(user_));
  EXPECT_EQ(unused, 3);
  ASSERT_OK(UseCode(user_, "hash-b"));
  EXPECT_THAT(UseCode(user_, "hash-b"),
              StatusIs(Code::kFailedPrecondition, "totp.recovery_code_unknown"));
  EXPECT_THAT(UseCode(user_, "hash-x"),
              StatusIs(Code::kFailedPrecondition, "totp.recovery_code_unknown"));
  ASSERT_OK_AND_ASSIGN(unused, Unused(user_));
  EXPECT_EQ(unused, 2);
}

TEST_F(SecondFactorTest, RecoveryCodesBelongToTheirAccount) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t other, Insert(AUser()));
  ASSERT_OK(Replace(user_, {"mine"}));
  EXPECT_THAT(UseCode(other, "mine"),
              StatusIs(Code::kFailedPrecondition, "totp.recovery_code_unknown"));
  EXPECT_OK(UseCode(user_, "mine"));
}

TEST_F(SecondFactorTest, NewRecoveryCodesReplaceTheOldOnes) {
  ASSERT_OK(Replace(user_, {"old-1", "old-2"}));
  ASSERT_OK(UseCode(user_, "old-1"));
  ASSERT_OK(Replace(user_, {"new-1", "new-2", "new-3"}));
  ASSERT_OK_AND_ASSIGN(const int unused, Unused(user_));
  EXPECT_EQ(unused, 3);
  EXPECT_THAT(UseCode(user_, "old-2"),
              StatusIs(Code::kFailedPrecondition, "totp.recovery_code_unknown"));
}

TEST_F(SecondFactorTest, DeleteRemovesTheCredentialAndTheCodes) {
  ASSERT_OK(Enable(ACredential()));
  ASSERT_OK(Replace(user_, {"h1", "h2"}));
  ASSERT_OK_AND_ASSIGN(const bool deleted,
                       InWriteTx([&](app::Tx& tx) { return tx.second_factor().Delete(user_); }));
  EXPECT_TRUE(deleted);
  ASSERT_OK_AND_ASSIGN(const auto found, Find(user_));
  EXPECT_FALSE(found.has_value());
  ASSERT_OK_AND_ASSIGN(const int unused, Unused(user_));
  EXPECT_EQ(unused, 0);
  ASSERT_OK_AND_ASSIGN(const bool again,
                       InWriteTx([&](app::Tx& tx) { return tx.second_factor().Delete(user_); }));
  EXPECT_FALSE(again);
  // Enabled afresh after a reset.
  EXPECT_OK(Enable(ACredential()));
}

TEST_F(SecondFactorTest, UsingOneCodeTwiceInOneTransactionFailsTheSecondTime) {
  ASSERT_OK(Replace(user_, {"once"}));
  const Status second = InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.second_factor().UseRecoveryCode(user_, "once", kJan2026 + 1));
    return tx.second_factor().UseRecoveryCode(user_, "once", kJan2026 + 2);
  });
  EXPECT_THAT(second, StatusIs(Code::kFailedPrecondition, "totp.recovery_code_unknown"));
  ASSERT_OK_AND_ASSIGN(const int unused, Unused(user_));
  EXPECT_EQ(unused, 1) << "the failed transaction was rolled back";
}

}  // namespace
}  // namespace spse::storage::conformance
