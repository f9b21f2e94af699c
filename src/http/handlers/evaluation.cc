// Evaluation and award (issue 6, items 1-3): the Pokja's evaluation page
// (each member's judgements, the agreed results, the price corrections, the
// ranking, the qualification proof, the decision and its announcement) and
// the public results page with the Berita Acara Hasil Pemilihan.
#include <algorithm>

#include "app/evaluation_service.h"
#include "base/money.h"
#include "base/time_format.h"
#include "domain/planning.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

using domain::EvalStage;
using domain::StageOutcome;

StatusOr<app::EvaluationService*> Evaluation(Context& ctx) {
  if (ctx.site.services().evaluation == nullptr) return NotFound("tender.not_found");
  return ctx.site.services().evaluation;
}

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

// A text that a template tests with a section: false when empty (an empty
// string would open the section).
void SetText(data& d, const std::string& key, const std::string& text) {
  if (text.empty()) {
    d.set(key, false);
  } else {
    d.set(key, text);
  }
}

std::string OutcomeWord(StageOutcome s) { return std::string(domain::StageOutcomeWord(s)); }

// "teknis: evaluation.below_pass_mark; administrasi: <the Pokja's words>"
// in the reader's language: stage words and reason codes through the
// message catalogue, the Pokja's own words as written.
std::string ReasonsText(Context& ctx, std::string_view reasons) {
  std::string out;
  size_t start = 0;
  while (start < reasons.size()) {
    size_t end = reasons.find("; ", start);
    if (end == std::string_view::npos) end = reasons.size();
    std::string_view part = reasons.substr(start, end - start);
    const size_t colon = part.find(": ");
    std::string text(part);
    if (colon != std::string_view::npos) {
      std::string_view stage = part.substr(0, colon);
      std::string_view why = part.substr(colon + 2);
      std::string why_text(why);
      if (why.starts_with("evaluation.") && ctx.site.catalogue().Has("err." + std::string(why))) {
        why_text = ctx.T("err." + std::string(why));
      }
      text = Label(ctx, "evaluation.stage.", stage) + ": " + why_text;
    }
    if (!out.empty()) out += "; ";
    out += text;
    start = end + 2;
  }
  return out;
}

data OutcomeCells(Context& ctx, const domain::BidderResult& r) {
  data row;
  row.set("vendor", std::to_string(r.vendor_id));
  row.set("company", r.company_name);
  row.set("rank", r.rank > 0 ? std::to_string(r.rank) : "-");
  row.set("ranked", r.rank > 0);
  row.set("stated", r.stated_price_rupiah ? Rupiah(*r.stated_price_rupiah) : "-");
  row.set("corrected", r.corrected_price_rupiah ? Rupiah(*r.corrected_price_rupiah) : "-");
  row.set("evaluated", r.evaluated_price_rupiah ? Rupiah(*r.evaluated_price_rupiah) : "-");
  row.set("price_changed", r.stated_price_rupiah && r.corrected_price_rupiah &&
                               *r.stated_price_rupiah != *r.corrected_price_rupiah);
  data stages = List();
  const std::pair<const char*, StageOutcome> cells[] = {
      {"administrasi", r.administration}, {"teknis", r.technical}, {"harga", r.price},
      {"kualifikasi", r.qualification},   {"pembuktian", r.proof}};
  for (const auto& [stage, outcome] : cells) {
    data c;
    c.set("stage", std::string(stage));
    c.set("outcome", OutcomeWord(outcome));
    c.set("outcome_label", Label(ctx, "evaluation.outcome.", OutcomeWord(outcome)));
    c.set("passed", outcome == StageOutcome::kPassed);
    c.set("failed", outcome == StageOutcome::kFailed);
    stages.push_back(c);
  }
  row.set("stages", stages);
  row.set("technical_score", r.technical_score ? domain::FormatQuantity(*r.technical_score) : "-");
  row.set("total_score", r.total_score ? domain::FormatQuantity(*r.total_score) : "-");
  row.set("price_score", r.price_score ? domain::FormatQuantity(*r.price_score) : "-");
  SetText(row, "reasons", ReasonsText(ctx, r.fail_reason));
  row.set("winner", r.winner);
  row.set("reserve", r.reserve > 0 ? std::to_string(r.reserve) : "");
  row.set("is_reserve", r.reserve > 0);
  row.set("below_80", r.below_80_percent_hps);
  row.set("tie_break", r.tie_break.empty() ? std::string() : Label(ctx, "evaluation.tie.", r.tie_break));
  row.set("has_tie_break", !r.tie_break.empty());
  return row;
}

