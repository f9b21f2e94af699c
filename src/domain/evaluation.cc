#include "domain/evaluation.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

namespace spse::domain {
namespace {

// Products of a price and a percentage may pass 2^63; the wide type keeps
// them exact. __extension__: the type is a GCC/Clang extension.
__extension__ typedef __int128 Wide;

constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;  // 10^15 rupiah
constexpr size_t kMaxText = 1000;

// a x b / c rounded half up (c > 0, a x b >= 0).
std::int64_t MulDivRound(std::int64_t a, std::int64_t b, std::int64_t c) {
  const Wide q = (Wide{a} * b * 2 + c) / (Wide{c} * 2);
  return static_cast<std::int64_t>(q);
}

// rupiah x 100 compared with sen: <0, 0, >0.
int CompareRupiahSen(std::int64_t rupiah, std::int64_t sen) {
  const Wide r = Wide{rupiah} * 100;
  return r < sen ? -1 : (r > sen ? 1 : 0);
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string Normal(std::string_view s) {
  std::string out = Trim(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddReason(std::string& to, std::string_view stage, std::string_view reason) {
  if (!to.empty()) to += "; ";
  to += stage;
  to += ": ";
  to += reason;
}

void Append(std::string& to, const std::string& reasons) {
  if (reasons.empty()) return;
  if (!to.empty()) to += "; ";
  to += reasons;
}

// What one stage's judgements say for one bidder.
struct StageVerdict {
  StageOutcome outcome = StageOutcome::kPassed;
  std::string reasons;  // "<stage>: <reason>" per failing criterion
};

// The agreed judgement of each criterion: the latest one with member 0.
using Agreed = std::map<std::string, const Judgement*, std::less<>>;

Agreed AgreedOf(const BidderFacts& b) {
  Agreed out;
  for (const Judgement& j : b.agreed) {
    if (j.member_id != 0) continue;
    auto [it, inserted] = out.emplace(j.criterion, &j);
    if (!inserted && it->second->id < j.id) it->second = &j;
  }
  return out;
}

// Pass/fail criteria of `stage`: any failed fails (sistem gugur: a failure
// is final whatever else is still missing), else any missing is pending.
StageVerdict PassFail(const EvaluationSpec& m, EvalStage stage, const Agreed& agreed) {
  StageVerdict v;
  bool missing = false;
  for (const Criterion& c : m.criteria) {
    if (c.stage != stage || c.weight > 0 || c.amount) continue;
    auto it = agreed.find(c.code);
    if (it == agreed.end()) {
      missing = true;
    } else if (!it->second->pass) {
      v.outcome = StageOutcome::kFailed;
      AddReason(v.reasons, EvalStageWord(stage), it->second->reason);
    }
  }
  if (v.outcome != StageOutcome::kFailed && missing) v.outcome = StageOutcome::kPending;
  return v;
}

// The weighted technical score in hundredths (0..10000); nullopt while a
// scored criterion has no agreed judgement.
std::optional<std::int64_t> TechnicalScore(const EvaluationSpec& m, const Agreed& agreed) {
  std::int64_t sum = 0;
  for (const Criterion& c : m.criteria) {
    if (c.stage != EvalStage::kTechnical || c.weight <= 0) continue;
    auto it = agreed.find(c.code);
    if (it == agreed.end()) return std::nullopt;
    sum += std::int64_t{c.weight} * it->second->score;
  }
  return sum;
}

bool LowerIsBetter(EvaluationKind k) {
  return k == EvaluationKind::kLowestPrice || k == EvaluationKind::kThreshold ||
         k == EvaluationKind::kLifeCycle;
}

// One bidder while it is evaluated.
struct Entry {
  BidderResult r;
  const BidderFacts* facts = nullptr;
  bool above_hps = false;
  std::int64_t value = 0;  // the ranking value (lower first, or higher first)
};

// Whether a and b differ by `t`, and if so whether a comes first.
std::optional<bool> BreakTie(TieBreak t, const Entry& a, const Entry& b) {
  switch (t) {
    case TieBreak::kTechnicalScore: {
      const std::int64_t x = a.r.technical_score.value_or(0), y = b.r.technical_score.value_or(0);
      if (x == y) return std::nullopt;
      return x > y;
    }
    case TieBreak::kEarlierSubmission:
      if (a.facts->submitted_at == b.facts->submitted_at) return std::nullopt;
      return a.facts->submitted_at < b.facts->submitted_at;
  }
  return std::nullopt;
}

}  // namespace

Status CheckJudgement(const EvaluationSpec& method, const Judgement& j) {
  const Criterion* c = method.FindCriterion(j.criterion);
  if (c == nullptr) return InvalidArgument("evaluation.criterion_unknown", j.criterion);
  if (j.reason.size() > kMaxText) return InvalidArgument("evaluation.too_long", "reason");
  if (c->amount) {
    if (j.amount_rupiah < -kMaxAmount || j.amount_rupiah > kMaxAmount) {
      return InvalidArgument("evaluation.amount_invalid", j.criterion);
    }
    return OkStatus();
  }
  if (c->weight > 0) {
    if (!j.pass || j.score < 0 || j.score > 100) {
      return InvalidArgument("evaluation.score_invalid", j.criterion);
    }
    return OkStatus();
  }
  if (!j.pass && Trim(j.reason).empty()) {
    return InvalidArgument("evaluation.reason_required", j.criterion);
  }
  return OkStatus();
}

std::vector<Judgement> CurrentJudgements(const std::vector<Judgement>& all) {
  std::map<std::tuple<std::int64_t, std::string_view, std::int64_t>, const Judgement*> latest;
  for (const Judgement& j : all) {
    auto [it, inserted] = latest.emplace(std::make_tuple(j.vendor_id, std::string_view(j.criterion),
                                                         j.member_id),
                                         &j);
    if (!inserted && it->second->id < j.id) it->second = &j;
  }
  std::vector<Judgement> out;
  out.reserve(latest.size());
  for (const auto& [key, j] : latest) out.push_back(*j);
  std::sort(out.begin(), out.end(),
            [](const Judgement& a, const Judgement& b) { return a.id < b.id; });
  return out;
}

StatusOr<PriceCorrection> CorrectPrice(const PriceForm& form, const std::vector<HpsLine>& hps,
                                       std::string_view contract_type) {
  PriceCorrection out;
  out.stated_rupiah = form.price_rupiah;
  out.corrected_rupiah = form.price_rupiah;
  if ((contract_type != "harga_satuan" && contract_type != "gabungan") || form.items.empty()) {
    return out;
  }
  out.recomputed = true;
  std::vector<bool> used(form.items.size(), false);
  const auto match = [&](size_t i) -> const PricedLine* {
    const std::string want = Normal(hps[i].description);
    if (i < form.items.size() && !used[i] && Normal(form.items[i].description) == want) {
      used[i] = true;
      return &form.items[i];
    }
    for (size_t k = 0; k < form.items.size(); ++k) {
      if (!used[k] && Normal(form.items[k].description) == want) {
        used[k] = true;
        return &form.items[k];
      }
    }
    return nullptr;
  };
  std::int64_t sum = 0;
  for (size_t i = 0; i < hps.size(); ++i) {
    const HpsLine& h = hps[i];
    LineCorrection l;
    l.position = static_cast<int>(i);
    l.description = h.description;
    l.unit = h.unit;
    l.hps_quantity = h.quantity;
    l.hps_unit_price_rupiah = (h.unit_price.sen() + 50) / 100;
    if (const PricedLine* p = match(i)) {
      l.offered_quantity = p->quantity;
      l.unit_price_rupiah = p->unit_price_rupiah;
      const auto offered = PricedLineTotal(*p);
      PricedLine at_hps = *p;
      at_hps.quantity = h.quantity;
      const auto total = PricedLineTotal(at_hps);
      if (!offered || !total) return InvalidArgument("evaluation.overflow", h.description);
      l.offered_total_rupiah = *offered;
      l.total_rupiah = *total;
      l.quantity_adjusted = p->quantity != h.quantity;
      // Above 110% of the HPS's unit price: unit price x 100 x 100 > sen x 110.
      l.unbalanced = Wide{p->unit_price_rupiah} * 10000 > Wide{h.unit_price.sen()} * 110;
    } else {
      l.missing = true;
    }
    if (__builtin_add_overflow(sum, l.total_rupiah, &sum)) {
      return InvalidArgument("evaluation.overflow", "total");
    }
    out.lines.push_back(std::move(l));
  }
  for (size_t k = 0; k < form.items.size(); ++k) {
    if (!used[k]) out.extra_lines.push_back(form.items[k].description);
  }
  out.corrected_rupiah = sum;
  return out;
}

std::string_view StageOutcomeWord(StageOutcome s) {
  switch (s) {
    case StageOutcome::kPending: return "menunggu";
    case StageOutcome::kPassed: return "lulus";
    case StageOutcome::kFailed: return "gugur";
    case StageOutcome::kNotEvaluated: return "tidak_dievaluasi";
  }
  return "menunggu";
}

EvaluationOutcome Evaluate(const EvaluationContext& ctx, const std::vector<BidderFacts>& bidders) {
  EvaluationOutcome out;
  const EvaluationSpec& m = *ctx.method;
  const bool scored = m.Scored();
  const bool pagu_caps = m.kind == EvaluationKind::kQuality || m.kind == EvaluationKind::kBudgetCeiling;

  std::vector<Entry> entries;
  entries.reserve(bidders.size());
  bool pending = false;
  for (const BidderFacts& f : bidders) {
    Entry e;
    e.facts = &f;
    BidderResult& r = e.r;
    r.vendor_id = f.vendor_id;
    r.company_name = f.company_name;
    if (f.price) {
      r.stated_price_rupiah = f.price->stated_rupiah;
      r.corrected_price_rupiah = f.price->corrected_rupiah;
    }
    const Agreed agreed = AgreedOf(f);

    StageVerdict adm = PassFail(m, EvalStage::kAdministration, agreed);
    r.administration = adm.outcome;
    r.fail_reason = adm.reasons;

    // Technical: the pass/fail criteria, then for scored methods the
    // weighted score against the pass mark.
    if (r.administration == StageOutcome::kPassed) {
      StageVerdict tech = PassFail(m, EvalStage::kTechnical, agreed);
      r.technical = tech.outcome;
      Append(r.fail_reason, tech.reasons);
      if (scored) {
        r.technical_score = TechnicalScore(m, agreed);
        if (!r.technical_score) {
          if (r.technical != StageOutcome::kFailed) r.technical = StageOutcome::kPending;
        } else if (*r.technical_score < std::int64_t{m.pass_mark} * 100) {
          r.technical = StageOutcome::kFailed;
          AddReason(r.fail_reason, EvalStageWord(EvalStage::kTechnical), "evaluation.below_pass_mark");
        }
      }
    } else {
      r.technical = r.administration == StageOutcome::kPending ? StageOutcome::kPending
                                                               : StageOutcome::kNotEvaluated;
    }

    // Price: opened, within the HPS (or the pagu), life-cycle amounts in.
    if (r.technical == StageOutcome::kPassed) {
      if (!f.price) {
        r.price = StageOutcome::kFailed;
        AddReason(r.fail_reason, EvalStageWord(EvalStage::kPrice), "evaluation.price_not_opened");
      } else if (m.price_above_hps_fails && CompareRupiahSen(f.price->corrected_rupiah, ctx.hps.sen()) > 0) {
        r.price = StageOutcome::kFailed;
        e.above_hps = true;
        AddReason(r.fail_reason, EvalStageWord(EvalStage::kPrice), "evaluation.above_hps");
      } else {
        std::int64_t evaluated = f.price->corrected_rupiah;
        bool amounts_in = true;
        for (const Criterion& c : m.criteria) {
          if (!c.amount) continue;
          auto it = agreed.find(c.code);
          if (it == agreed.end()) {
            amounts_in = false;
          } else {
            evaluated += it->second->amount_rupiah;  // |amount| <= 10^15 (EVL-02)
          }
        }
        if (!amounts_in) {
          r.price = StageOutcome::kPending;
        } else {
          r.evaluated_price_rupiah = evaluated;
          // Kewajaran harga: below 80% of the HPS, evaluated x 100 < HPS sen x 80%.
          r.below_80_percent_hps = Wide{evaluated} * 100 * 100 < Wide{ctx.hps.sen()} * 80;
          if (pagu_caps && CompareRupiahSen(evaluated, ctx.pagu.sen()) > 0) {
            r.price = StageOutcome::kFailed;
            AddReason(r.fail_reason, EvalStageWord(EvalStage::kPrice), "evaluation.above_pagu");
          } else {
            r.price = StageOutcome::kPassed;
          }
        }
      }
    } else {
      r.price = r.technical == StageOutcome::kPending ? StageOutcome::kPending
                                                      : StageOutcome::kNotEvaluated;
    }
    if (r.price == StageOutcome::kPending) pending = true;
    entries.push_back(std::move(e));
  }

  // kCombined: the price score needs the lowest evaluated price of the
  // bidders that passed technical and price.
  std::optional<std::int64_t> lowest;
  for (const Entry& e : entries) {
    if (e.r.price != StageOutcome::kPassed) continue;
    if (!lowest || *e.r.evaluated_price_rupiah < *lowest) lowest = e.r.evaluated_price_rupiah;
  }
  std::vector<Entry*> ranked;
  for (Entry& e : entries) {
    if (e.r.price != StageOutcome::kPassed) continue;
    const std::int64_t price = *e.r.evaluated_price_rupiah;
    switch (m.kind) {
      case EvaluationKind::kLowestPrice:
      case EvaluationKind::kThreshold:
      case EvaluationKind::kLifeCycle:
        e.value = price;
        break;
      case EvaluationKind::kCombined: {
        // Price score = lowest / price x 100 points, in hundredths.
        const std::int64_t ps = price <= 0 ? 10000 : (*lowest <= 0 ? 0 : MulDivRound(*lowest, 10000, price));
        const std::int64_t ts = e.r.technical_score.value_or(0);
        e.r.price_score = ps;
        e.r.total_score = MulDivRound(std::int64_t{m.technical_weight} * ts +
                                          std::int64_t{100 - m.technical_weight} * ps,
                                      1, 100);
        e.value = *e.r.total_score;
        break;
      }
      case EvaluationKind::kQuality:
      case EvaluationKind::kBudgetCeiling:
        e.value = e.r.technical_score.value_or(0);
        break;
    }
    ranked.push_back(&e);
  }

  const bool lower_first = LowerIsBetter(m.kind);
  const auto tied_by = [&](const Entry& a, const Entry& b) -> std::optional<std::pair<TieBreak, bool>> {
    for (TieBreak t : m.tie_break) {
      if (auto first = BreakTie(t, a, b)) return std::make_pair(t, *first);
    }
    return std::nullopt;
  };
  std::sort(ranked.begin(), ranked.end(), [&](const Entry* a, const Entry* b) {
    if (a->value != b->value) return lower_first ? a->value < b->value : a->value > b->value;
    if (auto t = tied_by(*a, *b)) return t->second;
    return a->r.vendor_id < b->r.vendor_id;
  });

  // No ranking while a bidder that could still rank waits for a judgement.
  out.complete = !pending;
  if (out.complete) {
    for (size_t i = 0; i < ranked.size(); ++i) {
      ranked[i]->r.rank = static_cast<int>(i) + 1;
      if (i > 0 && ranked[i]->value == ranked[i - 1]->value) {
        if (auto t = tied_by(*ranked[i - 1], *ranked[i])) {
          ranked[i]->r.tie_break = std::string(TieBreakWord(t->first));
        }
      }
    }
    // Down the ranking until enough bidders passed qualification (and the
    // proof); a judgement still missing stops the walk, and the outcome is
    // complete only once the walk ends without one.
    std::vector<Entry*> qualified;
    for (Entry* e : ranked) {
      if (static_cast<int>(qualified.size()) >= m.qualified_ranks) break;
      BidderResult& r = e->r;
      if (ctx.post_qualification) {
        StageVerdict q = PassFail(m, EvalStage::kQualification, AgreedOf(*e->facts));
        r.qualification = q.outcome;
        if (q.outcome == StageOutcome::kFailed) {
          Append(r.fail_reason, q.reasons);
          continue;
        }
        if (q.outcome == StageOutcome::kPending) {
          if (ctx.needs_proof) r.proof = StageOutcome::kPending;
          out.complete = false;
          break;
        }
      }
      if (ctx.needs_proof) {
        if (!e->facts->proof_passed) {
          r.proof = StageOutcome::kPending;
          out.complete = false;
          break;
        }
        r.proof = *e->facts->proof_passed ? StageOutcome::kPassed : StageOutcome::kFailed;
        if (r.proof == StageOutcome::kFailed) {
          AddReason(r.fail_reason, "pembuktian", e->facts->proof_reason);
          continue;
        }
      }
      qualified.push_back(e);
    }
    if (out.complete && !qualified.empty()) {
      qualified[0]->r.winner = true;
      out.winner_vendor_id = qualified[0]->r.vendor_id;
      for (size_t i = 1; i < qualified.size(); ++i) qualified[i]->r.reserve = static_cast<int>(i);
    }
  }

  if (out.complete && !out.winner_vendor_id) {
    if (entries.empty()) {
      out.failure = "evaluation.no_bids";
    } else {
      bool reached = false, all_above = true;
      for (const Entry& e : entries) {
        if (e.r.price == StageOutcome::kNotEvaluated) continue;
        reached = true;
        if (!e.above_hps) all_above = false;
      }
      out.failure = reached && all_above ? "evaluation.all_above_hps" : "evaluation.none_passed";
    }
  }

  std::vector<const Entry*> order;
  for (const Entry& e : entries) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
    if ((a->r.rank > 0) != (b->r.rank > 0)) return a->r.rank > 0;
    if (a->r.rank > 0) return a->r.rank < b->r.rank;
    if (a->r.company_name != b->r.company_name) return a->r.company_name < b->r.company_name;
    return a->r.vendor_id < b->r.vendor_id;
  });
  for (const Entry* e : order) out.bidders.push_back(e->r);
  return out;
}

Status CheckProofInvitation(const ProofInvitation& inv, const Tender& t, const ProcedureSpec& p,
                            Micros now) {
  if (inv.at <= now) return InvalidArgument("evaluation.proof_time_invalid", "past");
  for (size_t i = 0; i < p.stages.size(); ++i) {
    if (p.stages[i].code != "pembuktian" || i >= t.schedule.size()) continue;
    const StagePeriod& s = t.schedule[i];
    if (inv.at < s.start || inv.at >= s.end) {
      return InvalidArgument("evaluation.proof_time_invalid", "outside the pembuktian stage");
    }
  }
  const std::string place = Trim(inv.place);
  if (place.empty()) return InvalidArgument("evaluation.place_required");
  if (place.size() > 200) return InvalidArgument("evaluation.too_long", "place");
  if (inv.notes.size() > kMaxText) return InvalidArgument("evaluation.too_long", "notes");
  return OkStatus();
}

Status CheckStageWindow(const Tender& t, const ProcedureSpec& p, std::string_view stage, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  for (size_t i = 0; i < p.stages.size() && i < t.schedule.size(); ++i) {
    if (p.stages[i].code != stage) continue;
    const StagePeriod& s = t.schedule[i];
    if (now < s.start) return FailedPrecondition("evaluation.stage_not_started", std::string(stage));
    if (now >= s.end) return FailedPrecondition("evaluation.stage_over", std::string(stage));
    return OkStatus();
  }
  return FailedPrecondition("evaluation.no_stage", std::string(stage));
}

Status CheckNegotiation(const Negotiation& n, const Tender& t, const ProcedureSpec& p, Money hps,
                        Micros now) {
  SPSE_RETURN_IF_ERROR(CheckStageWindow(t, p, "klarifikasi_negosiasi", now));
  if (n.agreed_rupiah <= 0 || n.agreed_rupiah > 999'999'999'999'999) {
    return InvalidArgument("negotiation.price_invalid");
  }
  if (n.agreed_rupiah > n.offered_rupiah) return InvalidArgument("negotiation.above_offer");
  if (CompareRupiahSen(n.agreed_rupiah, hps.sen()) > 0) return InvalidArgument("negotiation.above_hps");
  if (n.notes.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("negotiation.notes_required");
  }
  if (n.notes.size() > 5000) return InvalidArgument("evaluation.too_long");
  return OkStatus();
}

}  // namespace spse::domain
