#include "app/evaluation_service.h"

#include <algorithm>
#include <map>

#include "app/inbox_service.h"
#include "app/stored_file.h"
#include "base/money.h"
#include "domain/permission.h"
#include "domain/planning.h"

namespace spse::app {

using domain::AwardDecision;
using domain::Bid;
using domain::BidStatus;
using domain::Envelope;
using domain::EvalStage;
using domain::Judgement;
using domain::Permission;
using domain::StageOutcome;

namespace {

// The envelope whose documents are judged (administration, technical,
// qualification) and the one that carries the price.
Envelope JudgedEnvelope(const domain::ProcedureSpec& p) {
  return p.envelope == "satu_file" ? Envelope::kSingle : Envelope::kTechnical;
}
Envelope PriceEnvelope(const domain::ProcedureSpec& p) {
  return p.envelope == "satu_file" ? Envelope::kSingle : Envelope::kPrice;
}

bool HasStage(const domain::ProcedureSpec& p, std::string_view code) {
  return std::any_of(p.stages.begin(), p.stages.end(),
                     [&](const auto& s) { return s.code == code; });
}

// Whether qualification is judged in this evaluation: after the ranking in
// pascakualifikasi, and for the one candidate of a non-tender selection
// (prakualifikasi judged it before the bids).
bool JudgesQualification(const domain::ProcedureSpec& p) {
  return p.qualification == "pascakualifikasi" || p.method == "pengadaan_langsung" ||
         p.method == "penunjukan_langsung";
}

std::string Hundredths(std::int64_t v) { return domain::FormatQuantity(v); }

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

std::string OutcomeText(StageOutcome s) {
  switch (s) {
    case StageOutcome::kPending: return "menunggu";
    case StageOutcome::kPassed: return "lulus";
    case StageOutcome::kFailed: return "gugur";
    case StageOutcome::kNotEvaluated: return "-";
  }
  return "-";
}

// "harga: evaluation.above_hps; administrasi: surat tidak ditandatangani"
// in words for the Berita Acara.
std::string ReasonText(std::string_view reasons) {
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"evaluation.above_hps", "harga penawaran terkoreksi di atas HPS"},
      {"evaluation.above_pagu", "harga penawaran di atas pagu anggaran"},
      {"evaluation.price_not_opened", "penawaran harga tidak dapat dibuka"},
      {"evaluation.below_pass_mark", "nilai teknis di bawah ambang batas"},
  };
  std::string out(reasons);
  for (const auto& [code, words] : kWords) {
    for (size_t at = out.find(code); at != std::string::npos; at = out.find(code, at)) {
      out.replace(at, code.size(), words);
      at += words.size();
    }
  }
  return out;
}

std::string FailureTextEn(std::string_view failure) {
  if (failure == "evaluation.no_bids") return "no bids came in";
  if (failure == "evaluation.all_above_hps") return "every bid is above the HPS";
  if (failure == "evaluation.none_passed") return "no bid meets the requirements";
  return std::string(failure);
}

std::string FailureText(std::string_view failure) {
  if (failure == "evaluation.no_bids") return "tidak ada penawaran yang masuk";
  if (failure == "evaluation.all_above_hps") return "seluruh penawaran harga di atas HPS";
  if (failure == "evaluation.none_passed") return "tidak ada penawaran yang memenuhi persyaratan";
  return std::string(failure);
}

bool SameJudgement(const Judgement& a, const Judgement& b) {
  return a.pass == b.pass && a.score == b.score && a.amount_rupiah == b.amount_rupiah &&
         a.reason == b.reason;
}

// The majority of pass/fail views, or the median score or amount (the
// lower middle one for an even count): what the chair is offered.
std::optional<Judgement> Suggest(const domain::Criterion& c, const std::vector<Judgement>& views) {
  if (views.empty()) return std::nullopt;
  Judgement s = views.front();
  s.member_id = 0;
  if (c.amount || c.weight > 0) {
    std::vector<std::int64_t> v;
    for (const auto& j : views) v.push_back(c.amount ? j.amount_rupiah : j.score);
    std::sort(v.begin(), v.end());
    const std::int64_t mid = v[(v.size() - 1) / 2];
    if (c.amount) {
      s.amount_rupiah = mid;
    } else {
      s.score = static_cast<int>(mid);
    }
    s.reason.clear();
    return s;
  }
  size_t fails = 0;
  for (const auto& j : views) fails += j.pass ? 0 : 1;
  s.pass = fails * 2 < views.size();
  s.reason.clear();
  if (!s.pass) {
    for (const auto& j : views) {
      if (!j.pass && !j.reason.empty()) {
        s.reason = j.reason;
        break;
      }
    }
  }
  return s;
}

std::string DescribeJudgement(const domain::Criterion& c, const Judgement& j) {
  std::string out = c.code + " ";
  if (c.amount) {
    out += Rupiah(j.amount_rupiah);
  } else if (c.weight > 0) {
    out += "skor " + std::to_string(j.score);
  } else {
    out += j.pass ? "lulus" : "gugur";
  }
  if (!j.reason.empty()) out += " (" + j.reason + ")";
  return out;
}

}  // namespace