std::string JudgementText(Context& ctx, const domain::Criterion& c, const domain::Judgement& j) {
  if (c.amount) return Rupiah(j.amount_rupiah);
  if (c.weight > 0) return std::to_string(j.score);
  return ctx.T(j.pass ? "evaluation.outcome.lulus" : "evaluation.outcome.gugur");
}

// One judgement's values for a form: what is recorded now, or the suggestion.
void FormValues(data& r, const domain::Criterion& c, const std::optional<domain::Judgement>& j) {
  r.set("v_pass", j && (c.weight > 0 || c.amount || j->pass));
  r.set("v_fail", j && c.weight == 0 && !c.amount && !j->pass);
  r.set("v_score", j && c.weight > 0 ? std::to_string(j->score) : std::string());
  r.set("v_amount", j && c.amount ? std::to_string(j->amount_rupiah) : std::string());
  r.set("v_reason", j ? j->reason : std::string());
}

bool Shown(const app::EvaluationView& v, const domain::Criterion& c) {
  return c.stage != EvalStage::kQualification || v.judges_qualification;
}

StatusOr<Response> RenderEvaluation(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  SPSE_ASSIGN_OR_RETURN(app::EvaluationView v, svc->View(ctx.actor(), id));
  const bool en = ctx.lang == Lang::kEn;
  data view;
  view.set("title", ctx.T("evaluation.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("method", en ? v.method->name_en : v.method->name_id);
  view.set("method_kind", std::string(domain::EvaluationKindWord(v.method->kind)));
  view.set("hps", v.hps.Format());
  view.set("pagu", v.pagu.Format());
  view.set("contract", Label(ctx, "plan.contract.", v.contract_type));
  view.set("runs", v.runs);
  view.set("is_chair", v.is_chair);
  view.set("scored", v.method->Scored());
  if (v.method->Scored()) view.set("pass_mark", std::to_string(v.method->pass_mark));
  view.set("combined", v.method->kind == domain::EvaluationKind::kCombined);
  if (v.method->kind == domain::EvaluationKind::kCombined) {
    view.set("technical_weight", std::to_string(v.method->technical_weight));
    view.set("price_weight", std::to_string(100 - v.method->technical_weight));
  }
  view.set("opened", v.opened);
  view.set("price_opened", v.price_opened);
  const bool may_judge = v.runs && v.may_judge.ok();
  view.set("may_judge", may_judge);
  if (v.runs && !v.may_judge.ok()) view.set("why_not_judge", ctx.ErrorText(v.may_judge));
  view.set("may_decide", v.may_decide.ok());
  if (v.is_chair && !v.may_decide.ok() && !v.decision) {
    view.set("why_not_decide", ctx.ErrorText(v.may_decide));
  }
  view.set("may_announce", v.may_announce.ok());
  if (v.is_chair && v.decision && !v.decision->announced_at && !v.may_announce.ok()) {
    view.set("why_not_announce", ctx.ErrorText(v.may_announce));
  }
  view.set("complete", v.outcome.complete);
  if (v.outcome.complete && !v.outcome.winner_vendor_id) {
    view.set("failure", ctx.T("err." + v.outcome.failure));
  }

  // The summary table.
  data summary = List();
  for (const auto& b : v.bidders) summary.push_back(OutcomeCells(ctx, b.result));
  view.set("summary", summary);
  view.set("no_bidders", v.bidders.empty());

  // The decision in force.
  if (v.decision) {
    const auto& d = *v.decision;
    view.set("decided", true);
    view.set("decided_at", ctx.FormatTime(d.decided_at));
    view.set("decision_id", std::to_string(d.id));
    view.set("minutes_number", d.minutes_number);
    view.set("minutes_sha256", d.minutes_sha256);
    view.set("announced", d.announced_at.has_value());
    if (d.announced_at) view.set("announced_at", ctx.FormatTime(*d.announced_at));
    for (const auto& r : d.results) {
      if (r.winner) {
        view.set("winner", r.company_name);
        view.set("winner_price", Rupiah(d.price_rupiah));
      }
    }
    if (!d.winner_vendor_id) view.set("decided_failure", ctx.T("err." + d.failure));
  }

  // Each bidder: its price, the snapshot of its data, its criteria.
  const std::int64_t me = ctx.actor().who.user_id;
  data bidders = List();
  for (const auto& b : v.bidders) {
    data r = OutcomeCells(ctx, b.result);
    r.set("id", std::to_string(id));
    r.set("submitted_at", ctx.FormatTime(b.submitted_at));
    r.set("data_version", std::to_string(b.vendor_data_version));
    r.set("has_data_version", b.vendor_data_version > 0);
    if (b.vendor_data_version > 0) r.set("data_at", ctx.FormatTime(b.vendor_data_at));
    if (b.price) {
      r.set("has_price", true);
      r.set("recomputed", b.price->recomputed);
      data lines = List();
      for (const auto& l : b.price->lines) {
        data lr;
        lr.set("no", std::to_string(l.position + 1));
        lr.set("description", l.description);
        lr.set("unit", l.unit);
        lr.set("hps_quantity", domain::FormatQuantity(l.hps_quantity));
        lr.set("offered_quantity",
               l.offered_quantity ? domain::FormatQuantity(*l.offered_quantity) : "-");
        lr.set("unit_price", Rupiah(l.unit_price_rupiah));
        lr.set("hps_unit_price", Rupiah(l.hps_unit_price_rupiah));
        lr.set("offered_total", Rupiah(l.offered_total_rupiah));
        lr.set("total", Rupiah(l.total_rupiah));
        lr.set("quantity_adjusted", l.quantity_adjusted);
        lr.set("missing", l.missing);
        lr.set("unbalanced", l.unbalanced);
        lines.push_back(lr);
      }
      r.set("lines", lines);
      data extra = List();
      for (const auto& e : b.price->extra_lines) {
        data er;
        er.set("text", e);
        extra.push_back(er);
      }
      r.set("extra_lines", extra);
      r.set("has_extra", !b.price->extra_lines.empty());
    }
    // Criteria grouped by stage.
    data stages = List();
    for (EvalStage st : {EvalStage::kAdministration, EvalStage::kTechnical,
                         EvalStage::kQualification, EvalStage::kPrice}) {
      data rows = List();
      bool any = false;
      for (const auto& cj : b.criteria) {
        const domain::Criterion& c = *cj.criterion;
        if (c.stage != st || !Shown(v, c)) continue;
        any = true;
        data cr;
        cr.set("code", c.code);
        cr.set("text", en ? c.text_en : c.text_id);
        cr.set("is_pass", c.weight == 0 && !c.amount);
        cr.set("is_score", c.weight > 0);
        cr.set("is_amount", c.amount);
        cr.set("weight", std::to_string(c.weight));
        data views = List();
        std::optional<domain::Judgement> mine;
        for (const auto& m : v.members) {
          data mv;
          mv.set("member", m.name);
          const domain::Judgement* found = nullptr;
          for (const auto& j : cj.views) {
            if (j.member_id == m.user_id) found = &j;
          }
          mv.set("value", found ? JudgementText(ctx, c, *found) : std::string("–"));
          SetText(mv, "reason", found ? found->reason : std::string());
          mv.set("fails", found && c.weight == 0 && !c.amount && !found->pass);
          if (found && m.user_id == me) mine = *found;
          views.push_back(mv);
        }
        cr.set("views", views);
        cr.set("has_agreed", cj.agreed.has_value());
        if (cj.agreed) {
          cr.set("agreed", JudgementText(ctx, c, *cj.agreed));
          SetText(cr, "agreed_reason", cj.agreed->reason);
          cr.set("agreed_fails", c.weight == 0 && !c.amount && !cj.agreed->pass);
        }
        data own;
        FormValues(own, c, mine);
        cr.set("own", own);
        data agreed;
        FormValues(agreed, c, cj.agreed ? cj.agreed : cj.suggestion);
        cr.set("chair", agreed);
        rows.push_back(cr);
      }
      if (!any) continue;
      data s;
      s.set("stage", std::string(domain::EvalStageWord(st)));
      s.set("stage_label", Label(ctx, "evaluation.stage.", domain::EvalStageWord(st)));
      s.set("criteria", rows);
      stages.push_back(s);
    }
    r.set("criterion_stages", stages);
    if (b.invitation) {
      r.set("invited", true);
      r.set("invite_at", ctx.FormatTime(b.invitation->at));
      r.set("invite_place", b.invitation->place);
      SetText(r, "invite_notes", b.invitation->notes);
    }
    if (b.proof) {
      r.set("proof_recorded", true);
      r.set("proof_passed", b.proof->passed);
      r.set("proof_reason", b.proof->reason);
    }
    r.set("may_invite", may_judge && v.is_chair && b.result.rank > 0);
    r.set("may_prove", may_judge && v.is_chair && b.invitation.has_value());
    bidders.push_back(r);
  }
  view.set("bidders", bidders);

  // Klarifikasi dan negosiasi.
  view.set("negotiates", v.negotiates);
  if (v.negotiates) {
    for (const auto& b : v.bidders) {
      if (v.candidate_vendor_id && b.vendor_id == *v.candidate_vendor_id) {
        view.set("candidate", b.company_name);
        if (b.result.evaluated_price_rupiah) {
          view.set("candidate_price", Rupiah(*b.result.evaluated_price_rupiah));
        }
      }
    }
    view.set("has_candidate", v.candidate_vendor_id.has_value());
    data negotiations = List();
    for (const auto& n : v.negotiations) {
      data r;
      r.set("nid", std::to_string(n.id));
      r.set("number", n.minutes_number);
      r.set("at", ctx.FormatTime(n.at));
      r.set("offered", Rupiah(n.offered_rupiah));
      r.set("agreed", Rupiah(n.agreed_rupiah));
      r.set("notes", n.notes);
      r.set("current", v.negotiation && v.negotiation->id == n.id);
      for (const auto& b : v.bidders) {
        if (b.vendor_id == n.vendor_id) r.set("company", b.company_name);
      }
      negotiations.push_back(r);
    }
    view.set("negotiations", negotiations);
    view.set("has_negotiations", !v.negotiations.empty());
    view.set("may_negotiate", v.may_negotiate.ok());
    if (v.is_chair && !v.may_negotiate.ok()) {
      view.set("why_not_negotiate", ctx.ErrorText(v.may_negotiate));
    }
  }

  // Every judgement, newest first.
  data history = List();
  for (const auto& j : v.history) {
    data h;
    h.set("at", ctx.FormatTime(j.at));
    std::string who = ctx.T("evaluation.agreed_short");
    for (const auto& m : v.members) {
      if (j.member_id != 0 && m.user_id == j.member_id) who = m.name;
    }
    h.set("who", who);
    h.set("agreed", j.member_id == 0);
    for (const auto& b : v.bidders) {
      if (b.vendor_id == j.vendor_id) h.set("company", b.company_name);
    }
    h.set("criterion", j.criterion);
    const domain::Criterion* c = v.method->FindCriterion(j.criterion);
    h.set("value", c ? JudgementText(ctx, *c, j) : std::string());
    h.set("reason", j.reason);
    history.push_back(h);
  }
  view.set("history", history);
  view.set("has_history", !v.history.empty());
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_evaluasi", view, status);
}

StatusOr<Response> AfterEvaluation(Context& ctx, std::int64_t id, const Status& s,
                                   const char* notice, std::string_view anchor = "") {
  if (s.ok()) {
    return Response::Redirect("/tender/" + std::to_string(id) + "/evaluasi?ok=" + notice +
                              std::string(anchor));
  }
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderEvaluation(ctx, id, HttpStatusFor(s.code()), s);
}

// "1.250.000", "-250000": whole rupiah, negative allowed (life-cycle amounts).
std::optional<std::int64_t> ParseRupiah(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  auto m = Money::Parse(text);
  if (!m || m->sen() % 100 != 0) return std::nullopt;
  return negative ? -(m->sen() / 100) : m->sen() / 100;
}

}  // namespace

StatusOr<Response> EvaluationPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderEvaluation(ctx, id, 200, OkStatus());
}

