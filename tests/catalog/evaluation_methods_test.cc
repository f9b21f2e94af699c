// The evaluation methods of the shipped catalogue (web/catalogue/procedures.toml,
// [[evaluation]]): every procedure's method is defined, each method is what
// docs/rules.md says, and a broken method stops the server saying where.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "catalog/catalogue_loader.h"
#include "domain/evaluation.h"
#include "domain/tender.h"
#include "testing/status_matchers.h"

namespace spse::catalog {
namespace {

using domain::EvalStage;
using domain::EvaluationKind;
using domain::EvaluationSpec;
using domain::TieBreak;

const domain::Catalogue& Shipped() {
  static const domain::Catalogue c = [] {
    auto loaded = LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : domain::Catalogue();
  }();
  return c;
}

const EvaluationSpec& Method(std::string_view code) {
  const EvaluationSpec* m = Shipped().FindEvaluation(code);
  if (m == nullptr) {
    ADD_FAILURE() << "no method " << code;
    static const EvaluationSpec none;
    return none;
  }
  return *m;
}

int TechnicalWeights(const EvaluationSpec& m) {
  int sum = 0;
  for (const auto& c : m.criteria) {
    if (c.stage == EvalStage::kTechnical) sum += c.weight;
  }
  return sum;
}

TEST(EvaluationCatalogue, EveryProceduresMethodIsDefinedWithTheNameTheAnnouncementShows) {
  ASSERT_EQ(Shipped().evaluations.size(), 8u);
  for (const auto& p : Shipped().procedures) {
    for (const auto& word : p.evaluations) {
      const EvaluationSpec* m = Shipped().FindEvaluation(word);
      ASSERT_NE(m, nullptr) << p.code << " " << word;
      EXPECT_EQ(m->name_id, domain::EvaluationName(word));
    }
  }
  EXPECT_EQ(Shipped().FindEvaluation("undian"), nullptr);
}

TEST(EvaluationCatalogue, TheMethodsRankAsTheRegulationSays) {
  const auto& gugur = Method("harga_terendah_gugur");
  EXPECT_EQ(gugur.kind, EvaluationKind::kLowestPrice);
  EXPECT_FALSE(gugur.Scored());
  EXPECT_TRUE(gugur.price_above_hps_fails);
  EXPECT_EQ(gugur.qualified_ranks, 3);
  EXPECT_EQ(gugur.tie_break, std::vector<TieBreak>{TieBreak::kEarlierSubmission});
  ASSERT_NE(gugur.FindCriterion("adm-surat-penawaran"), nullptr);
  EXPECT_EQ(gugur.FindCriterion("adm-surat-penawaran")->stage, EvalStage::kAdministration);
  EXPECT_EQ(gugur.FindCriterion("kua-daftar-hitam")->stage, EvalStage::kQualification);

  const auto& nilai = Method("sistem_nilai");
  EXPECT_EQ(nilai.kind, EvaluationKind::kCombined);
  EXPECT_EQ(nilai.technical_weight, 70);
  EXPECT_EQ(nilai.pass_mark, 70);
  EXPECT_EQ(TechnicalWeights(nilai), 100);
  EXPECT_EQ(nilai.tie_break, (std::vector<TieBreak>{TieBreak::kTechnicalScore, TieBreak::kEarlierSubmission}));
  EXPECT_EQ(Method("kualitas_biaya").technical_weight, 80);
  EXPECT_EQ(Method("harga_terendah_ambang_batas").kind, EvaluationKind::kThreshold);
  EXPECT_EQ(Method("biaya_terendah").kind, EvaluationKind::kThreshold);
  EXPECT_EQ(Method("kualitas").kind, EvaluationKind::kQuality);
  EXPECT_FALSE(Method("kualitas").price_above_hps_fails);
  EXPECT_EQ(Method("pagu_anggaran").kind, EvaluationKind::kBudgetCeiling);
  EXPECT_FALSE(Method("pagu_anggaran").price_above_hps_fails);

  const auto& umur = Method("umur_ekonomis");
  EXPECT_EQ(umur.kind, EvaluationKind::kLifeCycle);
  const auto* cost = umur.FindCriterion("biaya-umur-ekonomis");
  ASSERT_NE(cost, nullptr);
  EXPECT_TRUE(cost->amount);
  EXPECT_EQ(cost->stage, EvalStage::kPrice);
}

// The shipped sistem nilai, judged: Alfa scores 80 on every technical
// criterion (80.00), Beta 70 (70.00, exactly the pass mark) and is cheaper.
// HPS 1.000 juta; Alfa 900 juta, Beta 810 juta. Price scores: Beta 100.00,
// Alfa 810/900 x 100 = 90.00. Totals: Alfa 70% x 80 + 30% x 90 = 56 + 27 =
// 83.00; Beta 70% x 70 + 30% x 100 = 49 + 30 = 79.00. Alfa wins.
TEST(EvaluationCatalogue, TheShippedSistemNilaiRanksAWorkedExample) {
  const auto& m = Method("sistem_nilai");
  auto bidder = [&](std::int64_t id, std::int64_t price, int score) {
    domain::BidderFacts f;
    f.vendor_id = id;
    f.company_name = "PT " + std::to_string(id);
    f.price = domain::PriceCorrection{price, price, false, {}, {}};
    f.proof_passed = true;
    std::int64_t next = id * 100;
    for (const auto& c : m.criteria) {
      domain::Judgement j;
      j.id = ++next;
      j.vendor_id = id;
      j.criterion = c.code;
      j.pass = true;
      j.score = c.weight > 0 ? score : 0;
      f.agreed.push_back(j);
    }
    return f;
  };
  domain::EvaluationContext ctx;
  ctx.method = &m;
  ctx.hps = Money::FromRupiah(1'000'000'000);
  ctx.pagu = ctx.hps;
  const auto o = domain::Evaluate(ctx, {bidder(1, 900'000'000, 80), bidder(2, 810'000'000, 70)});
  ASSERT_TRUE(o.complete);
  EXPECT_EQ(o.winner_vendor_id, 1);
  ASSERT_EQ(o.bidders.size(), 2u);
  EXPECT_EQ(o.bidders[0].total_score, 8300);
  EXPECT_EQ(o.bidders[0].price_score, 9000);
  EXPECT_EQ(o.bidders[1].total_score, 7900);
  EXPECT_EQ(o.bidders[1].technical_score, 7000);
}

TEST(EvaluationCatalogue, EveryMethodAndEvaluationRuleIsListedInDocsRules) {
  std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& m : Shipped().evaluations) {
    EXPECT_NE(doc.find("(`" + m.code + "`)"), std::string::npos) << m.code;
    for (const auto& c : m.criteria) EXPECT_NE(doc.find("| " + c.code + " |"), std::string::npos) << c.code;
  }
  for (int i = 1; i <= 12; ++i) {
    const std::string id = (i < 10 ? "EVL-0" : "EVL-") + std::to_string(i);
    EXPECT_NE(doc.find("| " + id + " |"), std::string::npos) << id;
  }
}

TEST(EvaluationCatalogue, ABrokenMethodIsRefusedSayingWhere) {
  struct Case {
    std::string text, reason, where;
  };
  const std::string procedure =
      "[[procedure]]\ncode='x'\nmethod='tender'\nqualification='pascakualifikasi'\n"
      "envelope='satu_file'\nname='X'\nname_en='X'\ntypes=['barang']\n"
      "evaluations=['m']\n[[procedure.stage]]\ncode='a'\nname='A'\nname_en='A'\n";
  const std::string head = "[[evaluation]]\ncode='m'\nname='M'\nname_en='M'\n";
  auto crit = [](std::string code, std::string stage, std::string extra = "") {
    return "[[evaluation.criterion]]\ncode='" + code + "'\nstage='" + stage +
           "'\ntext='t'\ntext_en='t'\n" + extra;
  };
  const std::string adm = crit("adm", "administrasi");
  const Case cases[] = {
      {procedure, "catalogue.evaluation_unknown", "x/m"},
      {procedure + head + "kind='undian'\n" + adm, "catalogue.field_invalid", "kind \"undian\" unknown"},
      {procedure + head + "kind='harga_terendah'\ntie_break=['lotre']\n" + adm, "catalogue.field_invalid",
       "tie_break \"lotre\" unknown"},
      {procedure + head + "kind='harga_terendah'\n" + crit("adm", "awal"), "catalogue.field_invalid",
       "evaluation m/adm: stage \"awal\" unknown"},
      {procedure + head + "kind='harga_terendah'\n", "catalogue.evaluation_invalid", "evaluation m/criteria"},
      {procedure + head + "kind='harga_terendah'\n" + adm + adm, "catalogue.criterion_repeated", "evaluation m/adm"},
      {procedure + head + "kind='harga_terendah'\n[[evaluation.criterion]]\ncode='adm'\nstage='administrasi'\n"
       "text='t'\ntext_en=''\n", "catalogue.text_required", "evaluation m/adm"},
      {procedure + head + "kind='nilai'\ntechnical_weight=70\n" + adm + crit("t1", "teknis", "weight=60\n") +
           crit("t2", "teknis", "weight=30\n"),
       "catalogue.weights_invalid", "evaluation m"},
      {procedure + head + "kind='ambang_batas'\n" + adm + crit("t1", "teknis", "weight=100\n") + crit("t2", "teknis"),
       "catalogue.weights_invalid", "evaluation m/t2"},
      {procedure + head + "kind='harga_terendah'\n" + adm + crit("t1", "teknis", "weight=100\n"),
       "catalogue.weights_invalid", "evaluation m/t1"},
      {procedure + head + "kind='nilai'\ntechnical_weight=100\n" + adm + crit("t1", "teknis", "weight=100\n"),
       "catalogue.evaluation_invalid", "technical_weight"},
      {procedure + head + "kind='ambang_batas'\npass_mark=101\n" + adm + crit("t1", "teknis", "weight=100\n"),
       "catalogue.evaluation_invalid", "pass_mark"},
      {procedure + head + "kind='harga_terendah'\nqualified_ranks=0\n" + adm, "catalogue.evaluation_invalid",
       "qualified_ranks"},
      {procedure + head + "kind='umur_ekonomis'\n" + adm, "catalogue.evaluation_invalid", "evaluation m/amount"},
      {procedure + head + "kind='harga_terendah'\n" + adm + crit("biaya", "harga", "amount=true\n"),
       "catalogue.evaluation_invalid", "evaluation m/amount"},
      {procedure + head + "kind='umur_ekonomis'\n" + adm + crit("biaya", "teknis", "amount=true\n"),
       "catalogue.evaluation_invalid", "evaluation m/biaya"},
      {procedure + head + "kind='harga_terendah'\n" + adm + head + "kind='harga_terendah'\n" + adm,
       "catalogue.code_duplicate", "evaluation m"},
  };
  for (const Case& c : cases) {
    auto got = ParseCatalogue(c.text, "uji.toml");
    EXPECT_THAT(got, StatusIs(Code::kInvalidArgument, c.reason)) << c.text;
    if (!got.ok()) {
      EXPECT_NE(got.status().message().find(c.where), std::string::npos) << got.status().message();
    }
  }
  ASSERT_OK_AND_ASSIGN(
      domain::Catalogue ok,
      ParseCatalogue(procedure + head + "kind='umur_ekonomis'\n" + adm + crit("biaya", "harga", "amount=true\n"),
                     "uji.toml"));
  ASSERT_EQ(ok.evaluations.size(), 1u);
  const EvaluationSpec& m = ok.evaluations[0];
  EXPECT_EQ(m.pass_mark, 0);
  EXPECT_TRUE(m.price_above_hps_fails) << "the default";
  EXPECT_EQ(m.qualified_ranks, 3);
  EXPECT_TRUE(m.tie_break.empty());
  EXPECT_TRUE(m.FindCriterion("biaya")->amount);
}

TEST(EvaluationCatalogue, EachProcedureDecidesAndAnnouncesInItsOwnStages) {
  const auto* pasca = Shipped().Find("tender-pasca-satu-file");
  ASSERT_NE(pasca, nullptr);
  EXPECT_EQ(pasca->award_stage, "penetapan");
  EXPECT_EQ(pasca->announce_stage, "pengumuman_pemenang");
  // Non-tender: decided after the negotiation and announced with the decision.
  for (const char* code : {"pengadaan-langsung", "penunjukan-langsung"}) {
    const auto* p = Shipped().Find(code);
    ASSERT_NE(p, nullptr) << code;
    EXPECT_EQ(p->award_stage, "klarifikasi_negosiasi") << code;
    EXPECT_EQ(p->announce_stage, "klarifikasi_negosiasi") << code;
  }
  const auto* cepat = Shipped().Find("tender-cepat");
  ASSERT_NE(cepat, nullptr);
  EXPECT_EQ(cepat->award_stage, "penetapan");
  EXPECT_EQ(cepat->announce_stage, "penetapan");

  const std::string procedure =
      "[[procedure]]\ncode='x'\nmethod='tender'\nqualification='pascakualifikasi'\n"
      "envelope='satu_file'\nname='X'\nname_en='X'\ntypes=['barang']\nevaluations=['m']\n";
  const std::string stages =
      "[[procedure.stage]]\ncode='penetapan'\nname='P'\nname_en='P'\n"
      "[[procedure.stage]]\ncode='pengumuman_pemenang'\nname='U'\nname_en='U'\n";
  const std::string method =
      "[[evaluation]]\ncode='m'\nname='M'\nname_en='M'\nkind='harga_terendah'\n"
      "[[evaluation.criterion]]\ncode='adm'\nstage='administrasi'\ntext='t'\ntext_en='t'\n";
  EXPECT_THAT(ParseCatalogue(procedure + "award_stage='tidak_ada'\n" + stages + method, "uji.toml"),
              StatusIs(Code::kInvalidArgument, "catalogue.award_stage_invalid"));
  EXPECT_THAT(ParseCatalogue(procedure + "award_stage='pengumuman_pemenang'\nannounce_stage='penetapan'\n" +
                                 stages + method,
                             "uji.toml"),
              StatusIs(Code::kInvalidArgument, "catalogue.award_stage_invalid"));
  ASSERT_OK_AND_ASSIGN(domain::Catalogue ok, ParseCatalogue(procedure + stages + method, "uji.toml"));
  EXPECT_EQ(ok.procedures[0].award_stage, "penetapan");
  EXPECT_EQ(ok.procedures[0].announce_stage, "pengumuman_pemenang");
}

}  // namespace
}  // namespace spse::catalog

