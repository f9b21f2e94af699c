// Tender Cepat with an electronic reverse auction through AuctionService
// (issue 6, item 7), on the shipped catalogue's tender-cepat procedure
// (minimum decrement 5 per mille) for the fixture's package (HPS: 4.000 m2
// x Rp 300.000 = Rp 1.200.000.000), with a fake clock. Rule ids: RA-* in
// docs/rules.md.
#include "app/auction_service.h"

#include <atomic>
#include <thread>
#include <vector>

#include "app/invitation_service.h"
#include "app/participation_service.h"
#include "app/tender_fixture.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"

namespace spse::app {
namespace {

class AuctionServiceTest : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    auction_ = std::make_unique<AuctionService>(*store_, *blobs_, printer_, *composer_, clock_,
                                                catalogue_, hub_,
                                                AuctionConfig{"LPSE Kabupaten Bangkalan", kWib, kPublicUrl});
    invitations_ = std::make_unique<InvitationService>(*store_, *composer_, clock_, catalogue_,
                                                       InvitationConfig{kWib, kPublicUrl});
    participation_ = std::make_unique<ParticipationService>(
        *store_, crypto_, *blobs_, printer_, clock_, catalogue_,
        ParticipationConfig{"LPSE Kabupaten Bangkalan", kWib});
    {  // The plan names Tender Cepat as the method.
      ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
      ASSERT_OK_AND_ASSIGN(auto package, tx->packages().FindById(package_));
      ASSERT_OK_AND_ASSIGN(auto item, tx->rup().FindById(package->rup_ids.front()));
      item->method = "tender_cepat";
      ASSERT_OK(tx->rup().Update(*item));
      ASSERT_OK(tx->Commit());
    }
    ASSERT_OK_AND_ASSIGN(tender_, service_->CreateDraft(member_, package_, "tender-cepat",
                                                        "harga_terendah_gugur"));
    Upload(tender_, "dokumen_pemilihan", "dokumen-pemilihan-tc.pdf");
    ASSERT_OK(service_->Publish(chair_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
    schedule_ = v.tender.schedule;
  }

  // Invited in the undangan stage and registered in the pendaftaran stage.
  Actor Registered(const std::string& username, const std::string& company) {
    Actor a = QualifiedVendor(username, company);
    const Micros now = clock_.Now();
    At("undangan");
    EXPECT_OK(invitations_->Invite(member_, tender_, a.who.user_id).status());
    At("pendaftaran");
    EXPECT_OK(participation_->Join(a, tender_, true));
    clock_.Set(now);
    return a;
  }

  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  AuctionHub hub_;
  std::unique_ptr<AuctionService> auction_;
  std::unique_ptr<InvitationService> invitations_;
  std::unique_ptr<ParticipationService> participation_;
  std::int64_t tender_ = 0;
};

TEST_F(AuctionServiceTest, RA_05_OnlyQualifiedVendorsAreInvitedAndTheyAreTold) {
  Actor good = QualifiedVendor("cv.cepat", "CV Cepat Jaya");
  Actor expired = QualifiedVendor("cv.lama", "CV Izin Lama", "2020-01-31");
  At("undangan");
  EXPECT_THAT(invitations_->Invite(good, tender_, good.who.user_id).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(invitations_->Invite(outsider_, tender_, good.who.user_id).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(invitations_->Invite(member_, tender_, expired.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "auction.licence_expired"));
  EXPECT_THAT(invitations_->Invite(member_, tender_, chair_.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "auction.not_vendor"));
  ASSERT_OK(invitations_->Invite(member_, tender_, good.who.user_id).status());
  EXPECT_THAT(invitations_->Invite(member_, tender_, good.who.user_id).status(),
              StatusIs(Code::kAlreadyExists, "auction.already_invited"));
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(good.who.user_id, 10, 0));
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().subject.find("Undangan Tender Cepat"), std::string::npos);
  tx.reset();
  ASSERT_OK_AND_ASSIGN(AuctionView v, auction_->View(member_, tender_));
  ASSERT_EQ(v.invitations.size(), 1u);
  EXPECT_EQ(v.invitations[0].company_name, "CV Cepat Jaya");
  AfterEndOf("pendaftaran");
  Actor late = QualifiedVendor("cv.telat", "CV Telat");
  EXPECT_THAT(invitations_->Invite(member_, tender_, late.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "invitation.closed"));
}

TEST_F(AuctionServiceTest, RA_02_OnlyInvitedVendorsRegisterAndOnlyRegisteredOnesBid) {
  Actor stranger = QualifiedVendor("cv.asing", "CV Asing");
  At("pendaftaran");
  EXPECT_THAT(participation_->Join(stranger, tender_, true),
              StatusIs(Code::kPermissionDenied, "invitation.not_invited"));
  At("undangan");
  Actor invited = QualifiedVendor("cv.undangan", "CV Undangan");
  ASSERT_OK(invitations_->Invite(member_, tender_, invited.who.user_id).status());
  At("penawaran_harga");
  EXPECT_THAT(auction_->Bid(stranger, tender_, 1'000'000'000).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(auction_->Bid(invited, tender_, 1'000'000'000).status(),
              StatusIs(Code::kFailedPrecondition, "participation.not_joined"));
}

TEST_F(AuctionServiceTest, RA_01_RA_03_LateHigherAndEqualPricesAreRefused) {
  Actor a = Registered("cv.alfa", "CV Alfa");
  At("pendaftaran");
  EXPECT_THAT(auction_->Bid(a, tender_, 1'000'000'000).status(),
              StatusIs(Code::kFailedPrecondition, "auction.not_started"));
  At("penawaran_harga");
  EXPECT_THAT(auction_->Bid(a, tender_, 1'200'000'001).status(),
              StatusIs(Code::kFailedPrecondition, "auction.above_hps"));
  ASSERT_OK(auction_->Bid(a, tender_, 1'200'000'000).status());
  EXPECT_THAT(auction_->Bid(a, tender_, 1'200'000'000).status(),
              StatusIs(Code::kFailedPrecondition, "auction.not_lower"));
  // 5 per mille of Rp 1.200.000.000: Rp 6.000.000 lower at least.
  EXPECT_THAT(auction_->Bid(a, tender_, 1'194'000'001).status(),
              StatusIs(Code::kFailedPrecondition, "auction.decrement_too_small"));
  const Micros end = schedule_[Stage("penawaran_harga")].end;
  clock_.Set(end - 1);
  ASSERT_OK(auction_->Bid(a, tender_, 1'194'000'000).status());
  clock_.Set(end);
  EXPECT_THAT(auction_->Bid(a, tender_, 1'100'000'000).status(),
              StatusIs(Code::kFailedPrecondition, "auction.closed"));
  ASSERT_OK_AND_ASSIGN(AuctionView v, auction_->View(a, tender_));
  EXPECT_EQ(v.own_bids.size(), 2u);
  EXPECT_EQ(v.version, 2u);
}

// The check: several vendors bid at once (two threads for one of
// them, racing with the same prices); every price that is not lower than
// the vendor's own previous one is refused, none is lost, and the final
// ranking is right.
TEST_F(AuctionServiceTest, RA_03_RA_04_ConcurrentBiddersGetTheRightFinalRanking) {
  std::vector<Actor> vendors = {Registered("cv.satu", "CV Satu"), Registered("cv.dua", "CV Dua"),
                                Registered("cv.tiga", "CV Tiga"), Registered("cv.empat", "CV Empat")};
  At("penawaran_harga");
  constexpr int kRounds = 8;
  // Vendor i's k-th price: Rp 1.150.000.000 - k x Rp 10.000.000 - i x Rp 1.000.
  auto price = [](size_t i, int k) {
    return std::int64_t{1'150'000'000} - k * std::int64_t{10'000'000} -
           static_cast<std::int64_t>(i) * 1'000;
  };
  std::atomic<int> accepted{0}, not_lower{0}, other{0};
  std::vector<std::thread> threads;
  // Threads 0..3 bid for vendors 0..3; thread 4 races vendor 0 with its prices.
  for (size_t t = 0; t < vendors.size() + 1; ++t) {
    threads.emplace_back([&, t] {
      const size_t i = t % vendors.size();
      for (int k = 0; k < kRounds; ++k) {
        for (int again = 0; again < 2; ++again) {  // each price twice: once is too many
          auto r = auction_->Bid(vendors[i], tender_, price(i, k));
          if (r.ok()) {
            ++accepted;
          } else if (r.status().reason() == "auction.not_lower") {
            ++not_lower;
          } else {
            ++other;
            ADD_FAILURE() << r.status().ToString();
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(accepted.load(), static_cast<int>(vendors.size()) * kRounds);
  EXPECT_EQ(not_lower.load(), (static_cast<int>(vendors.size()) + 1) * kRounds * 2 - accepted.load());
  EXPECT_EQ(other.load(), 0);

  ASSERT_OK_AND_ASSIGN(AuctionView pokja, auction_->View(chair_, tender_));
  ASSERT_EQ(pokja.ranking.size(), 4u);
  for (size_t r = 0; r < 4; ++r) {
    const size_t i = 3 - r;  // the highest i bid the lowest
    EXPECT_EQ(pokja.ranking[r].rank, static_cast<int>(r + 1));
    EXPECT_EQ(pokja.ranking[r].vendor_id, vendors[i].who.user_id);
    EXPECT_EQ(pokja.ranking[r].price_rupiah, price(i, kRounds - 1));
    EXPECT_EQ(pokja.ranking[r].bids, kRounds);
  }
  // The live hub holds what the database holds.
  auto live = hub_.Current(tender_);
  ASSERT_NE(live, nullptr);
  EXPECT_EQ(live->version, static_cast<std::uint64_t>(vendors.size() * kRounds));
  ASSERT_EQ(live->ranking.size(), 4u);
  EXPECT_EQ(live->ranking[0].vendor_id, vendors[3].who.user_id);
  EXPECT_EQ(live->closes_at, schedule_[Stage("penawaran_harga")].end);
}

TEST_F(AuctionServiceTest, RA_06_AVendorSeesItsOwnBidsAndAnAnonymousRanking) {
  Actor a = Registered("cv.alfa", "CV Alfa");
  Actor b = Registered("cv.beta", "CV Beta");
  At("penawaran_harga");
  ASSERT_OK(auction_->Bid(a, tender_, 1'100'000'000).status());
  ASSERT_OK(auction_->Bid(b, tender_, 1'050'000'000).status());
  ASSERT_OK_AND_ASSIGN(AuctionView v, auction_->View(a, tender_));
  EXPECT_TRUE(v.ranking.empty());
  EXPECT_TRUE(v.invitations.empty());
  ASSERT_EQ(v.anonymous.size(), 2u);
  EXPECT_EQ(v.anonymous[0].price_rupiah, 1'050'000'000);
  EXPECT_FALSE(v.anonymous[0].mine);
  EXPECT_TRUE(v.anonymous[1].mine);
  EXPECT_OK(v.may_bid);
  EXPECT_EQ(v.highest_acceptable, 1'094'500'000);
  ASSERT_OK_AND_ASSIGN(AuctionStreamAccess s, auction_->OpenStream(a, tender_));
  EXPECT_EQ(s.viewer, a.who.user_id);
  ASSERT_OK_AND_ASSIGN(AuctionStreamAccess p, auction_->OpenStream(chair_, tender_));
  EXPECT_FALSE(p.viewer.has_value());
}

TEST_F(AuctionServiceTest, RA_07_TheChairDecidesAfterTheCloseTheLowestPriceWinsAndIsAnnounced) {
  Actor a = Registered("cv.alfa", "CV Alfa");
  Actor b = Registered("cv.beta", "CV Beta");
  Actor c = Registered("cv.gama", "CV Gama");  // registers, never bids
  At("penawaran_harga");
  ASSERT_OK(auction_->Bid(a, tender_, 1'100'000'000).status());
  ASSERT_OK(auction_->Bid(b, tender_, 1'090'000'000).status());
  ASSERT_OK(auction_->Bid(a, tender_, 1'080'000'000).status());
  EXPECT_THAT(auction_->Decide(chair_, tender_).status(),
              StatusIs(Code::kFailedPrecondition, "auction.not_closed"));
  At("penetapan");
  EXPECT_THAT(auction_->Decide(member_, tender_).status(),
              StatusIs(Code::kPermissionDenied, "evaluation.chair_only"));
  ASSERT_OK_AND_ASSIGN(std::int64_t id, auction_->Decide(chair_, tender_));
  EXPECT_THAT(auction_->Decide(chair_, tender_).status(),
              StatusIs(Code::kFailedPrecondition, "evaluation.decided"));
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto decisions, tx->evaluation().DecisionsOf(tender_));
  ASSERT_EQ(decisions.size(), 1u);
  const domain::AwardDecision& d = decisions[0];
  EXPECT_EQ(d.id, id);
  EXPECT_EQ(d.winner_vendor_id, a.who.user_id);
  EXPECT_EQ(d.price_rupiah, 1'080'000'000);
  EXPECT_TRUE(d.announced_at.has_value());
  ASSERT_EQ(d.results.size(), 3u);
  EXPECT_EQ(d.results[0].company_name, "CV Alfa");
  EXPECT_TRUE(d.results[0].winner);
  EXPECT_EQ(d.results[1].company_name, "CV Beta");
  EXPECT_EQ(d.results[1].rank, 2);
  EXPECT_EQ(d.results[2].company_name, "CV Gama");
  EXPECT_EQ(d.results[2].rank, 0);
  EXPECT_FALSE(d.minutes_sha256.empty());
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(b.who.user_id, 10, 0));
  ASSERT_FALSE(inbox.empty());
  EXPECT_NE(inbox.front().body.find("CV Alfa"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(auto t, tx->tenders().FindById(tender_));
  EXPECT_EQ(t->status, domain::TenderStatus::kRunning);
  (void)c;
}

TEST_F(AuctionServiceTest, RA_07_WithoutBidsTheTenderFails) {
  Registered("cv.alfa", "CV Alfa");
  At("penetapan");
  ASSERT_OK(auction_->Decide(chair_, tender_).status());
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto t, tx->tenders().FindById(tender_));
  EXPECT_EQ(t->status, domain::TenderStatus::kFailed);
  ASSERT_OK_AND_ASSIGN(auto decisions, tx->evaluation().DecisionsOf(tender_));
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].failure, "evaluation.no_bids");
  EXPECT_FALSE(decisions[0].winner_vendor_id.has_value());
}

}  // namespace
}  // namespace spse::app
