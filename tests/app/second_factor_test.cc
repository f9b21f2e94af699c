// The second factor through the use cases, with the clock under the test's
// control: enrolment, sign-in with a code (window, replay, expiry, throttle),
// recovery codes, the roles that require it, and Admin Sistem's reset.
#include "app/second_factor_service.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "app/app_fixture.h"
#include "domain/second_factor.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

// RFC 4648 base32 (no padding) back to bytes, for computing codes as an app would.
std::string FromBase32(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ') continue;
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26;
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

class SecondFactorTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    agency_ = CreateSkpd("DPUPR", "Dinas PUPR");
    ppk_ = CreateUser("ppk.one", RoleSet{Role::kPpk}, agency_);
    auditor_ = CreateUser("auditor.one", RoleSet{Role::kAuditor});
    service_ = std::make_unique<SecondFactorService>(*store_, crypto_, totp_, clock_,
                                                     "test-secret", "LPSE Uji");
  }
  void TearDown() override {
    service_.reset();
    AppTest::TearDown();
  }

  // Signs in with the password alone (the account has no second factor yet).
  Actor SignedIn(const std::string& username) {
    LoginOutcome out = Login(username, kGoodPassword);
    EXPECT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_TRUE(out.challenge_token.empty());
    return Actor{out.principal, "10.0.0.1"};
  }

  // The app's code for `secret` (raw) at the fake clock's now plus `offset`.
  std::string CodeAt(const std::string& secret, Micros offset = 0) {
    auto code = totp_.Generate(secret, (clock_.Now() + offset) / kMicrosPerSecond,
                               domain::kTotpStepSeconds, domain::kTotpDigits);
    EXPECT_TRUE(code.ok());
    return code.ok() ? *code : "";
  }

  // Enrols `actor` and returns the raw secret; `codes` gets the recovery codes.
  std::string Enrol(const Actor& actor, std::vector<std::string>* codes = nullptr) {
    auto enrolment = service_->BeginEnrolment(actor);
    EXPECT_TRUE(enrolment.ok()) << enrolment.status().ToString();
    if (!enrolment.ok()) return "";
    const std::string secret = FromBase32(enrolment->secret_base32);
    auto shown = service_->ConfirmEnrolment(actor, enrolment->token, CodeAt(secret));
    EXPECT_TRUE(shown.ok()) << shown.status().ToString();
    if (codes && shown.ok()) *codes = *shown;
    // A new time step, so that sign-ins in the test have a fresh code.
    clock_.Advance(domain::kTotpStepSeconds * kMicrosPerSecond);
    return secret;
  }

  LoginOutcome Complete(const std::string& challenge, const std::string& code,
                        const std::string& addr = "10.0.0.1") {
    SecondFactorRequest r;
    r.challenge_token = challenge;
    r.code = code;
    r.client_addr = addr;
    r.user_agent = "test";
    return auth_->CompleteSecondFactor(r);
  }

  std::int64_t agency_ = 0;
  std::int64_t ppk_ = 0;
  std::int64_t auditor_ = 0;
  std::unique_ptr<SecondFactorService> service_;
};

// ---------------------------------------------------------------- roles

TEST_F(SecondFactorTest, ARequiringRoleWithoutAFactorSignsInButMustEnrol) {
  LoginOutcome out = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_FALSE(out.session_token.empty());
  EXPECT_TRUE(out.must_enrol_second_factor);
  ASSERT_OK_AND_ASSIGN(auto view, auth_->Resolve(out.session_token));
  ASSERT_TRUE(view.has_value());
  EXPECT_TRUE(view->must_enrol_second_factor);
}

TEST_F(SecondFactorTest, OtherRolesNeedNone) {
  LoginOutcome out = Login("auditor.one", kGoodPassword);
  ASSERT_TRUE(out.status.ok());
  EXPECT_FALSE(out.must_enrol_second_factor);
  ASSERT_OK_AND_ASSIGN(auto view, auth_->Resolve(out.session_token));
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->must_enrol_second_factor);
}

