#include "crypto/sodium_port.h"

#include "crypto/crypto.h"

namespace spse::crypto {

StatusOr<std::string> SodiumCrypto::HashPassword(std::string_view password) {
  return crypto::HashPassword(password);
}
bool SodiumCrypto::VerifyPassword(std::string_view phc, std::string_view password) {
  return crypto::VerifyPassword(phc, password);
}
std::string SodiumCrypto::RandomToken(size_t bytes) { return crypto::RandomToken(bytes); }
std::string SodiumCrypto::RandomBytes(size_t bytes) { return crypto::RandomBytes(bytes); }
std::string SodiumCrypto::Sha256Hex(std::string_view data) { return crypto::Sha256Hex(data); }
std::string SodiumCrypto::Hmac(std::string_view key, std::string_view message) {
  return crypto::HmacSha256(key, message);
}
bool SodiumCrypto::ConstantTimeEquals(std::string_view a, std::string_view b) {
  return crypto::ConstantTimeEquals(a, b);
}
std::string SodiumCrypto::Seal(std::string_view key, std::string_view plaintext) {
  return crypto::Seal(key, plaintext);
}
std::optional<std::string> SodiumCrypto::Open(std::string_view key, std::string_view sealed) {
  return crypto::Open(key, sealed);
}

}  // namespace spse::crypto
