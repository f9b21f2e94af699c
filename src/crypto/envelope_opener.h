// EnvelopeOpenerPort on libsodium: opens sealed bid files (SPSESF01) with a
// tender key rebuilt in memory, streaming from the blob store to a new blob.
#ifndef SPSE_CRYPTO_ENVELOPE_OPENER_H_
#define SPSE_CRYPTO_ENVELOPE_OPENER_H_

#include "app/ports.h"

namespace spse::crypto {

class SodiumEnvelopeOpener final : public app::EnvelopeOpenerPort {
 public:
  StatusOr<std::string> PublicKeyOf(std::string_view secret_key) override;
  app::SealedOpenResult OpenSealed(std::string_view secret_key, const std::string& path,
                                   std::unique_ptr<app::BlobSink> sink,
                                   std::size_t keep_up_to = 0) override;
  StatusOr<domain::PriceForm> ReadPriceForm(std::string_view json) override;
};

}  // namespace spse::crypto

#endif  // SPSE_CRYPTO_ENVELOPE_OPENER_H_
