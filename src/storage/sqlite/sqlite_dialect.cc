#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <string>

#include "storage/dialect.h"

namespace spse::storage {
namespace {

class Sqlite final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }

  void Open(soci::session& session, const std::string& target) const override {
    session.open(soci::sqlite3, "db=\"" + target + "\" timeout=10");
    // WAL lets readers run beside the one writer; FULL makes every commit
    // durable (fsync of the WAL) before it is reported.
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA synchronous=FULL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA busy_timeout=10000";
  }

  std::string_view BeginRead() const override { return "BEGIN"; }
  // Takes the write lock at once: a deferred transaction that later upgrades
  // fails with SQLITE_BUSY instead of waiting.
  std::string_view BeginWrite() const override { return "BEGIN IMMEDIATE"; }

  void ExecScript(soci::session& session, std::string_view sql) const override {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    char* error = nullptr;
    const std::string script(sql);
    if (sqlite_api::sqlite3_exec(backend->conn_, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "sqlite3_exec failed";
      sqlite_api::sqlite3_free(error);
      throw soci::soci_error(message);
    }
  }

  // BEGIN IMMEDIATE already holds the database's only write lock.
  void LockForMigration(soci::session&) const override {}
};

}  // namespace

const Dialect& SqliteDialect() {
  static const Sqlite kDialect;
  return kDialect;
}

}  // namespace spse::storage
