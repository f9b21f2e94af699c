// The evaluation rules (domain/evaluation.h, EVL-* in docs/rules.md):
// judgements, arithmetic correction, every evaluation method's ranking,
// ties, the HPS and pagu, the qualification walk and the stage windows.
// Every worked example's numbers are written out in the comments.
#include "domain/evaluation.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

// --- Methods, as the catalogue defines them (web/catalogue/procedures.toml) ---

Criterion Crit(std::string code, EvalStage stage, int weight = 0, bool amount = false) {
  Criterion c;
  c.code = std::move(code);
  c.stage = stage;
  c.text_id = c.code;
  c.text_en = c.code;
  c.weight = weight;
  c.amount = amount;
  return c;
}

// Pass/fail administration and qualification; `technical` as given.
EvaluationSpec Method(EvaluationKind kind, std::vector<Criterion> technical, int pass_mark = 0) {
  EvaluationSpec m;
  m.code = std::string(EvaluationKindWord(kind));
  m.kind = kind;
  m.pass_mark = pass_mark;
  m.criteria.push_back(Crit("adm-surat-penawaran", EvalStage::kAdministration));
  for (Criterion& c : technical) m.criteria.push_back(std::move(c));
  m.criteria.push_back(Crit("kua-nib", EvalStage::kQualification));
  if (kind == EvaluationKind::kLowestPrice || kind == EvaluationKind::kLifeCycle) {
    m.tie_break = {TieBreak::kEarlierSubmission};
  } else {
    m.tie_break = {TieBreak::kTechnicalScore, TieBreak::kEarlierSubmission};
  }
  if (kind == EvaluationKind::kQuality || kind == EvaluationKind::kBudgetCeiling) {
    m.price_above_hps_fails = false;
  }
  return m;
}

EvaluationSpec Gugur() {
  return Method(EvaluationKind::kLowestPrice, {Crit("tek-spesifikasi", EvalStage::kTechnical)});
}

// Scored technical: metode 40%, personel 60%.
EvaluationSpec ScoredMethod(EvaluationKind kind, int technical_weight = 0) {
  EvaluationSpec m = Method(kind,
                            {Crit("tek-metode", EvalStage::kTechnical, 40),
                             Crit("tek-personel", EvalStage::kTechnical, 60)},
                            70);
  m.technical_weight = technical_weight;
  return m;
}

EvaluationSpec LifeCycle() {
  EvaluationSpec m = Gugur();
  m.kind = EvaluationKind::kLifeCycle;
  m.criteria.push_back(Crit("biaya-umur-ekonomis", EvalStage::kPrice, 0, true));
  return m;
}

// --- Bidders ---

std::int64_t next_judgement_id = 1;

class ABidder {
 public:
  ABidder(std::int64_t id, std::string name) {
    f_.vendor_id = id;
    f_.company_name = std::move(name);
    f_.submitted_at = 1000 + id;
  }
  // The stated price, and the corrected one when it differs.
  ABidder& Price(std::int64_t stated, std::optional<std::int64_t> corrected = std::nullopt) {
    PriceCorrection p;
    p.stated_rupiah = stated;
    p.corrected_rupiah = corrected.value_or(stated);
    f_.price = p;
    return *this;
  }
  ABidder& SubmittedAt(Micros at) {
    f_.submitted_at = at;
    return *this;
  }
  // Every pass/fail criterion of `m` passed, qualification and proof too.
  ABidder& PassesAll(const EvaluationSpec& m) {
    for (const Criterion& c : m.criteria) {
      if (c.weight == 0 && !c.amount) Add(c.code, true);
    }
    f_.proof_passed = true;
    return *this;
  }
  ABidder& Fails(const std::string& criterion, const std::string& reason) {
    Add(criterion, false).reason = reason;
    return *this;
  }
  ABidder& Scores(const std::string& criterion, int score) {
    Add(criterion, true).score = score;
    return *this;
  }
  // Metode and personel scores of ScoredMethod.
  ABidder& Scores(int metode, int personel) { return Scores("tek-metode", metode).Scores("tek-personel", personel); }
  ABidder& Amount(const std::string& criterion, std::int64_t rupiah) {
    Add(criterion, true).amount_rupiah = rupiah;
    return *this;
  }
  ABidder& Proof(std::optional<bool> passed, std::string reason = "") {
    f_.proof_passed = passed;
    f_.proof_reason = std::move(reason);
    return *this;
  }
  ABidder& Without(const std::string& criterion) {
    std::erase_if(f_.agreed, [&](const Judgement& j) { return j.criterion == criterion; });
    return *this;
  }
  operator BidderFacts() const { return f_; }  // NOLINT: a builder

 private:
  Judgement& Add(const std::string& criterion, bool pass) {
    Judgement j;
    j.id = next_judgement_id++;
    j.vendor_id = f_.vendor_id;
    j.criterion = criterion;
    j.pass = pass;
    f_.agreed.push_back(j);
    return f_.agreed.back();
  }
  BidderFacts f_;
};

constexpr std::int64_t kMillion = 1'000'000;

EvaluationContext Context(const EvaluationSpec& m, std::int64_t hps_rupiah = 1000 * kMillion,
                          std::int64_t pagu_rupiah = 1100 * kMillion) {
  EvaluationContext ctx;
  ctx.method = &m;
  ctx.hps = Money::FromRupiah(hps_rupiah);
  ctx.pagu = Money::FromRupiah(pagu_rupiah);
  return ctx;
}

