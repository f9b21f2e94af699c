#include "app/auction_hub.h"

namespace spse::app {

void AuctionHub::Publish(std::int64_t tender_id, AuctionSnapshot s) {
  auto next = std::make_shared<const AuctionSnapshot>(std::move(s));
  std::lock_guard lock(mu_);
  auto& held = tenders_[tender_id];
  if (held && held->version > next->version) return;
  held = std::move(next);
}

std::shared_ptr<const AuctionSnapshot> AuctionHub::Current(std::int64_t tender_id) const {
  std::lock_guard lock(mu_);
  auto it = tenders_.find(tender_id);
  return it == tenders_.end() ? nullptr : it->second;
}

}  // namespace spse::app
