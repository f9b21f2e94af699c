// The live state of running reverse auctions, in memory: per tender the
// current ranking and a version (how many bids are stored), replaced after
// each committed bid. Live streams read it without touching the database.
//
// Each server process has its own hub: with several `spse serve` instances
// behind a load balancer, a stream on one instance sees the bids taken by
// the others only when its client reconnects (the stream's start reloads the
// ranking from the database, and browsers' EventSource reconnects by itself
// when a stream ends).
//
// Thread-safe.
#ifndef SPSE_APP_AUCTION_HUB_H_
#define SPSE_APP_AUCTION_HUB_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "base/clock.h"
#include "domain/auction.h"

namespace spse::app {

struct AuctionSnapshot {
  std::uint64_t version = 0;  // bids stored for the tender when it was taken
  Micros closes_at = 0;       // the end of the penawaran_harga stage
  std::vector<domain::AuctionStanding> ranking;
};

class AuctionHub {
 public:
  // Keeps `s` unless the hub holds a newer one (a higher version): bids
  // commit one after the other, but their publications may cross.
  void Publish(std::int64_t tender_id, AuctionSnapshot s);
  // The tender's snapshot; null when the hub has none. Cheap: no copy.
  std::shared_ptr<const AuctionSnapshot> Current(std::int64_t tender_id) const;

 private:
  mutable std::mutex mu_;
  std::map<std::int64_t, std::shared_ptr<const AuctionSnapshot>> tenders_;
};

}  // namespace spse::app

#endif  // SPSE_APP_AUCTION_HUB_H_
