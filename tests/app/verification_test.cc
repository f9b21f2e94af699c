#include "app/verification_service.h"

#include "app/app_fixture.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

class VerificationTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    verification_ = std::make_unique<VerificationService>(*store_, clock_);
    vendor_ = CreateUser("cv.maju", RoleSet{Role::kPenyedia});
    verifikator_ = AdminActor();
    verifikator_.who.user_id = CreateUser("verif.satu", RoleSet{Role::kVerifikator});
    verifikator_.who.roles = RoleSet{Role::kVerifikator};
  }
  std::unique_ptr<VerificationService> verification_;
  std::int64_t vendor_ = 0;
  Actor verifikator_;
};

TEST_F(VerificationTest, Pasal9Ayat4_DeactivatedVendorIsRefusedWithTheReason) {
  LoginOutcome before = Login("cv.maju", kGoodPassword);
  ASSERT_TRUE(before.status.ok());
  domain::Deactivation why;
  why.source = domain::DeactivationSource::kBlacklistRequest;
  why.reason = "Permintaan PPK Dinas PUPR";
  why.letter = "027/88/433.110/2026";
  ASSERT_TRUE(verification_->Deactivate(verifikator_, vendor_, why).ok());
  auto session = auth_->Resolve(before.session_token);
  ASSERT_TRUE(session.ok());
  EXPECT_FALSE(session->has_value()) << "its sessions end at once";
  LoginOutcome refused = Login("cv.maju", kGoodPassword);
  EXPECT_EQ(refused.status.reason(), "auth.account_disabled");
  EXPECT_EQ(refused.deactivation_reason, "Permintaan PPK Dinas PUPR (027/88/433.110/2026)");
  EXPECT_EQ(AuditCount("user.deactivate"), 1);

  ASSERT_TRUE(verification_->Reactivate(verifikator_, vendor_, "Surat dicabut").ok());
  EXPECT_TRUE(Login("cv.maju", kGoodPassword).status.ok());
}

TEST_F(VerificationTest, ABlacklistedVendorCannotSignInAndIsToldTheDecree) {
  domain::BlacklistEntry e;
  e.sk_number = "188/12/KEP/2026";
  e.violation = "Dokumen penawaran palsu";
  e.ends_at = kStart + 365 * kMicrosPerDay;
  auto id = verification_->AddToBlacklist(verifikator_, vendor_, e);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  LoginOutcome refused = Login("cv.maju", kGoodPassword);
  EXPECT_EQ(refused.status.reason(), "auth.blacklisted");
  ASSERT_TRUE(refused.blacklist.has_value());
  EXPECT_EQ(refused.blacklist->sk_number, "188/12/KEP/2026");
  auto list = verification_->PublicBlacklist();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().vendor_name, "User cv.maju");
  // When the sanction ends, the vendor may sign in again and leaves the public list.
  clock_.Advance(366 * kMicrosPerDay);
  EXPECT_TRUE(Login("cv.maju", kGoodPassword).status.ok());
  EXPECT_TRUE(verification_->PublicBlacklist()->empty());
}

TEST_F(VerificationTest, ASanctionThatStartsLaterEndsTheVendorsSessionWhenItStarts) {
  domain::BlacklistEntry e;
  e.sk_number = "188/13/KEP/2026";
  e.violation = "Wanprestasi";
  e.starts_at = kStart + kMicrosPerHour;
  ASSERT_TRUE(verification_->AddToBlacklist(verifikator_, vendor_, e).ok());
  LoginOutcome in = Login("cv.maju", kGoodPassword);
  ASSERT_TRUE(in.status.ok()) << "not yet in force";
  clock_.Advance(10 * kMicrosPerMinute);
  auto before = auth_->Resolve(in.session_token);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->has_value());
  clock_.Advance(55 * kMicrosPerMinute);
  auto after = auth_->Resolve(in.session_token);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value()) << "in force now: the session ends";
}

TEST_F(VerificationTest, OnlyVendorsAreBlacklistedAndOnlyTheVerifikatorActs) {
  domain::BlacklistEntry e;
  e.sk_number = "1/2026";
  e.violation = "x";
  EXPECT_EQ(verification_->AddToBlacklist(verifikator_, verifikator_.who.user_id, e).status().reason(),
            "blacklist.not_vendor");
  Actor admin = AdminActor();
  EXPECT_EQ(verification_->AddToBlacklist(admin, vendor_, e).status().reason(), "auth.forbidden");
  domain::Deactivation why;
  why.reason = "x";
  EXPECT_EQ(verification_->Deactivate(admin, vendor_, why).reason(), "auth.forbidden");
}

}  // namespace
}  // namespace spse::app