TEST_F(SecondFactorTest, EnrollingLiftsTheRestrictionFromTheOpenSession) {
  LoginOutcome out = Login("ppk.one", kGoodPassword);
  Enrol(Actor{out.principal, "10.0.0.1"});
  ASSERT_OK_AND_ASSIGN(auto view, auth_->Resolve(out.session_token));
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->must_enrol_second_factor);
}

// ---------------------------------------------------------------- enrolment

TEST_F(SecondFactorTest, EnrolmentGivesTenRecoveryCodesOnceAndIsAudited) {
  const Actor ppk = SignedIn("ppk.one");
  std::vector<std::string> codes;
  Enrol(ppk, &codes);
  ASSERT_EQ(codes.size(), 10u);
  for (const std::string& c : codes) {
    EXPECT_TRUE(domain::IsRecoveryCode(domain::NormalizeCode(c))) << c;
    EXPECT_EQ(c.size(), 19u) << "four groups of four: " << c;
  }
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  ASSERT_OK_AND_ASSIGN(const SecondFactorOverview o, service_->Overview(ppk));
  EXPECT_TRUE(o.enabled);
  EXPECT_TRUE(o.required);
  EXPECT_EQ(o.recovery_codes_left, 10);
  EXPECT_EQ(AuditCount("totp.enabled"), 1);
}

TEST_F(SecondFactorTest, TheSecretAndCodesAreNeitherStoredInClearNorAudited) {
  const Actor ppk = SignedIn("ppk.one");
  auto enrolment = service_->BeginEnrolment(ppk);
  ASSERT_OK(enrolment);
  const std::string secret = FromBase32(enrolment->secret_base32);
  ASSERT_OK_AND_ASSIGN(auto codes,
                       service_->ConfirmEnrolment(ppk, enrolment->token, CodeAt(secret)));
  auto tx = store_->Begin(Access::kRead);
  ASSERT_OK(tx);
  ASSERT_OK_AND_ASSIGN(auto stored, (*tx)->second_factor().Find(ppk_));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->secret_sealed.find(enrolment->secret_base32), std::string::npos);
  EXPECT_EQ(stored->secret_sealed.find(secret), std::string::npos);
  EXPECT_EQ(enrolment->token.find(enrolment->secret_base32), std::string::npos);
  AuditFilter all;
  all.limit = 1000;
  ASSERT_OK_AND_ASSIGN(auto entries, (*tx)->audit().Query(all));
  for (const auto& e : entries) {
    EXPECT_EQ(e.summary.find(enrolment->secret_base32), std::string::npos) << e.summary;
    for (const std::string& c : codes) EXPECT_EQ(e.summary.find(c), std::string::npos) << e.summary;
  }
}

TEST_F(SecondFactorTest, TheUriNamesTheIssuerAndTheAccount) {
  ASSERT_OK_AND_ASSIGN(auto enrolment, service_->BeginEnrolment(SignedIn("ppk.one")));
  EXPECT_EQ(enrolment.secret_base32.size(), 32u) << "160 bits";
  EXPECT_EQ(enrolment.uri, "otpauth://totp/LPSE%20Uji:ppk.one?secret=" + enrolment.secret_base32 +
                               "&issuer=LPSE%20Uji&algorithm=SHA1&digits=6&period=30");
}

TEST_F(SecondFactorTest, AFormShownAgainKeepsItsSecret) {
  const Actor ppk = SignedIn("ppk.one");
  ASSERT_OK_AND_ASSIGN(auto first, service_->BeginEnrolment(ppk));
  ASSERT_OK_AND_ASSIGN(auto again, service_->BeginEnrolment(ppk, first.token));
  EXPECT_EQ(again.secret_base32, first.secret_base32);
  ASSERT_OK_AND_ASSIGN(auto fresh, service_->BeginEnrolment(ppk));
  EXPECT_NE(fresh.secret_base32, first.secret_base32);
}

