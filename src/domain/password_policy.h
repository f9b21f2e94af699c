// What a password must be (ASVS 4.0.3 2.1.1-2.1.9): at least 12 characters
// and up to 512 bytes (so 128 characters of any script fit), no composition
// rules, not a well-known password and not containing the User ID.
#ifndef SPSE_DOMAIN_PASSWORD_POLICY_H_
#define SPSE_DOMAIN_PASSWORD_POLICY_H_

#include <string_view>

#include "base/status.h"

namespace spse::domain {

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordBytes = 512;

// Reasons: "password.too_short", "password.too_long", "password.common",
// "password.contains_username".
Status CheckNewPassword(std::string_view password, std::string_view username);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_PASSWORD_POLICY_H_
