// The second factor at sign-in: a time-based one-time password (TOTP,
// RFC 6238) from an authenticator app, or one of ten single-use recovery
// codes. The roles that decide procurement outcomes or administer the
// system must have one (Pokja, PPK, Pejabat Pengadaan, Verifikator, Admin
// Sistem); every other account may.
//
// Pure rules; the HMAC itself is computed behind app::TotpPort.
#ifndef SPSE_DOMAIN_SECOND_FACTOR_H_
#define SPSE_DOMAIN_SECOND_FACTOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "domain/role.h"

namespace spse::domain {

// RFC 6238 parameters every common authenticator app assumes: HMAC-SHA-1,
// 30-second steps counted from the Unix epoch, 6 digits.
inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
// Steps accepted on either side of the current one (RFC 6238 §5.2 allows one
// step of network delay and clock drift): a code lives at most ~90 s.
inline constexpr int kTotpWindow = 1;
// 160 bits, RFC 4226 §4 R6.
inline constexpr int kTotpSecretBytes = 20;

// After the right password, the code must follow within this time.
inline constexpr Micros kSecondFactorChallengeTtl = 5 * kMicrosPerMinute;
// An enrolment form (its secret) is good for this long.
inline constexpr Micros kEnrolmentTtl = kMicrosPerHour;

inline constexpr int kRecoveryCodeCount = 10;
// 16 base32 characters: 80 bits, shown as four groups of four.
inline constexpr int kRecoveryCodeChars = 16;

// Whether holding `role` obliges the account to have a second factor.
bool RoleRequiresSecondFactor(Role role);
bool RequiresSecondFactor(const RoleSet& roles);

// The RFC 6238 time step T of `now`: floor(unix seconds / 30).
std::int64_t TotpStepAt(Micros now);

// What the person typed at the second-factor step, with spaces and hyphens
// removed and letters upper-cased.
std::string NormalizeCode(std::string_view typed);
// After NormalizeCode: six digits (an authenticator code).
bool IsTotpCode(std::string_view normalized);
// After NormalizeCode: 16 characters of the RFC 4648 base32 alphabet.
bool IsRecoveryCode(std::string_view normalized);
// "ABCDEFGHJKLMNPQR" -> "ABCD-EFGH-JKLM-NPQR".
std::string FormatRecoveryCode(std::string_view normalized);

// The otpauth:// URI authenticator apps scan (Key Uri Format): issuer and
// account label percent-encoded, the base32 secret, SHA1, 6 digits, 30 s.
std::string OtpAuthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_SECOND_FACTOR_H_
