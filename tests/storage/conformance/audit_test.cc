// AuditRepo through Store/Tx: appending and querying the audit trail.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using app::AuditFilter;
using domain::AuditEntry;

StatusOr<std::vector<AuditEntry>> Query(AuditFilter filter) {
  return InReadTx([&](app::Tx& tx) { return tx.audit().Query(filter); });
}

StatusOr<std::int64_t> Count(const AuditFilter& filter) {
  return InReadTx([&](app::Tx& tx) { return tx.audit().Count(filter); });
}

std::vector<std::string> Actions(const std::vector<AuditEntry>& entries) {
  std::vector<std::string> out;
  for (const AuditEntry& e : entries) out.push_back(e.action);
  return out;
}

using Strings = std::vector<std::string>;

// Every test writes as an actor of its own, so filtering by it sees only
// that test's entries.
class AuditTest : public ::testing::Test {
 protected:
  AuditFilter ByActor() const {
    AuditFilter filter;
    filter.actor = actor_;
    return filter;
  }
  // Appends entries with these actions, one microsecond apart, oldest first.
  void AppendActions(const Strings& actions) {
    for (const std::string& action : actions) {
      ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action(action).At(next_at_++)).status());
    }
  }

  std::string actor_ = Unique("actor");
  Micros next_at_ = kJan2026;
};

TEST_F(AuditTest, AppendThenQueryGivesBackEveryField) {
  const AuditEntry entry = AnAuditEntry()
                               .By(actor_)
                               .ById(77)
                               .Action("agency.update")
                               .On("agency", "12")
                               .At(kJan2026 + 5)
                               .Summary("from skpd DPU to skpd DPUPR");
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(entry));
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> found, Query(ByActor()));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, id);
  EXPECT_EQ(found[0].at, kJan2026 + 5);
  EXPECT_EQ(found[0].actor_id, 77);
  EXPECT_EQ(found[0].actor_name, actor_);
  EXPECT_EQ(found[0].actor_role, "admin_sistem");
  EXPECT_EQ(found[0].action, "agency.update");
  EXPECT_EQ(found[0].object_type, "agency");
  EXPECT_EQ(found[0].object_id, "12");
  EXPECT_EQ(found[0].summary, "from skpd DPU to skpd DPUPR");
  EXPECT_EQ(found[0].client_addr, "192.0.2.10");
}

TEST_F(AuditTest, AppendGivesIncreasingIds) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t first, Insert(AnAuditEntry().By(actor_)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t second, Insert(AnAuditEntry().By(actor_)));
  EXPECT_GT(second, first);
}

TEST_F(AuditTest, QueryIsNewestFirst) {
  AppendActions({"auth.login", "user.create", "auth.logout"});
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> found, Query(ByActor()));
  EXPECT_EQ(Actions(found), (Strings{"auth.logout", "user.create", "auth.login"}));
}

TEST_F(AuditTest, FilterByActorIsExact) {
  AppendActions({"auth.login"});
  ASSERT_OK(Insert(AnAuditEntry().By(actor_ + "x").Action("auth.logout")).status());
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> found, Query(ByActor()));
  EXPECT_EQ(Actions(found), (Strings{"auth.login"}));

  AuditFilter nobody;
  nobody.actor = Unique("nobody");
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> none, Query(nobody));
  EXPECT_TRUE(none.empty());
}

TEST_F(AuditTest, FilterByActionPrefix) {
  AppendActions({"user.create", "agency.create", "username.typo", "user.roles", "auth.login"});
  AuditFilter filter = ByActor();
  filter.action = "user.";
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> users, Query(filter));
  EXPECT_EQ(Actions(users), (Strings{"user.roles", "user.create"}));

  filter.action = "user.create";
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> creates, Query(filter));
  EXPECT_EQ(Actions(creates), (Strings{"user.create"}));
}