const BidderResult& Of(const EvaluationOutcome& o, std::int64_t vendor) {
  for (const BidderResult& r : o.bidders) {
    if (r.vendor_id == vendor) return r;
  }
  ADD_FAILURE() << "no bidder " << vendor;
  return o.bidders.front();
}

std::vector<std::int64_t> Order(const EvaluationOutcome& o) {
  std::vector<std::int64_t> ids;
  for (const BidderResult& r : o.bidders) ids.push_back(r.vendor_id);
  return ids;
}

// --- EVL-02: judgements ---

TEST(EvaluationTest, EVL_02_AJudgementFitsItsCriterion) {
  const EvaluationSpec m = LifeCycle();
  const EvaluationSpec scored = ScoredMethod(EvaluationKind::kThreshold);
  Judgement j;
  j.criterion = "adm-surat-penawaran";
  j.pass = true;
  EXPECT_OK(CheckJudgement(m, j));
  j.criterion = "adm-tidak-ada";
  EXPECT_THAT(CheckJudgement(m, j), StatusIs(Code::kInvalidArgument, "evaluation.criterion_unknown"));

  j.criterion = "adm-surat-penawaran";
  j.pass = false;
  j.reason = "  ";
  EXPECT_THAT(CheckJudgement(m, j), StatusIs(Code::kInvalidArgument, "evaluation.reason_required"));
  j.reason = "Surat penawaran tidak ditandatangani";
  EXPECT_OK(CheckJudgement(m, j));
  j.reason = std::string(1001, 'x');
  EXPECT_THAT(CheckJudgement(m, j), StatusIs(Code::kInvalidArgument, "evaluation.too_long"));

  Judgement s;
  s.criterion = "tek-metode";
  s.pass = true;
  s.score = 100;
  EXPECT_OK(CheckJudgement(scored, s));
  s.score = 101;
  EXPECT_THAT(CheckJudgement(scored, s), StatusIs(Code::kInvalidArgument, "evaluation.score_invalid"));
  s.score = -1;
  EXPECT_THAT(CheckJudgement(scored, s), StatusIs(Code::kInvalidArgument, "evaluation.score_invalid"));
  s.score = 50;
  s.pass = false;  // a scored criterion is scored, not failed
  EXPECT_THAT(CheckJudgement(scored, s), StatusIs(Code::kInvalidArgument, "evaluation.score_invalid"));

  Judgement a;
  a.criterion = "biaya-umur-ekonomis";
  a.pass = true;
  a.amount_rupiah = -1'000'000'000'000'000;  // the residual value may exceed the costs
  EXPECT_OK(CheckJudgement(m, a));
  a.amount_rupiah = 1'000'000'000'000'001;
  EXPECT_THAT(CheckJudgement(m, a), StatusIs(Code::kInvalidArgument, "evaluation.amount_invalid"));
}

TEST(EvaluationTest, TheLatestJudgementPerBidderCriterionAndMemberCounts) {
  auto J = [](std::int64_t id, std::int64_t vendor, std::string criterion, std::int64_t member, bool pass) {
    Judgement j;
    j.id = id;
    j.vendor_id = vendor;
    j.criterion = std::move(criterion);
    j.member_id = member;
    j.pass = pass;
    return j;
  };
  const std::vector<Judgement> all = {J(1, 7, "adm", 3, false), J(2, 7, "adm", 0, false),
                                      J(3, 7, "adm", 3, true),  J(4, 8, "adm", 0, true),
                                      J(5, 7, "tek", 0, true),  J(6, 7, "adm", 0, true)};
  const auto current = CurrentJudgements(all);
  std::vector<std::int64_t> ids;
  for (const Judgement& j : current) ids.push_back(j.id);
  // Member 3 on vendor 7's adm: 3 replaces 1; the agreed one: 6 replaces 2.
  EXPECT_EQ(ids, (std::vector<std::int64_t>{3, 4, 5, 6}));
}

// --- EVL-03: arithmetic correction ---

