#include "domain/password_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace spse::domain {
namespace {

// Frequent passwords of 12+ characters from public breach lists, plus local
// favourites. Compared case-insensitively.
constexpr std::array<std::string_view, 24> kCommon = {
    "password1234", "123456789012", "qwertyuiop12", "password123!", "passwordpassword",
    "1234567890123", "qwerty123456", "iloveyou1234", "administrator", "adminadmin123",
    "111111111111", "000000000000", "abcdefghijkl", "passw0rd1234", "welcome12345",
    "indonesia123", "indonesia1945", "bismillah123", "lpsebangkalan", "bangkalan123",
    "pengadaan123", "p@ssw0rd1234", "qwertyqwerty", "123123123123"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

size_t Utf8Chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Status CheckNewPassword(std::string_view password, std::string_view username) {
  if (Utf8Chars(password) < kMinPasswordChars) return InvalidArgument("password.too_short");
  if (password.size() > kMaxPasswordBytes) return InvalidArgument("password.too_long");
  const std::string lower = Lower(password);
  if (std::find(kCommon.begin(), kCommon.end(), lower) != kCommon.end()) {
    return InvalidArgument("password.common");
  }
  if (username.size() >= 4 && lower.find(Lower(username)) != std::string::npos) {
    return InvalidArgument("password.contains_username");
  }
  return OkStatus();
}

}  // namespace spse::domain
