// Opening the database named by a URL, and migrating it.
//   sqlite:///abs/path/spse.db   sqlite://relative/path.db
//   postgresql://user:pass@host:port/dbname?sslmode=...  (any libpq URI)
#ifndef SPSE_STORAGE_DATABASE_H_
#define SPSE_STORAGE_DATABASE_H_

#include <memory>
#include <string>
#include <string_view>

#include "app/ports.h"
#include "base/status.h"

namespace spse::storage {

struct DatabaseUrl {
  enum class Kind { kSqlite, kPostgres };
  Kind kind;
  std::string target;  // SQLite file path, or the libpq connection URI
};
// Reason "config.database_url_invalid" on anything else.
StatusOr<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

struct OpenOptions {
  int pool_size = 4;
};

// Opens a pool of connections. Does not migrate.
StatusOr<std::unique_ptr<app::Store>> OpenStore(std::string_view url, const OpenOptions& options);

// Applies every pending migration, each in its own transaction, under a lock
// that lets only one process migrate at a time. Returns how many it applied.
StatusOr<int> Migrate(std::string_view url);
// The highest applied migration, 0 for an empty database.
StatusOr<int> SchemaVersion(std::string_view url);

}  // namespace spse::storage

#endif  // SPSE_STORAGE_DATABASE_H_
