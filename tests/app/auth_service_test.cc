#include "app/auth_service.h"

#include "app/app_fixture.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

class AuthTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    agency_ = CreateSkpd("DPUPR", "Dinas PUPR");
    user_ = CreateUser("ppk.one", RoleSet{Role::kPpk}, agency_);
  }
  std::int64_t agency_ = 0;
  std::int64_t user_ = 0;
};

TEST_F(AuthTest, SessionTokenIsNewAtEverySignInAndOnlyItsHashIsStored) {
  LoginOutcome a = Login("ppk.one", kGoodPassword);
  LoginOutcome b = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(a.status.ok()) << a.status.ToString();
  ASSERT_TRUE(b.status.ok());
  EXPECT_NE(a.session_token, b.session_token);
  EXPECT_EQ(a.session_token.size(), 22u);  // 128 bits, base64url
  auto tx = store_->Begin(Access::kRead);
  auto raw = (*tx)->sessions().Find(a.session_token);
  ASSERT_TRUE(raw.ok());
  EXPECT_FALSE(raw->has_value()) << "the cookie token itself must not be a database key";
  auto hashed = (*tx)->sessions().Find(auth_->SessionHash(a.session_token));
  ASSERT_TRUE(hashed.ok());
  EXPECT_TRUE(hashed->has_value());
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  LoginOutcome wrong = Login("ppk.one", "not-the-password-at-all");
  LoginOutcome unknown = Login("nobody.here", "not-the-password-at-all");
  EXPECT_EQ(wrong.status.code(), Code::kUnauthenticated);
  EXPECT_EQ(wrong.status.reason(), "auth.bad_credentials");
  EXPECT_EQ(unknown.status.code(), Code::kUnauthenticated);
  EXPECT_EQ(unknown.status.reason(), "auth.bad_credentials");
  EXPECT_EQ(AuditCount("auth.login_failed"), 2);
}

TEST_F(AuthTest, SessionEndsAfterThirtyIdleMinutes) {
  LoginOutcome in = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(in.status.ok());
  clock_.Advance(29 * kMicrosPerMinute);
  auto still = auth_->Resolve(in.session_token);
  ASSERT_TRUE(still.ok());
  ASSERT_TRUE(still->has_value());
  clock_.Advance(30 * kMicrosPerMinute);  // 30 idle minutes after the last request
  auto gone = auth_->Resolve(in.session_token);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST_F(AuthTest, SessionEndsTwelveHoursAfterSignInEvenWhenBusy) {
  LoginOutcome in = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(in.status.ok());
  for (int i = 0; i < 12 * 4 - 1; ++i) {
    clock_.Advance(15 * kMicrosPerMinute);
    auto s = auth_->Resolve(in.session_token);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s->has_value()) << "after " << (i + 1) * 15 << " minutes";
  }
  clock_.Advance(15 * kMicrosPerMinute);
  auto s = auth_->Resolve(in.session_token);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->has_value());
}

TEST_F(AuthTest, LogoutEndsTheSessionOnTheServer) {
  LoginOutcome in = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(auth_->Logout(in.session_token, "10.0.0.1").ok());
  auto s = auth_->Resolve(in.session_token);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->has_value());
  EXPECT_EQ(AuditCount("auth.logout"), 1);
}

TEST_F(AuthTest, DisablingAnAccountEndsItsSessionsAndRefusesSignIn) {
  LoginOutcome in = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(admin_->SetUserActive(AdminActor(), user_, false).ok());
  auto s = auth_->Resolve(in.session_token);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->has_value());
  LoginOutcome again = Login("ppk.one", kGoodPassword);
  EXPECT_EQ(again.status.reason(), "auth.account_disabled");
}

// ASVS 4.0.3 2.2.1 / 5.0 6.1.1: guessing slows down, the owner is not locked out.
TEST_F(AuthTest, FailedSignInsAreThrottledButAKnownDeviceStillGetsIn) {
  LoginOutcome owner = Login("ppk.one", kGoodPassword, "10.0.0.1");
  ASSERT_TRUE(owner.status.ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Login("ppk.one", "guess-number-" + std::to_string(i), "192.0.2.7").status.reason(),
              "auth.bad_credentials");
  }
  // Five free failures; the sixth try must wait.
  LoginOutcome blocked = Login("ppk.one", "guess-number-7", "192.0.2.8");
  EXPECT_EQ(blocked.status.reason(), "auth.throttled");
  EXPECT_GT(blocked.retry_after, 0);
  EXPECT_LE(blocked.retry_after, 60 * kMicrosPerSecond);
  // Even the right password from an unknown device waits.
  EXPECT_EQ(Login("ppk.one", kGoodPassword, "10.0.0.9").status.reason(), "auth.throttled");
  // The owner's device, recognised by its cookie, is not held back.
  LoginOutcome known = Login("ppk.one", kGoodPassword, "10.0.0.9", owner.device_token);
  EXPECT_TRUE(known.status.ok()) << known.status.ToString();
  // And the wait is short: after it, the account answers again.
  clock_.Advance(blocked.retry_after);
  EXPECT_TRUE(Login("ppk.one", kGoodPassword, "10.0.0.9").status.ok());
}

