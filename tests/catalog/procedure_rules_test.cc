// Rule tests for the shipped procedure catalogue (web/catalogue/procedures.toml):
// each schedule rule, by its id (docs/rules.md), refuses a schedule that
// breaks it; the proposed schedule meets every rule, holidays included.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>

#include "catalog/catalogue_loader.h"
#include "testing/status_matchers.h"

namespace spse::catalog {
namespace {

using domain::CheckSchedule;
using domain::ProposeSchedule;
using domain::Schedule;
using domain::WorkingCalendar;

constexpr int kWib = 7 * 60;
Micros Wib(const char* date, int hour, int minute = 0) { return FromLocal(date, hour * 60 + minute, kWib); }

const domain::Catalogue& Shipped() {
  static const domain::Catalogue c = [] {
    auto loaded = LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : domain::Catalogue();
  }();
  return c;
}

WorkingCalendar Calendar() {
  WorkingCalendar c;
  c.holidays = {"2026-12-25", "2026-12-24"};
  return c;
}

std::vector<std::string> Broken(const domain::ProcedureSpec& p, const Schedule& s) {
  std::vector<std::string> ids;
  for (const auto& v : CheckSchedule(p, s, Calendar())) ids.push_back(v.rule_id.empty() ? v.reason : v.rule_id);
  return ids;
}

domain::StagePeriod& Stage(Schedule& s, std::string_view code) {
  for (auto& p : s) {
    if (p.stage == code) return p;
  }
  ADD_FAILURE() << "no stage " << code;
  return s.front();
}

class PascaSatuFile : public ::testing::Test {
 protected:
  void SetUp() override {
    p_ = Shipped().Find("tender-pasca-satu-file");
    ASSERT_NE(p_, nullptr);
    // Published on Monday 7 December 2026, 09:00 WIB.
    s_ = ProposeSchedule(*p_, Wib("2026-12-07", 9), Calendar());
    ASSERT_EQ(Broken(*p_, s_), std::vector<std::string>{}) << "the proposal is valid";
  }
  // The ids broken after `change`.
  std::vector<std::string> After(const std::function<void(Schedule&)>& change) {
    Schedule s = s_;
    change(s);
    return Broken(*p_, s);
  }
  static bool Has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
  const domain::ProcedureSpec* p_ = nullptr;
  Schedule s_;
};

TEST_F(PascaSatuFile, TheProposalFollowsTheRulesStageByStage) {
  ASSERT_EQ(s_.size(), 12u);
  EXPECT_EQ(Stage(s_, "pengumuman").end - Stage(s_, "pengumuman").start, 5 * kMicrosPerDay);
  EXPECT_EQ(Stage(s_, "download_dokumen").start, Stage(s_, "pengumuman").start);
  EXPECT_EQ(Stage(s_, "download_dokumen").end, Stage(s_, "upload_penawaran").end);
  // Clarification 3 days after Monday 09:00: Thursday 10 December 09:00, a working day.
  EXPECT_EQ(Stage(s_, "penjelasan").start, Wib("2026-12-10", 9));
  EXPECT_TRUE(Calendar().IsWorkingTime(Stage(s_, "upload_penawaran").end));
}

TEST_F(PascaSatuFile, AHolidayMovesTheClarificationToTheNextWorkingDay) {
  // Published Monday 21 December: 3 days later is Thursday 24 December, a
  // holiday, and Friday is Natal: the clarification moves to Monday 28.
  Schedule s = ProposeSchedule(*p_, Wib("2026-12-21", 9), Calendar());
  EXPECT_EQ(Stage(s, "penjelasan").start, Wib("2026-12-28", 8));
  EXPECT_EQ(Broken(*p_, s), std::vector<std::string>{});
}

TEST_F(PascaSatuFile, JDW_P1_01_TheAnnouncementLastsAtLeastFiveCalendarDays) {
  auto ids = After([](Schedule& s) { Stage(s, "pengumuman").end = Stage(s, "pengumuman").start + 4 * kMicrosPerDay; });
  EXPECT_TRUE(Has(ids, "JDW-P1-01"));
}

TEST_F(PascaSatuFile, JDW_P1_02_03_DownloadRunsFromTheAnnouncementToTheDeadline) {
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "download_dokumen").start += kMicrosPerDay; }), "JDW-P1-02"));
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "download_dokumen").end -= kMicrosPerHour; }), "JDW-P1-03"));
}