TEST_F(AuditTest, ActionPrefixWildcardCharactersMatchLiterally) {
  AppendActions({"pct%.a", "pctX.b", "und_.c", "undX.d", "back\\.e", "backX.f"});
  AuditFilter filter = ByActor();
  filter.action = "pct%";
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> percent, Query(filter));
  EXPECT_EQ(Actions(percent), (Strings{"pct%.a"}));

  filter.action = "und_";
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> underscore, Query(filter));
  EXPECT_EQ(Actions(underscore), (Strings{"und_.c"}));

  filter.action = "back\\";
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> backslash, Query(filter));
  EXPECT_EQ(Actions(backslash), (Strings{"back\\.e"}));
}

TEST_F(AuditTest, FilterByObjectTypeAndId) {
  const std::string type = Unique("tender");
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("a.one").On(type, "1")).status());
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("a.two").On(type, "2")).status());
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("a.three").On(type, "1")).status());
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("a.four").On("user", "1")).status());

  AuditFilter by_type;
  by_type.object_type = type;
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> of_type, Query(by_type));
  EXPECT_EQ(Actions(of_type), (Strings{"a.three", "a.two", "a.one"}));

  AuditFilter by_object = by_type;
  by_object.object_id = "1";
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> of_object, Query(by_object));
  EXPECT_EQ(Actions(of_object), (Strings{"a.three", "a.one"}));
}

TEST_F(AuditTest, FilterByTimeIsHalfOpen) {
  const Micros t = UniqueEpoch();
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("t.0").At(t)).status());
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("t.1").At(t + 1)).status());
  ASSERT_OK(Insert(AnAuditEntry().By(actor_).Action("t.2").At(t + 2)).status());

  AuditFilter window = ByActor();
  window.from = t + 1;
  window.to = t + 2;
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> inside, Query(window));
  EXPECT_EQ(Actions(inside), (Strings{"t.1"}));

  AuditFilter from_only = ByActor();
  from_only.from = t + 1;
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> since, Query(from_only));
  EXPECT_EQ(Actions(since), (Strings{"t.2", "t.1"}));

  AuditFilter to_only = ByActor();
  to_only.to = t + 2;
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> before, Query(to_only));
  EXPECT_EQ(Actions(before), (Strings{"t.1", "t.0"}));
}

TEST_F(AuditTest, LimitAndOffsetPageNewestFirst) {
  AppendActions({"p.1", "p.2", "p.3", "p.4", "p.5"});
  AuditFilter page = ByActor();
  page.limit = 2;
  page.offset = 1;
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> found, Query(page));
  EXPECT_EQ(Actions(found), (Strings{"p.4", "p.3"}));

  page.offset = 4;
  ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> last, Query(page));
  EXPECT_EQ(Actions(last), (Strings{"p.1"}));
}

TEST_F(AuditTest, CountAgreesWithQueryAndIgnoresPaging) {
  AppendActions({"user.create", "user.roles", "agency.create", "user.disable"});
  AuditFilter all = ByActor();
  AuditFilter users = ByActor();
  users.action = "user.";
  AuditFilter paged = users;
  paged.limit = 1;
  paged.offset = 2;
  AuditFilter none = ByActor();
  none.action = "tender.";

  for (const AuditFilter& filter : {all, users, none}) {
    AuditFilter unpaged = filter;
    unpaged.limit = 500;
    ASSERT_OK_AND_ASSIGN(const std::vector<AuditEntry> found, Query(unpaged));
    ASSERT_OK_AND_ASSIGN(const std::int64_t count, Count(filter));
    EXPECT_EQ(count, static_cast<std::int64_t>(found.size())) << filter.action;
  }
  ASSERT_OK_AND_ASSIGN(const std::int64_t all_count, Count(all));
  ASSERT_OK_AND_ASSIGN(const std::int64_t user_count, Count(users));
  ASSERT_OK_AND_ASSIGN(const std::int64_t paged_count, Count(paged));
  EXPECT_EQ(all_count, 4);
  EXPECT_EQ(user_count, 3);
  EXPECT_EQ(paged_count, 3);
}

}  // namespace
}  // namespace spse::storage::conformance
