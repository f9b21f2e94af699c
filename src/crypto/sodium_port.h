// CryptoPort on libsodium.
#ifndef SPSE_CRYPTO_SODIUM_PORT_H_
#define SPSE_CRYPTO_SODIUM_PORT_H_

#include "app/ports.h"

namespace spse::crypto {

class SodiumCrypto final : public app::CryptoPort {
 public:
  StatusOr<std::string> HashPassword(std::string_view password) override;
  bool VerifyPassword(std::string_view phc, std::string_view password) override;
  std::string RandomToken(size_t bytes) override;
  std::string RandomBytes(size_t bytes) override;
  std::string Sha256Hex(std::string_view data) override;
  std::string Hmac(std::string_view key, std::string_view message) override;
  bool ConstantTimeEquals(std::string_view a, std::string_view b) override;
  std::string Seal(std::string_view key, std::string_view plaintext) override;
  std::optional<std::string> Open(std::string_view key, std::string_view sealed) override;
};

}  // namespace spse::crypto

#endif  // SPSE_CRYPTO_SODIUM_PORT_H_