TEST_F(PascaSatuFile, JDW_P1_04_ClarificationNotBeforeThreeDaysAfterTheAnnouncement) {
  auto ids = After([](Schedule& s) { Stage(s, "penjelasan").start = Stage(s, "pengumuman").start + 2 * kMicrosPerDay; });
  EXPECT_TRUE(Has(ids, "JDW-P1-04"));
}

TEST_F(PascaSatuFile, JDW_P1_05_ClarificationOnAWorkingDayDuringWorkingHours) {
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "penjelasan").start = Wib("2026-12-12", 9); }), "JDW-P1-05"))
      << "a Saturday";
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "penjelasan").start = Wib("2026-12-10", 19); }), "JDW-P1-05"))
      << "in the evening";
}

TEST_F(PascaSatuFile, JDW_P1_06_07_BidsAfterTheClarificationWithThreeDaysToPrepare) {
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "upload_penawaran").start = Stage(s, "penjelasan").end - kMicrosPerHour; }), "JDW-P1-06"));
  auto ids = After([](Schedule& s) {
    Stage(s, "upload_penawaran").end = Stage(s, "penjelasan").end + 2 * kMicrosPerDay;
    Stage(s, "download_dokumen").end = Stage(s, "upload_penawaran").end;
  });
  EXPECT_TRUE(Has(ids, "JDW-P1-07"));
}

TEST_F(PascaSatuFile, JDW_P1_08_TheBidDeadlineFallsInWorkingHours) {
  auto ids = After([](Schedule& s) {
    Stage(s, "upload_penawaran").end = Wib("2026-12-20", 23, 59);  // a Sunday night
    Stage(s, "download_dokumen").end = Stage(s, "upload_penawaran").end;
  });
  EXPECT_TRUE(Has(ids, "JDW-P1-08"));
}

TEST_F(PascaSatuFile, JDW_P1_09_NoOpeningBeforeTheDeadline) {
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "pembukaan").start = Stage(s, "upload_penawaran").end - kMicrosPerMinute; }), "JDW-P1-09"));
}

TEST_F(PascaSatuFile, JDW_P1_13_15_AwardDecidedAndAnnouncedWithinADay) {
  EXPECT_TRUE(Has(After([](Schedule& s) {
    Stage(s, "penetapan").start = Stage(s, "pembuktian").end + 2 * kMicrosPerDay;
  }), "JDW-P1-13"));
  EXPECT_TRUE(Has(After([](Schedule& s) {
    Stage(s, "pengumuman_pemenang").start = Stage(s, "penetapan").end + 2 * kMicrosPerDay;
  }), "JDW-P1-15"));
}

TEST_F(PascaSatuFile, JDW_P1_17_TheObjectionPeriodLastsFiveCalendarDays) {
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "sanggah").end = Stage(s, "sanggah").start + 4 * kMicrosPerDay; }), "JDW-P1-17"));
}

TEST_F(PascaSatuFile, JDW_P1_18_NoLetterOfAwardDuringTheObjectionPeriod) {
  EXPECT_TRUE(Has(After([](Schedule& s) { Stage(s, "sppbj").start = Stage(s, "sanggah").end - kMicrosPerHour; }), "JDW-P1-18"));
}

TEST_F(PascaSatuFile, StagesMustEndAfterTheyStartAndStayInOrder) {
  auto ids = After([](Schedule& s) { Stage(s, "evaluasi").end = Stage(s, "evaluasi").start; });
  EXPECT_TRUE(Has(ids, "schedule.end_before_start"));
  ids = After([](Schedule& s) { s.pop_back(); });
  EXPECT_TRUE(Has(ids, "schedule.stage_missing"));
}

