// UserRepo::CountActiveWithRole through Store/Tx (the database is shared, so
// the test counts the change it makes).
#include <gtest/gtest.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

StatusOr<std::int64_t> Monitors() {
  return InReadTx([](app::Tx& tx) { return tx.users().CountActiveWithRole(domain::Role::kPemantauLkpp); });
}

TEST(Users, CountActiveWithRoleCountsOnlyActiveHolders) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t before, Monitors());
  for (bool active : {true, true, false}) {
    domain::User u = UserBuilder().Roles({domain::Role::kPemantauLkpp}).Build();
    u.active = active;
    ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.users().Insert(u); }).status());
  }
  ASSERT_OK(InWriteTx([](app::Tx& tx) {
              return tx.users().Insert(UserBuilder().Roles({domain::Role::kAuditor}).Build());
            }).status());
  ASSERT_OK_AND_ASSIGN(const std::int64_t after, Monitors());
  EXPECT_EQ(after - before, 2);
}

}  // namespace
}  // namespace spse::storage::conformance
