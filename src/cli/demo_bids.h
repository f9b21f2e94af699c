// Demo data for sealed bids (issue 5, item 8): the demo Pokja's personal
// opening keys (under a published demo passphrase), tender keys for its
// running tenders, sealed bids in the tender whose bid upload runs now, and
// a tender whose bids were opened at its opening, with its Berita Acara;
// then the tenders that are over, through LoadDemoHistory.
// Lives here, not in app, because it plays the browser's part with the
// cryptography of src/crypto.
#ifndef SPSE_CLI_DEMO_BIDS_H_
#define SPSE_CLI_DEMO_BIDS_H_

#include "app/bid_service.h"
#include "app/opening_service.h"
#include "app/ports.h"
#include "cli/demo_history.h"

namespace spse::cli {

// The passphrase of the demo Pokja members' opening keys.
inline constexpr const char* kDemoOpeningPassphrase = "kunci-pembukaan-demo-2026";

struct DemoBidsReport {
  int keys = 0;     // tender keys made
  int bids = 0;     // bids sealed
  int opened = 0;   // envelopes opened
  DemoHistoryReport history;
};

// Idempotent: a second run adds nothing.
StatusOr<DemoBidsReport> LoadDemoBids(app::Store& store, app::BidService& bids,
                                      app::OpeningService& opening, app::BlobPort& blobs,
                                      app::SignerPort& signer, app::CryptoPort& crypto,
                                      const Clock& clock, const app::BidConfig& config,
                                      const DemoHistoryServices& history);

}  // namespace spse::cli

#endif  // SPSE_CLI_DEMO_BIDS_H_
