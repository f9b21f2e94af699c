// Signing in and out, sessions, and password changes.
//
// Sessions live on the server: the cookie holds a 128-bit random token and
// the database only its SHA-256, so a database reader cannot ride a session.
// A session ends after `idle_timeout` without requests or `absolute_timeout`
// after sign-in, and a new token is issued at every sign-in.
#ifndef SPSE_APP_AUTH_SERVICE_H_
#define SPSE_APP_AUTH_SERVICE_H_

#include <memory>
#include <optional>
#include <semaphore>
#include <string>

#include "app/actor.h"
#include "app/ports.h"
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
  Micros retry_after = 0;  // with auth.throttled: how long to wait
  std::string deactivation_reason;                 // with auth.account_disabled
  std::optional<domain::BlacklistEntry> blacklist;  // with auth.blacklisted
};

struct SessionView {
  domain::Principal principal;
  bool must_change_password = false;
  std::string id_hash;
};

class AuthService {
 public:
  // `secret` keys the device tokens. `store` and `clock` outlive this.
  AuthService(Store& store, CryptoPort& crypto, const Clock& clock, AuthConfig config,
              std::string secret, int max_parallel_hashes);

  // Reasons: auth.bad_credentials, auth.throttled, auth.account_disabled
  // (with the Verifikator's reason), auth.blacklisted (with the entry).
  LoginOutcome Login(const LoginRequest& request);
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
  Store& store_;
  CryptoPort& crypto_;
  const Clock& clock_;
  AuthConfig config_;
  std::string secret_;
  std::unique_ptr<std::counting_semaphore<64>> hash_slots_;
  std::string dummy_hash_;
};

}  // namespace spse::app

#endif  // SPSE_APP_AUTH_SERVICE_H_