std::vector<HpsLine> Hps() {
  auto L = [](std::string d, std::string u, std::int64_t q, std::int64_t sen) {
    HpsLine l;
    l.description = std::move(d);
    l.unit = std::move(u);
    l.quantity = q;
    l.unit_price = Money::FromSen(sen);
    return l;
  };
  return {L("Semen Portland", "zak", 10000, 6'500'000),  // 100.00 zak x Rp 65.000
          L("Pasir beton", "m3", 2550, 25'000'050),      // 25.50 m3 x Rp 250.000,50
          L("Besi beton", "kg", 50025, 1'500'000),       // 500.25 kg x Rp 15.000
          L("Bekisting", "m2", 250, 450'000)};           // 2.50 m2 x Rp 4.500
}

PricedLine Priced(std::string d, std::int64_t q, std::int64_t price) {
  PricedLine l;
  l.description = std::move(d);
  l.unit = "-";
  l.quantity = q;
  l.unit_price_rupiah = price;
  return l;
}

TEST(EvaluationTest, EVL_03_TheUnitPricedBillIsRecomputedWithTheHpsQuantities) {
  PriceForm f;
  f.price_rupiah = 14'000'000;
  f.items = {Priced("Semen Portland", 9000, 64'000),  // 90 zak instead of 100
             Priced("Kawat bendrat", 1000, 20'000),   // not in the HPS
             Priced("Jasa angkut", 100, 500'000),     // not in the HPS
             Priced(" besi BETON ", 50025, 16'555),   // found by description
             Priced("Bekisting", 250, 4'321)};
  // Pasir beton is not priced.
  ASSERT_OK_AND_ASSIGN(PriceCorrection c, CorrectPrice(f, Hps(), "harga_satuan"));
  EXPECT_TRUE(c.recomputed);
  EXPECT_EQ(c.stated_rupiah, 14'000'000);
  ASSERT_EQ(c.lines.size(), 4u);
  // Semen: the vendor's 90.00 x 64.000 = 5.760.000; the HPS's 100.00 x 64.000 = 6.400.000.
  EXPECT_EQ(c.lines[0].offered_quantity, 9000);
  EXPECT_EQ(c.lines[0].offered_total_rupiah, 5'760'000);
  EXPECT_EQ(c.lines[0].total_rupiah, 6'400'000);
  EXPECT_TRUE(c.lines[0].quantity_adjusted);
  EXPECT_FALSE(c.lines[0].unbalanced) << "64.000 is below 110% of 65.000 (71.500)";
  // Pasir: missing, counts 0; the HPS unit price 250.000,50 shows as 250.001 (half up).
  EXPECT_TRUE(c.lines[1].missing);
  EXPECT_FALSE(c.lines[1].offered_quantity.has_value());
  EXPECT_EQ(c.lines[1].total_rupiah, 0);
  EXPECT_EQ(c.lines[1].hps_unit_price_rupiah, 250'001);
  // Besi: 500.25 x 16.555 = 8.281.638,75 -> 8.281.639; 16.555 > 110% of 15.000 (16.500): timpang.
  EXPECT_EQ(c.lines[2].total_rupiah, 8'281'639);
  EXPECT_FALSE(c.lines[2].quantity_adjusted);
  EXPECT_TRUE(c.lines[2].unbalanced);
  EXPECT_EQ(c.lines[2].description, "Besi beton") << "the HPS's wording";
  // Bekisting: 2.50 x 4.321 = 10.802,50 -> 10.803 (half up).
  EXPECT_EQ(c.lines[3].total_rupiah, 10'803);
  EXPECT_EQ(c.extra_lines, (std::vector<std::string>{"Kawat bendrat", "Jasa angkut"}));
  // 6.400.000 + 0 + 8.281.639 + 10.803 = 14.692.442: higher than the 14.000.000 written.
  EXPECT_EQ(c.corrected_rupiah, 14'692'442);
}

TEST(EvaluationTest, EVL_03_ExactlyTenPercentAboveTheHpsUnitPriceIsNotUnbalanced) {
  PriceForm f;
  f.price_rupiah = 1;
  f.items = {Priced("Semen Portland", 10000, 71'500)};  // exactly 110% of 65.000
  ASSERT_OK_AND_ASSIGN(PriceCorrection c, CorrectPrice(f, {Hps()[0]}, "gabungan"));
  EXPECT_FALSE(c.lines[0].unbalanced);
  EXPECT_EQ(c.corrected_rupiah, 7'150'000);
  f.items[0].unit_price_rupiah = 71'501;
  ASSERT_OK_AND_ASSIGN(c, CorrectPrice(f, {Hps()[0]}, "gabungan"));
  EXPECT_TRUE(c.lines[0].unbalanced);
}

TEST(EvaluationTest, EVL_03_LumpSumAndFormsWithoutLinesKeepTheStatedPrice) {
  PriceForm f;
  f.price_rupiah = 14'000'000;
  f.items = {Priced("Semen Portland", 9000, 64'000)};
  ASSERT_OK_AND_ASSIGN(PriceCorrection c, CorrectPrice(f, Hps(), "lumsum"));
  EXPECT_FALSE(c.recomputed);
  EXPECT_EQ(c.corrected_rupiah, 14'000'000);
  EXPECT_TRUE(c.lines.empty());
  f.items.clear();
  ASSERT_OK_AND_ASSIGN(c, CorrectPrice(f, Hps(), "harga_satuan"));
  EXPECT_FALSE(c.recomputed);
  EXPECT_EQ(c.corrected_rupiah, 14'000'000);
}

TEST(EvaluationTest, EVL_03_AnOverflowingLineIsRefused) {
  PriceForm f;
  f.price_rupiah = 1;
  f.items = {Priced("Semen Portland", 1, 999'999'999'999'999)};
  std::vector<HpsLine> hps = {Hps()[0]};
  hps[0].quantity = 10'000'000;  // 100.000 zak x 10^15: beyond 2^63
  EXPECT_THAT(CorrectPrice(f, hps, "harga_satuan"), StatusIs(Code::kInvalidArgument, "evaluation.overflow"));
}

// --- EVL-04, EVL-06: harga terendah sistem gugur ---

TEST(EvaluationTest, EVL_04_06_GugurTheLowestCorrectedPriceOfThoseThatPassWins) {
  const EvaluationSpec m = Gugur();
  // Alfa wrote 920 juta, corrected 975 juta; Beta wrote the lowest, 900 juta,
  // but its bid letter is not signed; Cahaya wrote 940 juta, correct.
  const auto o = Evaluate(Context(m), {ABidder(11, "PT Alfa").Price(920 * kMillion, 975 * kMillion).PassesAll(m),
                                       ABidder(12, "PT Beta").Price(900 * kMillion).PassesAll(m)
                                           .Fails("adm-surat-penawaran", "Surat penawaran tidak ditandatangani"),
                                       ABidder(13, "CV Cahaya").Price(940 * kMillion).PassesAll(m)});
  EXPECT_TRUE(o.complete);
  EXPECT_EQ(o.winner_vendor_id, 13);
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{13, 11, 12}));
  EXPECT_EQ(Of(o, 13).rank, 1);
  EXPECT_TRUE(Of(o, 13).winner);
  EXPECT_EQ(Of(o, 13).evaluated_price_rupiah, 940 * kMillion);
  EXPECT_EQ(Of(o, 11).rank, 2);
  EXPECT_EQ(Of(o, 11).reserve, 1);
  EXPECT_EQ(Of(o, 11).stated_price_rupiah, 920 * kMillion);
  EXPECT_EQ(Of(o, 11).evaluated_price_rupiah, 975 * kMillion);
  const BidderResult& beta = Of(o, 12);
  EXPECT_EQ(beta.administration, StageOutcome::kFailed);
  EXPECT_EQ(beta.technical, StageOutcome::kNotEvaluated);
  EXPECT_EQ(beta.price, StageOutcome::kNotEvaluated);
  EXPECT_EQ(beta.rank, 0);
  EXPECT_EQ(beta.fail_reason, "administrasi: Surat penawaran tidak ditandatangani");
  EXPECT_EQ(o.failure, "");
}

TEST(EvaluationTest, EVL_04_EveryFailingCriterionIsNamedAndNoneMayBeMissing) {
  EvaluationSpec m = Gugur();
  m.criteria.insert(m.criteria.begin() + 1, Crit("adm-jaminan", EvalStage::kAdministration));
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(900 * kMillion).PassesAll(m)
                                           .Fails("adm-surat-penawaran", "Tidak ditandatangani")
                                           .Fails("adm-jaminan", "Jaminan tidak sah")});
  EXPECT_EQ(Of(o, 1).fail_reason, "administrasi: Tidak ditandatangani; administrasi: Jaminan tidak sah");
  EXPECT_TRUE(o.complete);
  EXPECT_EQ(o.failure, "evaluation.none_passed");
}

TEST(EvaluationTest, EVL_04_APendingJudgementLeavesTheOutcomeIncomplete) {
  const EvaluationSpec m = Gugur();
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(900 * kMillion).PassesAll(m),
                                       ABidder(2, "PT Beta").Price(950 * kMillion).PassesAll(m)
                                           .Without("tek-spesifikasi")});
  EXPECT_FALSE(o.complete);
  EXPECT_FALSE(o.winner_vendor_id.has_value());
  EXPECT_EQ(o.failure, "");
  EXPECT_EQ(Of(o, 2).administration, StageOutcome::kPassed);
  EXPECT_EQ(Of(o, 2).technical, StageOutcome::kPending);
  EXPECT_EQ(Of(o, 2).price, StageOutcome::kPending);
  EXPECT_EQ(Of(o, 1).rank, 0) << "no ranking while a bidder could still rank";
  EXPECT_FALSE(Of(o, 1).winner);
  // A bidder that already failed waits for nothing.
  const auto failed = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(900 * kMillion).PassesAll(m),
                                            ABidder(2, "PT Beta").Price(950 * kMillion).PassesAll(m)
                                                .Without("tek-spesifikasi")
                                                .Fails("adm-surat-penawaran", "Tidak ditandatangani")});
  EXPECT_TRUE(failed.complete);
  EXPECT_EQ(failed.winner_vendor_id, 1);
}

TEST(EvaluationTest, EVL_04_NoBidsFailsTheSelection) {
  const EvaluationSpec m = Gugur();
  const auto o = Evaluate(Context(m), {});
  EXPECT_TRUE(o.complete);
  EXPECT_FALSE(o.winner_vendor_id.has_value());
  EXPECT_EQ(o.failure, "evaluation.no_bids");
}

// --- EVL-05: the price against the HPS and the pagu ---

TEST(EvaluationTest, EVL_05_ExactlyTheHpsPassesOneRupiahAboveFails) {
  const EvaluationSpec m = Gugur();
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(1000 * kMillion + 1).PassesAll(m),
                                       ABidder(2, "PT Beta").Price(1000 * kMillion).PassesAll(m)});
  EXPECT_EQ(o.winner_vendor_id, 2);
  EXPECT_EQ(Of(o, 1).price, StageOutcome::kFailed);
  EXPECT_EQ(Of(o, 1).fail_reason, "harga: evaluation.above_hps");
  EXPECT_EQ(Of(o, 2).price, StageOutcome::kPassed);
}

TEST(EvaluationTest, EVL_05_TheCorrectedPriceIsWhatMeetsTheHps) {
  const EvaluationSpec m = Gugur();
  // Written 990 juta, corrected 1.000.000.001: above the HPS.
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(990 * kMillion, 1000 * kMillion + 1).PassesAll(m)});
  EXPECT_EQ(Of(o, 1).price, StageOutcome::kFailed);
  EXPECT_EQ(o.failure, "evaluation.all_above_hps");
}

TEST(EvaluationTest, EVL_05_EveryPriceAboveTheHpsFailsTheSelectionSayingSo) {
  const EvaluationSpec m = Gugur();
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(1001 * kMillion).PassesAll(m),
                                       ABidder(2, "PT Beta").Price(1200 * kMillion).PassesAll(m),
                                       ABidder(3, "PT Citra").Price(800 * kMillion).PassesAll(m)
                                           .Fails("tek-spesifikasi", "Spesifikasi tidak memenuhi")});
  EXPECT_TRUE(o.complete);
  EXPECT_FALSE(o.winner_vendor_id.has_value());
  EXPECT_EQ(o.failure, "evaluation.all_above_hps") << "Citra never reached the price";
  // One that reached the price and failed otherwise: none passed.
  const auto other = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(1001 * kMillion).PassesAll(m),
                                           ABidder(2, "PT Beta").PassesAll(m)});
  EXPECT_EQ(Of(other, 2).fail_reason, "harga: evaluation.price_not_opened");
  EXPECT_EQ(other.failure, "evaluation.none_passed");
  // Nobody reached the price.
  const auto none = Evaluate(Context(m), {ABidder(3, "PT Citra").Price(800 * kMillion).PassesAll(m)
                                              .Fails("tek-spesifikasi", "Spesifikasi tidak memenuhi")});
  EXPECT_EQ(none.failure, "evaluation.none_passed");
}

