#include "crypto/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace spse::crypto {
namespace {

// What oath_totp_validate3_callback compares each candidate code with.
struct Expected {
  std::string_view code;
};

// strcmp-like: 0 only on a match. Constant time in the code's digits.
int CompareCode(void* handle, const char* candidate) {
  const std::string_view expected = static_cast<Expected*>(handle)->code;
  const std::string_view got(candidate);
  if (got.size() != expected.size()) return 1;
  return sodium_memcmp(got.data(), expected.data(), got.size()) == 0 ? 0 : 1;
}

}  // namespace

Status InitTotp() {
  static int rc = OATH_OK;
  static std::once_flag once;
  std::call_once(once, [] { rc = oath_init(); });
  if (rc != OATH_OK) return Internal("crypto.init_failed", oath_strerror(rc));
  return OkStatus();
}

std::string OathTotp::Base32(std::string_view bytes) {
  char* out = nullptr;
  size_t size = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &size) != OATH_OK) return "";
  std::string text(out, size);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

StatusOr<std::string> OathTotp::Generate(std::string_view secret, std::int64_t unix_seconds,
                                         int step_seconds, int digits) {
  if (digits < 6 || digits > 8 || step_seconds <= 0) {
    return InvalidArgument("totp.parameters", "6 to 8 digits and a positive step");
  }
  char code[9] = {};
  const int rc = oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds),
                                    static_cast<unsigned>(step_seconds), 0,
                                    static_cast<unsigned>(digits), code);
  if (rc != OATH_OK) return Internal("totp.generate_failed", oath_strerror(rc));
  return std::string(code);
}

std::optional<std::int64_t> OathTotp::Match(std::string_view secret, std::int64_t unix_seconds,
                                            int step_seconds, int window, std::string_view code) {
  if (code.size() < 6 || code.size() > 8 || step_seconds <= 0 || window < 0) return std::nullopt;
  Expected expected{code};
  int position = 0;
  std::uint64_t step = 0;
  const int rc = oath_totp_validate3_callback(
      secret.data(), secret.size(), static_cast<time_t>(unix_seconds),
      static_cast<unsigned>(step_seconds), 0, static_cast<unsigned>(code.size()),
      static_cast<size_t>(window), &position, &step, CompareCode, &expected);
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(step);
}

}  // namespace spse::crypto