TEST_F(SecondFactorTest, AWrongCodeDoesNotEnrol) {
  const Actor ppk = SignedIn("ppk.one");
  ASSERT_OK_AND_ASSIGN(auto enrolment, service_->BeginEnrolment(ppk));
  const std::string right = CodeAt(FromBase32(enrolment.secret_base32));
  const std::string wrong = right == "000000" ? "000001" : "000000";
  EXPECT_THAT(service_->ConfirmEnrolment(ppk, enrolment.token, wrong).status(),
              StatusIs(Code::kInvalidArgument, "auth.otp_invalid"));
  EXPECT_THAT(service_->ConfirmEnrolment(ppk, enrolment.token, "").status(),
              StatusIs(Code::kInvalidArgument, "totp.code_missing"));
  ASSERT_OK_AND_ASSIGN(const SecondFactorOverview o, service_->Overview(ppk));
  EXPECT_FALSE(o.enabled);
}

TEST_F(SecondFactorTest, AnEnrolmentFormIsGoodForAnHourAndForItsAccountOnly) {
  const Actor ppk = SignedIn("ppk.one");
  const Actor auditor = SignedIn("auditor.one");
  ASSERT_OK_AND_ASSIGN(auto enrolment, service_->BeginEnrolment(ppk));
  const std::string secret = FromBase32(enrolment.secret_base32);
  EXPECT_THAT(service_->ConfirmEnrolment(auditor, enrolment.token, CodeAt(secret)).status(),
              StatusIs(Code::kInvalidArgument, "totp.enrolment_expired"));
  clock_.Advance(kMicrosPerHour);
  EXPECT_THAT(service_->ConfirmEnrolment(ppk, enrolment.token, CodeAt(secret)).status(),
              StatusIs(Code::kInvalidArgument, "totp.enrolment_expired"));
}

TEST_F(SecondFactorTest, AnAccountEnrolsOnce) {
  const Actor ppk = SignedIn("ppk.one");
  Enrol(ppk);
  EXPECT_THAT(service_->BeginEnrolment(ppk).status(),
              StatusIs(Code::kFailedPrecondition, "totp.already_enabled"));
}

// ---------------------------------------------------------------- sign-in

TEST_F(SecondFactorTest, ThePasswordAloneOpensNoSessionWhenAFactorIsSet) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  LoginOutcome first = Login("ppk.one", kGoodPassword);
  ASSERT_TRUE(first.status.ok()) << first.status.ToString();
  EXPECT_TRUE(first.session_token.empty());
  EXPECT_TRUE(first.device_token.empty()) << "no known-device cookie before the code";
  ASSERT_FALSE(first.challenge_token.empty());
  EXPECT_EQ(AuditCount("auth.second_factor_pending"), 1);

  LoginOutcome done = Complete(first.challenge_token, CodeAt(secret));
  ASSERT_TRUE(done.status.ok()) << done.status.ToString();
  EXPECT_FALSE(done.session_token.empty());
  EXPECT_FALSE(done.device_token.empty());
  EXPECT_EQ(done.principal.username, "ppk.one");
  EXPECT_FALSE(done.must_enrol_second_factor);
  ASSERT_OK_AND_ASSIGN(auto view, auth_->Resolve(done.session_token));
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->principal.user_id, ppk_);
  // The challenge is spent with it.
  EXPECT_THAT(Complete(first.challenge_token, CodeAt(secret, 30 * kMicrosPerSecond)).status,
              StatusIs(Code::kFailedPrecondition, "auth.second_factor_expired"));
}

// EVIDENCE-OF: RFC 6238 §5.2: at most one time step of network delay.
TEST_F(SecondFactorTest, ACodeOneStepOldOrAheadIsAcceptedTwoStepsAreNot) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  constexpr Micros kStep = domain::kTotpStepSeconds * kMicrosPerSecond;
  clock_.Advance(10 * kStep);
  EXPECT_TRUE(Complete(Login("ppk.one", kGoodPassword).challenge_token, CodeAt(secret, -kStep))
                  .status.ok());
  EXPECT_TRUE(Complete(Login("ppk.one", kGoodPassword).challenge_token, CodeAt(secret, kStep))
                  .status.ok());
  clock_.Advance(10 * kStep);
  const std::string challenge = Login("ppk.one", kGoodPassword).challenge_token;
  EXPECT_THAT(Complete(challenge, CodeAt(secret, -2 * kStep)).status,
              StatusIs(Code::kUnauthenticated, "auth.otp_invalid"));
  EXPECT_THAT(Complete(challenge, CodeAt(secret, 2 * kStep)).status,
              StatusIs(Code::kUnauthenticated, "auth.otp_invalid"));
  EXPECT_EQ(AuditCount("auth.otp_failed"), 2);
  EXPECT_TRUE(Complete(challenge, CodeAt(secret)).status.ok()) << "a wrong code keeps the challenge";
}

