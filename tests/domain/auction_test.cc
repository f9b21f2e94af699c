// The reverse-auction rules of Tender Cepat (RA-* in docs/rules.md), one
// test or more per rule, named after it.
#include "domain/auction.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr Micros kT0 = 1'800'000'000LL * kMicrosPerSecond;

ProcedureSpec QuickTender() {
  ProcedureSpec p;
  p.code = "tender-cepat";
  p.method = "tender_cepat";
  for (const char* code : {"undangan", "pendaftaran", "penawaran_harga", "penetapan", "kontrak"}) {
    StageSpec s;
    s.code = code;
    p.stages.push_back(s);
  }
  return p;
}

Tender RunningTender() {
  Tender t;
  t.id = 7;
  t.status = TenderStatus::kRunning;
  const char* codes[] = {"undangan", "pendaftaran", "penawaran_harga", "penetapan", "kontrak"};
  for (int i = 0; i < 5; ++i) {
    t.schedule.push_back({codes[i], kT0 + i * kMicrosPerDay, kT0 + (i + 1) * kMicrosPerDay});
  }
  return t;
}

AuctionBid ABid(std::int64_t id, std::int64_t vendor, std::int64_t price, Micros at) {
  AuctionBid b;
  b.id = id;
  b.tender_id = 7;
  b.vendor_id = vendor;
  b.company_name = "Vendor " + std::to_string(vendor);
  b.price_rupiah = price;
  b.at = at;
  return b;
}