struct EvaluationService::Loaded {
  LoadedTender l;
  const domain::EvaluationSpec* method = nullptr;
  std::optional<domain::PokjaGroup> group;
  std::int64_t chair_id = 0;
  bool auditor = false;
};

StatusOr<EvaluationService::Loaded> EvaluationService::Load(Tx& tx, const Actor& actor,
                                                            std::int64_t tender_id) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  Loaded ld;
  ld.auditor = domain::Authorize(actor.who, Permission::kViewAudit).ok();
  SPSE_ASSIGN_OR_RETURN(ld.l, LoadTender(tx, actor, catalogue_, tender_id));
  if (!ld.l.runs && !ld.auditor) return NotFound("tender.not_found");
  ld.method = catalogue_.FindEvaluation(ld.l.tender.evaluation);
  if (ld.method == nullptr) return Internal("evaluation.method_missing", ld.l.tender.evaluation);
  if (ld.l.package.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(ld.group, tx.pokja().FindById(*ld.l.package.pokja_group_id));
    if (ld.group) ld.chair_id = ld.group->chair_id;
  } else if (ld.l.package.official_id) {
    ld.chair_id = *ld.l.package.official_id;
  }
  return ld;
}

StatusOr<EvaluationView> EvaluationService::Build(Tx& tx, const Actor& actor, Loaded& ld) {
  const domain::ProcedureSpec& proc = *ld.l.procedure;
  const Micros now = clock_.Now();
  EvaluationView v;
  v.procedure = &proc;
  v.method = ld.method;
  v.package_name = ld.l.package.name;
  v.contract_type = ld.l.package.contract_type;
  SPSE_ASSIGN_OR_RETURN(v.hps, domain::HpsTotal(ld.l.package.hps));
  std::vector<domain::RupItem> items;
  for (std::int64_t id : ld.l.package.rup_ids) {
    SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
    if (item) items.push_back(*item);
  }
  v.pagu = domain::TotalPagu(items);
  v.runs = ld.l.runs;
  v.chair_id = ld.chair_id;
  v.is_chair = ld.l.runs && ld.chair_id == actor.who.user_id;
  {
    std::vector<std::int64_t> ids;
    if (ld.group) {
      ids.push_back(ld.group->chair_id);
      for (auto id : ld.group->member_ids) {
        if (id != ld.group->chair_id) ids.push_back(id);
      }
    } else if (ld.chair_id != 0) {
      ids.push_back(ld.chair_id);
    }
    for (auto id : ids) {
      SPSE_ASSIGN_OR_RETURN(auto u, tx.users().FindById(id));
      v.members.push_back(PokjaMemberName{id, u ? u->full_name : std::to_string(id)});
    }
  }

  const Envelope judged = JudgedEnvelope(proc);
  const Envelope priced = PriceEnvelope(proc);
  SPSE_ASSIGN_OR_RETURN(auto openings, tx.bids().OpeningsOf(ld.l.tender.id));
  for (const auto& o : openings) {
    if (o.envelope == judged) v.opened = true;
    if (o.envelope == priced) v.price_opened = true;
  }
  SPSE_ASSIGN_OR_RETURN(auto bids, tx.bids().BidsOf(ld.l.tender.id, std::nullopt));
  SPSE_ASSIGN_OR_RETURN(auto prices, tx.bids().PricesOf(ld.l.tender.id));
  SPSE_ASSIGN_OR_RETURN(auto all, tx.evaluation().JudgementsOf(ld.l.tender.id));
  SPSE_ASSIGN_OR_RETURN(auto invitations, tx.evaluation().ProofInvitationsOf(ld.l.tender.id));
  SPSE_ASSIGN_OR_RETURN(auto proofs, tx.evaluation().ProofResultsOf(ld.l.tender.id));
  SPSE_ASSIGN_OR_RETURN(v.decisions, tx.evaluation().DecisionsOf(ld.l.tender.id));
  for (const auto& d : v.decisions) {
    if (!d.revoked_at) v.decision = d;
  }
  const std::vector<Judgement> current = domain::CurrentJudgements(all);
  v.history.assign(all.rbegin(), all.rend());

  std::vector<domain::BidderFacts> facts;
  std::map<std::int64_t, BidderEvaluation> by_vendor;
  for (const Bid& b : bids) {
    if (b.status != BidStatus::kSubmitted || b.envelope != judged) continue;
    BidderEvaluation be;
    be.vendor_id = b.vendor_user_id;
    be.company_name = b.company_name;
    be.bid_id = b.id;
    be.submitted_at = b.submitted_at.value_or(0);
    domain::BidderFacts f;
    f.vendor_id = b.vendor_user_id;
    f.company_name = b.company_name;
    f.submitted_at = be.submitted_at;
    // The price comes from the bid that carries it (the same one for satu file).
    for (const Bid& p : bids) {
      if (p.status != BidStatus::kSubmitted || p.envelope != priced ||
          p.vendor_user_id != b.vendor_user_id) {
        continue;
      }
      f.submitted_at = p.submitted_at.value_or(f.submitted_at);
      for (const auto& price : prices) {
        if (price.bid_id != p.id) continue;
        auto form = opener_.ReadPriceForm(price.form_json);
        if (!form.ok()) continue;
        auto corrected = domain::CorrectPrice(*form, ld.l.package.hps, ld.l.package.contract_type);
        if (corrected.ok()) f.price = std::move(*corrected);
      }
    }
    be.price = f.price;
    // The data penyedia as it stood when the bid was sealed.
    SPSE_ASSIGN_OR_RETURN(auto snapshot, tx.vendor_data().AsOf(b.vendor_user_id, be.submitted_at));
    be.vendor_data_version = snapshot.version;
    be.vendor_data_at = snapshot.created_at;
    for (const auto& c : ld.method->criteria) {
      CriterionJudgements cj;
      cj.criterion = &c;
      for (const auto& j : current) {
        if (j.vendor_id != b.vendor_user_id || j.criterion != c.code) continue;
        if (j.member_id == 0) {
          cj.agreed = j;
          f.agreed.push_back(j);
        } else {
          cj.views.push_back(j);
        }
      }
      cj.suggestion = Suggest(c, cj.views);
      be.criteria.push_back(std::move(cj));
    }
    for (const auto& inv : invitations) {
      if (inv.vendor_id == b.vendor_user_id) be.invitation = inv;
    }
    for (const auto& r : proofs) {
      if (r.vendor_id == b.vendor_user_id) be.proof = r;
    }
    if (be.proof) {
      f.proof_passed = be.proof->passed;
      f.proof_reason = be.proof->reason;
    }
    facts.push_back(std::move(f));
    by_vendor[b.vendor_user_id] = std::move(be);
  }

  domain::EvaluationContext ctx;
  ctx.method = ld.method;
  ctx.hps = v.hps;
  ctx.pagu = v.pagu;
  ctx.post_qualification = JudgesQualification(proc);
  ctx.needs_proof = ctx.post_qualification && HasStage(proc, "pembuktian");
  v.judges_qualification = ctx.post_qualification;
  v.outcome = domain::Evaluate(ctx, facts);
  if (!v.price_opened) {
    // Dua file before the price envelopes are opened: the price stage waits.
    for (auto& r : v.outcome.bidders) {
      if (r.price == StageOutcome::kFailed && !r.stated_price_rupiah) {
        r.price = StageOutcome::kPending;
        r.fail_reason.clear();
        r.qualification = StageOutcome::kNotEvaluated;
        r.proof = StageOutcome::kNotEvaluated;
      }
      r.rank = 0;
      r.winner = false;
      r.reserve = 0;
    }
    v.outcome.complete = false;
    v.outcome.winner_vendor_id.reset();
    v.outcome.failure.clear();
  }
  for (const auto& r : v.outcome.bidders) {
    auto it = by_vendor.find(r.vendor_id);
    if (it == by_vendor.end()) continue;
    it->second.result = r;
    v.bidders.push_back(std::move(it->second));
  }

  if (ld.l.tender.status != domain::TenderStatus::kRunning) {
    v.may_judge = FailedPrecondition("tender.not_running");
  } else if (!v.opened) {
    v.may_judge = FailedPrecondition("evaluation.not_opened");
  } else if (v.decision) {
    v.may_judge = FailedPrecondition("evaluation.decided");
  }
  if (!v.is_chair) {
    v.may_decide = PermissionDenied("evaluation.chair_only");
  } else if (v.decision) {
    v.may_decide = FailedPrecondition("evaluation.decided");
  } else if (Status w = domain::CheckStageWindow(ld.l.tender, proc, proc.award_stage, now);
             !w.ok()) {
    v.may_decide = w;
  } else if (!v.outcome.complete) {
    v.may_decide = FailedPrecondition("evaluation.incomplete");
  }
  if (!v.is_chair) {
    v.may_announce = PermissionDenied("evaluation.chair_only");
  } else if (!v.decision) {
    v.may_announce = FailedPrecondition("evaluation.not_decided");
  } else if (v.decision->announced_at) {
    v.may_announce = FailedPrecondition("evaluation.already_announced");
  } else {
    v.may_announce = domain::CheckStageWindow(ld.l.tender, proc, proc.announce_stage, now);
  }

  // Klarifikasi dan negosiasi.
  v.negotiates = HasStage(proc, "klarifikasi_negosiasi");
  if (v.negotiates) {
    SPSE_ASSIGN_OR_RETURN(v.negotiations, tx.evaluation().NegotiationsOf(ld.l.tender.id));
    if (v.decision && v.decision->winner_vendor_id) {
      v.candidate_vendor_id = v.decision->winner_vendor_id;
    } else if (!v.decision && v.outcome.complete) {
      v.candidate_vendor_id = v.outcome.winner_vendor_id;
    }
    for (const auto& n : v.negotiations) {
      if (v.candidate_vendor_id && n.vendor_id == *v.candidate_vendor_id) v.negotiation = n;
    }
    // Negotiated before the decision (non-tender) or after it (seleksi).
    const bool before_decision = proc.award_stage == "klarifikasi_negosiasi";
    if (!v.is_chair) {
      v.may_negotiate = PermissionDenied("evaluation.chair_only");
    } else if (ld.l.tender.status != domain::TenderStatus::kRunning) {
      v.may_negotiate = FailedPrecondition("tender.not_running");
    } else if (!v.candidate_vendor_id || (before_decision && v.decision) ||
               (!before_decision && (!v.decision || !v.decision->announced_at))) {
      v.may_negotiate = FailedPrecondition("negotiation.no_candidate");
    } else {
      v.may_negotiate = domain::CheckStageWindow(ld.l.tender, proc, "klarifikasi_negosiasi", now);
    }
    if (before_decision && v.may_decide.ok() && !v.negotiation) {
      v.may_decide = FailedPrecondition("negotiation.required");
    }
  } else {
    v.may_negotiate = FailedPrecondition("evaluation.no_stage");
  }
  v.tender = ld.l.tender;
  return v;
}

