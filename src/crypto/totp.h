// TotpPort on liboath: RFC 6238 time-based one-time passwords (HMAC-SHA-1)
// and RFC 4648 base32. Only this file includes liboath.
#ifndef SPSE_CRYPTO_TOTP_H_
#define SPSE_CRYPTO_TOTP_H_

#include "app/ports.h"

namespace spse::crypto {

// Initialises liboath once (crypto::Init calls it). Thread-safe.
Status InitTotp();

// Stateless and thread-safe. REQUIRES: InitTotp() (or crypto::Init()) succeeded.
class OathTotp final : public app::TotpPort {
 public:
  std::string Base32(std::string_view bytes) override;
  StatusOr<std::string> Generate(std::string_view secret, std::int64_t unix_seconds,
                                 int step_seconds, int digits) override;
  std::optional<std::int64_t> Match(std::string_view secret, std::int64_t unix_seconds,
                                    int step_seconds, int window, std::string_view code) override;
};

}  // namespace spse::crypto

#endif  // SPSE_CRYPTO_TOTP_H_
