// The mechanics of the second factor that sign-in (AuthService) and the
// account page (SecondFactorService) share: keeping the TOTP secret sealed,
// checking a typed code and spending it, making recovery codes.
//
// Secrets at rest: the shared secret is sealed (CryptoPort::Seal) under a key
// derived from the server secret, and recovery codes are kept as keyed
// hashes. The server secret lives in the settings table, so this guards
// against a leak of single tables or columns (an export, a report query), not
// against a copy of the whole database.
#ifndef SPSE_APP_SECOND_FACTOR_H_
#define SPSE_APP_SECOND_FACTOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ports.h"
#include "base/clock.h"

namespace spse::app {

class SecondFactor {
 public:
  enum class Method { kAuthenticator, kRecoveryCode };

  struct RecoveryCodes {
    std::vector<std::string> shown;   // "ABCD-EFGH-JKLM-NPQR", shown once
    std::vector<std::string> hashes;  // what is stored
  };

  // `crypto` and `totp` outlive this. Thread-safe.
  SecondFactor(CryptoPort& crypto, TotpPort& totp, std::string_view server_secret);

  // Checks `typed` against the account's second factor and spends it, in
  // `tx` (a write transaction): a code from the authenticator app of a time
  // step after the last one used, within one step of `now`; or an unused
  // recovery code. Reasons: "totp.not_enabled" (kFailedPrecondition),
  // "auth.otp_invalid", "auth.otp_reused" (kUnauthenticated).
  StatusOr<Method> Spend(Tx& tx, std::int64_t user_id, std::string_view typed, Micros now);

  // The time step (within the window around `now`) whose code `typed` is for
  // the raw `secret`, or nullopt.
  std::optional<std::int64_t> MatchStep(std::string_view secret, std::string_view typed,
                                        Micros now);

  std::string SealSecret(std::string_view raw_secret);
  std::optional<std::string> OpenSecret(std::string_view sealed);

  // The enrolment form carries its secret sealed to the account and the time
  // it was made, so nothing is stored before the code from the app confirms
  // it. OpenEnrolment gives the raw secret back when the token was made for
  // `user_id` less than domain::kEnrolmentTtl before `now`.
  std::string SealEnrolment(std::int64_t user_id, Micros issued_at, std::string_view raw_secret);
  std::optional<std::string> OpenEnrolment(std::string_view token, std::int64_t user_id,
                                           Micros now);

  RecoveryCodes NewRecoveryCodes(std::int64_t user_id);

  TotpPort& totp() { return totp_; }

 private:
  std::string RecoveryHash(std::int64_t user_id, std::string_view normalized);

  CryptoPort& crypto_;
  TotpPort& totp_;
  std::string secret_key_;
  std::string enrolment_key_;
  std::string recovery_key_;
};

}  // namespace spse::app

#endif  // SPSE_APP_SECOND_FACTOR_H_
