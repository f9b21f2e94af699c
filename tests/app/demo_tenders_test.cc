// The demo tenders (issue 4, item 10): loaded on top of the other demo data
// at a fixed moment, they stand in different stages, every schedule meets
// the catalogue's rules on the demo calendar, drafts stay out of Cari
// Paket, and loading twice adds nothing.
#include <gtest/gtest.h>

#include <set>

#include "app/app_fixture.h"
#include "app/calendar_service.h"
#include "app/demo_data.h"
#include "app/participation_service.h"
#include "app/tender_service.h"
#include "catalog/catalogue_loader.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::TenderStatus;

class DemoTendersTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto c = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    ASSERT_OK(c.status());
    catalogue_ = *c;
    // Thursday 26 November 2026, 10:00 WIB.
    clock_.Set(FromLocal("2026-11-26", 10 * 60, 7 * 60));
    ASSERT_OK(LoadDemoData(*store_, *auth_, clock_).status());
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_OK(blobs.status());
    blobs_ = std::move(*blobs);
    ASSERT_OK(LoadDemoPlanning(*store_, *blobs_, clock_).status());
    CalendarService calendar(*store_, clock_, *ParseZone("WIB"), catalogue_);
    ASSERT_OK_AND_ASSIGN(calendar_, calendar.Current());
  }

  std::vector<domain::Tender> AllTenders() {
    std::vector<domain::Tender> out;
    auto tx = store_->Begin(Access::kRead);
    for (std::int64_t id = 1; id < 200; ++id) {
      auto t = (*tx)->tenders().FindById(id);
      if (t.ok() && *t) out.push_back(**t);
    }
    return out;
  }

  domain::Catalogue catalogue_;
  std::unique_ptr<storage::BlobStore> blobs_;
  domain::WorkingCalendar calendar_;
};

TEST_F(DemoTendersTest, TendersStandInDifferentStagesWithValidSchedulesAndLoadOnce) {
  ASSERT_OK_AND_ASSIGN(int added, LoadDemoTenders(*store_, catalogue_, clock_, calendar_));
  EXPECT_GE(added, 12);
  const auto tenders = AllTenders();
  ASSERT_EQ(tenders.size(), static_cast<size_t>(added));

  std::set<std::string> stages, categories;
  int drafts = 0, cancelled = 0, changed = 0, over = 0;
  auto tx = store_->Begin(Access::kRead);
  for (const auto& t : tenders) {
    const domain::ProcedureSpec* p = catalogue_.Find(t.procedure_code);
    ASSERT_NE(p, nullptr) << t.procedure_code;
    EXPECT_TRUE(domain::CheckSchedule(*p, t.schedule, calendar_).empty()) << t.code;
    auto package = (*tx)->packages().FindById(t.package_id);
    ASSERT_TRUE(package.ok() && *package);
    auto item = (*tx)->rup().FindById((*package)->rup_ids.front());
    ASSERT_TRUE(item.ok() && *item);
    EXPECT_OK(domain::CheckProcedureFits(*p, t.evaluation,
                                         {(*item)->procurement_type, (*item)->method}));
    categories.insert((*item)->procurement_type);
    if (t.status == TenderStatus::kDraft) {
      ++drafts;
      EXPECT_GT(t.schedule.front().start, clock_.Now()) << "a draft lies ahead";
      continue;
    }
    EXPECT_LE(*t.published_at, t.schedule.front().start);
    if (t.status == TenderStatus::kCancelled) {
      ++cancelled;
      EXPECT_FALSE(t.end_reason.empty());
      continue;
    }
    ASSERT_EQ(t.status, TenderStatus::kRunning);
    for (int n : t.changes) changed += n > 0;
    const auto current = domain::CurrentStageAt(t.schedule, clock_.Now());
    ASSERT_TRUE(current.index.has_value()) << t.code;
    if (current.running) {
      stages.insert(t.schedule[*current.index].stage);
    } else {
      ++over;
    }
  }
  EXPECT_GE(stages.size(), 4u);
  EXPECT_TRUE(stages.count("pengumuman"));
  EXPECT_TRUE(stages.count("penjelasan"));
  EXPECT_TRUE(stages.count("upload_penawaran"));
  EXPECT_TRUE(stages.count("evaluasi") || stages.count("pembukaan"));
  EXPECT_EQ(categories, (std::set<std::string>{"barang", "jasa_lainnya", "konsultansi", "konstruksi"}));
  EXPECT_GE(drafts, 1);
  EXPECT_EQ(cancelled, 1);
  EXPECT_GE(changed, 1);
  // Over: the ones the demo history (src/cli/demo_history.cc) finishes.
  EXPECT_EQ(over, 5);
  TenderFilter everything;
  everything.limit = 500;
  ASSERT_OK_AND_ASSIGN(std::int64_t listed, (*tx)->tenders().CountPublic(everything));
  EXPECT_EQ(listed, added - drafts) << "drafts are never public";
  tx->reset();

  ASSERT_OK_AND_ASSIGN(int again, LoadDemoTenders(*store_, catalogue_, clock_, calendar_));
  EXPECT_EQ(again, 0);
  EXPECT_EQ(AllTenders().size(), tenders.size());
}