StatusOr<EvaluationView> EvaluationService::View(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  return Build(*tx, actor, ld);
}

StatusOr<int> EvaluationService::Judge(const Actor& actor, std::int64_t tender_id,
                                       std::int64_t vendor_id, bool agreed,
                                       const std::vector<JudgementInput>& inputs) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(EvaluationView v, Build(*tx, actor, ld));
  SPSE_RETURN_IF_ERROR(v.may_judge);
  if (agreed && !v.is_chair) return PermissionDenied("evaluation.chair_only");
  auto bidder = std::find_if(v.bidders.begin(), v.bidders.end(),
                             [&](const auto& b) { return b.vendor_id == vendor_id; });
  if (bidder == v.bidders.end()) return NotFound("evaluation.bidder_unknown");
  const Micros now = clock_.Now();
  const std::int64_t member = agreed ? 0 : actor.who.user_id;
  std::vector<std::string> lines;
  for (const auto& in : inputs) {
    const domain::Criterion* c = ld.method->FindCriterion(in.criterion);
    if (c == nullptr) return InvalidArgument("evaluation.criterion_unknown", in.criterion);
    Judgement j;
    j.tender_id = tender_id;
    j.vendor_id = vendor_id;
    j.criterion = c->code;
    j.member_id = member;
    j.pass = (c->weight > 0 || c->amount) ? true : in.pass;
    j.score = c->weight > 0 ? in.score : 0;
    j.amount_rupiah = c->amount ? in.amount_rupiah : 0;
    j.reason = in.reason;
    j.recorded_by = actor.who.user_id;
    j.at = now;
    if (Status s = domain::CheckJudgement(*ld.method, j); !s.ok()) {
      return Status(s.code(), s.reason(), c->code);
    }
    const CriterionJudgements* cj = nullptr;
    for (const auto& x : bidder->criteria) {
      if (x.criterion == c) cj = &x;
    }
    const Judgement* before = nullptr;
    if (cj != nullptr && agreed && cj->agreed) before = &*cj->agreed;
    if (cj != nullptr && !agreed) {
      for (const auto& x : cj->views) {
        if (x.member_id == member) before = &x;
      }
    }
    if (before != nullptr && SameJudgement(*before, j)) continue;
    SPSE_RETURN_IF_ERROR(tx->evaluation().InsertJudgement(j).status());
    lines.push_back((before != nullptr ? "koreksi " : "") + DescribeJudgement(*c, j));
  }
  if (lines.empty()) return 0;
  std::string summary = ld.l.tender.code + ": " + bidder->company_name + ", " +
                        (agreed ? "hasil kesepakatan Pokja" : "penilaian anggota") + ":";
  for (const auto& l : lines) summary += "\n" + l;
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor,
                                  agreed ? "evaluation.agreed" : "evaluation.judged",
                                  "tender", std::to_string(tender_id), summary));
  if (agreed && JudgedEnvelope(*ld.l.procedure) == Envelope::kTechnical && !v.price_opened) {
    // Dua file: the administration and technical results decide whose price
    // envelope is opened.
    SPSE_ASSIGN_OR_RETURN(EvaluationView after, Build(*tx, actor, ld));
    for (const auto& b : after.bidders) {
      const auto& r = b.result;
      if (r.administration == StageOutcome::kPending || r.technical == StageOutcome::kPending) {
        continue;
      }
      const bool passed =
          r.administration == StageOutcome::kPassed && r.technical == StageOutcome::kPassed;
      SPSE_RETURN_IF_ERROR(tx->bids().SetTechnicalResult(b.bid_id, passed,
                                                         ReasonText(r.fail_reason),
                                                         actor.who.user_id, now));
    }
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(lines.size());
}

