#include "domain/second_factor.h"

#include <algorithm>

namespace spse::domain {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 3986 unreserved characters stay; everything else is %XX.
std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

bool RoleRequiresSecondFactor(Role role) {
  switch (role) {
    case Role::kPokja:
    case Role::kPpk:
    case Role::kPejabatPengadaan:
    case Role::kVerifikator:
    case Role::kAdminSistem:
      return true;
    default:
      return false;
  }
}

bool RequiresSecondFactor(const RoleSet& roles) {
  const auto all = roles.ToVector();
  return std::any_of(all.begin(), all.end(), RoleRequiresSecondFactor);
}

std::int64_t TotpStepAt(Micros now) {
  constexpr Micros kStep = kTotpStepSeconds * kMicrosPerSecond;
  return now >= 0 ? now / kStep : -((-now + kStep - 1) / kStep);
}

std::string NormalizeCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

bool IsTotpCode(std::string_view normalized) {
  return normalized.size() == static_cast<size_t>(kTotpDigits) &&
         normalized.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsRecoveryCode(std::string_view normalized) {
  return normalized.size() == static_cast<size_t>(kRecoveryCodeChars) &&
         normalized.find_first_not_of(kBase32Alphabet) == std::string_view::npos;
}

std::string FormatRecoveryCode(std::string_view normalized) {
  std::string out;
  for (size_t i = 0; i < normalized.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += normalized[i];
  }
  return out;
}

std::string OtpAuthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret) {
  const std::string label = PercentEncode(issuer) + ":" + PercentEncode(account);
  return "otpauth://totp/" + label + "?secret=" + std::string(base32_secret) +
         "&issuer=" + PercentEncode(issuer) + "&algorithm=SHA1&digits=" +
         std::to_string(kTotpDigits) + "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace spse::domain
