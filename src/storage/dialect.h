// What differs between the SQLite and PostgreSQL backends; everything else
// is shared SQL through SOCI. Internal to storage.
#ifndef SPSE_STORAGE_DIALECT_H_
#define SPSE_STORAGE_DIALECT_H_

#include <soci/soci.h>

#include <string>
#include <string_view>

namespace spse::storage {

class Dialect {
 public:
  virtual ~Dialect() = default;
  // "sqlite" or "postgres" (the migration folder name).
  virtual std::string_view name() const = 0;
  // Opens `session` on `target` and applies per-connection settings.
  // Throws soci::soci_error.
  virtual void Open(soci::session& session, const std::string& target) const = 0;
  virtual std::string_view BeginRead() const = 0;
  virtual std::string_view BeginWrite() const = 0;
  // Runs a multi-statement script inside the current transaction.
  virtual void ExecScript(soci::session& session, std::string_view sql) const = 0;
  // Blocks other migrators until the current transaction ends.
  virtual void LockForMigration(soci::session& session) const = 0;
};

const Dialect& SqliteDialect();
const Dialect& PostgresDialect();

}  // namespace spse::storage

#endif  // SPSE_STORAGE_DIALECT_H_