StatusOr<std::int64_t> EvaluationService::InviteProof(const Actor& actor, std::int64_t tender_id,
                                                      std::int64_t vendor_id, Micros at,
                                                      std::string_view place,
                                                      std::string_view notes) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(EvaluationView v, Build(*tx, actor, ld));
  if (!v.is_chair) return PermissionDenied("evaluation.chair_only");
  SPSE_RETURN_IF_ERROR(v.may_judge);
  auto bidder = std::find_if(v.bidders.begin(), v.bidders.end(),
                             [&](const auto& b) { return b.vendor_id == vendor_id; });
  if (bidder == v.bidders.end()) return NotFound("evaluation.bidder_unknown");
  if (bidder->result.rank == 0) return FailedPrecondition("evaluation.not_ranked");
  const Micros now = clock_.Now();
  domain::ProofInvitation inv;
  inv.tender_id = tender_id;
  inv.vendor_id = vendor_id;
  inv.at = at;
  inv.place = std::string(place);
  inv.notes = std::string(notes);
  inv.invited_by = actor.who.user_id;
  inv.invited_at = now;
  SPSE_RETURN_IF_ERROR(domain::CheckProofInvitation(inv, ld.l.tender, *ld.l.procedure, now));
  SPSE_ASSIGN_OR_RETURN(inv.id, tx->evaluation().InsertProofInvitation(inv));
  const std::string when = FormatDateTime(at, config_.zone, Lang::kId);
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "evaluation.proof_invited", "tender",
                                  std::to_string(tender_id),
                                  ld.l.tender.code + ": " + bidder->company_name +
                                      " diundang pembuktian kualifikasi " + when + " di " +
                                      inv.place));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(vendor_id));
  if (user && user->active) {
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, *user, "evaluation_proof_invitation",
        {{"name", user->full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"when", when},
         {"when_en", FormatDateTime(at, config_.zone, Lang::kEn)},
         {"place", inv.place},
         {"notes", inv.notes.empty() ? "-" : inv.notes},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id)}}));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return inv.id;
}

