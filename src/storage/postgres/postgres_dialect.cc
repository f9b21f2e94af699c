#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <string>

#include "storage/dialect.h"

namespace spse::storage {
namespace {

// pg_advisory_xact_lock key for schema migrations: "SPSE" in ASCII.
constexpr long long kMigrationLockKey = 0x53505345;

class Postgres final : public Dialect {
 public:
  std::string_view name() const override { return "postgres"; }

  void Open(soci::session& session, const std::string& target) const override {
    session.open(soci::postgresql, target);
    session << "SET TIME ZONE 'UTC'";
  }

  std::string_view BeginRead() const override { return "BEGIN READ ONLY"; }
  std::string_view BeginWrite() const override { return "BEGIN"; }

  void ExecScript(soci::session& session, std::string_view sql) const override {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    const std::string script(sql);
    PGresult* result = PQexec(backend->conn_, script.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string message = PQresultErrorMessage(result);
      PQclear(result);
      throw soci::soci_error(message);
    }
    PQclear(result);
  }

  void LockForMigration(soci::session& session) const override {
    session << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
  }
};

}  // namespace

const Dialect& PostgresDialect() {
  static const Postgres kDialect;
  return kDialect;
}

}  // namespace spse::storage