// EVIDENCE-OF: RFC 6238 §5.2: the verifier MUST NOT accept the second
// attempt of the OTP after the successful validation of the first.
TEST_F(SecondFactorTest, ACodeIsAcceptedOnce) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  const std::string code = CodeAt(secret);
  ASSERT_TRUE(Complete(Login("ppk.one", kGoodPassword).challenge_token, code).status.ok());
  LoginOutcome replay = Complete(Login("ppk.one", kGoodPassword).challenge_token, code);
  EXPECT_THAT(replay.status, StatusIs(Code::kUnauthenticated, "auth.otp_reused"));
  EXPECT_TRUE(replay.session_token.empty());
}

TEST_F(SecondFactorTest, AnEarlierStepIsRefusedOnceALaterOneWasUsed) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  constexpr Micros kStep = domain::kTotpStepSeconds * kMicrosPerSecond;
  ASSERT_TRUE(
      Complete(Login("ppk.one", kGoodPassword).challenge_token, CodeAt(secret, kStep)).status.ok());
  EXPECT_THAT(Complete(Login("ppk.one", kGoodPassword).challenge_token, CodeAt(secret)).status,
              StatusIs(Code::kUnauthenticated, "auth.otp_reused"));
}

TEST_F(SecondFactorTest, TheCodeThatConfirmedEnrolmentCannotOpenASession) {
  const Actor ppk = SignedIn("ppk.one");
  ASSERT_OK_AND_ASSIGN(auto enrolment, service_->BeginEnrolment(ppk));
  const std::string secret = FromBase32(enrolment.secret_base32);
  const std::string code = CodeAt(secret);
  ASSERT_OK(service_->ConfirmEnrolment(ppk, enrolment.token, code));
  EXPECT_THAT(Complete(Login("ppk.one", kGoodPassword).challenge_token, code).status,
              StatusIs(Code::kUnauthenticated, "auth.otp_reused"));
}

TEST_F(SecondFactorTest, TheCodeMustFollowWithinFiveMinutes) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  const std::string late = Login("ppk.one", kGoodPassword).challenge_token;
  const std::string in_time = Login("ppk.one", kGoodPassword).challenge_token;
  clock_.Advance(5 * kMicrosPerMinute - 1);
  EXPECT_TRUE(Complete(in_time, CodeAt(secret)).status.ok());
  clock_.Advance(1);
  EXPECT_THAT(Complete(late, CodeAt(secret, 30 * kMicrosPerSecond)).status,
              StatusIs(Code::kFailedPrecondition, "auth.second_factor_expired"));
  EXPECT_THAT(Complete("no-such-challenge", "123456").status,
              StatusIs(Code::kFailedPrecondition, "auth.second_factor_expired"));
  EXPECT_THAT(Complete("", "123456").status,
              StatusIs(Code::kFailedPrecondition, "auth.second_factor_expired"));
}

TEST_F(SecondFactorTest, SweepForgetsExpiredChallenges) {
  Enrol(SignedIn("ppk.one"));
  const std::string challenge = Login("ppk.one", kGoodPassword).challenge_token;
  clock_.Advance(6 * kMicrosPerMinute);
  ASSERT_OK(auth_->Sweep());
  auto tx = store_->Begin(Access::kRead);
  ASSERT_OK(tx);
  ASSERT_OK_AND_ASSIGN(auto found, (*tx)->login_challenges().Find(crypto_.Sha256Hex(challenge)));
  EXPECT_FALSE(found.has_value());
}

