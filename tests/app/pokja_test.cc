#include "app/admin_service.h"

#include "app/app_fixture.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

class PokjaTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    agency_ = CreateSkpd("BPBJ", "Bagian Pengadaan Barang/Jasa");
    for (const char* n : {"nur", "agus", "fitri"}) {
      members_.push_back(CreateUser(std::string("pokja.") + n, RoleSet{Role::kPokja}, agency_));
    }
    ppk_ = CreateUser("ppk.bukan", RoleSet{Role::kPpk}, agency_);
  }
  domain::PokjaGroup AGroup() {
    domain::PokjaGroup g;
    g.name = "Pokja Pemilihan 7";
    g.agency_id = agency_;
    g.member_ids = members_;
    g.chair_id = members_.front();
    return g;
  }
  std::int64_t agency_ = 0, ppk_ = 0;
  std::vector<std::int64_t> members_;
};

TEST_F(PokjaTest, AdminFormsACommitteeAndTheAuditTrailNamesItsMembers) {
  auto id = admin_->CreatePokja(AdminActor(), AGroup());
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto group = admin_->GetPokja(AdminActor(), *id);
  ASSERT_TRUE(group.ok());
  EXPECT_EQ(group->member_ids.size(), 3u);
  EXPECT_EQ(group->chair_id, members_.front());
  auto tx = store_->Begin(Access::kRead);
  AuditFilter f;
  f.action = "pokja.create";
  auto entries = (*tx)->audit().Query(f);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_NE(entries->front().summary.find("pokja.nur (ketua)"), std::string::npos)
      << entries->front().summary;
  EXPECT_EQ(admin_->CreatePokja(AdminActor(), AGroup()).status().reason(), "pokja.name_taken");
}

TEST_F(PokjaTest, OnlyActivePokjaAccountsCanBeMembers) {
  domain::PokjaGroup g = AGroup();
  g.member_ids.back() = ppk_;
  EXPECT_EQ(admin_->CreatePokja(AdminActor(), g).status().reason(), "pokja.member_not_pokja");
  ASSERT_TRUE(admin_->SetUserActive(AdminActor(), members_.back(), false).ok());
  EXPECT_EQ(admin_->CreatePokja(AdminActor(), AGroup()).status().reason(), "pokja.member_not_pokja");
}

TEST_F(PokjaTest, ChangingTheChairIsAuditedAndOnlyAdminMayDoIt) {
  auto id = admin_->CreatePokja(AdminActor(), AGroup());
  ASSERT_TRUE(id.ok());
  domain::PokjaGroup g = AGroup();
  g.id = *id;
  g.chair_id = members_.back();
  ASSERT_TRUE(admin_->UpdatePokja(AdminActor(), g).ok());
  EXPECT_EQ(admin_->GetPokja(AdminActor(), *id)->chair_id, members_.back());
  EXPECT_EQ(AuditCount("pokja.update"), 1);
  Actor pokja = AdminActor();
  pokja.who.roles = RoleSet{Role::kPokja};
  EXPECT_EQ(admin_->UpdatePokja(pokja, g).reason(), "auth.forbidden");
}

}  // namespace
}  // namespace spse::app
