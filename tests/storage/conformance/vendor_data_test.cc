// VendorDataRepo through Store/Tx: versions are appended one after the
// other, read back whole (UTF-8 included), found by moment, and can never be
// rewritten, not even with SQL access.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::VendorDataVersion;

std::int64_t NewVendor() {
  auto id = InWriteTx([](app::Tx& tx) {
    return tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build());
  });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

VendorDataVersion AVersion(std::int64_t vendor, int version, Micros at, std::string licence) {
  VendorDataVersion v;
  v.vendor_id = vendor;
  v.version = version;
  v.created_at = at;
  v.created_by = vendor;
  v.created_by_name = "cv.uji";
  v.summary = "izin_usaha tambah #" + std::to_string(version);
  v.data.sections["identitas"].push_back({{"nama", "CV Uji — Bangkalan ✓"}, {"npwp", "012345678901000"}});
  for (int i = 0; i < version; ++i) {
    v.data.sections["izin_usaha"].push_back({{"jenis", "NIB"}, {"nomor", licence + std::to_string(i)}});
  }
  return v;
}

Status Append(const VendorDataVersion& v) {
  return InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
           SPSE_RETURN_IF_ERROR(tx.vendor_data().Append(v));
           return 0;
         })
      .status();
}

TEST(VendorData, AVendorWithoutDataHasVersionZero) {
  const std::int64_t vendor = NewVendor();
  ASSERT_OK_AND_ASSIGN(auto latest,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Latest(vendor); }));
  EXPECT_EQ(latest.version, 0);
  EXPECT_TRUE(latest.data.sections.empty());
  ASSERT_OK_AND_ASSIGN(auto history,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().History(vendor); }));
  EXPECT_TRUE(history.empty());
}

TEST(VendorData, VersionsReadBackWholeAndInOrder) {
  const Micros t = UniqueEpoch();
  const std::int64_t vendor = NewVendor();
  const auto v1 = AVersion(vendor, 1, t, "A");
  const auto v2 = AVersion(vendor, 2, t + 100, "B");
  ASSERT_OK(Append(v1));
  ASSERT_OK(Append(v2));

  ASSERT_OK_AND_ASSIGN(auto latest,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Latest(vendor); }));
  EXPECT_EQ(latest.version, 2);
  EXPECT_EQ(latest.data, v2.data);
  EXPECT_EQ(latest.created_at, t + 100);
  EXPECT_EQ(latest.created_by_name, "cv.uji");
  EXPECT_EQ(latest.summary, v2.summary);

  ASSERT_OK_AND_ASSIGN(auto first,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Get(vendor, 1); }));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->data, v1.data);
  EXPECT_EQ(first->data.Rows("identitas")[0].at("nama"), "CV Uji — Bangkalan ✓");

  ASSERT_OK_AND_ASSIGN(auto missing,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Get(vendor, 3); }));
  EXPECT_FALSE(missing.has_value());

  ASSERT_OK_AND_ASSIGN(auto history,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().History(vendor); }));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].version, 2);
  EXPECT_EQ(history[1].version, 1);
  EXPECT_EQ(history[1].created_at, t);
}

TEST(VendorData, AsOfGivesTheVersionInForceAtThatMoment) {
  const Micros t = UniqueEpoch();
  const std::int64_t vendor = NewVendor();
  ASSERT_OK(Append(AVersion(vendor, 1, t, "A")));
  ASSERT_OK(Append(AVersion(vendor, 2, t + 100, "B")));
  auto as_of = [&](Micros at) {
    auto v = InReadTx([&](app::Tx& tx) { return tx.vendor_data().AsOf(vendor, at); });
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? v->version : -1;
  };
  EXPECT_EQ(as_of(t - 1), 0);
  EXPECT_EQ(as_of(t), 1);
  EXPECT_EQ(as_of(t + 99), 1);
  EXPECT_EQ(as_of(t + 100), 2);
  EXPECT_EQ(as_of(t + 1'000'000), 2);
}

TEST(VendorData, AVersionMustFollowTheLatest) {
  const Micros t = UniqueEpoch();
  const std::int64_t vendor = NewVendor();
  EXPECT_THAT(Append(AVersion(vendor, 2, t, "A")),
              StatusIs(Code::kFailedPrecondition, "vendor_data.conflict"));
  ASSERT_OK(Append(AVersion(vendor, 1, t, "A")));
  // Two editors who both read version 1: the second one loses.
  EXPECT_THAT(Append(AVersion(vendor, 1, t + 1, "B")),
              StatusIs(Code::kFailedPrecondition, "vendor_data.conflict"));
  ASSERT_OK_AND_ASSIGN(auto latest,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Latest(vendor); }));
  EXPECT_EQ(latest.data.Rows("izin_usaha")[0].at("nomor"), "A0");
}

TEST(VendorData, VersionsOfOneVendorAreNotAnothers) {
  const Micros t = UniqueEpoch();
  const std::int64_t a = NewVendor();
  const std::int64_t b = NewVendor();
  ASSERT_OK(Append(AVersion(a, 1, t, "A")));
  ASSERT_OK(Append(AVersion(b, 1, t, "B")));
  ASSERT_OK(Append(AVersion(b, 2, t + 1, "B")));
  ASSERT_OK_AND_ASSIGN(auto latest_a,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Latest(a); }));
  EXPECT_EQ(latest_a.version, 1);
  EXPECT_EQ(latest_a.data.Rows("izin_usaha")[0].at("nomor"), "A0");
}

// Migration 0007's triggers: no UPDATE or DELETE, whoever runs it.
TEST(VendorData, StoredVersionsCannotBeRewrittenEvenWithSql) {
  const Micros t = UniqueEpoch();
  const std::int64_t vendor = NewVendor();
  ASSERT_OK(Append(AVersion(vendor, 1, t, "A")));
  auto url = ParseDatabaseUrl(TestDatabaseUrl());
  ASSERT_OK(url.status());
  const Dialect& dialect =
      url->kind == DatabaseUrl::Kind::kSqlite ? SqliteDialect() : PostgresDialect();
  const std::string id = std::to_string(vendor);
  for (const std::string& stmt :
       {"UPDATE vendor_data_versions SET document = '{}' WHERE vendor_id = " + id,
        "DELETE FROM vendor_data_versions WHERE vendor_id = " + id}) {
    soci::session sql;
    dialect.Open(sql, url->target);
    sql.begin();
    std::string error;
    try {
      sql << stmt;
    } catch (const soci::soci_error& e) {
      error = e.what();
    }
    sql.rollback();
    EXPECT_NE(error.find("append-only"), std::string::npos) << stmt << ": " << error;
  }
  ASSERT_OK_AND_ASSIGN(auto latest,
                       InReadTx([&](app::Tx& tx) { return tx.vendor_data().Latest(vendor); }));
  EXPECT_EQ(latest.version, 1);
  EXPECT_EQ(latest.data.Rows("izin_usaha").size(), 1u);
}

}  // namespace
}  // namespace spse::storage::conformance