Status EvaluationService::RecordProof(const Actor& actor, std::int64_t tender_id,
                                      std::int64_t vendor_id, bool passed,
                                      std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(EvaluationView v, Build(*tx, actor, ld));
  if (!v.is_chair) return PermissionDenied("evaluation.chair_only");
  SPSE_RETURN_IF_ERROR(v.may_judge);
  auto bidder = std::find_if(v.bidders.begin(), v.bidders.end(),
                             [&](const auto& b) { return b.vendor_id == vendor_id; });
  if (bidder == v.bidders.end()) return NotFound("evaluation.bidder_unknown");
  if (!bidder->invitation) return FailedPrecondition("evaluation.not_invited");
  const bool blank = reason.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (!passed && blank) return InvalidArgument("evaluation.reason_required");
  if (reason.size() > 1000) return InvalidArgument("evaluation.too_long");
  domain::ProofResult r;
  r.tender_id = tender_id;
  r.vendor_id = vendor_id;
  r.passed = passed;
  r.reason = std::string(reason);
  r.recorded_by = actor.who.user_id;
  r.at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->evaluation().InsertProofResult(r).status());
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "evaluation.proof_recorded", "tender", std::to_string(tender_id),
      ld.l.tender.code + ": pembuktian kualifikasi " + bidder->company_name + " " +
          (passed ? "lulus" : "gugur") + (blank ? "" : " (" + r.reason + ")") +
          (bidder->proof ? ", mengoreksi hasil sebelumnya" : "")));
  return tx->Commit();
}