const Money kHps = Money::FromSen(100'000'000'050);  // Rp 1.000.000.000,50

TEST(Auction, RA_01_ABidIsTakenFromTheStartOfPenawaranHarga) {
  const Tender t = RunningTender();
  const Micros start = t.schedule[2].start;
  EXPECT_THAT(CheckAuctionOpen(t, QuickTender(), start - 1),
              StatusIs(Code::kFailedPrecondition, "auction.not_started"));
  EXPECT_OK(CheckAuctionOpen(t, QuickTender(), start));
}

TEST(Auction, RA_01_ABidAtOrAfterTheCloseIsRefused) {
  const Tender t = RunningTender();
  const Micros end = t.schedule[2].end;
  EXPECT_OK(CheckAuctionOpen(t, QuickTender(), end - 1));
  EXPECT_THAT(CheckAuctionOpen(t, QuickTender(), end),
              StatusIs(Code::kFailedPrecondition, "auction.closed"));
  EXPECT_THAT(CheckAuctionOpen(t, QuickTender(), end + kMicrosPerDay),
              StatusIs(Code::kFailedPrecondition, "auction.closed"));
}

TEST(Auction, RA_01_OnlyWhileTheTenderRunsAndHasAnAuctionStage) {
  Tender t = RunningTender();
  t.status = TenderStatus::kCancelled;
  EXPECT_THAT(CheckAuctionOpen(t, QuickTender(), t.schedule[2].start),
              StatusIs(Code::kFailedPrecondition, "tender.not_running"));
  ProcedureSpec other = QuickTender();
  other.stages[2].code = "upload_penawaran";
  EXPECT_THAT(CheckAuctionOpen(RunningTender(), other, t.schedule[2].start),
              StatusIs(Code::kFailedPrecondition, "auction.no_stage"));
}

TEST(Auction, RA_02_OnlyARegisteredInvitedVendorBids) {
  EXPECT_OK(CheckBidder(true, true));
  EXPECT_THAT(CheckBidder(false, true), StatusIs(Code::kPermissionDenied, "auction.not_invited"));
  EXPECT_THAT(CheckBidder(false, false), StatusIs(Code::kPermissionDenied, "auction.not_invited"));
  EXPECT_THAT(CheckBidder(true, false),
              StatusIs(Code::kFailedPrecondition, "participation.not_joined"));
}

TEST(Auction, RA_03_APriceIsPositiveAndNotAboveTheHps) {
  EXPECT_THAT(CheckAuctionPrice(0, kHps, std::nullopt, 0),
              StatusIs(Code::kInvalidArgument, "auction.price_invalid"));
  EXPECT_THAT(CheckAuctionPrice(-5, kHps, std::nullopt, 0),
              StatusIs(Code::kInvalidArgument, "auction.price_invalid"));
  // Rp 1.000.000.000 is within an HPS of Rp 1.000.000.000,50; one rupiah more is not.
  EXPECT_OK(CheckAuctionPrice(1'000'000'000, kHps, std::nullopt, 0));
  EXPECT_THAT(CheckAuctionPrice(1'000'000'001, kHps, std::nullopt, 0),
              StatusIs(Code::kFailedPrecondition, "auction.above_hps"));
}

TEST(Auction, RA_03_EachPriceIsStrictlyLowerThanTheVendorsPreviousOne) {
  EXPECT_THAT(CheckAuctionPrice(900'000'000, kHps, 900'000'000, 0),
              StatusIs(Code::kFailedPrecondition, "auction.not_lower"));
  EXPECT_THAT(CheckAuctionPrice(900'000'001, kHps, 900'000'000, 0),
              StatusIs(Code::kFailedPrecondition, "auction.not_lower"));
  EXPECT_OK(CheckAuctionPrice(899'999'999, kHps, 900'000'000, 0));
}

TEST(Auction, RA_03_TheCatalogueMayAskForAMinimumDecrement) {
  // 5 per mille of Rp 900.000.001 is Rp 4.500.000,005: Rp 4.500.001, rounded up.
  EXPECT_EQ(HighestAcceptable(kHps, 900'000'001, 5), 895'500'000);
  Status s = CheckAuctionPrice(895'500'001, kHps, 900'000'001, 5);
  EXPECT_THAT(s, StatusIs(Code::kFailedPrecondition, "auction.decrement_too_small"));
  EXPECT_EQ(s.message(), "895500000");
  EXPECT_OK(CheckAuctionPrice(895'500'000, kHps, 900'000'001, 5));
  EXPECT_EQ(HighestAcceptable(kHps, std::nullopt, 5), 1'000'000'000);
  EXPECT_EQ(HighestAcceptable(kHps, 10, 0), 9);
}

TEST(Auction, RA_04_EachVendorsLowestBidCountsLowestFirst) {
  const auto ranking = RankAuction({ABid(1, 11, 950, kT0), ABid(2, 12, 940, kT0 + 1),
                                    ABid(3, 11, 930, kT0 + 2), ABid(4, 13, 990, kT0 + 3),
                                    ABid(5, 12, 920, kT0 + 4)});
  ASSERT_EQ(ranking.size(), 3u);
  EXPECT_EQ(ranking[0].vendor_id, 12);
  EXPECT_EQ(ranking[0].price_rupiah, 920);
  EXPECT_EQ(ranking[0].bids, 2);
  EXPECT_EQ(ranking[0].bid_id, 5);
  EXPECT_EQ(ranking[0].rank, 1);
  EXPECT_EQ(ranking[1].vendor_id, 11);
  EXPECT_EQ(ranking[1].price_rupiah, 930);
  EXPECT_EQ(ranking[1].rank, 2);
  EXPECT_EQ(ranking[2].vendor_id, 13);
  EXPECT_EQ(ranking[2].bids, 1);
  EXPECT_EQ(ranking[2].rank, 3);
}

TEST(Auction, RA_04_EqualPricesAreOrderedByTheEarlierBid) {
  const auto ranking =
      RankAuction({ABid(1, 11, 900, kT0 + 5), ABid(2, 12, 900, kT0 + 2), ABid(3, 13, 900, kT0 + 2)});
  ASSERT_EQ(ranking.size(), 3u);
  EXPECT_EQ(ranking[0].vendor_id, 12);
  EXPECT_EQ(ranking[1].vendor_id, 13);  // same time: the smaller bid id
  EXPECT_EQ(ranking[2].vendor_id, 11);
  EXPECT_TRUE(RankAuction({}).empty());
}

TEST(Auction, RA_05_OnlyQualifiedVendorsAreInvited) {
  InviteeFacts ok{true, true, true, false, 0, 2};
  EXPECT_OK(CheckInvitee(ok));
  InviteeFacts f = ok;
  f.vendor = false;
  EXPECT_THAT(CheckInvitee(f), StatusIs(Code::kFailedPrecondition, "auction.not_vendor"));
  f = ok;
  f.active = false;
  EXPECT_THAT(CheckInvitee(f), StatusIs(Code::kFailedPrecondition, "auth.account_disabled"));
  f = ok;
  f.verified = false;
  EXPECT_THAT(CheckInvitee(f), StatusIs(Code::kFailedPrecondition, "auction.not_verified"));
  f = ok;
  f.blacklisted = true;
  EXPECT_THAT(CheckInvitee(f), StatusIs(Code::kFailedPrecondition, "auth.blacklisted"));
  f = ok;
  f.licences = 0;
  EXPECT_THAT(CheckInvitee(f), StatusIs(Code::kFailedPrecondition, "auction.no_licence"));
  f = ok;
  f.expired_licences = 1;
  EXPECT_THAT(CheckInvitee(f), StatusIs(Code::kFailedPrecondition, "auction.licence_expired"));
}

TEST(Auction, RA_06_BiddersSeeRanksAndPricesNeverOtherNames) {
  const auto ranking = RankAuction({ABid(1, 11, 950, kT0), ABid(2, 12, 940, kT0 + 1)});
  const auto mine = AnonymousRanking(ranking, 11);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].rank, 1);
  EXPECT_EQ(mine[0].price_rupiah, 940);
  EXPECT_FALSE(mine[0].mine);
  EXPECT_EQ(mine[1].rank, 2);
  EXPECT_TRUE(mine[1].mine);
  for (const auto& s : AnonymousRanking(ranking, std::nullopt)) EXPECT_FALSE(s.mine);
}

}  // namespace
}  // namespace spse::domain
