// The database the storage conformance suite runs against, set up once per
// run by a gtest Environment: the URL in SPSE_TEST_DATABASE_URL (any backend),
// else a fresh SQLite file in a temporary folder.
//
// The suite is written once and must pass unchanged on every backend. The
// database may already hold rows from earlier tests or runs, so each test
// makes its own uniquely named rows (Unique(), UniqueCode(), UniqueEpoch())
// and looks only at them.
#ifndef SPSE_TESTS_STORAGE_CONFORMANCE_TEST_DATABASE_H_
#define SPSE_TESTS_STORAGE_CONFORMANCE_TEST_DATABASE_H_

#include <memory>
#include <string>
#include <utility>

#include "app/ports.h"
#include "base/status.h"
#include "testing/unique.h"

namespace spse::storage::conformance {

// The URL of the database under test.
const std::string& TestDatabaseUrl();
// The store opened on it (pool of 4). REQUIRES: the environment is set up.
app::Store& TheStore();

// What the environment saw when it migrated the database.
struct MigrationRuns {
  int version_before = 0;  // SchemaVersion before the first Migrate()
  int first = 0;           // migrations applied by the first Migrate()
  int second = 0;          // and by the second, right after it
};
const MigrationRuns& EnvironmentMigrations();

// Unique(), UniqueCode() and UniqueEpoch() (testing/unique.h), for the rows
// each test makes.
using spse::testing::Unique;
using spse::testing::UniqueCode;
using spse::testing::UniqueEpoch;

// Runs `fn(tx)` in a write transaction and commits it when `fn` succeeds.
// Returns what `fn` returned, or the error of Begin/Commit.
template <typename Fn>
auto InWriteTx(Fn&& fn) -> decltype(fn(std::declval<app::Tx&>())) {
  auto tx = TheStore().Begin(app::Access::kWrite);
  if (!tx.ok()) return tx.status();
  auto result = fn(**tx);
  if (!result.ok()) return result;
  Status committed = (*tx)->Commit();
  if (!committed.ok()) return committed;
  return result;
}

// Runs `fn(tx)` in a read transaction.
template <typename Fn>
auto InReadTx(Fn&& fn) -> decltype(fn(std::declval<app::Tx&>())) {
  auto tx = TheStore().Begin(app::Access::kRead);
  if (!tx.ok()) return tx.status();
  return fn(**tx);
}

}  // namespace spse::storage::conformance

#endif  // SPSE_TESTS_STORAGE_CONFORMANCE_TEST_DATABASE_H_
