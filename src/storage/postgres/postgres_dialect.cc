#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <string>

#include "storage/dialect.h"

namespace spse::storage {
namespace {

// pg_advisory_xact_lock key for schema migrations: "SPSE" in ASCII.
constexpr long long kMigrationLockKey = 0x53505345;

// SOCI 4.0.3 re-splits its connection string on spaces and '=', which
// mangles libpq URIs ("postgresql://h/db" becomes database "db="). libpq
// itself parses the URI here; SOCI gets keyword=value pairs, quoted.
std::string ToKeywordValue(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "invalid connection URI";
    PQfreemem(error);
    throw soci::soci_error(message);
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    const std::string value = o->val;
    if (value.find_first_of(" '\\\"") != std::string::npos) {
      PQconninfoFree(options);
      throw soci::soci_error(std::string("unsupported character in connection parameter ") +
                             o->keyword);
    }
    if (!out.empty()) out += ' ';
    out += o->keyword;
    out += '=';
    out += value;
  }
  PQconninfoFree(options);
  return out;
}

class Postgres final : public Dialect {
 public:
  std::string_view name() const override { return "postgres"; }

  void Open(soci::session& session, const std::string& target) const override {
    session.open(soci::postgresql, ToKeywordValue(target));
    session << "SET TIME ZONE 'UTC'";
    session << "SET client_min_messages = warning";
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
