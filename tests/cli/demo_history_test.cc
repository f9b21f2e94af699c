// The demo's tenders that are over (issue 6, item 9): loaded whole, as
// `spse demo` loads it, at moments on and off working hours, they stand
// finished as the services finish them: awarded with the arithmetic
// correction shown and a sanggah answered, failed and re-tendered, a
// Pengadaan Langsung negotiated down, a reverse auction won by the lowest
// price, each contract at the price awarded, all of it in the past.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "app/app_fixture.h"
#include "app/bid_service.h"
#include "app/calendar_service.h"
#include "app/demo_data.h"
#include "app/evaluation_service.h"
#include "app/opening_service.h"
#include "app/participation_service.h"
#include "catalog/catalogue_loader.h"
#include "cli/demo_bids.h"
#include "crypto/envelope_opener.h"
#include "crypto/receipt_signer.h"
#include "mail/template_composer.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"
#include "testing/status_matchers.h"

namespace spse::cli {
namespace {

using domain::TenderStatus;

class DemoHistoryTest : public app::AppTest, public ::testing::WithParamInterface<const char*> {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto c = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    ASSERT_OK(c.status());
    catalogue_ = *c;
    auto composer = mail::TemplateComposer::Load(std::string(SPSE_SOURCE_DIR) + "/web/mail");
    ASSERT_OK(composer.status());
    composer_ = std::move(*composer);
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_OK(blobs.status());
    blobs_ = std::move(*blobs);
    auto signer = crypto::ReceiptSigner::LoadOrCreate(dir_ / "receipt.key");
    ASSERT_OK(signer.status());
    signer_ = std::move(*signer);
  }

  // Everything `spse demo` loads, in its order, at the clock's moment.
  StatusOr<DemoBidsReport> LoadAll() {
    SPSE_RETURN_IF_ERROR(app::LoadDemoData(*store_, *auth_, clock_).status());
    SPSE_RETURN_IF_ERROR(app::LoadDemoRegistrations(*store_, *auth_, *blobs_, clock_).status());
    SPSE_RETURN_IF_ERROR(app::LoadDemoPlanning(*store_, *blobs_, clock_).status());
    app::CalendarService calendar(*store_, clock_, kZone, catalogue_);
    SPSE_ASSIGN_OR_RETURN(domain::WorkingCalendar working, calendar.Current());
    SPSE_RETURN_IF_ERROR(app::LoadDemoTenders(*store_, catalogue_, clock_, working).status());
    app::ParticipationService participation(*store_, crypto_, *blobs_, printer_, clock_, catalogue_,
                                            {kLpse, kZone});
    SPSE_RETURN_IF_ERROR(
        app::LoadDemoParticipation(*store_, participation, crypto_, *blobs_, printer_, clock_).status());
    return LoadBids(working);
  }
  StatusOr<DemoBidsReport> LoadBids(const domain::WorkingCalendar& working) {
    const app::BidConfig config{kLpse, kZone};
    app::BidService bids(*store_, crypto_, *signer_, clock_, catalogue_, config);
    app::OpeningService opening(*store_, crypto_, opener_, *blobs_, printer_, clock_, catalogue_,
                                {kLpse, kZone});
    const DemoHistoryServices history{*composer_, printer_, opener_, catalogue_, working,
                                      "https://lpse.example.go.id"};
    return LoadDemoBids(*store_, bids, opening, *blobs_, *signer_, crypto_, clock_, config, history);
  }

  // The tenders of the package named `name`, oldest first.
  std::vector<domain::Tender> TendersOf(const std::string& name) {
    std::vector<domain::Tender> out;
    auto tx = store_->Begin(app::Access::kRead);
    for (std::int64_t id = 1; id < 100; ++id) {
      auto t = (*tx)->tenders().FindById(id);
      if (!t.ok() || !*t) continue;
      auto p = (*tx)->packages().FindById((*t)->package_id);
      if (p.ok() && *p && (*p)->name == name) out.push_back(**t);
    }
    return out;
  }

  domain::AwardDecision DecisionOf(std::int64_t tender_id) {
    auto tx = store_->Begin(app::Access::kRead);
    auto d = (*tx)->evaluation().DecisionsOf(tender_id);
    EXPECT_TRUE(d.ok() && d->size() == 1) << tender_id;
    return d.ok() && !d->empty() ? d->back() : domain::AwardDecision{};
  }

  const domain::BidderResult* WinnerOf(const domain::AwardDecision& d) {
    for (const auto& r : d.results) {
      if (r.winner) return &r;
    }
    return nullptr;
  }

