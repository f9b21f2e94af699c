#include "storage/conformance/test_database.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "crypto/crypto.h"
#include "storage/database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

namespace fs = std::filesystem;

constexpr Micros kYear2100 = 4'102'444'800 * kMicrosPerSecond;

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

// Random per run, so that names and epochs differ between runs on one database.
std::uint64_t RunSeed() {
  static const std::uint64_t seed = [] {
    std::random_device random;
    return (std::uint64_t{random()} << 32) | random();
  }();
  return seed;
}

std::uint64_t NextSerial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

std::string ToBase36(std::uint64_t n) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[n % 36]);
    n /= 36;
  } while (n > 0);
  return out;
}

class StorageEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    ASSERT_OK(crypto::Init());
    State& s = TheState();
    if (const char* url = std::getenv("SPSE_TEST_DATABASE_URL"); url != nullptr && *url != '\0') {
      s.url = url;
    } else {
      s.temp_dir = fs::path(::testing::TempDir()) / ("spse-storage-" + ToBase36(RunSeed()));
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

std::string Unique(std::string_view prefix) {
  return std::string(prefix) + ToBase36(RunSeed() % 2'176'782'336) + "x" + ToBase36(NextSerial());
}

std::string UniqueCode(std::string_view prefix) {
  std::string out = Unique(prefix);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

Micros UniqueEpoch() {
  // Runs differ in the first term (1000 days apart), calls within a run in the second.
  const auto run = static_cast<Micros>(RunSeed() % 10'000);
  return kYear2100 + (run * 1000 + static_cast<Micros>(NextSerial())) * kMicrosPerDay;
}

}  // namespace spse::storage::conformance
