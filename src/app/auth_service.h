// Signing in and out, sessions, and password changes.
//
// Sessions live on the server: the cookie holds a 128-bit random token and
// the database only its SHA-256, so a database reader cannot ride a session.
// A session ends after `idle_timeout` without requests or `absolute_timeout`
// after sign-in, and a new token is issued at every sign-in.
//
// An account with a second factor (domain/second_factor.h) gets no session
// for its password alone: Login opens a challenge that lives five minutes,
// and CompleteSecondFactor turns it into a session when the code is right.
// Wrong codes count toward the login throttle like wrong passwords.
#ifndef SPSE_APP_AUTH_SERVICE_H_
#define SPSE_APP_AUTH_SERVICE_H_

#include <memory>
#include <optional>
#include <semaphore>
#include <string>

#include "app/actor.h"
#include "app/ports.h"
#include "app/second_factor.h"
#include "base/clock.h"

namespace spse::app {

struct AuthConfig {
  Micros idle_timeout = 30 * kMicrosPerMinute;
  Micros absolute_timeout = 12 * kMicrosPerHour;
  // A session's last-seen time is written at most this often.
  Micros touch_interval = kMicrosPerMinute;
};

struct LoginRequest {
  std::string username;
  std::string password;
  std::string client_addr;
  std::string user_agent;
  // The "known device" cookie from an earlier successful sign-in, if any. It
  // exempts this device from the per-account throttle, so an attacker who
  // floods an account cannot lock its owner out.
  std::string device_token;
};

struct LoginOutcome {
  Status status;  // auth.bad_credentials, auth.throttled, auth.account_disabled
  std::string session_token;
  std::string device_token;
  domain::Principal principal;
  bool must_change_password = false;
  // The password was right and the account has a second factor: no session
  // yet, but this token (for a cookie) names the challenge that waits for
  // the code.
  std::string challenge_token;
  // Signed in, but the account's roles require a second factor it has not
  // set up: the session may only enrol one (after any password change).
  bool must_enrol_second_factor = false;
  Micros retry_after = 0;  // with auth.throttled: how long to wait
  std::string deactivation_reason;                 // with auth.account_disabled
  std::optional<domain::BlacklistEntry> blacklist;  // with auth.blacklisted
};

// The second step of a sign-in.
struct SecondFactorRequest {
  std::string challenge_token;
  std::string code;  // six digits from the app, or a recovery code
  std::string client_addr;
  std::string user_agent;
  std::string device_token;  // as in LoginRequest
};

struct SessionView {
  domain::Principal principal;
  bool must_change_password = false;
  bool must_enrol_second_factor = false;
  std::string id_hash;
};

class AuthService {
 public:
  // `secret` keys the device tokens and the second factor's sealing.
  // `store`, `crypto`, `totp` and `clock` outlive this.
  AuthService(Store& store, CryptoPort& crypto, TotpPort& totp, const Clock& clock,
              AuthConfig config, std::string secret, int max_parallel_hashes);

  // Reasons: auth.bad_credentials, auth.throttled, auth.account_disabled
  // (with the Verifikator's reason), auth.blacklisted (with the entry). OK
  // with a challenge_token instead of a session when a code must follow.
  LoginOutcome Login(const LoginRequest& request);
  // The code for a challenge Login opened. Reasons:
  // auth.second_factor_expired (unknown or expired challenge: sign in
  // again), auth.throttled, auth.otp_invalid, auth.otp_reused, and those of
  // Login for an account disabled or blacklisted meanwhile. A wrong code
  // leaves the challenge open until it expires.
  LoginOutcome CompleteSecondFactor(const SecondFactorRequest& request);
  // Ends the session. Unknown tokens are fine (already ended).
  Status Logout(std::string_view session_token, const std::string& client_addr);
  // The live session for a cookie token, or nullopt (unknown, expired, or
  // the account was disabled: its sessions die with it).
  StatusOr<std::optional<SessionView>> Resolve(std::string_view session_token);
  // Checks the current password, applies the policy, ends the account's
  // other sessions. Reasons: "auth.bad_credentials", "password.*".
  Status ChangePassword(const Actor& actor, std::string_view session_token,
                        std::string_view current, std::string_view next);

  // Deletes expired sessions and throttle records that no longer slow
  // anyone down, so neither table grows without bound. Run periodically.
  Status Sweep();

  // Hashes on the bounded pool (argon2id costs 64 MiB each).
  StatusOr<std::string> HashPassword(std::string_view password);
  bool VerifyPassword(std::string_view phc, std::string_view password);

  std::string DeviceToken(std::int64_t user_id);
  std::string SessionHash(std::string_view token);
  const AuthConfig& config() const { return config_; }

 private:
  bool KnownDevice(std::string_view device_token, std::int64_t user_id);
  // A refusal (with its audit entry, committed) when the account may not
  // sign in at `now`: disabled, or a vendor on the Daftar Hitam.
  std::optional<LoginOutcome> RefuseIfBarred(Tx& tx, const Actor& actor, const User& user,
                                             Micros now);
  // Inserts a new session into `tx` and fills `out` for it.
  Status OpenSession(Tx& tx, const User& user, std::string_view client_addr,
                     std::string_view user_agent, Micros now, LoginOutcome& out);

  Store& store_;
  CryptoPort& crypto_;
  const Clock& clock_;
  AuthConfig config_;
  std::string secret_;
  std::unique_ptr<std::counting_semaphore<64>> hash_slots_;
  std::string dummy_hash_;
  SecondFactor second_factor_;
};

}  // namespace spse::app

#endif  // SPSE_APP_AUTH_SERVICE_H_
