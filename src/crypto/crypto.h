// The cryptographic primitives SPSE uses, from libsodium (and liboath for
// TOTP, see totp.h). Only this folder includes them.
#ifndef SPSE_CRYPTO_CRYPTO_H_
#define SPSE_CRYPTO_CRYPTO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace spse::crypto {

// Initialises libsodium and liboath; call once at start (idempotent,
// thread-safe).
Status Init();

// argon2id parameters: t=2, 64 MiB, p=1 (libsodium INTERACTIVE), above the
// ASVS 5.0 Appendix C minimum of t=2, 19 MiB.
inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr size_t kPasswordMemLimit = 64u << 20;

// A PHC string "$argon2id$v=19$m=65536,t=2,p=1$...". Costs ~90 ms and 64 MiB:
// call it from a bounded worker pool, never from an I/O thread.
StatusOr<std::string> HashPassword(std::string_view password);
// True when `password` matches the PHC string. Constant time in the password.
bool VerifyPassword(std::string_view phc, std::string_view password);
// True when the hash was made with weaker parameters than today's.
bool PasswordNeedsRehash(std::string_view phc);

// `bytes` random bytes from the OS CSPRNG, as unpadded base64url.
std::string RandomToken(size_t bytes);
// `bytes` raw random bytes from the OS CSPRNG.
std::string RandomBytes(size_t bytes);
// Lowercase hex SHA-256.
std::string Sha256Hex(std::string_view data);
// HMAC-SHA-256 of `message` under `key`, as unpadded base64url.
std::string HmacSha256(std::string_view key, std::string_view message);
// Compares in time that depends only on the lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// XSalsa20-Poly1305 (crypto_secretbox) under BLAKE2b-256(`key`), with a
// random nonce: unpadded base64url of nonce || MAC || ciphertext.
std::string Seal(std::string_view key, std::string_view plaintext);
// The plaintext of Seal(key, ...), or nullopt when `sealed` is malformed,
// altered or sealed under another key.
std::optional<std::string> Open(std::string_view key, std::string_view sealed);

// Incremental SHA-256 for streamed data (every uploaded byte passes
// through it: OpenSSL's, which uses the CPU's SHA extensions where there are
// some, hashes several times faster than libsodium's portable code).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(const void* data, size_t size);
  std::string FinishHex();

 private:
  evp_md_ctx_st* ctx_;
};

}  // namespace spse::crypto

#endif  // SPSE_CRYPTO_CRYPTO_H_