  std::vector<domain::Contract> ContractsOf(std::int64_t tender_id) {
    auto tx = store_->Begin(app::Access::kRead);
    auto c = (*tx)->contracts().ContractsOf(tender_id);
    return c.ok() ? *c : std::vector<domain::Contract>{};
  }

  static constexpr const char* kLpse = "LPSE Kabupaten Bangkalan";
  static inline const Zone kZone = *ParseZone("WIB");
  domain::Catalogue catalogue_;
  std::unique_ptr<app::MailComposer> composer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<crypto::ReceiptSigner> signer_;
  crypto::SodiumEnvelopeOpener opener_;
  pdf::HaruPrinter printer_;
};

TEST_P(DemoHistoryTest, TendersThatAreOverStandFinishedAsTheServicesFinishThem) {
  const std::string at = GetParam();
  clock_.Set(FromLocal(at.substr(0, 10), std::stoi(at.substr(11, 2)) * 60, 7 * 60));
  const Micros now = clock_.Now();
  ASSERT_OK_AND_ASSIGN(DemoBidsReport report, LoadAll());
  EXPECT_EQ(report.history.awarded, 4);
  EXPECT_EQ(report.history.failed, 1);
  EXPECT_EQ(report.history.objections, 1);
  EXPECT_EQ(report.history.contracts, 4);
  EXPECT_GE(report.history.auction_bids, 6);

  // Awarded to the lowest corrected price (EVL-03, EVL-05) after the lowest
  // bid failed administration; that bidder's sanggah rejected (SGH-02); the
  // contract at the award price (KTR-03).
  auto road = TendersOf("Rekonstruksi Jalan Raya Socah - Kamal");
  ASSERT_EQ(road.size(), 1u);
  EXPECT_EQ(road[0].status, TenderStatus::kDone);
  const domain::AwardDecision road_award = DecisionOf(road[0].id);
  ASSERT_NE(WinnerOf(road_award), nullptr);
  EXPECT_NE(*WinnerOf(road_award)->stated_price_rupiah, *WinnerOf(road_award)->corrected_price_rupiah)
      << "the winner's arithmetic slip is corrected";
  EXPECT_EQ(road_award.price_rupiah, *WinnerOf(road_award)->corrected_price_rupiah);
  const auto failed = std::find_if(road_award.results.begin(), road_award.results.end(), [](const auto& r) {
    return r.administration == domain::StageOutcome::kFailed;
  });
  ASSERT_NE(failed, road_award.results.end());
  EXPECT_LT(*failed->stated_price_rupiah, road_award.price_rupiah) << "the lowest bid failed";
  EXPECT_NE(failed->fail_reason.find("Jaminan penawaran"), std::string::npos);
  {
    auto tx = store_->Begin(app::Access::kRead);
    ASSERT_OK_AND_ASSIGN(auto objections, (*tx)->objections().OfTender(road[0].id));
    ASSERT_EQ(objections.size(), 1u);
    EXPECT_EQ(objections[0].vendor_id, failed->vendor_id);
    EXPECT_EQ(objections[0].attachments.size(), 1u);
    ASSERT_TRUE(objections[0].answer.has_value());
    EXPECT_FALSE(objections[0].answer->upheld);
    ASSERT_OK_AND_ASSIGN(auto sppbj, (*tx)->contracts().SppbjsOf(road[0].id));
    ASSERT_EQ(sppbj.size(), 1u);
    EXPECT_GE(sppbj[0].issued_at, objections[0].answer->at + 5 * kMicrosPerDay)
        << "no SPPBJ while a sanggah banding may come";
  }
  ASSERT_EQ(ContractsOf(road[0].id).size(), 1u);
  EXPECT_EQ(ContractsOf(road[0].id)[0].value_rupiah, road_award.price_rupiah);

  auto medicine = TendersOf("Pengadaan Obat dan Bahan Medis Habis Pakai Puskesmas");
  ASSERT_EQ(medicine.size(), 1u);
  EXPECT_EQ(medicine[0].status, TenderStatus::kDone);
  ASSERT_EQ(ContractsOf(medicine[0].id).size(), 1u);

  // Every bid above the HPS: no winner, the tender failed (EVL-13) and its
  // tender ulang, on the same package, linked to it, runs now.
  auto ambulance = TendersOf("Pengadaan Ambulans Puskesmas Keliling");
  ASSERT_EQ(ambulance.size(), 2u);
  EXPECT_EQ(ambulance[0].status, TenderStatus::kFailed);
  EXPECT_EQ(DecisionOf(ambulance[0].id).failure, "evaluation.all_above_hps");
  EXPECT_EQ(ambulance[1].status, TenderStatus::kRunning);
  EXPECT_EQ(ambulance[1].previous_tender_id, ambulance[0].id);
  EXPECT_GT(ambulance[1].schedule.front().start, DecisionOf(ambulance[0].id).decided_at);

  // Pengadaan Langsung (NEG-01): negotiated down from the evaluated price;
  // the decision and the contract take the agreed one.
  auto stationery = TendersOf("Pengadaan Alat Tulis Kantor dan Barang Cetakan RSUD");
  ASSERT_EQ(stationery.size(), 1u);
  EXPECT_EQ(stationery[0].status, TenderStatus::kDone);
  {
    auto tx = store_->Begin(app::Access::kRead);
    // Only invited vendors took part (INV-01).
    ASSERT_OK_AND_ASSIGN(auto participants, (*tx)->participation().Participants(stationery[0].id));
    ASSERT_EQ(participants.size(), 2u);
    for (const auto& p : participants) {
      ASSERT_OK_AND_ASSIGN(bool invited, (*tx)->auction().IsInvited(stationery[0].id, p.vendor_user_id));
      EXPECT_TRUE(invited) << p.company_name;
    }
    ASSERT_OK_AND_ASSIGN(auto negotiations, (*tx)->evaluation().NegotiationsOf(stationery[0].id));
    ASSERT_EQ(negotiations.size(), 1u);
    EXPECT_LT(negotiations[0].agreed_rupiah, negotiations[0].offered_rupiah);
    EXPECT_EQ(DecisionOf(stationery[0].id).price_rupiah, negotiations[0].agreed_rupiah);
    ASSERT_EQ(ContractsOf(stationery[0].id).size(), 1u);
    EXPECT_EQ(ContractsOf(stationery[0].id)[0].value_rupiah, negotiations[0].agreed_rupiah);
  }

  // The reverse auction (RA-07): the lowest price wins.
  auto paving = TendersOf("Pengadaan Material Paving Block Jalan Lingkungan");
  ASSERT_EQ(paving.size(), 1u);
  {
    auto tx = store_->Begin(app::Access::kRead);
    ASSERT_OK_AND_ASSIGN(auto bids, (*tx)->auction().BidsOf(paving[0].id));
    ASSERT_GE(bids.size(), 6u);
    const auto lowest = std::min_element(bids.begin(), bids.end(), [](const auto& a, const auto& b) {
      return a.price_rupiah < b.price_rupiah;
    });
    const domain::AwardDecision d = DecisionOf(paving[0].id);
    EXPECT_EQ(d.winner_vendor_id, lowest->vendor_id);
    EXPECT_EQ(d.price_rupiah, lowest->price_rupiah);
  }
  EXPECT_EQ(paving[0].status, TenderStatus::kDone);

  // All of it happened in the past, inside the stages.
  for (const auto* list : {&road, &medicine, &ambulance, &stationery, &paving}) {
    for (const auto& t : *list) {
      if (t.status == TenderStatus::kRunning) continue;
      const auto d = DecisionOf(t.id);
      EXPECT_LT(d.decided_at, now) << t.code;
      for (const auto& c : ContractsOf(t.id)) EXPECT_LT(c.at, now) << t.code;
    }
  }

  // Their notices went out at the time: nothing waits for the mail relay.
  {
    auto tx = store_->Begin(app::Access::kRead);
    ASSERT_OK_AND_ASSIGN(std::int64_t pending, (*tx)->outbox().CountByStatus("pending"));
    EXPECT_EQ(pending, 0);
    ASSERT_OK_AND_ASSIGN(std::int64_t sent, (*tx)->outbox().CountByStatus("sent"));
    EXPECT_GE(sent, 10) << "the participants were told";
  }

  // Loading again adds nothing.
  app::CalendarService calendar(*store_, clock_, kZone, catalogue_);
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar working, calendar.Current());
  ASSERT_OK_AND_ASSIGN(DemoBidsReport again, LoadBids(working));
  EXPECT_EQ(again.history.awarded, 0);
  EXPECT_EQ(again.bids, 0);
  EXPECT_EQ(ContractsOf(road[0].id).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Moments, DemoHistoryTest,
                         ::testing::Values("2026-11-26 10h", "2026-11-28 23h", "2026-12-25 12h"));

}  // namespace
}  // namespace spse::cli
