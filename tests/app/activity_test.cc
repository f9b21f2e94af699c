#include "app/portal_service.h"

#include "app/app_fixture.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

TEST_F(AppTest, Pasal6_TheHeadOfTheLpseSeesActivityFigures) {
  CreateUser("audit.satu", RoleSet{Role::kAuditor});
  const std::int64_t two = CreateUser("audit.dua", RoleSet{Role::kAuditor});
  ASSERT_TRUE(admin_->SetUserActive(AdminActor(), two, false).ok());
  EXPECT_TRUE(Login("audit.satu", kGoodPassword).status.ok());
  EXPECT_TRUE(Login("audit.satu", kGoodPassword).status.ok());
  EXPECT_FALSE(Login("audit.satu", "salah-salah-salah").status.ok());
  EXPECT_FALSE(Login("audit.dua", kGoodPassword).status.ok());  // refused: disabled
  Actor kepala = AdminActor();
  kepala.who.roles = RoleSet{Role::kKepalaLpse};
  auto summary = portal_->Activity(kepala, 7);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->sign_ins, 2);
  EXPECT_EQ(summary->failed_sign_ins, 1);
  for (const auto& [role, n] : summary->accounts) {
    if (role == Role::kAuditor) {
      EXPECT_EQ(n, 1) << "the disabled account is not counted";
    }
  }
  clock_.Advance(8 * kMicrosPerDay);
  EXPECT_EQ(portal_->Activity(kepala, 7)->sign_ins, 0) << "older than the window";
  Actor auditor = kepala;
  auditor.who.roles = RoleSet{Role::kAuditor};
  EXPECT_EQ(portal_->Activity(auditor, 7).status().reason(), "auth.forbidden");
}

}  // namespace
}  // namespace spse::app