StatusOr<std::int64_t> EvaluationService::Decide(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(EvaluationView v, Build(*tx, actor, ld));
  SPSE_RETURN_IF_ERROR(v.may_decide);
  const Micros now = clock_.Now();
  AwardDecision d;
  d.tender_id = tender_id;
  d.winner_vendor_id = v.outcome.winner_vendor_id;
  d.failure = v.outcome.failure;
  d.decided_by = actor.who.user_id;
  d.decided_at = now;
  std::string winner_name;
  for (const auto& r : v.outcome.bidders) {
    d.results.push_back(r);
    if (r.winner) {
      d.price_rupiah = r.evaluated_price_rupiah.value_or(0);
      winner_name = r.company_name;
    }
  }
  // Negotiated before the decision (non-tender): the agreed price is the award's.
  if (v.negotiation && ld.l.procedure->award_stage == "klarifikasi_negosiasi" &&
      d.winner_vendor_id == v.negotiation->vendor_id) {
    d.price_rupiah = v.negotiation->agreed_rupiah;
  }
  d.minutes_number = "BA-HP/" + ld.l.tender.code + "/" + std::to_string(v.decisions.size() + 1);

  // The Berita Acara Hasil Pemilihan.
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "BERITA ACARA HASIL PEMILIHAN";
  doc.subtitle = "Nomor: " + d.minutes_number;
  doc.sections.push_back(PrintedSection{
      "A. Paket",
      {{"Kode tender", ld.l.tender.code},
       {"Nama paket", ld.l.package.name},
       {"Metode", domain::MethodText(*ld.l.procedure, ld.l.tender.evaluation)},
       {"Jenis kontrak", std::string(domain::ContractTypeName(ld.l.package.contract_type))},
       {"Nilai HPS", v.hps.Format()},
       {"Pagu anggaran", v.pagu.Format()},
       {"Jumlah penawaran dievaluasi", std::to_string(v.bidders.size())},
       {"Tanggal penetapan", FormatDateTime(now, config_.zone, Lang::kId)}},
      {}});
  int index = 0;
  for (const auto& r : d.results) {
    PrintedSection s;
    s.heading = "B." + std::to_string(++index) + ". " + r.company_name;
    if (r.stated_price_rupiah) s.rows.push_back({"Harga penawaran", Rupiah(*r.stated_price_rupiah)});
    if (r.corrected_price_rupiah) {
      s.rows.push_back({"Harga terkoreksi", Rupiah(*r.corrected_price_rupiah)});
    }
    if (r.evaluated_price_rupiah && r.evaluated_price_rupiah != r.corrected_price_rupiah) {
      s.rows.push_back({"Harga evaluasi", Rupiah(*r.evaluated_price_rupiah)});
    }
    s.rows.push_back({"Administrasi", OutcomeText(r.administration)});
    s.rows.push_back({"Teknis", OutcomeText(r.technical) +
                                    (r.technical_score ? ", nilai " + Hundredths(*r.technical_score) : "")});
    s.rows.push_back({"Harga", OutcomeText(r.price)});
    if (r.total_score) {
      s.rows.push_back({"Nilai harga / nilai akhir",
                        Hundredths(r.price_score.value_or(0)) + " / " + Hundredths(*r.total_score)});
    }
    if (r.qualification != StageOutcome::kNotEvaluated) {
      s.rows.push_back({"Kualifikasi", OutcomeText(r.qualification)});
    }
    if (r.proof != StageOutcome::kNotEvaluated) {
      s.rows.push_back({"Pembuktian kualifikasi", OutcomeText(r.proof)});
    }
    s.rows.push_back({"Peringkat", r.rank > 0 ? std::to_string(r.rank) : "-"});
    if (!r.fail_reason.empty()) s.rows.push_back({"Keterangan", ReasonText(r.fail_reason)});
    if (r.winner) s.rows.push_back({"Hasil", "PEMENANG"});
    if (r.reserve > 0) s.rows.push_back({"Hasil", "Pemenang cadangan " + std::to_string(r.reserve)});
    doc.sections.push_back(std::move(s));
  }
  const bool by_pokja = ld.l.package.pokja_group_id.has_value();
  if (d.winner_vendor_id) {
    const bool negotiated = v.negotiation && ld.l.procedure->award_stage == "klarifikasi_negosiasi";
    const bool proven = std::any_of(d.results.begin(), d.results.end(), [](const domain::BidderResult& r) {
      return r.winner && r.proof == StageOutcome::kPassed;
    });
    doc.sections.push_back(PrintedSection{
        "C. Penetapan",
        {{"Pemenang", winner_name},
         {"Harga", Rupiah(d.price_rupiah) +
                       (negotiated ? " (hasil negosiasi, " + v.negotiation->minutes_number + ")" : "")}},
        {std::string(by_pokja ? "Pokja Pemilihan" : "Pejabat Pengadaan") +
         " menetapkan penyedia di atas sebagai pemenang berdasarkan hasil evaluasi" +
         (proven ? " dan pembuktian kualifikasi" : "") +
         (negotiated ? ", klarifikasi dan negosiasi" : "") + "."}});
  } else {
    doc.sections.push_back(PrintedSection{
        "C. Penetapan",
        {},
        {"Pemilihan dinyatakan GAGAL: " + FailureText(d.failure) + "."}});
  }
  for (const auto& m : v.members) {
    doc.signatures.push_back(PrintedSignature{
        by_pokja ? (m.user_id == v.chair_id ? "Ketua Pokja Pemilihan" : "Anggota Pokja Pemilihan")
                 : "Pejabat Pengadaan",
        m.name, ""});
  }
  SPSE_ASSIGN_OR_RETURN(BlobInfo blob, StorePrinted(printer_, blobs_, doc));
  d.minutes_sha256 = blob.sha256;
  d.minutes_size = blob.size;
  SPSE_ASSIGN_OR_RETURN(d.id, tx->evaluation().InsertDecision(d));
  std::string summary = ld.l.tender.code + ": " +
                        (d.winner_vendor_id ? "pemenang " + winner_name + " " + Rupiah(d.price_rupiah)
                                            : "gagal, " + FailureText(d.failure)) +
                        "; " + d.minutes_number + " (sha256 " + d.minutes_sha256 + ")";
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "evaluation.decided", "tender",
                                  std::to_string(tender_id), summary));
  if (!d.winner_vendor_id) {
    // No winner: the selection fails at once, and the result is public.
    SPSE_ASSIGN_OR_RETURN(ld.l.tender.status, domain::NextTenderStatus(
                                                  ld.l.tender.status, domain::TenderEvent::kFail));
    ld.l.tender.end_reason = "Hasil evaluasi: " + FailureText(d.failure);
    SPSE_RETURN_IF_ERROR(tx->tenders().Update(ld.l.tender));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.fail", "tender",
                                    std::to_string(tender_id),
                                    ld.l.tender.code + " gagal: " + ld.l.tender.end_reason));
    SPSE_RETURN_IF_ERROR(AnnounceIn(*tx, actor, ld.l, d));
  } else if (ld.l.procedure->announce_stage == ld.l.procedure->award_stage) {
    // Decided and announced in one stage (non-tender, Tender Cepat).
    SPSE_RETURN_IF_ERROR(AnnounceIn(*tx, actor, ld.l, d));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return d.id;
}