// Wrong codes count toward the login throttle: 5 free failures per account,
// then a delay, shared with wrong passwords.
TEST_F(SecondFactorTest, WrongCodesAreThrottledLikeWrongPasswords) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  const std::string challenge = Login("ppk.one", kGoodPassword).challenge_token;
  const std::string right = CodeAt(secret);
  const std::string wrong = right == "999999" ? "999998" : "999999";
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Complete(challenge, wrong, "10.0.0." + std::to_string(10 + i)).status,
                StatusIs(Code::kUnauthenticated, "auth.otp_invalid"))
        << i;
  }
  LoginOutcome held = Complete(challenge, right, "10.0.0.99");
  EXPECT_THAT(held.status, StatusIs(Code::kResourceExhausted, "auth.throttled"));
  EXPECT_EQ(held.retry_after, kMicrosPerSecond);
  EXPECT_THAT(Login("ppk.one", kGoodPassword, "10.0.0.98").status,
              StatusIs(Code::kResourceExhausted, "auth.throttled"));
  clock_.Advance(kMicrosPerSecond);
  EXPECT_TRUE(Complete(challenge, right, "10.0.0.99").status.ok());
}

TEST_F(SecondFactorTest, AKnownDeviceIsNotHeldBackByAFloodOfWrongCodes) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  const std::string challenge = Login("ppk.one", kGoodPassword).challenge_token;
  for (int i = 0; i < 8; ++i) Complete(challenge, "000000", "10.9.9." + std::to_string(i));
  SecondFactorRequest r;
  r.challenge_token = challenge;
  r.code = CodeAt(secret);
  r.client_addr = "10.0.0.1";
  r.device_token = auth_->DeviceToken(ppk_);
  EXPECT_TRUE(auth_->CompleteSecondFactor(r).status.ok());
}

TEST_F(SecondFactorTest, ADisabledAccountCannotFinishSigningIn) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  const std::string challenge = Login("ppk.one", kGoodPassword).challenge_token;
  ASSERT_OK(admin_->SetUserActive(AdminActor(), ppk_, false));
  EXPECT_THAT(Complete(challenge, CodeAt(secret)).status,
              StatusIs(Code::kPermissionDenied, "auth.account_disabled"));
}

// ---------------------------------------------------------------- recovery codes

TEST_F(SecondFactorTest, ARecoveryCodeSignsInOnce) {
  std::vector<std::string> codes;
  Enrol(SignedIn("ppk.one"), &codes);
  LoginOutcome in = Complete(Login("ppk.one", kGoodPassword).challenge_token, codes[3]);
  ASSERT_TRUE(in.status.ok()) << in.status.ToString();
  EXPECT_FALSE(in.session_token.empty());
  EXPECT_THAT(Complete(Login("ppk.one", kGoodPassword).challenge_token, codes[3]).status,
              StatusIs(Code::kUnauthenticated, "auth.otp_invalid"));
  // Typed loosely: lower case, spaces for hyphens.
  std::string loose = codes[4];
  std::replace(loose.begin(), loose.end(), '-', ' ');
  std::transform(loose.begin(), loose.end(), loose.begin(), ::tolower);
  EXPECT_TRUE(Complete(Login("ppk.one", kGoodPassword).challenge_token, loose).status.ok());
  ASSERT_OK_AND_ASSIGN(const SecondFactorOverview o, service_->Overview(Actor{in.principal, ""}));
  EXPECT_EQ(o.recovery_codes_left, 8);
}

TEST_F(SecondFactorTest, RenewingNeedsACurrentCodeAndRetiresTheOldCodes) {
  const Actor ppk = SignedIn("ppk.one");
  std::vector<std::string> old_codes;
  const std::string secret = Enrol(ppk, &old_codes);
  EXPECT_THAT(service_->RenewRecoveryCodes(ppk, "").status(),
              StatusIs(Code::kInvalidArgument, "totp.code_missing"));
  const std::string right = CodeAt(secret);
  EXPECT_THAT(service_->RenewRecoveryCodes(ppk, right == "123123" ? "321321" : "123123").status(),
              StatusIs(Code::kInvalidArgument, "auth.otp_invalid"));
  EXPECT_EQ(AuditCount("totp.code_failed"), 1);
  ASSERT_OK_AND_ASSIGN(auto fresh, service_->RenewRecoveryCodes(ppk, right));
  EXPECT_EQ(fresh.size(), 10u);
  EXPECT_EQ(AuditCount("totp.recovery_codes_renewed"), 1);
  EXPECT_THAT(Complete(Login("ppk.one", kGoodPassword).challenge_token, old_codes[0]).status,
              StatusIs(Code::kUnauthenticated, "auth.otp_invalid"));
  EXPECT_TRUE(Complete(Login("ppk.one", kGoodPassword).challenge_token, fresh[0]).status.ok());
  // The code that renewed them is spent too.
  EXPECT_THAT(service_->RenewRecoveryCodes(ppk, right).status(),
              StatusIs(Code::kInvalidArgument, "auth.otp_reused"));
}

