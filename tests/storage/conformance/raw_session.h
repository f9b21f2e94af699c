// Around the ports: a SOCI session of the conformance tests' own on the
// database under test, for the checks the ports offer no way to try (that
// append-only tables refuse UPDATE and DELETE in the database itself).
#ifndef SPSE_TESTS_STORAGE_CONFORMANCE_RAW_SESSION_H_
#define SPSE_TESTS_STORAGE_CONFORMANCE_RAW_SESSION_H_

#include <soci/soci.h>

#include <memory>
#include <string>

#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"

namespace spse::storage::conformance {

// A raw connection to the database under test, opened the way the store
// opens its own (SOCI's sqlite3 or postgresql backend, via the Dialect).
// Throws soci::soci_error.
inline std::unique_ptr<soci::session> OpenRawSession() {
  auto url = ParseDatabaseUrl(TestDatabaseUrl());
  if (!url.ok()) throw soci::soci_error(url.status().ToString());
  const Dialect& dialect =
      url->kind == DatabaseUrl::Kind::kSqlite ? SqliteDialect() : PostgresDialect();
  auto sql = std::make_unique<soci::session>();
  dialect.Open(*sql, url->target);
  return sql;
}

// Runs `statement` inside a transaction that is always rolled back, so a
// missing guard cannot damage other tests' data. Returns the database's
// error message, or "" when the statement ran.
inline std::string TryInRolledBackTx(const std::string& statement) {
  std::unique_ptr<soci::session> sql = OpenRawSession();
  std::string error;
  sql->begin();
  try {
    *sql << statement;
  } catch (const soci::soci_error& e) {
    error = e.what();
  }
  sql->rollback();
  return error;
}

}  // namespace spse::storage::conformance

#endif  // SPSE_TESTS_STORAGE_CONFORMANCE_RAW_SESSION_H_
