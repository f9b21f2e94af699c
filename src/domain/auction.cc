#include "domain/auction.h"

#include <algorithm>
#include <map>

namespace spse::domain {
namespace {

constexpr std::string_view kAuctionStage = "penawaran_harga";
// Prices above this are refused before any arithmetic: 10^15 rupiah.
constexpr std::int64_t kMaxPrice = 1'000'000'000'000'000;

}  // namespace

std::optional<StagePeriod> AuctionPeriod(const Tender& t, const ProcedureSpec& p) {
  for (size_t i = 0; i < p.stages.size() && i < t.schedule.size(); ++i) {
    if (p.stages[i].code == kAuctionStage) return t.schedule[i];
  }
  return std::nullopt;
}

Status CheckAuctionOpen(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const auto period = AuctionPeriod(t, p);
  if (!period) return FailedPrecondition("auction.no_stage");
  if (now < period->start) return FailedPrecondition("auction.not_started");
  if (now >= period->end) return FailedPrecondition("auction.closed");
  return OkStatus();
}

Status CheckBidder(bool invited, bool joined) {
  if (!invited) return PermissionDenied("auction.not_invited");
  if (!joined) return FailedPrecondition("participation.not_joined");
  return OkStatus();
}

std::int64_t HighestAcceptable(Money hps, std::optional<std::int64_t> previous_rupiah,
                               int min_decrement_permille) {
  if (!previous_rupiah) return hps.sen() / 100;
  const std::int64_t prev = *previous_rupiah;
  // ceil(prev x permille / 1000), in a wide type: prev may be near 10^15.
  __extension__ typedef __int128 Wide;
  const Wide wanted = (Wide{prev} * min_decrement_permille + 999) / 1000;
  const std::int64_t step = std::max<std::int64_t>(1, static_cast<std::int64_t>(wanted));
  return prev - step;
}

Status CheckAuctionPrice(std::int64_t price_rupiah, Money hps,
                         std::optional<std::int64_t> previous_rupiah, int min_decrement_permille) {
  if (price_rupiah <= 0 || price_rupiah > kMaxPrice) {
    return InvalidArgument("auction.price_invalid");
  }
  // Rupiah against the HPS in sen: the HPS may have sen, a price has none.
  if (price_rupiah > hps.sen() / 100) return FailedPrecondition("auction.above_hps");
  if (!previous_rupiah) return OkStatus();
  if (price_rupiah >= *previous_rupiah) return FailedPrecondition("auction.not_lower");
  const std::int64_t highest = HighestAcceptable(hps, previous_rupiah, min_decrement_permille);
  if (price_rupiah > highest) {
    return FailedPrecondition("auction.decrement_too_small", std::to_string(highest));
  }
  return OkStatus();
}

std::vector<AuctionStanding> RankAuction(const std::vector<AuctionBid>& bids) {
  std::map<std::int64_t, AuctionStanding> by_vendor;
  for (const AuctionBid& b : bids) {
    auto [it, inserted] = by_vendor.try_emplace(b.vendor_id);
    AuctionStanding& s = it->second;
    ++s.bids;
    const bool better = inserted || b.price_rupiah < s.price_rupiah ||
                        (b.price_rupiah == s.price_rupiah &&
                         (b.at < s.at || (b.at == s.at && b.id < s.bid_id)));
    if (!better) continue;
    s.vendor_id = b.vendor_id;
    s.company_name = b.company_name;
    s.price_rupiah = b.price_rupiah;
    s.at = b.at;
    s.bid_id = b.id;
  }
  std::vector<AuctionStanding> out;
  for (auto& [vendor, s] : by_vendor) out.push_back(std::move(s));
  std::sort(out.begin(), out.end(), [](const AuctionStanding& a, const AuctionStanding& b) {
    if (a.price_rupiah != b.price_rupiah) return a.price_rupiah < b.price_rupiah;
    if (a.at != b.at) return a.at < b.at;
    return a.bid_id < b.bid_id;
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

std::vector<AnonymousStanding> AnonymousRanking(const std::vector<AuctionStanding>& ranking,
                                                std::optional<std::int64_t> viewer) {
  std::vector<AnonymousStanding> out;
  out.reserve(ranking.size());
  for (const AuctionStanding& s : ranking) {
    out.push_back(AnonymousStanding{s.rank, s.price_rupiah, viewer && *viewer == s.vendor_id});
  }
  return out;
}

}  // namespace spse::domain
