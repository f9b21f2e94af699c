// UserRepo through Store/Tx, on whichever backend the suite runs against.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Role;
using domain::User;

constexpr std::int64_t kNoSuchId = 9'000'000'000'000'000;

StatusOr<std::optional<User>> FindUser(std::int64_t id) {
  return InReadTx([&](app::Tx& tx) { return tx.users().FindById(id); });
}

StatusOr<std::vector<User>> ListUsers(const app::UserFilter& filter) {
  return InReadTx([&](app::Tx& tx) { return tx.users().List(filter); });
}

std::vector<std::string> Usernames(const std::vector<User>& users) {
  std::vector<std::string> out;
  for (const User& u : users) out.push_back(u.username);
  return out;
}

using Names = std::vector<std::string>;

TEST(Users, InsertThenFindByIdGivesBackEveryField) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t agency, Insert(AnSkpd()));
  const User user = AUser()
                        .FullName("Siti Aminah")
                        .Roles({Role::kPpk, Role::kPokja})
                        .InAgency(agency)
                        .Inactive()
                        .MustChangePassword()
                        .PasswordHash("$argon2id$v=19$m=65536,t=2,p=1$YWJj$ZGVm")
                        .CreatedAt(kJan2026 + 123);
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(user));
  EXPECT_GT(id, 0);

  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, FindUser(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->username, user.username);
  EXPECT_EQ(found->full_name, "Siti Aminah");
  EXPECT_EQ(found->email, user.email);
  EXPECT_EQ(found->roles.ToCodes(), "ppk,pokja");
  EXPECT_EQ(found->agency_id, agency);
  EXPECT_FALSE(found->active);
  EXPECT_TRUE(found->must_change_password);
  EXPECT_EQ(found->password_hash, "$argon2id$v=19$m=65536,t=2,p=1$YWJj$ZGVm");
  EXPECT_EQ(found->created_at, kJan2026 + 123);
}

TEST(Users, AUserWithoutAgencyHasNone) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(AUser()));
  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, FindUser(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->agency_id, std::nullopt);
  EXPECT_TRUE(found->active);
  EXPECT_FALSE(found->must_change_password);
}

TEST(Users, EveryRoleSurvivesTheRoundTrip) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t agency, Insert(AnSkpd()));
  for (Role r : domain::kAllRoles) {
    ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(AUser().Roles({r}).InAgency(agency)));
    ASSERT_OK_AND_ASSIGN(const std::optional<User> found, FindUser(id));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->roles.ToCodes(), domain::RoleCode(r));
  }
}

TEST(Users, FindByUsernameFindsTheSameAccount) {
  const User user = AUser();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(user));
  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, InReadTx([&](app::Tx& tx) {
                         return tx.users().FindByUsername(user.username);
                       }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->roles.ToCodes(), "auditor");
}

TEST(Users, UnknownIdOrUsernameFindsNothing) {
  ASSERT_OK_AND_ASSIGN(const std::optional<User> by_id, FindUser(kNoSuchId));
  EXPECT_FALSE(by_id.has_value());
  ASSERT_OK_AND_ASSIGN(const std::optional<User> by_name, InReadTx([](app::Tx& tx) {
                         return tx.users().FindByUsername(Unique("nobody"));
                       }));
  EXPECT_FALSE(by_name.has_value());
}

TEST(Users, UsernamesAreUnique) {
  const User first = AUser();
  ASSERT_OK(Insert(first).status());
  EXPECT_THAT(Insert(AUser().Username(first.username)),
              StatusIs(Code::kAlreadyExists, "user.username_taken"));
}

TEST(Users, UpdateReplacesEverythingButIdUsernameAndCreationTime) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t agency, Insert(AnSkpd()));
  const User original = AUser().CreatedAt(kJan2026 + 1);
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(original));

  User changed = AUser()
                     .Username(Unique("renamed"))
                     .FullName("Nama Baru")
                     .Email("baru@bangkalankab.go.id")
                     .Roles({Role::kPokja, Role::kPaKpa})
                     .InAgency(agency)
                     .Inactive()
                     .MustChangePassword()
                     .PasswordHash("new-hash")
                     .CreatedAt(kJan2026 + 999);
  changed.id = id;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.users().Update(changed); }));

  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, FindUser(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->username, original.username);
  EXPECT_EQ(found->created_at, kJan2026 + 1);
  EXPECT_EQ(found->full_name, "Nama Baru");
  EXPECT_EQ(found->email, "baru@bangkalankab.go.id");
  EXPECT_EQ(found->roles.ToCodes(), "pa_kpa,pokja");
  EXPECT_EQ(found->agency_id, agency);
  EXPECT_FALSE(found->active);
  EXPECT_TRUE(found->must_change_password);
  EXPECT_EQ(found->password_hash, "new-hash");
}