TEST(EvaluationTest, EVL_05_BelowEightyPercentOfTheHpsIsFlaggedNotFailed) {
  const EvaluationSpec m = Gugur();
  // 80% of Rp 1.000.000.000 is Rp 800.000.000.
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion - 1).PassesAll(m),
                                       ABidder(2, "PT Beta").Price(800 * kMillion).PassesAll(m)});
  EXPECT_TRUE(Of(o, 1).below_80_percent_hps);
  EXPECT_FALSE(Of(o, 2).below_80_percent_hps);
  EXPECT_EQ(o.winner_vendor_id, 1);
}

// --- EVL-06: harga terendah ambang batas ---

TEST(EvaluationTest, EVL_06_AmbangBatasTheTechnicalScoreMustReachThePassMark) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kThreshold);
  // Alfa: 40% x 70 + 60% x 70 = 70.00, exactly the pass mark; 900 juta.
  // Beta: 40% x 100 + 60% x 49 = 40 + 29.40 = 69.40: fails, though the cheapest.
  // Cahaya: 40% x 80 + 60% x 90 = 32 + 54 = 86.00; 950 juta.
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(900 * kMillion).PassesAll(m).Scores(70, 70),
                                       ABidder(2, "PT Beta").Price(800 * kMillion).PassesAll(m).Scores(100, 49),
                                       ABidder(3, "CV Cahaya").Price(950 * kMillion).PassesAll(m).Scores(80, 90)});
  EXPECT_EQ(Of(o, 1).technical_score, 7000);
  EXPECT_EQ(Of(o, 1).technical, StageOutcome::kPassed);
  EXPECT_EQ(Of(o, 2).technical_score, 6940);
  EXPECT_EQ(Of(o, 2).technical, StageOutcome::kFailed);
  EXPECT_EQ(Of(o, 2).fail_reason, "teknis: evaluation.below_pass_mark");
  EXPECT_EQ(Of(o, 2).price, StageOutcome::kNotEvaluated);
  EXPECT_EQ(Of(o, 3).technical_score, 8600);
  EXPECT_EQ(o.winner_vendor_id, 1);
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{1, 3, 2}));
}