Status EvaluationService::AnnounceIn(Tx& tx, const Actor& actor, const LoadedTender& l,
                                     const AwardDecision& d) {
  SPSE_RETURN_IF_ERROR(tx.evaluation().Announce(d.id, clock_.Now(), actor.who.user_id));
  std::string winner;
  for (const auto& r : d.results) {
    if (r.winner) winner = r.company_name;
  }
  const std::string price = Rupiah(d.price_rupiah);
  const std::string result = d.winner_vendor_id
                                 ? "Pemenang: " + winner + ", harga " + price
                                 : "Pemilihan dinyatakan gagal: " + FailureText(d.failure);
  const std::string result_en = d.winner_vendor_id
                                    ? "Winner: " + winner + ", price " + price
                                    : "The selection failed: " + FailureTextEn(d.failure);
  SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock_, actor, "evaluation.announced", "tender",
                                  std::to_string(l.tender.id),
                                  l.tender.code + ": " + result + " diumumkan; " + d.minutes_number));
  return NotifyParticipants(
      tx, composer_, clock_, l.tender, l.package.name, "evaluation_announced",
      {{"result", result},
       {"result_en", result_en},
       {"link", config_.base_url + "/tender/" + std::to_string(l.tender.id) + "/hasil"}});
}

Status EvaluationService::Announce(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(EvaluationView v, Build(*tx, actor, ld));
  SPSE_RETURN_IF_ERROR(v.may_announce);
  SPSE_RETURN_IF_ERROR(AnnounceIn(*tx, actor, ld.l, *v.decision));
  return tx->Commit();
}