TEST(Users, UpdateCanClearTheAgencyAndRemoveRoles) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t agency, Insert(AnSkpd()));
  ASSERT_OK_AND_ASSIGN(const std::int64_t id,
                       Insert(AUser().Roles({Role::kPpk, Role::kAuditor}).InAgency(agency)));
  User changed = AUser().Roles({Role::kAuditor});
  changed.id = id;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.users().Update(changed); }));
  ASSERT_OK_AND_ASSIGN(const std::optional<User> found, FindUser(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->agency_id, std::nullopt);
  EXPECT_EQ(found->roles.ToCodes(), "auditor");
}

TEST(Users, UpdatingAMissingUserIsNotFound) {
  User ghost = AUser();
  ghost.id = kNoSuchId;
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.users().Update(ghost); }),
              StatusIs(Code::kNotFound, "user.not_found"));
}

TEST(Users, CountGrowsByOnePerInsert) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t before,
                       InReadTx([](app::Tx& tx) { return tx.users().Count(); }));
  ASSERT_OK(Insert(AUser()).status());
  ASSERT_OK(Insert(AUser()).status());
  ASSERT_OK_AND_ASSIGN(const std::int64_t after,
                       InReadTx([](app::Tx& tx) { return tx.users().Count(); }));
  EXPECT_EQ(after, before + 2);
}

// Users whose names all contain `tag`, in one agency, for the List tests.
class UserListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tag_ = Unique("t");
    ASSERT_OK_AND_ASSIGN(agency_, Insert(AnSkpd()));
    ASSERT_OK_AND_ASSIGN(other_agency_, Insert(AnSkpd()));
    ASSERT_OK(Insert(AUser()
                         .Username(tag_ + ".dewi")
                         .FullName("Dewi Lestari")
                         .Roles({Role::kPpk})
                         .InAgency(agency_))
                  .status());
    ASSERT_OK(Insert(AUser()
                         .Username(tag_ + ".budi")
                         .FullName("Budi Santoso")
                         .Roles({Role::kPokja, Role::kPpk})
                         .InAgency(agency_))
                  .status());
    ASSERT_OK(Insert(AUser()
                         .Username(tag_ + ".citra")
                         .FullName("Citra " + tag_ + " Ayu")
                         .Roles({Role::kPokja})
                         .InAgency(other_agency_))
                  .status());
    ASSERT_OK(
        Insert(AUser().Username(tag_ + ".andi").FullName("Andi Wijaya").Roles({Role::kAuditor}))
            .status());
    // Matches the tag by full name only.
    eko_ = Unique("eko");
    ASSERT_OK(
        Insert(AUser().Username(eko_).FullName("Eko " + tag_).Roles({Role::kHelpdesk})).status());
  }

  std::string tag_;
  std::string eko_;
  std::int64_t agency_ = 0;
  std::int64_t other_agency_ = 0;
};

TEST_F(UserListTest, ByAgencyGivesItsUsersOrderedByUsername) {
  app::UserFilter filter;
  filter.agency_id = agency_;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> users, ListUsers(filter));
  EXPECT_EQ(Usernames(users), (Names{tag_ + ".budi", tag_ + ".dewi"}));
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].roles.ToCodes(), "ppk,pokja");
  EXPECT_EQ(users[0].full_name, "Budi Santoso");
}

TEST_F(UserListTest, ByTextMatchesUsernameOrFullName) {
  app::UserFilter filter;
  filter.text = tag_;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> users, ListUsers(filter));
  EXPECT_EQ(Usernames(users),
            (Names{eko_, tag_ + ".andi", tag_ + ".budi", tag_ + ".citra", tag_ + ".dewi"}));

  filter.text = "Lestari";
  filter.agency_id = agency_;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> by_name, ListUsers(filter));
  EXPECT_EQ(Usernames(by_name), (Names{tag_ + ".dewi"}));
}

TEST_F(UserListTest, ByRoleGivesEveryHolderOfIt) {
  app::UserFilter filter;
  filter.text = tag_;
  filter.role = Role::kPokja;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> users, ListUsers(filter));
  EXPECT_EQ(Usernames(users), (Names{tag_ + ".budi", tag_ + ".citra"}));
}

TEST_F(UserListTest, FiltersCombine) {
  app::UserFilter filter;
  filter.agency_id = agency_;
  filter.role = Role::kPokja;
  filter.text = tag_;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> users, ListUsers(filter));
  EXPECT_EQ(Usernames(users), (Names{tag_ + ".budi"}));

  filter.role = Role::kAuditor;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> none, ListUsers(filter));
  EXPECT_TRUE(none.empty());
}

TEST_F(UserListTest, LimitAndOffsetPage) {
  app::UserFilter filter;
  filter.text = tag_ + ".";
  filter.limit = 2;
  filter.offset = 1;
  ASSERT_OK_AND_ASSIGN(const std::vector<User> users, ListUsers(filter));
  EXPECT_EQ(Usernames(users), (Names{tag_ + ".budi", tag_ + ".citra"}));
}

}  // namespace
}  // namespace spse::storage::conformance
