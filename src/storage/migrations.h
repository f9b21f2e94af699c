// Numbered schema migrations, one folder per dialect, embedded at build time.
#ifndef SPSE_STORAGE_MIGRATIONS_H_
#define SPSE_STORAGE_MIGRATIONS_H_

#include <string_view>
#include <vector>

namespace spse::storage {

struct Migration {
  std::string_view dialect;  // "sqlite" or "postgres"
  int version;
  std::string_view name;
  std::string_view sql;  // a script: several statements
};

// Every migration, by dialect, in ascending version order.
const std::vector<Migration>& AllMigrations();

}  // namespace spse::storage

#endif  // SPSE_STORAGE_MIGRATIONS_H_
