// Tender Cepat with an electronic reverse auction (issue 6, item 7): the
// Pokja invites vendors that are already qualified (domain/invitation.h);
// the invited vendors register; while the penawaran_harga stage runs each
// of them may send successively lower prices; everyone sees a live ranking, bidders without
// each other's names; the lowest price wins. There is no administrative,
// technical or qualification evaluation and no sanggah (spse-reference.md
// §2, "Tender Cepat"). Rules RA-* in docs/rules.md.
//
// Nothing recorded is changed: invitations and bids are only appended.
#ifndef SPSE_DOMAIN_AUCTION_H_
#define SPSE_DOMAIN_AUCTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/money.h"
#include "base/status.h"
#include "domain/invitation.h"
#include "domain/procedure.h"
#include "domain/tender.h"

namespace spse::domain {

// One price a vendor sent in the auction.
struct AuctionBid {
  std::int64_t id = 0;  // set when stored; orders the bids
  std::int64_t tender_id = 0;
  std::int64_t vendor_id = 0;
  std::string company_name;  // read with the row
  std::int64_t price_rupiah = 0;
  Micros at = 0;
};

// The running period of the auction: the tender's penawaran_harga stage.
// nullopt when the procedure has none.
std::optional<StagePeriod> AuctionPeriod(const Tender& t, const ProcedureSpec& p);

// RA-01: a bid is taken only while the tender runs and its penawaran_harga
// stage runs by the server clock: start <= now < end. Reasons:
// "tender.not_running", "auction.no_stage", "auction.not_started",
// "auction.closed" (at or after the end).
Status CheckAuctionOpen(const Tender& t, const ProcedureSpec& p, Micros now);

// RA-02: only a vendor that was invited and registered (joined) bids.
// Reasons: "auction.not_invited", "participation.not_joined".
Status CheckBidder(bool invited, bool joined);

// RA-03: a price is a positive whole number of rupiah, not above the HPS,
// and below the vendor's own previous price by at least
// max(1, ceil(previous x min_decrement_permille / 1000)) rupiah. Reasons:
// "auction.price_invalid", "auction.above_hps", "auction.not_lower",
// "auction.decrement_too_small" (lower, but not by enough; the detail is
// the highest price accepted).
Status CheckAuctionPrice(std::int64_t price_rupiah, Money hps,
                         std::optional<std::int64_t> previous_rupiah, int min_decrement_permille);

// The highest price the vendor may send next: the HPS (in whole rupiah,
// rounded down) for its first bid, else its previous price less the minimum
// decrement.
std::int64_t HighestAcceptable(Money hps, std::optional<std::int64_t> previous_rupiah,
                               int min_decrement_permille);

// One vendor in the ranking: its lowest price.
struct AuctionStanding {
  int rank = 0;  // 1..
  std::int64_t vendor_id = 0;
  std::string company_name;
  std::int64_t price_rupiah = 0;  // its lowest bid
  Micros at = 0;                  // when it sent that bid
  std::int64_t bid_id = 0;
  int bids = 0;                   // how many prices it sent
};

// RA-04: each vendor's lowest bid counts; lowest price first, equal prices
// by the earlier bid (then the smaller bid id). Rank 1 wins.
std::vector<AuctionStanding> RankAuction(const std::vector<AuctionBid>& bids);

// The ranking as a bidder may see it: rank and price, and which line is
// its own; never who the others are.
struct AnonymousStanding {
  int rank = 0;
  std::int64_t price_rupiah = 0;
  bool mine = false;
};
// RA-06: `viewer` is the reading vendor (nullopt: a member of the public
// view, nothing is "mine").
std::vector<AnonymousStanding> AnonymousRanking(const std::vector<AuctionStanding>& ranking,
                                                std::optional<std::int64_t> viewer);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_AUCTION_H_
