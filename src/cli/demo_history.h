// Demo tenders that are over (issue 6, item 9), carried through by the
// services a working LPSE uses, on a clock set into each past stage in
// turn: bids received before the deadline, the opening by key shares, the
// Pokja's evaluation (one bidder failing administration, an arithmetic
// correction), the qualification proof, award and announcement with the
// Berita Acara, a sanggah answered, the SPPBJ and the contract; a tender
// failed because every bid was above the HPS (re-tendered, see
// demo_tenders.cc); a Pengadaan Langsung with its negotiation; and a Tender
// Cepat's reverse auction. Lives here, beside the demo bids, because it
// plays the browser's part with the cryptography of src/crypto.
#ifndef SPSE_CLI_DEMO_HISTORY_H_
#define SPSE_CLI_DEMO_HISTORY_H_

#include <string>
#include <vector>

#include "app/ports.h"
#include "domain/procedure.h"
#include "domain/calendar.h"

namespace spse::cli {

namespace demo {
struct KeyHolders;
struct SealContext;
}  // namespace demo

// What the history builds its services from.
struct DemoHistoryServices {
  app::MailComposer& composer;
  app::DocumentPrinter& printer;
  app::EnvelopeOpenerPort& opener;
  const domain::Catalogue& catalogue;
  domain::WorkingCalendar calendar;
  std::string public_url;
};

struct DemoHistoryReport {
  int awarded = 0;      // decisions with a winner
  int failed = 0;       // tenders failed (gagal)
  int objections = 0;   // sanggah filed
  int contracts = 0;
  int auction_bids = 0;
};

// `tenders` are the published running tenders; `vendors` the demo vendors;
// `pokja` the demo Pokja's key holders, `official` the Pejabat Pengadaan's.
StatusOr<DemoHistoryReport> LoadDemoHistory(const DemoHistoryServices& services,
                                            const demo::SealContext& seal,
                                            const std::vector<app::PublicTender>& tenders,
                                            const std::vector<domain::User>& vendors,
                                            const demo::KeyHolders& pokja,
                                            const demo::KeyHolders& official);

}  // namespace spse::cli

#endif  // SPSE_CLI_DEMO_HISTORY_H_