TEST(EvaluationTest, EVL_06_AMissingScoreKeepsTheTechnicalStagePending) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kThreshold);
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(900 * kMillion).PassesAll(m).Scores("tek-metode", 90)});
  EXPECT_EQ(Of(o, 1).technical, StageOutcome::kPending);
  EXPECT_FALSE(Of(o, 1).technical_score.has_value());
  EXPECT_FALSE(o.complete);
}

// --- EVL-07: sistem nilai, kualitas dan biaya ---

// Alfa 86.00 at 900 juta, Beta 88.00 (40% x 100 + 60% x 80) at 960 juta,
// Cahaya 75.00 at the lowest price, 870 juta.
std::vector<BidderFacts> Scored3(const EvaluationSpec& m) {
  return {ABidder(1, "PT Alfa").Price(900 * kMillion).PassesAll(m).Scores(80, 90),
          ABidder(2, "PT Beta").Price(960 * kMillion).PassesAll(m).Scores(100, 80),
          ABidder(3, "CV Cahaya").Price(870 * kMillion).PassesAll(m).Scores(75, 75)};
}

TEST(EvaluationTest, EVL_07_SistemNilaiWeighsTechnicalSeventyAndPriceThirty) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kCombined, 70);
  const auto o = Evaluate(Context(m), Scored3(m));
  // Price scores: Cahaya 100.00; Alfa 870/900 x 100 = 96.666.. -> 96.67;
  // Beta 870/960 x 100 = 90.625 -> 90.63 (half up).
  EXPECT_EQ(Of(o, 3).price_score, 10000);
  EXPECT_EQ(Of(o, 1).price_score, 9667);
  EXPECT_EQ(Of(o, 2).price_score, 9063);
  // Totals: Alfa 70% x 86.00 + 30% x 96.67 = 60.20 + 29.001 = 89.201 -> 89.20;
  // Beta 70% x 88.00 + 30% x 90.63 = 61.60 + 27.189 = 88.789 -> 88.79;
  // Cahaya 70% x 75.00 + 30% x 100.00 = 52.50 + 30.00 = 82.50.
  EXPECT_EQ(Of(o, 1).total_score, 8920);
  EXPECT_EQ(Of(o, 2).total_score, 8879);
  EXPECT_EQ(Of(o, 3).total_score, 8250);
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(o.winner_vendor_id, 1);
  EXPECT_EQ(Of(o, 2).reserve, 1);
  EXPECT_EQ(Of(o, 3).reserve, 2);
}

