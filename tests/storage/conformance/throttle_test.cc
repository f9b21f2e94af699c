// ThrottleRepo through Store/Tx.
#include <gtest/gtest.h>

#include <string>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::FailureRecord;

StatusOr<FailureRecord> GetRecord(const std::string& key) {
  return InReadTx([&](app::Tx& tx) { return tx.throttle().Get(key); });
}

Status PutRecord(const std::string& key, FailureRecord record) {
  return InWriteTx([&](app::Tx& tx) { return tx.throttle().Put(key, record); });
}

TEST(Throttle, AnUnknownKeyHasNoFailures) {
  ASSERT_OK_AND_ASSIGN(const FailureRecord record, GetRecord("user:" + Unique("x")));
  EXPECT_EQ(record.failures, 0);
  EXPECT_EQ(record.last_failure, 0);
}

TEST(Throttle, PutStoresAndThenReplacesTheRecord) {
  const std::string key = "user:" + Unique("budi");
  ASSERT_OK(PutRecord(key, {3, kJan2026}));
  ASSERT_OK_AND_ASSIGN(const FailureRecord first, GetRecord(key));
  EXPECT_EQ(first.failures, 3);
  EXPECT_EQ(first.last_failure, kJan2026);

  ASSERT_OK(PutRecord(key, {4, kJan2026 + kMicrosPerSecond}));
  ASSERT_OK_AND_ASSIGN(const FailureRecord second, GetRecord(key));
  EXPECT_EQ(second.failures, 4);
  EXPECT_EQ(second.last_failure, kJan2026 + kMicrosPerSecond);
}

TEST(Throttle, KeysAreIndependent) {
  const std::string account = "user:" + Unique("budi");
  const std::string address = "addr:" + Unique("192.0.2.");
  ASSERT_OK(PutRecord(account, {7, kJan2026}));
  ASSERT_OK_AND_ASSIGN(const FailureRecord other, GetRecord(address));
  EXPECT_EQ(other.failures, 0);
}

TEST(Throttle, ClearForgetsTheRecord) {
  const std::string key = "addr:" + Unique("198.51.100.");
  ASSERT_OK(PutRecord(key, {9, kJan2026}));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.throttle().Clear(key); }));
  ASSERT_OK_AND_ASSIGN(const FailureRecord record, GetRecord(key));
  EXPECT_EQ(record.failures, 0);
  EXPECT_EQ(record.last_failure, 0);
}

TEST(Throttle, DeleteOlderThanForgetsOnlyOldRecords) {
  // Times far before anything other tests store, so they are left alone.
  const std::string old_key = "addr:" + Unique("old");
  const std::string recent_key = "addr:" + Unique("recent");
  ASSERT_OK(PutRecord(old_key, {7, 500}));
  ASSERT_OK(PutRecord(recent_key, {2, 2000}));
  ASSERT_OK(InWriteTx([](app::Tx& tx) { return tx.throttle().DeleteOlderThan(1000); }));
  ASSERT_OK_AND_ASSIGN(const FailureRecord old_record, GetRecord(old_key));
  ASSERT_OK_AND_ASSIGN(const FailureRecord recent_record, GetRecord(recent_key));
  EXPECT_EQ(old_record.failures, 0);
  EXPECT_EQ(recent_record.failures, 2);
}

TEST(Throttle, ClearingAnUnknownKeyIsFine) {
  EXPECT_OK(InWriteTx([](app::Tx& tx) { return tx.throttle().Clear("user:" + Unique("x")); }));
}

}  // namespace
}  // namespace spse::storage::conformance