TEST(PengadaanLangsung, ItsFiveStagesAndTheirRules) {
  const auto* p = Shipped().Find("pengadaan-langsung");
  ASSERT_NE(p, nullptr);
  Schedule s = ProposeSchedule(*p, Wib("2026-12-23", 15), Calendar());
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(Broken(*p, s), std::vector<std::string>{});
  // JDW-PL-05: negotiation in working hours (a Sunday is refused).
  Stage(s, "klarifikasi_negosiasi").start = Wib("2027-01-03", 10);
  auto ids = Broken(*p, s);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "JDW-PL-05"), ids.end());
}

// Every procedure of the catalogue, from several starting moments (a Friday
// evening, the day before Natal, a Monday morning): the proposal meets every
// rule of the procedure.
TEST(Catalogue, EveryProcedureProposesAScheduleThatMeetsAllItsRules) {
  ASSERT_GE(Shipped().procedures.size(), 6u);
  for (const auto& p : Shipped().procedures) {
    for (Micros start : {Wib("2026-12-04", 18), Wib("2026-12-23", 15), Wib("2027-01-04", 8)}) {
      Schedule s = ProposeSchedule(p, start, Calendar());
      EXPECT_EQ(Broken(p, s), std::vector<std::string>{}) << p.code;
      EXPECT_EQ(s.size(), p.stages.size()) << p.code;
    }
  }
}

// Every rule can fail: moving the stage it governs the wrong way is caught
// by that rule's id (a rule that could never fail would prove nothing).
TEST(Catalogue, EveryRuleRefusesTheScheduleThatBreaksIt) {
  using domain::RuleKind;
  for (const auto& p : Shipped().procedures) {
    const Schedule good = ProposeSchedule(p, Wib("2027-01-04", 9), Calendar());
    for (size_t i = 0; i < p.stages.size(); ++i) {
      for (const auto& r : p.stages[i].rules) {
        Schedule s = good;
        auto& me = s[i];
        switch (r.kind) {
          case RuleKind::kMinDuration: me.end = me.start + kMicrosPerHour; break;
          case RuleKind::kStartAfter: me.start = Stage(s, r.ref).start - kMicrosPerHour; break;
          case RuleKind::kStartWithin: me.start += 3 * kMicrosPerDay; me.end += 3 * kMicrosPerDay; break;
          case RuleKind::kEndAfter: me.end = Stage(s, r.ref).end + kMicrosPerHour; break;
          case RuleKind::kSameStart: me.start += kMicrosPerHour; break;
          case RuleKind::kEndsWith: me.end -= kMicrosPerHour; break;
          case RuleKind::kWorkingHours: me.start = Wib("2027-01-02", 10); break;  // a Saturday
          case RuleKind::kEndInWorkingHours: me.end = Wib("2027-01-10", 23); break;  // a Sunday night
        }
        const auto ids = Broken(p, s);
        EXPECT_NE(std::find(ids.begin(), ids.end(), r.id), ids.end()) << p.code << " " << r.id;
      }
    }
  }
}

TEST(PraDuaFile, JDW_PR2_22_ThePriceFileOpensOnlyAfterTheTechnicalResult) {
  const auto* p = Shipped().Find("tender-pra-dua-file");
  ASSERT_NE(p, nullptr);
  Schedule s = ProposeSchedule(*p, Wib("2027-01-04", 9), Calendar());
  EXPECT_GE(Stage(s, "pembukaan_harga").start, Stage(s, "pengumuman_teknis").start);
  Stage(s, "pembukaan_harga").start = Stage(s, "pembukaan_teknis").start;
  const auto ids = Broken(*p, s);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "JDW-PR2-22"), ids.end());
}

