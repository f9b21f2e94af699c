// The second factor on the account page (/akun/2fa) and for Admin Sistem:
// enrolling an authenticator app, renewing recovery codes, switching the
// factor off where the roles allow it, and resetting a lost one.
//
// Enrolment stores nothing until the person proves their app works: the
// form carries the new secret sealed to the account (SecondFactor::
// SealEnrolment), and the code from the app confirms it. Codes typed here
// count toward the login throttle, like those at sign-in.
#ifndef SPSE_APP_SECOND_FACTOR_SERVICE_H_
#define SPSE_APP_SECOND_FACTOR_SERVICE_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/second_factor.h"
#include "base/clock.h"

namespace spse::app {

struct SecondFactorOverview {
  bool enabled = false;
  bool required = false;  // the account's roles require one
  Micros enabled_at = 0;
  int recovery_codes_left = 0;
};

struct Enrolment {
  std::string secret_base32;  // for typing into the app by hand
  std::string uri;            // otpauth://, for the QR code
  std::string token;          // carries the secret to ConfirmEnrolment
};

class SecondFactorService {
 public:
  // `issuer` names this LPSE in the authenticator app. The references
  // outlive this. Thread-safe.
  SecondFactorService(Store& store, CryptoPort& crypto, TotpPort& totp, const Clock& clock,
                      std::string_view server_secret, std::string issuer);

  // The signed-in account's own second factor.
  StatusOr<SecondFactorOverview> Overview(const Actor& actor);
  // Another account's, for Admin Sistem.
  StatusOr<SecondFactorOverview> OverviewOf(const Actor& actor, std::int64_t user_id);

  // A new secret to enrol; or, when `token` is one Begin made for this
  // account within the hour, that same secret again (a form shown again
  // after a wrong code keeps the QR code the app already scanned).
  // Reason: "totp.already_enabled".
  StatusOr<Enrolment> BeginEnrolment(const Actor& actor, std::string_view token = "");
  // Enables the second factor when `code` is the app's current code for the
  // secret in `token`, and returns the ten recovery codes, shown only now.
  // Reasons: "totp.code_missing", "totp.enrolment_expired", "auth.otp_invalid",
  // "totp.already_enabled".
  StatusOr<std::vector<std::string>> ConfirmEnrolment(const Actor& actor, std::string_view token,
                                                      std::string_view code);
  // Ten new recovery codes for a current code (or a recovery code); the old
  // ones stop working. Reasons: "totp.code_missing", "totp.not_enabled",
  // "auth.otp_invalid", "auth.otp_reused", "auth.throttled".
  StatusOr<std::vector<std::string>> RenewRecoveryCodes(const Actor& actor,
                                                        std::string_view code);
  // Switches the factor off, for a current code; refused with
  // "totp.required" where the roles require one. Other reasons as Renew's.
  Status Disable(const Actor& actor, std::string_view code);
  // Admin Sistem removes another account's second factor (a lost phone) and
  // ends its sessions; the account enrols again at its next sign-in.
  // Reasons: "user.not_found", "totp.not_enabled", "totp.reset_self".
  Status Reset(const Actor& actor, std::int64_t user_id);

 private:
  StatusOr<SecondFactorOverview> OverviewIn(Tx& tx, const User& user);
  // Counts the guess against the login throttle and spends `code` in `tx`;
  // a wrong one is audited and committed, and comes back as
  // kInvalidArgument (a form error) with the same reason.
  Status SpendCode(Tx& tx, const Actor& actor, std::string_view code, Micros now);
  StatusOr<std::vector<std::string>> IssueRecoveryCodes(Tx& tx, std::int64_t user_id, Micros now);

  Store& store_;
  CryptoPort& crypto_;
  const Clock& clock_;
  SecondFactor second_factor_;
  std::string issuer_;
};

}  // namespace spse::app

#endif  // SPSE_APP_SECOND_FACTOR_SERVICE_H_