// ---------------------------------------------------------------- disable and reset

TEST_F(SecondFactorTest, ARequiringRoleCannotSwitchItOff) {
  const Actor ppk = SignedIn("ppk.one");
  const std::string secret = Enrol(ppk);
  EXPECT_THAT(service_->Disable(ppk, CodeAt(secret)),
              StatusIs(Code::kFailedPrecondition, "totp.required"));
  ASSERT_OK_AND_ASSIGN(const SecondFactorOverview o, service_->Overview(ppk));
  EXPECT_TRUE(o.enabled);
}

TEST_F(SecondFactorTest, AnOptionalFactorIsSwitchedOffWithACode) {
  const Actor auditor = SignedIn("auditor.one");
  const std::string secret = Enrol(auditor);
  EXPECT_FALSE(Login("auditor.one", kGoodPassword).challenge_token.empty());
  EXPECT_THAT(service_->Disable(auditor, "000000x"),
              StatusIs(Code::kInvalidArgument, "auth.otp_invalid"));
  ASSERT_OK(service_->Disable(auditor, CodeAt(secret)));
  EXPECT_EQ(AuditCount("totp.disabled"), 1);
  LoginOutcome plain = Login("auditor.one", kGoodPassword);
  EXPECT_TRUE(plain.challenge_token.empty());
  EXPECT_FALSE(plain.session_token.empty());
}

TEST_F(SecondFactorTest, AdminSistemResetsALostFactorAndEndsTheSessions) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  LoginOutcome open = Complete(Login("ppk.one", kGoodPassword).challenge_token, CodeAt(secret));
  ASSERT_TRUE(open.status.ok());
  ASSERT_OK(service_->Reset(AdminActor(), ppk_));
  EXPECT_EQ(AuditCount("totp.reset"), 1);
  ASSERT_OK_AND_ASSIGN(auto gone, auth_->Resolve(open.session_token));
  EXPECT_FALSE(gone.has_value()) << "whoever holds a session must not enrol the next app";
  LoginOutcome next = Login("ppk.one", kGoodPassword);
  EXPECT_TRUE(next.challenge_token.empty());
  EXPECT_TRUE(next.must_enrol_second_factor);
  EXPECT_THAT(service_->Reset(AdminActor(), ppk_),
              StatusIs(Code::kFailedPrecondition, "totp.not_enabled"));
}

TEST_F(SecondFactorTest, AChallengeOpenedBeforeAResetDies) {
  const std::string secret = Enrol(SignedIn("ppk.one"));
  const std::string challenge = Login("ppk.one", kGoodPassword).challenge_token;
  ASSERT_OK(service_->Reset(AdminActor(), ppk_));
  EXPECT_THAT(Complete(challenge, CodeAt(secret)).status,
              StatusIs(Code::kFailedPrecondition, "auth.second_factor_expired"));
}

TEST_F(SecondFactorTest, OnlyAdminSistemResetsAndNotTheirOwn) {
  const Actor auditor = SignedIn("auditor.one");
  Enrol(SignedIn("ppk.one"));
  EXPECT_THAT(service_->Reset(auditor, ppk_), StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  const std::int64_t admin = CreateUser("admin.one", RoleSet{Role::kAdminSistem});
  const Actor self = SignedIn("admin.one");
  Enrol(self);
  EXPECT_THAT(service_->Reset(self, admin), StatusIs(Code::kFailedPrecondition, "totp.reset_self"));
  EXPECT_THAT(service_->Reset(self, 999999), StatusIs(Code::kNotFound, "user.not_found"));
  EXPECT_OK(service_->Reset(self, ppk_));
}

}  // namespace
}  // namespace spse::app