StatusOr<Response> EvaluationJudge(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto vendor = ParseId(Field(ctx, "vendor"));
  if (!vendor) return AfterEvaluation(ctx, id, NotFound("evaluation.bidder_unknown"), "");
  const bool agreed = Field(ctx, "scope") == "kesepakatan";
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  SPSE_ASSIGN_OR_RETURN(app::EvaluationView v, svc->View(ctx.actor(), id));
  std::vector<app::JudgementInput> inputs;
  for (const auto& c : v.method->criteria) {
    app::JudgementInput in;
    in.criterion = c.code;
    in.reason = Field(ctx, "reason." + c.code);
    if (c.amount) {
      const std::string text = Field(ctx, "amount." + c.code);
      if (text.empty()) continue;
      auto amount = ParseRupiah(text);
      if (!amount) {
        return AfterEvaluation(ctx, id, InvalidArgument("evaluation.amount_invalid", c.code), "");
      }
      in.amount_rupiah = *amount;
    } else if (c.weight > 0) {
      const std::string text = Field(ctx, "score." + c.code);
      if (text.empty()) continue;
      auto score = ParseId(text);
      if (!score && text != "0") {
        return AfterEvaluation(ctx, id, InvalidArgument("evaluation.score_invalid", c.code), "");
      }
      in.score = score ? static_cast<int>(std::min<std::int64_t>(*score, 1000)) : 0;
    } else {
      const std::string pass = Field(ctx, "pass." + c.code);
      if (pass != "lulus" && pass != "gugur") continue;
      in.pass = pass == "lulus";
    }
    inputs.push_back(std::move(in));
  }
  auto stored = svc->Judge(ctx.actor(), id, *vendor, agreed, inputs);
  return AfterEvaluation(ctx, id, stored.status(), agreed ? "evaluation_agreed" : "evaluation_judged",
                         "#penyedia-" + std::to_string(*vendor));
}

