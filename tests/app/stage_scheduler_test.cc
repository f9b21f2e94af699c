// Tenders move between stages by the server clock (issue 4, item 9):
// StageScheduler on a real store with a fake clock. However the ticks cut
// time, and across restarts, each stage boundary is recorded exactly once.
#include "app/stage_scheduler.h"

#include <limits>
#include <random>
#include <set>
#include <tuple>

#include "app/app_fixture.h"
#include "app/tender_document_service.h"
#include "app/tender_service.h"
#include "catalog/catalogue_loader.h"
#include "mail/template_composer.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

class StageSchedulerTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto c = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    ASSERT_OK(c.status());
    catalogue_ = *c;
    auto composer = mail::TemplateComposer::Load(std::string(SPSE_SOURCE_DIR) + "/web/mail");
    ASSERT_OK(composer.status());
    composer_ = std::move(*composer);
    tenders_ = std::make_unique<TenderService>(*store_, clock_, catalogue_,
                                               [this] { return calendar_; }, *composer_,
                                               "https://spse.test");
    documents_ = std::make_unique<TenderDocumentService>(*store_, *composer_, clock_, catalogue_,
                                                         "https://spse.test");
    agency_ = CreateSkpd("BPBJ", "Bagian Pengadaan Barang/Jasa");
    chair_ = As("pokja.ketua");
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::PokjaGroup g;
    g.name = "Pokja Pemilihan Uji";
    g.agency_id = agency_;
    g.chair_id = chair_.who.user_id;
    g.member_ids = {chair_.who.user_id};
    g.created_at = clock_.Now();
    ASSERT_OK_AND_ASSIGN(group_, tx->pokja().Insert(g));
    ASSERT_OK(tx->Commit());
  }

  Actor As(const std::string& username) {
    Actor a;
    a.who.user_id = CreateUser(username, RoleSet{Role::kPokja}, agency_);
    a.who.username = username;
    a.who.roles = RoleSet{Role::kPokja};
    a.client_addr = "10.0.0.7";
    return a;
  }

  // A construction package handed to the Pokja, tendered and published now
  // (its first stage starts the next working morning).
  std::int64_t PublishedTender(const std::string& name) {
    auto tx = store_->Begin(Access::kWrite);
    EXPECT_TRUE(tx.ok());
    domain::RupItem item;
    item.agency_id = agency_;
    item.name = name;
    item.fiscal_year = 2026;
    item.pagu = Money::FromRupiah(1'500'000'000);
    item.funding = "APBD";
    item.procurement_type = "konstruksi";
    item.method = "tender";
    item.selection_from = 1;
    item.selection_to = 2;
    item.work_from = 3;
    item.work_to = 9;
    item.location = "Bangkalan";
    item.description = "Uji";
    item.status = domain::RupStatus::kPublished;
    item.created_by = chair_.who.user_id;
    auto rup = (*tx)->rup().Insert(item);
    EXPECT_TRUE(rup.ok());
    domain::Package p;
    p.agency_id = agency_;
    p.ppk_id = chair_.who.user_id;
    p.name = name;
    p.rup_ids = {*rup};
    p.contract_type = "harga_satuan";
    p.qualification = "kecil";
    p.hps = {{"Lapis AC-WC", "m2", 400000, Money::FromRupiah(300'000)}};
    p.status = domain::PackageStatus::kAssigned;
    p.pokja_group_id = group_;
    auto package = (*tx)->packages().Insert(p, 2026);
    EXPECT_TRUE(package.ok());
    EXPECT_TRUE((*tx)->Commit().ok());
    auto id = tenders_->CreateDraft(chair_, *package, "tender-pasca-satu-file", "harga_terendah_gugur");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    const domain::Attachment pdf{crypto_.Sha256Hex(name), "dokumen-pemilihan.pdf",
                                 "application/pdf", 48'213};
    EXPECT_TRUE(documents_->AddDocument(chair_, *id, "dokumen_pemilihan", pdf, "").ok());
    EXPECT_TRUE(tenders_->Publish(chair_, *id).ok());
    return *id;
  }

  domain::Schedule ScheduleOf(std::int64_t id) {
    auto v = tenders_->Get(chair_, id);
    EXPECT_TRUE(v.ok());
    return v->tender.schedule;
  }

  std::vector<domain::RecordedStageEvent> Recorded(std::int64_t id) {
    auto tx = store_->Begin(Access::kRead);
    auto events = (*tx)->stage_events().ForTender(id);
    EXPECT_TRUE(events.ok());
    return *events;
  }

  // Every boundary of the schedule up to `now`, in order.
  static std::vector<domain::StageEvent> Expected(const domain::Schedule& s, Micros now) {
    return domain::EventsBetween(s, std::numeric_limits<Micros>::min(), now);
  }

  static void ExpectSame(const std::vector<domain::RecordedStageEvent>& got,
                         const std::vector<domain::StageEvent>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].event.at, want[i].at) << i;
      EXPECT_EQ(got[i].event.stage, want[i].stage) << i;
      EXPECT_EQ(got[i].event.start, want[i].start) << i;
    }
  }

  domain::Catalogue catalogue_;
  domain::WorkingCalendar calendar_;
  std::unique_ptr<mail::TemplateComposer> composer_;
  std::unique_ptr<TenderService> tenders_;
  std::unique_ptr<TenderDocumentService> documents_;
  std::int64_t agency_ = 0, group_ = 0;
  Actor chair_;
};

TEST_F(StageSchedulerTest, TicksCutAtArbitraryPointsRecordEachBoundaryOnce) {
  StageScheduler scheduler(*store_, clock_, catalogue_);
  ASSERT_OK_AND_ASSIGN(int none, scheduler.Tick());
  EXPECT_EQ(none, 0);
  const std::int64_t id = PublishedTender("Rehabilitasi Jalan Ruas Burneh - Tanah Merah");
  const domain::Schedule s = ScheduleOf(id);
  std::mt19937 random(20260101);
  std::uniform_int_distribution<Micros> step(1, 11 * kMicrosPerHour);
  int total = 0;
  while (clock_.Now() <= s.back().end + kMicrosPerDay) {
    clock_.Advance(step(random));
    ASSERT_OK_AND_ASSIGN(int n, scheduler.Tick());
    total += n;
    ExpectSame(Recorded(id), Expected(s, clock_.Now()));
  }
  EXPECT_EQ(total, 24) << "twelve stages, a start and an end each";
  for (const auto& e : Recorded(id)) {
    EXPECT_GE(e.recorded_at, e.event.at);
    EXPECT_LT(e.recorded_at - e.event.at, 11 * kMicrosPerHour) << "noticed at the next tick";
  }
  EXPECT_EQ(AuditCount("tender.stage_start"), 12);
  EXPECT_EQ(AuditCount("tender.stage_end"), 12);
}

TEST_F(StageSchedulerTest, ARestartAfterDowntimeCatchesUpWithNoSkipAndNoRepeat) {
  const std::int64_t id = PublishedTender("Pembangunan Jembatan Sungai Blega");
  const domain::Schedule s = ScheduleOf(id);
  {
    StageScheduler before(*store_, clock_, catalogue_);
    clock_.Set(s[0].start + kMicrosPerHour);
    ASSERT_OK(before.Tick().status());
    ASSERT_EQ(Recorded(id).size(), 2u) << "the announcement and the download began";
  }
  // The server is down while several stages begin and end.
  clock_.Set(s[5].start + kMicrosPerHour);
  const Micros restarted = clock_.Now();
  StageScheduler after(*store_, clock_, catalogue_);
  ASSERT_OK_AND_ASSIGN(int caught_up, after.Tick());
  const auto want = Expected(s, restarted);
  EXPECT_EQ(caught_up, static_cast<int>(want.size()) - 2);
  const auto got = Recorded(id);
  ExpectSame(got, want);
  EXPECT_EQ(got.back().recorded_at, restarted) << "stamped when it was noticed";
  ASSERT_OK_AND_ASSIGN(int again, after.Tick());
  EXPECT_EQ(again, 0);
  // A second instance on the same database repeats nothing either.
  StageScheduler other(*store_, clock_, catalogue_);
  ASSERT_OK_AND_ASSIGN(int other_ticked, other.Tick());
  EXPECT_EQ(other_ticked, 0);
  EXPECT_EQ(Recorded(id).size(), want.size());
}

TEST_F(StageSchedulerTest, TheFirstStartRecordsWhatTheRunningTendersHavePassedOnly) {
  const std::int64_t running = PublishedTender("Peningkatan Jalan Kokop - Tanjung Bumi");
  const std::int64_t cancelled = PublishedTender("Rehabilitasi Saluran Irigasi Kemoning");
  const domain::Schedule s = ScheduleOf(running);
  ASSERT_OK(tenders_->Cancel(chair_, cancelled, "Anggaran direalokasi"));
  clock_.Set(s[3].start + kMicrosPerHour);
  StageScheduler scheduler(*store_, clock_, catalogue_);
  ASSERT_OK(scheduler.Tick().status());
  ExpectSame(Recorded(running), Expected(s, clock_.Now()));
  EXPECT_TRUE(Recorded(cancelled).empty());
}

TEST_F(StageSchedulerTest, ACancelledTenderRecordsNothingFurther) {
  const std::int64_t id = PublishedTender("Pengadaan Meubelair SMP");
  const domain::Schedule s = ScheduleOf(id);
  StageScheduler scheduler(*store_, clock_, catalogue_);
  clock_.Set(s[2].start + kMicrosPerHour);
  ASSERT_OK(scheduler.Tick().status());
  const size_t before = Recorded(id).size();
  ASSERT_GT(before, 0u);
  ASSERT_OK(tenders_->Cancel(chair_, id, "Spesifikasi teknis harus disusun ulang"));
  clock_.Set(s.back().end + kMicrosPerDay);
  ASSERT_OK_AND_ASSIGN(int n, scheduler.Tick());
  EXPECT_EQ(n, 0);
  EXPECT_EQ(Recorded(id).size(), before);
}

TEST_F(StageSchedulerTest, TheObserverSeesEachBoundaryOnceAndItsFailureRollsTheTickBack) {
  const std::int64_t id = PublishedTender("Jasa Laundry Linen Rumah Sakit");
  const domain::Schedule s = ScheduleOf(id);
  bool fail = true;
  std::vector<std::tuple<std::int64_t, size_t, bool>> seen;
  StageScheduler scheduler(*store_, clock_, catalogue_,
                           [&](Tx& tx, const domain::Tender& t, const domain::StageEvent& e) -> Status {
                             if (fail) return Unavailable("notify.down");
                             // Inside the tick's transaction: the tender is there to read.
                             SPSE_ASSIGN_OR_RETURN(auto found, tx.tenders().FindById(t.id));
                             if (!found) return Internal("missing");
                             seen.emplace_back(t.id, e.stage, e.start);
                             return OkStatus();
                           });
  clock_.Set(s[0].start + kMicrosPerHour);
  EXPECT_THAT(scheduler.Tick(), StatusIs(Code::kUnavailable, "notify.down"));
  EXPECT_TRUE(Recorded(id).empty()) << "rolled back";
  EXPECT_EQ(AuditCount("tender.stage_start"), 0);
  fail = false;
  clock_.Set(s[2].start + kMicrosPerHour);
  ASSERT_OK(scheduler.Tick().status());
  ASSERT_OK(scheduler.Tick().status());
  const auto want = Expected(s, clock_.Now());
  ASSERT_EQ(seen.size(), want.size()) << "none lost to the failed tick, none twice";
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(seen[i], std::make_tuple(id, want[i].stage, want[i].start)) << i;
  }
}

TEST_F(StageSchedulerTest, TheJadwalViewCarriesTheRecordedStages) {
  const std::int64_t id = PublishedTender("Pengadaan CT Scan");
  const domain::Schedule s = ScheduleOf(id);
  StageScheduler scheduler(*store_, clock_, catalogue_);
  clock_.Set(s[0].start + kMicrosPerMinute);
  ASSERT_OK(scheduler.Tick().status());
  ASSERT_OK_AND_ASSIGN(TenderView v, tenders_->Get(Actor{}, id));
  ASSERT_EQ(v.stage_events.size(), 2u);
  EXPECT_EQ(v.stage_events[0].event.stage, 0u);
  EXPECT_TRUE(v.stage_events[0].event.start);
  EXPECT_EQ(v.stage_events[0].event.at, s[0].start);
}

}  // namespace
}  // namespace spse::app