TEST(EvaluationTest, EVL_07_KualitasDanBiayaWeighsTechnicalEighty) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kCombined, 80);
  const auto o = Evaluate(Context(m), Scored3(m));
  // Alfa 80% x 86.00 + 20% x 96.67 = 68.80 + 19.334 = 88.134 -> 88.13;
  // Beta 80% x 88.00 + 20% x 90.63 = 70.40 + 18.126 = 88.526 -> 88.53;
  // Cahaya 80% x 75.00 + 20% x 100.00 = 80.00. Beta's better proposal now wins.
  EXPECT_EQ(Of(o, 1).total_score, 8813);
  EXPECT_EQ(Of(o, 2).total_score, 8853);
  EXPECT_EQ(Of(o, 3).total_score, 8000);
  EXPECT_EQ(o.winner_vendor_id, 2);
}

// --- EVL-08: kualitas, pagu anggaran ---

TEST(EvaluationTest, EVL_08_KualitasTheBestProposalWinsWithinThePagu) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kQuality);
  // HPS 1.000 juta, pagu 1.100 juta. Alfa (86.00) at 1.050 juta: above the
  // HPS but within the pagu; Beta (88.00) at 1.200 juta: above the pagu.
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(1050 * kMillion).PassesAll(m).Scores(80, 90),
                                       ABidder(2, "PT Beta").Price(1200 * kMillion).PassesAll(m).Scores(100, 80),
                                       ABidder(3, "CV Cahaya").Price(870 * kMillion).PassesAll(m).Scores(75, 75)});
  EXPECT_EQ(Of(o, 1).price, StageOutcome::kPassed);
  EXPECT_EQ(Of(o, 2).price, StageOutcome::kFailed);
  EXPECT_EQ(Of(o, 2).fail_reason, "harga: evaluation.above_pagu");
  EXPECT_EQ(o.winner_vendor_id, 1);
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{1, 3, 2}));
  EXPECT_FALSE(Of(o, 1).total_score.has_value());
}

TEST(EvaluationTest, EVL_08_PaguAnggaranExactlyThePaguPassesOneRupiahAboveFails) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kBudgetCeiling);
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(1100 * kMillion).PassesAll(m).Scores(80, 90),
                                       ABidder(2, "PT Beta").Price(1100 * kMillion + 1).PassesAll(m).Scores(100, 100)});
  EXPECT_EQ(o.winner_vendor_id, 1);
  EXPECT_EQ(Of(o, 2).fail_reason, "harga: evaluation.above_pagu");
  // Every price above the pagu: the selection fails, but not "above the HPS".
  const auto all = Evaluate(Context(m), {ABidder(2, "PT Beta").Price(1100 * kMillion + 1).PassesAll(m).Scores(100, 100)});
  EXPECT_EQ(all.failure, "evaluation.none_passed");
}

// --- EVL-09: biaya selama umur ekonomis ---

TEST(EvaluationTest, EVL_09_LifeCycleCostsCanChangeTheWinner) {
  const EvaluationSpec m = LifeCycle();
  // Alfa 800 juta + 250 juta over the economic life = 1.050 juta;
  // Beta 900 juta + 100 juta = 1.000 juta; Cahaya 950 juta - 20 juta (a
  // residual value above its costs) = 930 juta: the cheapest to own.
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m)
                                           .Amount("biaya-umur-ekonomis", 250 * kMillion),
                                       ABidder(2, "PT Beta").Price(900 * kMillion).PassesAll(m)
                                           .Amount("biaya-umur-ekonomis", 100 * kMillion),
                                       ABidder(3, "CV Cahaya").Price(950 * kMillion).PassesAll(m)
                                           .Amount("biaya-umur-ekonomis", -20 * kMillion)});
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(o.winner_vendor_id, 3);
  EXPECT_EQ(Of(o, 3).evaluated_price_rupiah, 930 * kMillion);
  EXPECT_EQ(Of(o, 1).evaluated_price_rupiah, 1050 * kMillion);
  EXPECT_EQ(Of(o, 1).price, StageOutcome::kPassed) << "the HPS limits the price, not the costs";
  EXPECT_EQ(Of(o, 1).corrected_price_rupiah, 800 * kMillion);
}

TEST(EvaluationTest, EVL_09_TheLifeCycleAmountMustBeAgreedBeforeThePriceIsDecided) {
  const EvaluationSpec m = LifeCycle();
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m)});
  EXPECT_EQ(Of(o, 1).price, StageOutcome::kPending);
  EXPECT_FALSE(o.complete);
  EXPECT_FALSE(o.winner_vendor_id.has_value());
}

// --- EVL-10: ties, the qualification walk, winner and reserves ---