// Demo vendors take part as real ones would: running tenders have their
// requirements and Dokumen Pemilihan; vendors joined running tenders,
// asked only inside a penjelasan that has begun, were answered within it,
// and every penjelasan that has ended has its Berita Acara (ANW-01, ANW-03).
TEST_F(DemoTendersTest, VendorsTakePartWithQuestionsInsideThePenjelasanAndBeritaAcaraAfterIt) {
  ASSERT_OK(LoadDemoRegistrations(*store_, *auth_, *blobs_, clock_).status());
  ASSERT_OK(LoadDemoTenders(*store_, catalogue_, clock_, calendar_).status());
  pdf::HaruPrinter printer;
  ParticipationService participation(*store_, crypto_, *blobs_, printer, clock_, catalogue_,
                                     {"LPSE Kabupaten Bangkalan", *ParseZone("WIB")});
  ASSERT_OK_AND_ASSIGN(int joined, LoadDemoParticipation(*store_, participation, crypto_, *blobs_, printer, clock_));
  EXPECT_GE(joined, 20);
  int questions = 0, minutes = 0, ended = 0;
  for (const auto& t : AllTenders()) {
    if (t.status == TenderStatus::kDraft) continue;
    ASSERT_OK_AND_ASSIGN(ExplanationView v, participation.Explanation(Actor{}, t.id));
    for (const auto& q : v.questions) {
      ++questions;
      const domain::StagePeriod* stage = nullptr;
      for (const auto& s : t.schedule) {
        if (s.stage == q.question.stage) stage = &s;
      }
      ASSERT_NE(stage, nullptr);
      EXPECT_GE(q.question.asked_at, stage->start);
      EXPECT_LT(q.question.asked_at, stage->end);
      if (q.question.answered_at) {
        EXPECT_LT(*q.question.answered_at, stage->end);
      }
    }
    for (const auto& s : t.schedule) {
      if (t.status == TenderStatus::kRunning && domain::IsExplanationStage(s.stage) &&
          s.end <= clock_.Now() && t.pokja_group_id) {
        ++ended;
      }
    }
    minutes += static_cast<int>(v.minutes.size());
    if (t.status == TenderStatus::kRunning) {
      auto tx = store_->Begin(Access::kRead);
      ASSERT_OK(tx.status());
      ASSERT_OK_AND_ASSIGN(auto docs, (*tx)->tender_documents().Documents(t.id));
      EXPECT_OK(domain::CheckDocumentsForPublication(docs)) << t.code;
      ASSERT_OK_AND_ASSIGN(auto reqs, (*tx)->tender_documents().Requirements(t.id));
      EXPECT_FALSE(reqs.empty()) << t.code;
    }
  }
  EXPECT_GE(questions, 5);
  EXPECT_GE(ended, 1);
  EXPECT_EQ(minutes, ended) << "each ended penjelasan has its Berita Acara";
  ASSERT_OK_AND_ASSIGN(int again, LoadDemoParticipation(*store_, participation, crypto_, *blobs_, printer, clock_));
  EXPECT_EQ(again, 0);
}

// Whenever `spse demo` runs (at night, at the weekend, on a holiday), the
// tenders load with schedules that meet every rule.
class DemoTendersAnyHourTest : public DemoTendersTest,
                               public ::testing::WithParamInterface<const char*> {};

TEST_P(DemoTendersAnyHourTest, LoadsWithValidSchedules) {
  const std::string at = GetParam();
  clock_.Set(FromLocal(at.substr(0, 10), std::stoi(at.substr(11, 2)) * 60, 7 * 60));
  ASSERT_OK_AND_ASSIGN(int added, LoadDemoTenders(*store_, catalogue_, clock_, calendar_));
  EXPECT_GE(added, 12);
  for (const auto& t : AllTenders()) {
    const domain::ProcedureSpec* p = catalogue_.Find(t.procedure_code);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(domain::CheckSchedule(*p, t.schedule, calendar_).empty()) << at << " " << t.code;
  }
}

INSTANTIATE_TEST_SUITE_P(Moments, DemoTendersAnyHourTest,
                         ::testing::Values("2026-11-28 23h", "2026-11-30 07h", "2026-12-25 12h",
                                           "2027-03-03 16h"));

}  // namespace
}  // namespace spse::app
