// SessionRepo through Store/Tx.
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using app::SessionRecord;

StatusOr<std::optional<SessionRecord>> FindSession(const std::string& id_hash) {
  return InReadTx([&](app::Tx& tx) { return tx.sessions().Find(id_hash); });
}

// Whether the session is still stored; false also on a storage error (which
// the ASSERT in the caller's earlier steps would have shown).
bool Exists(const std::string& id_hash) {
  auto found = FindSession(id_hash);
  EXPECT_OK(found);
  return found.ok() && found->has_value();
}

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(user_, Insert(AUser()));
    ASSERT_OK_AND_ASSIGN(other_user_, Insert(AUser()));
  }
  std::int64_t user_ = 0;
  std::int64_t other_user_ = 0;
};

TEST_F(SessionsTest, InsertThenFindGivesBackEveryField) {
  const SessionRecord session = ASessionOf(user_).CreatedAt(kJan2026 + 1).SeenAt(kJan2026 + 2);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.sessions().Insert(session); }));
  ASSERT_OK_AND_ASSIGN(const std::optional<SessionRecord> found, FindSession(session.id_hash));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id_hash, session.id_hash);
  EXPECT_EQ(found->user_id, user_);
  EXPECT_EQ(found->created_at, kJan2026 + 1);
  EXPECT_EQ(found->last_seen_at, kJan2026 + 2);
  EXPECT_EQ(found->client_addr, "192.0.2.20");
  EXPECT_EQ(found->user_agent, "Mozilla/5.0 (uji)");
}

TEST_F(SessionsTest, AnUnknownSessionIsNotFound) { EXPECT_FALSE(Exists(Unique("nosession"))); }

TEST_F(SessionsTest, TouchMovesLastSeen) {
  const SessionRecord session = ASessionOf(user_);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.sessions().Insert(session); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.sessions().Touch(session.id_hash, kJan2026 + kMicrosPerHour);
  }));
  ASSERT_OK_AND_ASSIGN(const std::optional<SessionRecord> found, FindSession(session.id_hash));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->last_seen_at, kJan2026 + kMicrosPerHour);
  EXPECT_EQ(found->created_at, kJan2026);
}

TEST_F(SessionsTest, DeleteEndsOneSession) {
  const SessionRecord ended = ASessionOf(user_);
  const SessionRecord kept = ASessionOf(user_);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    SPSE_RETURN_IF_ERROR(tx.sessions().Insert(ended));
    return tx.sessions().Insert(kept);
  }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.sessions().Delete(ended.id_hash); }));
  EXPECT_FALSE(Exists(ended.id_hash));
  EXPECT_TRUE(Exists(kept.id_hash));
}

TEST_F(SessionsTest, DeletingAnUnknownSessionIsFine) {
  EXPECT_OK(InWriteTx([](app::Tx& tx) { return tx.sessions().Delete(Unique("nosession")); }));
}

TEST_F(SessionsTest, DeleteForUserEndsAllButTheOneNamed) {
  const SessionRecord current = ASessionOf(user_);
  const SessionRecord laptop = ASessionOf(user_);
  const SessionRecord phone = ASessionOf(user_);
  const SessionRecord someone_else = ASessionOf(other_user_);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    for (const SessionRecord& s : {current, laptop, phone, someone_else}) {
      SPSE_RETURN_IF_ERROR(tx.sessions().Insert(s));
    }
    return OkStatus();
  }));
  ASSERT_OK(
      InWriteTx([&](app::Tx& tx) { return tx.sessions().DeleteForUser(user_, current.id_hash); }));
  EXPECT_TRUE(Exists(current.id_hash));
  EXPECT_FALSE(Exists(laptop.id_hash));
  EXPECT_FALSE(Exists(phone.id_hash));
  EXPECT_TRUE(Exists(someone_else.id_hash));
}

TEST_F(SessionsTest, DeleteForUserWithNoneToKeepEndsThemAll) {
  const SessionRecord a = ASessionOf(user_);
  const SessionRecord b = ASessionOf(user_);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    SPSE_RETURN_IF_ERROR(tx.sessions().Insert(a));
    return tx.sessions().Insert(b);
  }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.sessions().DeleteForUser(user_, ""); }));
  EXPECT_FALSE(Exists(a.id_hash));
  EXPECT_FALSE(Exists(b.id_hash));
}

// Times here are tiny (microseconds after the epoch) so that the expiry
// touches no session another test made.
TEST_F(SessionsTest, DeleteOlderThanEndsSessionsTooOldOrIdleTooLong) {
  constexpr Micros kCreatedBefore = 1000;
  constexpr Micros kSeenBefore = 2000;
  const SessionRecord too_old = ASessionOf(user_).CreatedAt(999).SeenAt(5000);
  const SessionRecord idle = ASessionOf(user_).CreatedAt(1000).SeenAt(1999);
  const SessionRecord fresh = ASessionOf(user_).CreatedAt(1000).SeenAt(2000);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    for (const SessionRecord& s : {too_old, idle, fresh}) {
      SPSE_RETURN_IF_ERROR(tx.sessions().Insert(s));
    }
    return OkStatus();
  }));
  ASSERT_OK(InWriteTx(
      [&](app::Tx& tx) { return tx.sessions().DeleteOlderThan(kCreatedBefore, kSeenBefore); }));
  EXPECT_FALSE(Exists(too_old.id_hash));
  EXPECT_FALSE(Exists(idle.id_hash));
  EXPECT_TRUE(Exists(fresh.id_hash));
}

}  // namespace
}  // namespace spse::storage::conformance