TEST(EvaluationTest, EVL_10_EqualPricesGoToTheEarlierSubmission) {
  const EvaluationSpec m = Gugur();
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(900 * kMillion).SubmittedAt(5000).PassesAll(m),
                                       ABidder(2, "PT Beta").Price(900 * kMillion).SubmittedAt(4000).PassesAll(m)});
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(o.winner_vendor_id, 2);
  EXPECT_EQ(Of(o, 1).tie_break, "earlier_submission");
  EXPECT_EQ(Of(o, 2).tie_break, "");
}

TEST(EvaluationTest, EVL_10_EqualTotalsGoToTheBetterTechnicalScore) {
  const EvaluationSpec m = ScoredMethod(EvaluationKind::kCombined, 70);
  // HPS 1.200 juta. Beta 80.00 (40% x 80 + 60% x 80) at the lowest price,
  // 900 juta: 70% x 80.00 + 30% x 100.00 = 86.00. Alfa 90.00 (90, 90) at
  // 1.173.862.000: price score 900.000.000 / 1.173.862.000 x 100 = 76.6699..
  // -> 76.67, total 63.00 + 23.001 = 86.001 -> 86.00. Equal: Alfa's better
  // technical score first, though Beta submitted earlier.
  const auto o = Evaluate(Context(m, 1200 * kMillion, 1300 * kMillion),
                          {ABidder(1, "PT Alfa").Price(1'173'862'000).SubmittedAt(5000).PassesAll(m).Scores(90, 90),
                           ABidder(2, "PT Beta").Price(900 * kMillion).SubmittedAt(4000).PassesAll(m).Scores(80, 80)});
  EXPECT_EQ(Of(o, 1).price_score, 7667);
  EXPECT_EQ(Of(o, 1).total_score, 8600);
  EXPECT_EQ(Of(o, 2).total_score, 8600);
  EXPECT_EQ(Order(o), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(Of(o, 2).tie_break, "technical_score");
  EXPECT_EQ(o.winner_vendor_id, 1);
}

TEST(EvaluationTest, EVL_10_RankOneFailingQualificationLetsRankTwoWin) {
  const EvaluationSpec m = Gugur();  // qualified_ranks 3
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m)
                                           .Fails("kua-nib", "NIB tidak berlaku"),
                                       ABidder(2, "PT Beta").Price(850 * kMillion).PassesAll(m),
                                       ABidder(3, "CV Cahaya").Price(870 * kMillion).PassesAll(m),
                                       ABidder(4, "PT Delta").Price(880 * kMillion).PassesAll(m),
                                       ABidder(5, "PT Eka").Price(890 * kMillion).PassesAll(m)});
  EXPECT_TRUE(o.complete);
  EXPECT_EQ(o.winner_vendor_id, 2);
  EXPECT_EQ(Of(o, 1).rank, 1);
  EXPECT_EQ(Of(o, 1).qualification, StageOutcome::kFailed);
  EXPECT_EQ(Of(o, 1).proof, StageOutcome::kNotEvaluated);
  EXPECT_EQ(Of(o, 1).fail_reason, "kualifikasi: NIB tidak berlaku");
  EXPECT_FALSE(Of(o, 1).winner);
  EXPECT_TRUE(Of(o, 2).winner);
  EXPECT_EQ(Of(o, 2).qualification, StageOutcome::kPassed);
  EXPECT_EQ(Of(o, 2).proof, StageOutcome::kPassed);
  EXPECT_EQ(Of(o, 3).reserve, 1);
  EXPECT_EQ(Of(o, 4).reserve, 2);
  // Three passed: Eka, ranked fifth, is not judged.
  EXPECT_EQ(Of(o, 5).rank, 5);
  EXPECT_EQ(Of(o, 5).qualification, StageOutcome::kNotEvaluated);
  EXPECT_EQ(Of(o, 5).reserve, 0);
}

TEST(EvaluationTest, EVL_10_AFailedProofMovesOnToTheNext) {
  const EvaluationSpec m = Gugur();
  const auto o = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m)
                                           .Proof(false, "Dokumen asli tidak dapat ditunjukkan"),
                                       ABidder(2, "PT Beta").Price(850 * kMillion).PassesAll(m)});
  EXPECT_EQ(o.winner_vendor_id, 2);
  EXPECT_EQ(Of(o, 1).qualification, StageOutcome::kPassed);
  EXPECT_EQ(Of(o, 1).proof, StageOutcome::kFailed);
  EXPECT_EQ(Of(o, 1).fail_reason, "pembuktian: Dokumen asli tidak dapat ditunjukkan");
  EXPECT_EQ(Of(o, 2).reserve, 0);
}

TEST(EvaluationTest, EVL_10_AProofOrQualificationNotYetRecordedLeavesItIncomplete) {
  const EvaluationSpec m = Gugur();
  const auto proof = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m).Proof(std::nullopt),
                                           ABidder(2, "PT Beta").Price(850 * kMillion).PassesAll(m)});
  EXPECT_FALSE(proof.complete);
  EXPECT_FALSE(proof.winner_vendor_id.has_value());
  EXPECT_EQ(Of(proof, 1).rank, 1);
  EXPECT_EQ(Of(proof, 1).proof, StageOutcome::kPending);
  const auto qual = Evaluate(Context(m), {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m).Without("kua-nib")});
  EXPECT_FALSE(qual.complete);
  EXPECT_EQ(Of(qual, 1).qualification, StageOutcome::kPending);
  EXPECT_EQ(Of(qual, 1).proof, StageOutcome::kPending);
}