namespace spse::catalog {
namespace {

TEST(ObjectionCatalogue, SGH_02_SGH_04_EveryProcedureWithASanggahStageAnswersAndAppealsAsTheRulesSay) {
  int with_sanggah = 0;
  for (const auto& p : Shipped().procedures) {
    const bool sanggah = std::any_of(p.stages.begin(), p.stages.end(),
                                     [](const auto& s) { return s.code == "sanggah"; });
    if (!sanggah) {
      EXPECT_EQ(p.objection_answer_working_days, 0) << p.code;
      EXPECT_TRUE(p.appeal_types.empty()) << p.code;
      continue;
    }
    ++with_sanggah;
    EXPECT_EQ(p.objection_answer_working_days, 3) << p.code;
    EXPECT_EQ(p.appeal_types, std::vector<std::string>{"konstruksi"}) << p.code;
    EXPECT_EQ(p.appeal_days, 5) << p.code;
    EXPECT_EQ(p.appeal_guarantee_permille, 10) << p.code;
  }
  EXPECT_EQ(with_sanggah, 3);
}

TEST(ObjectionCatalogue, SGH_04_BrokenObjectionFieldsAreRefusedSayingWhere) {
  const std::string head =
      "[[procedure]]\ncode='x'\nmethod='tender'\nqualification='pascakualifikasi'\n"
      "envelope='satu_file'\nname='X'\nname_en='X'\ntypes=['barang']\n"
      "evaluations=['m']\n";
  const std::string stages_with = "[[procedure.stage]]\ncode='sanggah'\nname='S'\nname_en='S'\n";
  const std::string stages_without = "[[procedure.stage]]\ncode='a'\nname='A'\nname_en='A'\n";
  const std::string method =
      "[[evaluation]]\ncode='m'\nname='M'\nname_en='M'\nkind='harga_terendah'\n"
      "[[evaluation.criterion]]\ncode='adm'\nstage='administrasi'\ntext='t'\ntext_en='t'\n";
  struct Case {
    std::string fields, stages, where;
  };
  const Case cases[] = {
      {"", stages_with, "objection_answer_working_days"},
      {"objection_answer_working_days=3\n", stages_without, "no sanggah stage"},
      {"objection_answer_working_days=3\nappeal_types=['jalan']\n", stages_with, "appeal_types jalan"},
      {"objection_answer_working_days=3\nappeal_types=['konstruksi']\n", stages_with, "appeal_days"},
      {"objection_answer_working_days=3\nappeal_days=5\n", stages_with, "appeal without"},
  };
  for (const Case& c : cases) {
    auto got = ParseCatalogue(head + c.fields + c.stages + method, "uji.toml");
    EXPECT_THAT(got, StatusIs(Code::kInvalidArgument, "catalogue.objection_invalid")) << c.fields;
    if (!got.ok()) {
      EXPECT_NE(got.status().message().find(c.where), std::string::npos) << got.status().message();
    }
  }
  ASSERT_OK(ParseCatalogue(head +
                               "objection_answer_working_days=3\nappeal_types=['konstruksi']\n"
                               "appeal_days=5\nappeal_guarantee_permille=10\n" +
                               stages_with + method,
                           "uji.toml")
                .status());
}

}  // namespace
}  // namespace spse::catalog

namespace spse::catalog {
namespace {

TEST(ObjectionCatalogue, EveryObjectionRuleIsListedInDocsRules) {
  std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (int i = 1; i <= 5; ++i) {
    const std::string id = "SGH-0" + std::to_string(i);
    EXPECT_NE(doc.find("| " + id + " |"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace spse::catalog
