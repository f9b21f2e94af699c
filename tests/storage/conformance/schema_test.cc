// Opening, migrating and naming databases.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

std::string_view DialectUnderTest() {
  auto url = ParseDatabaseUrl(TestDatabaseUrl());
  EXPECT_OK(url);
  return url.ok() && url->kind == DatabaseUrl::Kind::kSqlite ? "sqlite" : "postgres";
}

// The newest migration embedded for the backend under test.
int LatestMigration() {
  int latest = 0;
  for (const Migration& m : AllMigrations()) {
    if (m.dialect == DialectUnderTest()) latest = std::max(latest, m.version);
  }
  return latest;
}

// How many embedded migrations are newer than `version`. Numbers may have
// gaps while parallel branches each hold some of them.
int MigrationsAfter(int version) {
  int n = 0;
  for (const Migration& m : AllMigrations()) {
    if (m.dialect == DialectUnderTest() && m.version > version) ++n;
  }
  return n;
}

TEST(Migrate, BringsTheDatabaseToTheLatestVersion) {
  const MigrationRuns& runs = EnvironmentMigrations();
  EXPECT_EQ(runs.first, MigrationsAfter(runs.version_before));
  ASSERT_OK_AND_ASSIGN(const int version, SchemaVersion(TestDatabaseUrl()));
  EXPECT_GE(version, 1);
  EXPECT_EQ(version, LatestMigration());
}

TEST(Migrate, IsIdempotent) {
  EXPECT_EQ(EnvironmentMigrations().second, 0);
  ASSERT_OK_AND_ASSIGN(const int applied, Migrate(TestDatabaseUrl()));
  EXPECT_EQ(applied, 0);
}

TEST(Migrate, RefusesAnUnsupportedUrl) {
  EXPECT_THAT(Migrate("mysql://x"),
              StatusIs(Code::kInvalidArgument, "config.database_url_invalid"));
  EXPECT_THAT(SchemaVersion("mysql://x"),
              StatusIs(Code::kInvalidArgument, "config.database_url_invalid"));
}

TEST(OpenStore, NamesTheDialectOfTheUrl) {
  ASSERT_OK_AND_ASSIGN(const DatabaseUrl url, ParseDatabaseUrl(TestDatabaseUrl()));
  EXPECT_EQ(TheStore().dialect(), url.kind == DatabaseUrl::Kind::kSqlite ? "sqlite" : "postgresql");
}

TEST(OpenStore, RefusesAnUnsupportedUrl) {
  EXPECT_THAT(OpenStore("mysql://x", OpenOptions{}),
              StatusIs(Code::kInvalidArgument, "config.database_url_invalid"));
}

TEST(ParseDatabaseUrl, AcceptsAnAbsoluteSqlitePath) {
  ASSERT_OK_AND_ASSIGN(const DatabaseUrl url, ParseDatabaseUrl("sqlite:///var/lib/spse/spse.db"));
  EXPECT_EQ(url.kind, DatabaseUrl::Kind::kSqlite);
  EXPECT_EQ(url.target, "/var/lib/spse/spse.db");
}

TEST(ParseDatabaseUrl, AcceptsARelativeSqlitePath) {
  ASSERT_OK_AND_ASSIGN(const DatabaseUrl url, ParseDatabaseUrl("sqlite://var/spse.db"));
  EXPECT_EQ(url.kind, DatabaseUrl::Kind::kSqlite);
  EXPECT_EQ(url.target, "var/spse.db");
}

TEST(ParseDatabaseUrl, PassesAPostgresqlUrlToLibpqWhole) {
  const std::string text = "postgresql://spse:rahasia@db.lpse.local:5432/spse?sslmode=require";
  ASSERT_OK_AND_ASSIGN(const DatabaseUrl url, ParseDatabaseUrl(text));
  EXPECT_EQ(url.kind, DatabaseUrl::Kind::kPostgres);
  EXPECT_EQ(url.target, text);
  ASSERT_OK_AND_ASSIGN(const DatabaseUrl short_form, ParseDatabaseUrl("postgres://localhost/spse"));
  EXPECT_EQ(short_form.kind, DatabaseUrl::Kind::kPostgres);
}

TEST(ParseDatabaseUrl, RefusesEverythingElse) {
  for (const char* bad : {"mysql://x", "", "sqlite://", "sqlite:/x.db", "spse.db",
                          "sqlite://a\"b.db", "http://localhost/spse"}) {
    EXPECT_THAT(ParseDatabaseUrl(bad),
                StatusIs(Code::kInvalidArgument, "config.database_url_invalid"))
        << bad;
  }
}

}  // namespace
}  // namespace spse::storage::conformance