TEST(PraDuaFile, JDW_PR2_12_TheQualificationHasItsOwnFiveDayObjectionPeriod) {
  const auto* p = Shipped().Find("tender-pra-dua-file");
  ASSERT_NE(p, nullptr);
  Schedule s = ProposeSchedule(*p, Wib("2027-01-04", 9), Calendar());
  EXPECT_GE(Stage(s, "sanggah_kualifikasi").end - Stage(s, "sanggah_kualifikasi").start, 5 * kMicrosPerDay);
  EXPECT_GE(Stage(s, "download_dokumen").start, Stage(s, "sanggah_kualifikasi").end)
      << "the bid round opens after the qualification round's objections";
}

TEST(Catalogue, EveryRuleIdIsListedInDocsRules) {
  std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& p : Shipped().procedures) {
    for (const auto& st : p.stages) {
      for (const auto& r : st.rules) EXPECT_NE(doc.find(r.id), std::string::npos) << r.id;
    }
  }
}

TEST(CatalogueLoader, ABrokenCatalogueIsRefusedSayingWhere) {
  struct Case {
    std::string text, reason, where;
  };
  const std::string head =
      "[[procedure]]\ncode='x'\nmethod='tender'\nqualification='pascakualifikasi'\n"
      "envelope='satu_file'\nname='X'\nname_en='X'\ntypes=['barang']\n"
      "evaluations=['harga_terendah_gugur']\n";
  const std::string stage_a = "[[procedure.stage]]\ncode='a'\nname='A'\nname_en='A'\n";
  const std::string stage_b = "[[procedure.stage]]\ncode='b'\nname='B'\nname_en='B'\n";
  const std::string rule = "[[procedure.stage.rule]]\nid='R1'\ntext='t'\ntext_en='t'\n";
  // The procedures' evaluation method, defined after them.
  const std::string method =
      "[[evaluation]]\ncode='harga_terendah_gugur'\nname='H'\nname_en='H'\nkind='harga_terendah'\n"
      "[[evaluation.criterion]]\ncode='adm'\nstage='administrasi'\ntext='t'\ntext_en='t'\n";
  const Case cases[] = {
      {"[[procedure]\n", "catalogue.unreadable", ""},
      {head, "catalogue.field_invalid", "stage missing"},
      {head + stage_a + rule + "kind='sometimes'\n", "catalogue.field_invalid", "kind \"sometimes\" unknown"},
      {head + stage_a + rule + "kind='start_after'\nref='b'\n" + stage_b, "catalogue.ref_later", "x/a/R1"},
      {head + stage_a + rule + "kind='start_after'\nref='zz'\n", "catalogue.ref_unknown", "x/a/R1"},
      {head + stage_a + rule + "kind='min_duration'\n" + stage_b + rule + "kind='min_duration'\n",
       "catalogue.rule_id_duplicate", "x/b/R1"},
      {"[[procedure]]\ncode='x'\nmethod='tender'\nqualification='prakualifikasi'\nenvelope='satu_file'\n"
       "name='X'\nname_en='X'\ntypes=['barang']\nevaluations=['harga_terendah_gugur']\n" + stage_a,
       "catalogue.combination_forbidden", "x"},
      {head + stage_a + stage_a, "catalogue.stage_duplicate", "x/a"},
  };
  for (const Case& c : cases) {
    auto got = ParseCatalogue(c.text + method, "uji.toml");
    EXPECT_THAT(got, StatusIs(Code::kInvalidArgument, c.reason)) << c.text;
    if (!got.ok()) {
      EXPECT_NE(got.status().message().find(c.where), std::string::npos) << got.status().message();
    }
  }
  EXPECT_OK(ParseCatalogue(head + stage_a + rule + "kind='min_duration'\ndays=2\n" + method, "uji.toml").status());
  EXPECT_THAT(LoadCatalogue("/nonexistent/procedures.toml"),
              StatusIs(Code::kInvalidArgument, "catalogue.unreadable"));
}

}  // namespace
}  // namespace spse::catalog