TEST(EvaluationTest, EVL_10_WithoutPostQualificationTheRankingDecides) {
  const EvaluationSpec m = Gugur();
  EvaluationContext ctx = Context(m);
  ctx.post_qualification = false;
  ctx.needs_proof = false;
  const auto o = Evaluate(ctx, {ABidder(1, "PT Alfa").Price(800 * kMillion).PassesAll(m).Without("kua-nib").Proof(std::nullopt),
                                ABidder(2, "PT Beta").Price(850 * kMillion).PassesAll(m)});
  EXPECT_TRUE(o.complete);
  EXPECT_EQ(o.winner_vendor_id, 1);
  EXPECT_EQ(Of(o, 1).qualification, StageOutcome::kNotEvaluated);
  EXPECT_EQ(Of(o, 1).proof, StageOutcome::kNotEvaluated);
  EXPECT_EQ(Of(o, 2).reserve, 1);
}

TEST(EvaluationTest, StageOutcomesHaveIndonesianWords) {
  EXPECT_EQ(StageOutcomeWord(StageOutcome::kPending), "menunggu");
  EXPECT_EQ(StageOutcomeWord(StageOutcome::kPassed), "lulus");
  EXPECT_EQ(StageOutcomeWord(StageOutcome::kFailed), "gugur");
  EXPECT_EQ(StageOutcomeWord(StageOutcome::kNotEvaluated), "tidak_dievaluasi");
}

// --- EVL-11, EVL-12: proof invitations and the award stages ---

struct Running {
  ProcedureSpec p;
  Tender t;
  Running() {
    for (const char* code : {"evaluasi", "pembuktian", "penetapan", "pengumuman_pemenang"}) {
      StageSpec s;
      s.code = code;
      p.stages.push_back(s);
    }
    t.status = TenderStatus::kRunning;
    t.schedule = {{"evaluasi", 0, 100}, {"pembuktian", 100, 200}, {"penetapan", 200, 300},
                  {"pengumuman_pemenang", 300, 400}};
  }
};

TEST(EvaluationTest, EVL_11_AProofInvitationIsInTheFutureWithinThePembuktianStage) {
  Running r;
  ProofInvitation inv;
  inv.at = 150;
  inv.place = "Kantor UKPBJ, Ruang Rapat 2";
  inv.notes = "Asli akta pendirian dan NIB";
  EXPECT_OK(CheckProofInvitation(inv, r.t, r.p, 120));
  EXPECT_THAT(CheckProofInvitation(inv, r.t, r.p, 150),
              StatusIs(Code::kInvalidArgument, "evaluation.proof_time_invalid"));
  inv.at = 200;
  EXPECT_THAT(CheckProofInvitation(inv, r.t, r.p, 120),
              StatusIs(Code::kInvalidArgument, "evaluation.proof_time_invalid"));
  inv.at = 100;
  EXPECT_OK(CheckProofInvitation(inv, r.t, r.p, 50));
  inv.place = " ";
  EXPECT_THAT(CheckProofInvitation(inv, r.t, r.p, 50), StatusIs(Code::kInvalidArgument, "evaluation.place_required"));
  inv.place = std::string(201, 'x');
  EXPECT_THAT(CheckProofInvitation(inv, r.t, r.p, 50), StatusIs(Code::kInvalidArgument, "evaluation.too_long"));
  inv.place = "Kantor UKPBJ";
  inv.notes = std::string(1001, 'x');
  EXPECT_THAT(CheckProofInvitation(inv, r.t, r.p, 50), StatusIs(Code::kInvalidArgument, "evaluation.too_long"));
  // Without a pembuktian stage any future time will do.
  r.p.stages.erase(r.p.stages.begin() + 1);
  r.t.schedule.erase(r.t.schedule.begin() + 1);
  inv.notes.clear();
  inv.at = 10'000;
  EXPECT_OK(CheckProofInvitation(inv, r.t, r.p, 50));
}

TEST(EvaluationTest, EVL_12_TheDecisionAndTheAnnouncementOnlyWhileTheirStageRuns) {
  Running r;
  EXPECT_THAT(CheckStageWindow(r.t, r.p, "penetapan", 199),
              StatusIs(Code::kFailedPrecondition, "evaluation.stage_not_started"));
  EXPECT_OK(CheckStageWindow(r.t, r.p, "penetapan", 200));
  EXPECT_OK(CheckStageWindow(r.t, r.p, "penetapan", 299));
  EXPECT_THAT(CheckStageWindow(r.t, r.p, "penetapan", 300),
              StatusIs(Code::kFailedPrecondition, "evaluation.stage_over"));
  EXPECT_OK(CheckStageWindow(r.t, r.p, "pengumuman_pemenang", 300));
  EXPECT_THAT(CheckStageWindow(r.t, r.p, "sanggah", 300), StatusIs(Code::kFailedPrecondition, "evaluation.no_stage"));
  r.t.status = TenderStatus::kCancelled;
  EXPECT_THAT(CheckStageWindow(r.t, r.p, "penetapan", 250),
              StatusIs(Code::kFailedPrecondition, "tender.not_running"));
}

}  // namespace
}  // namespace spse::domain