StatusOr<std::int64_t> EvaluationService::RecordNegotiation(const Actor& actor,
                                                            std::int64_t tender_id,
                                                            std::int64_t agreed_rupiah,
                                                            std::string_view notes) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(EvaluationView v, Build(*tx, actor, ld));
  SPSE_RETURN_IF_ERROR(v.may_negotiate);
  const std::int64_t vendor = *v.candidate_vendor_id;
  const BidderEvaluation* bidder = nullptr;
  for (const auto& b : v.bidders) {
    if (b.vendor_id == vendor) bidder = &b;
  }
  const domain::BidderResult* result = nullptr;
  if (v.decision) {
    for (const auto& r : v.decision->results) {
      if (r.vendor_id == vendor) result = &r;
    }
  } else if (bidder != nullptr) {
    result = &bidder->result;
  }
  if (result == nullptr || !result->evaluated_price_rupiah) {
    return FailedPrecondition("negotiation.no_candidate");
  }
  const Micros now = clock_.Now();
  domain::Negotiation n;
  n.tender_id = tender_id;
  n.vendor_id = vendor;
  // A correction starts again from the evaluated price, never from an earlier agreement.
  n.offered_rupiah = *result->evaluated_price_rupiah;
  n.agreed_rupiah = agreed_rupiah;
  n.notes = std::string(notes);
  n.recorded_by = actor.who.user_id;
  n.at = now;
  SPSE_RETURN_IF_ERROR(domain::CheckNegotiation(n, ld.l.tender, *ld.l.procedure, v.hps, now));
  n.minutes_number = "BA-NG/" + ld.l.tender.code + "/" + std::to_string(v.negotiations.size() + 1);

  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "BERITA ACARA KLARIFIKASI TEKNIS DAN NEGOSIASI HARGA";
  doc.subtitle = "Nomor: " + n.minutes_number;
  doc.sections.push_back(PrintedSection{
      "A. Paket",
      {{"Kode", ld.l.tender.code},
       {"Nama paket", ld.l.package.name},
       {"Metode", domain::MethodText(*ld.l.procedure, ld.l.tender.evaluation)},
       {"Nilai HPS", v.hps.Format()},
       {"Waktu", FormatDateTime(now, config_.zone, Lang::kId)}},
      {}});
  doc.sections.push_back(PrintedSection{
      "B. Penyedia",
      {{"Nama", result->company_name},
       {"Harga penawaran (setelah koreksi aritmatik)", Rupiah(n.offered_rupiah)},
       {"Harga hasil negosiasi", Rupiah(n.agreed_rupiah)},
       {"Selisih", Rupiah(n.offered_rupiah - n.agreed_rupiah)}},
      {}});
  doc.sections.push_back(PrintedSection{"C. Hasil klarifikasi dan negosiasi", {}, {n.notes}});
  if (!v.negotiations.empty()) {
    doc.sections.push_back(PrintedSection{
        "D. Catatan",
        {},
        {"Berita Acara ini mengoreksi " + v.negotiations.back().minutes_number +
         "; Berita Acara yang dikoreksi tetap tersimpan."}});
  }
  for (const auto& m : v.members) {
    doc.signatures.push_back(PrintedSignature{
        ld.l.package.pokja_group_id ? (m.user_id == v.chair_id ? "Ketua Pokja Pemilihan"
                                                               : "Anggota Pokja Pemilihan")
                                    : "Pejabat Pengadaan",
        m.name, ""});
  }
  doc.signatures.push_back(PrintedSignature{"Penyedia", result->company_name, ""});
  SPSE_ASSIGN_OR_RETURN(BlobInfo blob, StorePrinted(printer_, blobs_, doc));
  n.minutes_sha256 = blob.sha256;
  n.minutes_size = blob.size;
  SPSE_ASSIGN_OR_RETURN(n.id, tx->evaluation().InsertNegotiation(n));
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "evaluation.negotiated", "tender", std::to_string(tender_id),
      ld.l.tender.code + ": negosiasi dengan " + result->company_name + " " +
          Rupiah(n.offered_rupiah) + " -> " + Rupiah(n.agreed_rupiah) +
          (v.negotiations.empty() ? "" : " (koreksi " + v.negotiations.back().minutes_number + ")") +
          "; " + n.minutes_number + " (sha256 " + n.minutes_sha256 + ")"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return n.id;
}

StatusOr<ResultsView> EvaluationService::Results(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  SPSE_ASSIGN_OR_RETURN(auto decisions, tx->evaluation().DecisionsOf(tender_id));
  const AwardDecision* shown = nullptr;
  for (const auto& d : decisions) {
    if (!d.revoked_at && d.announced_at) shown = &d;
  }
  if (shown == nullptr) return NotFound("evaluation.not_announced");
  ResultsView r;
  r.method = catalogue_.FindEvaluation(l.tender.evaluation);
  r.package_name = l.package.name;
  SPSE_ASSIGN_OR_RETURN(r.hps, domain::HpsTotal(l.package.hps));
  r.decision = *shown;
  for (const auto& b : shown->results) {
    if (b.winner) r.winner_name = b.company_name;
  }
  r.auction = domain::AuctionPeriod(l.tender, *l.procedure).has_value();
  r.tender = std::move(l.tender);
  return r;
}

StatusOr<EvaluationService::MinutesFile> EvaluationService::StoredMinutes(std::string_view sha256,
                                                                          std::string number) {
  MinutesFile f;
  SPSE_ASSIGN_OR_RETURN(f.path, blobs_.FileOf(sha256));
  for (char& c : number) {
    if (c == '/') c = '-';
  }
  f.filename = number + ".pdf";
  return f;
}

StatusOr<EvaluationService::MinutesFile> EvaluationService::MinutesPdf(const Actor& actor,
                                                                       std::int64_t tender_id,
                                                                       std::int64_t decision_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  const bool insider = l.runs || domain::Authorize(actor.who, Permission::kViewAudit).ok();
  SPSE_ASSIGN_OR_RETURN(auto decisions, tx->evaluation().DecisionsOf(tender_id));
  for (const auto& d : decisions) {
    if (d.id != decision_id) continue;
    if (!insider && !d.announced_at) break;
    return StoredMinutes(d.minutes_sha256, d.minutes_number);
  }
  return NotFound("minutes.not_found");
}

StatusOr<EvaluationService::MinutesFile> EvaluationService::NegotiationPdf(
    const Actor& actor, std::int64_t tender_id, std::int64_t negotiation_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  const bool insider = l.runs || domain::Authorize(actor.who, Permission::kViewAudit).ok();
  SPSE_ASSIGN_OR_RETURN(auto negotiations, tx->evaluation().NegotiationsOf(tender_id));
  for (const auto& n : negotiations) {
    if (n.id != negotiation_id) continue;
    if (!insider && !(actor.who.signed_in() && actor.who.user_id == n.vendor_id)) break;
    return StoredMinutes(n.minutes_sha256, n.minutes_number);
  }
  return NotFound("minutes.not_found");
}

}  // namespace spse::app
