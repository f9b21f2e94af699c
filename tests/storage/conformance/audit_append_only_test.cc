// The audit trail is append-only in the database itself (migration 0001's
// triggers), not only by the absence of an UPDATE in the code: nobody with
// SQL access can rewrite or remove an entry. The ports offer no way to try,
// so these tests go around them with a SOCI session of their own.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/raw_session.h"
#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using ::testing::HasSubstr;

class AuditLogIsAppendOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(id_, Insert(AnAuditEntry().By(actor_).Summary("the original")));
  }

  // The entry as the ports see it now.
  void ExpectUnchanged() {
    app::AuditFilter filter;
    filter.actor = actor_;
    ASSERT_OK_AND_ASSIGN(const std::vector<domain::AuditEntry> entries,
                         InReadTx([&](app::Tx& tx) { return tx.audit().Query(filter); }));
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].id, id_);
    EXPECT_EQ(entries[0].summary, "the original");
  }

  std::string actor_ = Unique("actor");
  std::int64_t id_ = 0;
};

TEST_F(AuditLogIsAppendOnly, TheDatabaseRefusesToChangeAnEntry) {
  EXPECT_THAT(TryInRolledBackTx("UPDATE audit_log SET summary = 'rewritten' WHERE id = " +
                                std::to_string(id_)),
              HasSubstr("audit_log is append-only"));
  ExpectUnchanged();
}

TEST_F(AuditLogIsAppendOnly, TheDatabaseRefusesToDeleteAnEntry) {
  EXPECT_THAT(TryInRolledBackTx("DELETE FROM audit_log WHERE id = " + std::to_string(id_)),
              HasSubstr("audit_log is append-only"));
  ExpectUnchanged();
}

TEST_F(AuditLogIsAppendOnly, TheDatabaseRefusesToEmptyTheLog) {
  EXPECT_THAT(TryInRolledBackTx("DELETE FROM audit_log"), HasSubstr("audit_log is append-only"));
  ExpectUnchanged();
}

TEST_F(AuditLogIsAppendOnly, TheRawSessionCanStillReadTheLog) {
  std::unique_ptr<soci::session> sql = OpenRawSession();
  std::string summary;
  long long key = id_;
  *sql << "SELECT summary FROM audit_log WHERE id = :id", soci::use(key, "id"), soci::into(summary);
  EXPECT_EQ(summary, "the original");
}

}  // namespace
}  // namespace spse::storage::conformance
