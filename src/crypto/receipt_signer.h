// The server's Ed25519 key, which signs the receipts of sealed bids
// (docs/sealed-bids.md). The key file holds libsodium's 64-byte Ed25519
// secret key (the 32-byte seed, then the public key), mode 0600.
#ifndef SPSE_CRYPTO_RECEIPT_SIGNER_H_
#define SPSE_CRYPTO_RECEIPT_SIGNER_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app/ports.h"
#include "base/status.h"

namespace spse::crypto {

class ReceiptSigner final : public app::SignerPort {
 public:
  // The key in `path`, or a fresh one written there first (a temporary file
  // in the same folder, fsynced, then linked into place, so a crash leaves
  // no half-written key and two processes starting at once end up with the
  // same key). REQUIRES: crypto::Init(). Reasons: "signer.key_size" (the
  // file is not 64 bytes), "signer.key_format" (its public half does not
  // belong to its seed), "signer.io_error" (Unavailable).
  static StatusOr<std::unique_ptr<ReceiptSigner>> LoadOrCreate(const std::filesystem::path& path);

  ~ReceiptSigner() override;
  ReceiptSigner(const ReceiptSigner&) = delete;
  ReceiptSigner& operator=(const ReceiptSigner&) = delete;

  std::string Sign(std::string_view text) override;
  std::string PublicKey() const override;

 private:
  explicit ReceiptSigner(std::string secret_key);

  std::string secret_key_;  // 64 bytes
};

}  // namespace spse::crypto

#endif  // SPSE_CRYPTO_RECEIPT_SIGNER_H_
