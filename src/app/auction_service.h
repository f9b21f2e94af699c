// Tender Cepat with an electronic reverse auction (issue 6, item 7). The
// Pokja invites qualified vendors (InvitationService); only invited vendors
// register; while the penawaran_harga stage runs each registered vendor
// sends successively lower prices and sees a live ranking without the
// others' names; the chair decides in the penetapan stage: the lowest price
// wins, and the decision is announced at once (Tender Cepat has no
// evaluation of documents and no sanggah). Rules RA-* in docs/rules.md.
//
// Every step is appended with its audit entry in one write transaction.
#ifndef SPSE_APP_AUCTION_SERVICE_H_
#define SPSE_APP_AUCTION_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/auction_hub.h"
#include "app/invitation_service.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/auction.h"
#include "domain/evaluation.h"

namespace spse::app {

struct AuctionConfig {
  std::string lpse_name;
  Zone zone;
  std::string base_url;  // for links in notices
};

struct AuctionView {
  domain::Tender tender;
  const domain::ProcedureSpec* procedure = nullptr;
  std::string package_name;
  Money hps;
  Micros now = 0;
  std::optional<domain::StagePeriod> period;  // penawaran_harga
  int min_decrement_permille = 0;
  std::uint64_t version = 0;  // bids stored

  // Who reads.
  bool runs = false;      // of the tender's Pokja
  bool is_chair = false;  // decides
  bool auditor = false;
  bool vendor = false;    // a vendor invited to the tender
  bool joined = false;

  // For the vendor: its own prices (oldest first), the ranking without
  // names, whether it may bid now and the highest price it may send.
  Status may_bid;
  std::int64_t highest_acceptable = 0;
  std::vector<domain::AuctionBid> own_bids;
  std::vector<domain::AnonymousStanding> anonymous;

  // For the Pokja and auditors: the ranking with names, the invitations.
  std::vector<domain::AuctionStanding> ranking;
  std::vector<domain::TenderInvitation> invitations;
  std::vector<InviteCandidate> candidates;  // the Pokja only, while may_invite
  Status may_invite;                        // CheckMayInvite's
  Status may_decide;
  std::optional<domain::AwardDecision> decision;  // in force
};

// Who a live stream is for: a vendor sees the anonymous ranking, the
// Pokja and auditors the names.
struct AuctionStreamAccess {
  std::int64_t tender_id = 0;
  std::optional<std::int64_t> viewer;  // the vendor; nullopt: names shown
};

struct AuctionBidResult {
  std::int64_t bid_id = 0;
  int rank = 0;
  std::int64_t price_rupiah = 0;
};

class AuctionService {
 public:
  AuctionService(Store& store, BlobPort& blobs, DocumentPrinter& printer, MailComposer& composer,
                 const Clock& clock, const domain::Catalogue& catalogue, AuctionHub& hub,
                 AuctionConfig config)
      : store_(store), blobs_(blobs), printer_(printer), composer_(composer), clock_(clock),
        catalogue_(catalogue), hub_(hub), config_(std::move(config)) {}

  // The auction page: for the tender's Pokja and auditors, and for invited
  // vendors. "tender.not_found" for anyone else and for other methods.
  StatusOr<AuctionView> View(const Actor& actor, std::int64_t tender_id);

  // RA-01..RA-03: a registered invited vendor sends a price. Checked in a
  // write transaction holding the tender's lock, against the time and the
  // bids as they stand then. Reasons: CheckAuctionOpen's, CheckBidder's,
  // CheckAuctionPrice's, "auth.blacklisted", "auth.account_disabled".
  StatusOr<AuctionBidResult> Bid(const Actor& actor, std::int64_t tender_id,
                                 std::int64_t price_rupiah);

  // RA-07: the chair decides in the penetapan stage, after the auction
  // closed: rank 1 wins at its lowest price; without bids the tender fails.
  // The decision is frozen with the Berita Acara Hasil Pemilihan (Lelang
  // Terbalik), announced at once, and every participant told. Returns the
  // decision's id. Reasons: "evaluation.chair_only", "auction.not_closed",
  // "evaluation.decided", CheckStageWindow's, "pdf.error".
  StatusOr<std::int64_t> Decide(const Actor& actor, std::int64_t tender_id);

  // Checks who may follow the tender's live ranking and refreshes the hub
  // from the database (so a reconnecting client sees every bid, and a
  // changed schedule its new close).
  StatusOr<AuctionStreamAccess> OpenStream(const Actor& actor, std::int64_t tender_id);

  AuctionHub& hub() { return hub_; }
  const Clock& clock() const { return clock_; }

 private:
  struct Loaded;
  StatusOr<Loaded> Load(Tx& tx, const Actor& actor, std::int64_t tender_id);
  void Publish(const domain::Tender& t, const domain::ProcedureSpec& p,
               const std::vector<domain::AuctionBid>& bids);

  Store& store_;
  BlobPort& blobs_;
  DocumentPrinter& printer_;
  MailComposer& composer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  AuctionHub& hub_;
  AuctionConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_AUCTION_SERVICE_H_
