// Units of work: what Tx promises about commit, rollback and concurrency.
#include <gtest/gtest.h>

#include <latch>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::User;

StatusOr<std::optional<User>> FindByUsername(const std::string& username) {
  return InReadTx([&](app::Tx& tx) { return tx.users().FindByUsername(username); });
}

TEST(Transactions, AnUncommittedTransactionLeavesNoTrace) {
  const User user = AUser();
  const domain::Agency agency = AnSkpd();
  const std::string setting = Unique("setting.");
  const std::string throttle_key = "user:" + Unique("t");
  const domain::AuditEntry entry = AnAuditEntry();
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> tx, TheStore().Begin(app::Access::kWrite));
    ASSERT_OK(tx->users().Insert(user).status());
    ASSERT_OK(tx->agencies().Insert(agency).status());
    ASSERT_OK(tx->settings().Put(setting, "x"));
    ASSERT_OK(tx->throttle().Put(throttle_key, {3, kJan2026}));
    ASSERT_OK(tx->audit().Append(entry).status());
  }  // destroyed without Commit

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> tx, TheStore().Begin(app::Access::kRead));
  ASSERT_OK_AND_ASSIGN(const std::optional<User> found_user,
                       tx->users().FindByUsername(user.username));
  EXPECT_FALSE(found_user.has_value());
  ASSERT_OK_AND_ASSIGN(const std::optional<domain::Agency> found_agency,
                       tx->agencies().FindByCode(agency.code));
  EXPECT_FALSE(found_agency.has_value());
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> found_setting, tx->settings().Get(setting));
  EXPECT_FALSE(found_setting.has_value());
  ASSERT_OK_AND_ASSIGN(const domain::FailureRecord record, tx->throttle().Get(throttle_key));
  EXPECT_EQ(record.failures, 0);
  app::AuditFilter by_actor;
  by_actor.actor = entry.actor_name;
  ASSERT_OK_AND_ASSIGN(const std::int64_t entries, tx->audit().Count(by_actor));
  EXPECT_EQ(entries, 0);
}

TEST(Transactions, ATransactionSeesItsOwnWrites) {
  const User user = AUser();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> tx, TheStore().Begin(app::Access::kWrite));
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, tx->users().Insert(user));
  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, tx->users().FindByUsername(user.username));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
}

TEST(Transactions, ACommittedWriteIsVisibleToALaterTransaction) {
  const User user = AUser();
  std::int64_t id = 0;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> tx, TheStore().Begin(app::Access::kWrite));
    ASSERT_OK_AND_ASSIGN(id, tx->users().Insert(user));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, FindByUsername(user.username));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
}

TEST(Transactions, AnUncommittedWriteIsInvisibleToAConcurrentReader) {
  const User user = AUser();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<app::Tx> writer, TheStore().Begin(app::Access::kWrite));
  ASSERT_OK(writer->users().Insert(user).status());

  ASSERT_OK_AND_ASSIGN(const std::optional<User> while_open, FindByUsername(user.username));
  EXPECT_FALSE(while_open.has_value());

  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(const std::optional<User> after_commit, FindByUsername(user.username));
  EXPECT_TRUE(after_commit.has_value());
}

TEST(Transactions, AFailedInsertDoesNotCommitTheRestOfTheTransaction) {
  const User taken = AUser();
  ASSERT_OK(Insert(taken).status());
  const std::string setting = Unique("setting.");
  const Status result = InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.settings().Put(setting, "x"));
    return tx.users().Insert(AUser().Username(taken.username)).status();
  });
  EXPECT_THAT(result, StatusIs(Code::kAlreadyExists, "user.username_taken"));
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> value,
                       InReadTx([&](app::Tx& tx) { return tx.settings().Get(setting); }));
  EXPECT_FALSE(value.has_value());
}

// Two writers at once: with SQLite the second waits for the first (BEGIN
// IMMEDIATE); with PostgreSQL they run side by side. Either way both succeed.
TEST(Transactions, ConcurrentWritersBothCommit) {
  constexpr int kThreads = 2;
  constexpr int kUsersEach = 50;
  const std::string tag = Unique("c");
  std::vector<Status> results(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      results[t] = InWriteTx([&](app::Tx& tx) -> Status {
        for (int i = 0; i < kUsersEach; ++i) {
          const User user =
              AUser().Username(tag + "." + std::to_string(t) + "." + std::to_string(i));
          SPSE_RETURN_IF_ERROR(tx.users().Insert(user).status());
        }
        return OkStatus();
      });
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_OK(results[t]) << "thread " << t;

  app::UserFilter filter;
  filter.text = tag + ".";
  filter.limit = 500;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> users,
                       InReadTx([&](app::Tx& tx) { return tx.users().List(filter); }));
  EXPECT_EQ(users.size(), static_cast<size_t>(kThreads * kUsersEach));
}

}  // namespace
}  // namespace spse::storage::conformance