StatusOr<Response> EvaluationInvite(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto vendor = ParseId(Field(ctx, "vendor"));
  if (!vendor) return AfterEvaluation(ctx, id, NotFound("evaluation.bidder_unknown"), "");
  auto at = ParseInputDateTime(Field(ctx, "at"), ctx.site.config().zone);
  if (!at) return AfterEvaluation(ctx, id, InvalidArgument("evaluation.proof_time_invalid"), "");
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  auto inv = svc->InviteProof(ctx.actor(), id, *vendor, *at, Field(ctx, "place"), Field(ctx, "notes"));
  return AfterEvaluation(ctx, id, inv.status(), "proof_invited", "#penyedia-" + std::to_string(*vendor));
}

StatusOr<Response> EvaluationProof(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto vendor = ParseId(Field(ctx, "vendor"));
  if (!vendor) return AfterEvaluation(ctx, id, NotFound("evaluation.bidder_unknown"), "");
  const std::string result = Field(ctx, "result");
  if (result != "lulus" && result != "gugur") {
    return AfterEvaluation(ctx, id, InvalidArgument("evaluation.result_required"), "");
  }
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  const Status s = svc->RecordProof(ctx.actor(), id, *vendor, result == "lulus", Field(ctx, "reason"));
  return AfterEvaluation(ctx, id, s, "proof_recorded", "#penyedia-" + std::to_string(*vendor));
}

