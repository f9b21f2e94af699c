#include "storage/conformance/test_database.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "crypto/crypto.h"
#include "storage/database.h"
#include "testing/status_matchers.h"
#include "testing/unique.h"

namespace spse::storage::conformance {
namespace {

namespace fs = std::filesystem;

struct State {
  std::string url;
  fs::path temp_dir;  // only when we made the SQLite file ourselves
  std::unique_ptr<app::Store> store;
  MigrationRuns migrations;
};

State& TheState() {
  static State state;
  return state;
}

class StorageEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    ASSERT_OK(crypto::Init());
    State& s = TheState();
    if (const char* url = std::getenv("SPSE_TEST_DATABASE_URL"); url != nullptr && *url != '\0') {
      s.url = url;
    } else {
      s.temp_dir = fs::path(::testing::TempDir()) / ("spse-storage-" + spse::testing::RunId());
      fs::create_directories(s.temp_dir);
      s.url = "sqlite://" + (s.temp_dir / "spse.db").string();
    }
    ASSERT_OK_AND_ASSIGN(s.migrations.version_before, SchemaVersion(s.url));
    ASSERT_OK_AND_ASSIGN(s.migrations.first, Migrate(s.url));
    ASSERT_OK_AND_ASSIGN(s.migrations.second, Migrate(s.url));
    ASSERT_OK_AND_ASSIGN(s.store, OpenStore(s.url, OpenOptions{4}));
  }

  void TearDown() override {
    State& s = TheState();
    s.store.reset();
    if (!s.temp_dir.empty()) {
      std::error_code ec;
      fs::remove_all(s.temp_dir, ec);
    }
  }
};

// Registered before main() runs (gtest_main provides main).
[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new StorageEnvironment);

}  // namespace

const std::string& TestDatabaseUrl() { return TheState().url; }

app::Store& TheStore() { return *TheState().store; }

const MigrationRuns& EnvironmentMigrations() { return TheState().migrations; }

}  // namespace spse::storage::conformance
