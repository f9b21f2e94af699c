#include "app/admin_service.h"

#include "app/app_fixture.h"
#include "app/no_audit_store.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

class AdminTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    agency_ = CreateSkpd("SETDA", "Sekretariat Daerah");
  }
  std::int64_t agency_ = 0;
};

// Pasal 14(3): Pegawai LPSE dilarang merangkap menjadi PPK/ULP/Panitia
// Pengadaan/Pejabat Pengadaan.
TEST_F(AdminTest, Pasal14Ayat3_AnAccountCannotBeBothLpseStaffAndProcurement) {
  auto created = TryCreateUser("rangkap", RoleSet{Role::kHelpdesk, Role::kPokja}, agency_);
  EXPECT_EQ(created.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(created.status().reason(), "role.lpse_procurement_conflict");

  auto staff = TryCreateUser("staf.lpse", RoleSet{Role::kVerifikator}, agency_);
  ASSERT_TRUE(staff.ok());
  Status s = admin_->UpdateUserRoles(AdminActor(), staff->id,
                                     RoleSet{Role::kVerifikator, Role::kPpk}, agency_);
  EXPECT_EQ(s.reason(), "role.lpse_procurement_conflict");
  auto tx = store_->Begin(Access::kRead);
  auto after = (*tx)->users().FindById(staff->id);
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->roles, RoleSet{Role::kVerifikator})
      << "a refused change leaves the roles alone";
}

TEST_F(AdminTest, NewAccountGetsATemporaryPasswordThatMustBeChanged) {
  auto created = TryCreateUser("ppk.baru", RoleSet{Role::kPpk}, agency_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_FALSE(created->temporary_password.empty());
  LoginOutcome in = Login("ppk.baru", created->temporary_password);
  ASSERT_TRUE(in.status.ok());
  EXPECT_TRUE(in.must_change_password);
}

TEST_F(AdminTest, EveryChangeWritesItsAuditEntryWithActorAndSummary) {
  auto created = TryCreateUser("pokja.audit", RoleSet{Role::kPokja}, agency_);
  ASSERT_TRUE(created.ok());
  auto tx = store_->Begin(Access::kRead);
  AuditFilter f;
  f.object_type = "user";
  f.object_id = std::to_string(created->id);
  auto entries = (*tx)->audit().Query(f);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  const AuditEntry& e = entries->front();
  EXPECT_EQ(e.action, "user.create");
  EXPECT_EQ(e.actor_name, "system:test");
  EXPECT_EQ(e.actor_role, "admin_sistem");
  EXPECT_EQ(e.client_addr, "127.0.0.1");
  EXPECT_EQ(e.at, kStart);
  EXPECT_NE(e.summary.find("pokja.audit"), std::string::npos);
  EXPECT_NE(e.summary.find("pokja"), std::string::npos);
}

TEST_F(AdminTest, AChangeWhoseAuditEntryCannotBeWrittenIsNotStored) {
  NoAuditStore broken(*store_);
  AdminService admin(broken, *auth_, crypto_, clock_);
  NewUser u;
  u.username = "tanpa.jejak";
  u.full_name = "Tanpa Jejak";
  u.email = "tanpa.jejak@bangkalankab.go.id";
  u.roles = RoleSet{Role::kAuditor};
  auto created = admin.CreateUser(AdminActor(), u);
  EXPECT_EQ(created.status().code(), Code::kUnavailable);
  auto tx = store_->Begin(Access::kRead);
  auto user = (*tx)->users().FindByUsername("tanpa.jejak");
  ASSERT_TRUE(user.ok());
  EXPECT_FALSE(user->has_value());

  domain::Agency a;
  a.code = "NOAUDIT";
  a.name = "Tidak tercatat";
  EXPECT_FALSE(admin.CreateAgency(AdminActor(), a).ok());
  auto agency = (*tx)->agencies().FindByCode("NOAUDIT");
  ASSERT_TRUE(agency.ok());
  EXPECT_FALSE(agency->has_value());
}

TEST_F(AdminTest, OnlyAdminSistemManagesAccounts) {
  Actor helpdesk = AdminActor();
  helpdesk.who.roles = RoleSet{Role::kHelpdesk};
  NewUser u;
  u.username = "x.y";
  auto created = admin_->CreateUser(helpdesk, u);
  EXPECT_EQ(created.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(admin_->ListAgencies(helpdesk).status().reason(), "auth.forbidden");
}

TEST_F(AdminTest, SatkerMustHangUnderAnSkpd) {
  domain::Agency satker;
  satker.code = "SETDA-BPBJ";
  satker.name = "Bagian Pengadaan Barang/Jasa";
  satker.kind = domain::AgencyKind::kSatker;
  EXPECT_EQ(admin_->CreateAgency(AdminActor(), satker).status().reason(), "agency.parent_required");
  satker.parent_id = agency_;
  auto id = admin_->CreateAgency(AdminActor(), satker);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  domain::Agency under_satker = satker;
  under_satker.code = "DEEPER";
  under_satker.parent_id = *id;
  EXPECT_EQ(admin_->CreateAgency(AdminActor(), under_satker).status().reason(),
            "agency.parent_not_found");
}

TEST_F(AdminTest, AnnouncementBannerFollowsItsWindowAndEnding) {
  Actor helpdesk = AdminActor();
  helpdesk.who.roles = RoleSet{Role::kHelpdesk};
  helpdesk.who.user_id = CreateUser("helpdesk.satu", RoleSet{Role::kHelpdesk});
  domain::Announcement a;
  a.kind = domain::AnnouncementKind::kMaintenance;
  a.title = "Pemeliharaan server";
  a.body = "Server dipelihara pukul 22.00-24.00 WIB.";
  a.starts_at = kStart + kMicrosPerHour;
  a.ends_at = kStart + 3 * kMicrosPerHour;
  auto id = portal_->PostAnnouncement(helpdesk, a);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto before = portal_->Home();
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE((*before)->banners.empty()) << "not yet started";
  clock_.Advance(2 * kMicrosPerHour);
  auto during = portal_->Home();
  ASSERT_TRUE(during.ok());
  ASSERT_EQ((*during)->banners.size(), 1u);
  ASSERT_TRUE(portal_->EndAnnouncement(helpdesk, *id).ok());
  clock_.Advance(1);
  auto ended = portal_->Home();
  ASSERT_TRUE(ended.ok());
  EXPECT_TRUE((*ended)->banners.empty()) << "ending drops the banner at once";
}

}  // namespace
}  // namespace spse::app