StatusOr<Response> EvaluationDecide(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  auto d = svc->Decide(ctx.actor(), id);
  return AfterEvaluation(ctx, id, d.status(), "winner_decided");
}

StatusOr<Response> EvaluationAnnounce(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  return AfterEvaluation(ctx, id, svc->Announce(ctx.actor(), id), "winner_announced");
}

StatusOr<Response> EvaluationNegotiate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto agreed = ParseRupiah(Field(ctx, "harga"));
  if (!agreed) return AfterEvaluation(ctx, id, InvalidArgument("negotiation.price_invalid"), "");
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  auto n = svc->RecordNegotiation(ctx.actor(), id, *agreed, Field(ctx, "catatan"));
  return AfterEvaluation(ctx, id, n.status(), "negotiation_recorded", "#negosiasi");
}

StatusOr<Response> NegotiationMinutes(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto no = ParseId(ctx.req.params["no"]);
  if (!no) return NotFound("minutes.not_found");
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  SPSE_ASSIGN_OR_RETURN(auto file, svc->NegotiationPdf(ctx.actor(), id, *no));
  return StoredFile(std::move(file.path), "application/pdf", file.filename, Disposition::kInline,
                    "private, max-age=300");
}

StatusOr<Response> ResultsPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  auto r = svc->Results(ctx.actor(), id);
  data view;
  view.set("title", ctx.T("results.title"));
  view.set("id", std::to_string(id));
  if (!r.ok()) {
    if (r.status().reason() != "evaluation.not_announced") return r.status();
    view.set("not_announced", true);
    return ctx.Page("tender_hasil", view, 200);
  }
  const bool en = ctx.lang == Lang::kEn;
  view.set("code", r->tender.code);
  view.set("name", r->package_name);
  view.set("auction", r->auction);
  if (r->auction) {
    view.set("method", ctx.T("results.auction_method"));
  } else if (r->method) {
    view.set("method", en ? r->method->name_en : r->method->name_id);
  }
  view.set("hps", r->hps.Format());
  view.set("decided_at", ctx.FormatTime(r->decision.decided_at));
  if (r->decision.announced_at) view.set("announced_at", ctx.FormatTime(*r->decision.announced_at));
  view.set("minutes_number", r->decision.minutes_number);
  view.set("minutes_sha256", r->decision.minutes_sha256);
  view.set("decision_id", std::to_string(r->decision.id));
  view.set("has_winner", r->decision.winner_vendor_id.has_value());
  view.set("winner", r->winner_name);
  view.set("winner_price", Rupiah(r->decision.price_rupiah));
  if (!r->decision.winner_vendor_id) view.set("failure", ctx.T("err." + r->decision.failure));
  bool scored = false;
  data rows = List();
  for (const auto& b : r->decision.results) {
    scored = scored || b.technical_score.has_value();
    rows.push_back(OutcomeCells(ctx, b));
  }
  view.set("rows", rows);
  view.set("scored", scored);
  return ctx.Page("tender_hasil", view, 200);
}

StatusOr<Response> ResultsMinutes(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto decision = ParseId(ctx.req.params["no"]);
  if (!decision) return NotFound("minutes.not_found");
  SPSE_ASSIGN_OR_RETURN(app::EvaluationService * svc, Evaluation(ctx));
  SPSE_ASSIGN_OR_RETURN(auto file, svc->MinutesPdf(ctx.actor(), id, *decision));
  return StoredFile(std::move(file.path), "application/pdf", file.filename, Disposition::kInline,
                    "private, max-age=300");
}

}  // namespace spse::http::handlers
