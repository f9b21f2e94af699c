// What the demo bids and the demo history share: the opening keys of the
// demo Pokja (or Pejabat Pengadaan), tender keys written for them, bids
// sealed as a vendor's browser seals them and received before a deadline
// that is now past, and the opening by the key holders' shares.
#ifndef SPSE_CLI_DEMO_SEAL_H_
#define SPSE_CLI_DEMO_SEAL_H_

#include <map>
#include <string>
#include <vector>

#include "app/bid_service.h"
#include "app/opening_service.h"
#include "app/ports.h"
#include "crypto/bid_crypto.h"

namespace spse::cli::demo {

app::Actor ActorOf(const domain::User& u);

// A small offer document: what a vendor's browser would seal.
std::string OfferText(const std::string& company, const std::string& tender_code);

// Personal opening keys, wrapped under kDemoOpeningPassphrase and set
// through BidService; the secrets stay here for the demo's openings and
// are wiped with the holders.
struct KeyHolders {
  std::vector<domain::User> users;
  std::map<std::int64_t, std::string> secret_of;
  std::vector<crypto::TenderMember> members;

  KeyHolders() = default;
  KeyHolders(const KeyHolders&) = delete;
  KeyHolders& operator=(const KeyHolders&) = delete;
  KeyHolders(KeyHolders&&) = default;
  KeyHolders& operator=(KeyHolders&&) = default;
  ~KeyHolders();
};
StatusOr<KeyHolders> MakePersonalKeys(app::BidService& bids, std::vector<domain::User> users);

// The tender key of `t` (the single envelope) shared k of n among
// `holders`, written as the chair would have made it at publication.
// Returns the raw public key the bids are sealed to.
StatusOr<std::string> SetTenderKey(app::Store& store, const Clock& clock, const domain::Tender& t,
                                   const KeyHolders& holders, int threshold);

// A vendor's sealed bid to `t` received at `at` (before its deadline, now
// past), with its signed receipt, written through the repositories.
struct ReceivedBid {
  const domain::User* vendor = nullptr;
  std::string company_name;
  std::string price_form;  // the JSON a vendor's browser seals
  Micros at = 0;
  int n = 1;  // for the offer document's name
};
struct SealContext {
  app::Store& store;
  app::BlobPort& blobs;
  app::SignerPort& signer;
  app::CryptoPort& crypto;
  const Clock& clock;
  const app::BidConfig& config;
};
Status SubmitReceivedBid(const SealContext& c, const app::PublicTender& t,
                         const std::string& public_key, const ReceivedBid& bid);

// The first `count` holders give their shares of the tender key to
// `opening`. Returns the number of envelopes opened.
StatusOr<int> GiveShares(app::Store& store, app::OpeningService& opening, std::int64_t tender_id,
                         const KeyHolders& holders, size_t count);

// A price form as the bid page writes it: the total and, when given, the
// priced lines.
struct PricedItem {
  std::string description;
  std::string unit;
  std::int64_t quantity_hundredths = 0;
  std::int64_t unit_price_rupiah = 0;
};
std::string PriceFormJson(std::int64_t price_rupiah, const std::vector<PricedItem>& items = {});

}  // namespace spse::cli::demo

#endif  // SPSE_CLI_DEMO_SEAL_H_