TEST_F(AuthTest, ChangingThePasswordEndsOtherSessionsButKeepsThisOne) {
  LoginOutcome here = Login("ppk.one", kGoodPassword);
  LoginOutcome elsewhere = Login("ppk.one", kGoodPassword);
  auto view = auth_->Resolve(here.session_token);
  ASSERT_TRUE(view.ok() && view->has_value());
  Actor me{(*view)->principal, "10.0.0.1"};
  EXPECT_EQ(auth_->ChangePassword(me, here.session_token, "wrong-current-pass", "a-new-long-phrase").reason(),
            "password.current_wrong");
  EXPECT_EQ(auth_->ChangePassword(me, here.session_token, kGoodPassword, "short").reason(),
            "password.too_short");
  ASSERT_TRUE(auth_->ChangePassword(me, here.session_token, kGoodPassword, "a-new-long-phrase").ok());
  auto kept = auth_->Resolve(here.session_token);
  auto ended = auth_->Resolve(elsewhere.session_token);
  EXPECT_TRUE(kept.ok() && kept->has_value());
  EXPECT_TRUE(ended.ok() && !ended->has_value());
  EXPECT_EQ(Login("ppk.one", kGoodPassword).status.reason(), "auth.bad_credentials");
  EXPECT_TRUE(Login("ppk.one", "a-new-long-phrase").status.ok());
}

// ASVS 4.0.3 2.2.1: the owner's own sign-ins must not hand an attacker new
// free guesses.
TEST_F(AuthTest, OwnerSignInDoesNotResetTheAttackersBudget) {
  LoginOutcome owner = Login("ppk.one", kGoodPassword, "10.0.0.1");
  for (int i = 0; i < 5; ++i) Login("ppk.one", "guess-" + std::to_string(i), "192.0.2.7");
  EXPECT_TRUE(Login("ppk.one", kGoodPassword, "10.0.0.1", owner.device_token).status.ok());
  EXPECT_EQ(Login("ppk.one", "guess-after", "192.0.2.7").status.reason(), "auth.throttled");
}

// A flood from one address (an office behind NAT) must not lock out the
// owners of accounts who sign in from their usual devices.
TEST_F(AuthTest, KnownDeviceIsNotHeldBackByAFloodFromItsAddress) {
  CreateUser("ppk.two", RoleSet{Role::kPpk}, agency_);
  LoginOutcome owner = Login("ppk.two", kGoodPassword, "203.0.113.5");
  for (int i = 0; i < 25; ++i) {
    Login("nobody" + std::to_string(i), "guess-guess-guess", "203.0.113.5");
  }
  EXPECT_EQ(Login("ppk.two", kGoodPassword, "203.0.113.5").status.reason(), "auth.throttled");
  EXPECT_TRUE(Login("ppk.two", kGoodPassword, "203.0.113.5", owner.device_token).status.ok());
  // Another account's device cookie does not help.
  EXPECT_EQ(Login("ppk.one", kGoodPassword, "203.0.113.5", owner.device_token).status.reason(),
            "auth.throttled");
}

TEST_F(AuthTest, SweepRemovesExpiredSessionsAndStaleThrottleRecords) {
  LoginOutcome old_session = Login("ppk.one", kGoodPassword);
  EXPECT_EQ(Login("ppk.one", "wrong-password-here", "198.51.100.1").status.reason(),
            "auth.bad_credentials");
  clock_.Advance(2 * kMicrosPerHour);
  LoginOutcome fresh = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(auth_->Sweep().ok());
  auto tx = store_->Begin(Access::kRead);
  auto gone = (*tx)->sessions().Find(auth_->SessionHash(old_session.session_token));
  auto kept = (*tx)->sessions().Find(auth_->SessionHash(fresh.session_token));
  auto throttle = (*tx)->throttle().Get("addr:198.51.100.1");
  ASSERT_TRUE(gone.ok() && kept.ok() && throttle.ok());
  EXPECT_FALSE(gone->has_value());
  EXPECT_TRUE(kept->has_value());
  EXPECT_EQ(throttle->failures, 0);
}

}  // namespace
}  // namespace spse::app
