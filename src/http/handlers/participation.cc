// Vendors in a tender (issue 4, items 6 and 7): the join page with the Pakta
// Integritas, the vendor's own tenders, and the Pemberian Penjelasan page
// where participants ask, the Pokja answers and issues the Berita Acara,
// and everyone reads the questions without learning who asked.
#include "app/calendar_service.h"
#include "app/participation_service.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

std::string StageLabel(const Context& ctx, const domain::Catalogue& c, const domain::Tender& t,
                       std::string_view code) {
  if (const auto* p = c.Find(t.procedure_code)) {
    for (const auto& s : p->stages) {
      if (s.code == code) return ctx.lang == Lang::kEn ? s.name_en : s.name_id;
    }
  }
  return std::string(code);
}

StatusOr<Response> RenderJoin(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::JoinView v,
                        ctx.site.services().participation.ToJoin(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("join.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("pact", v.pact);
  view.set("joined", v.joined.has_value());
  if (v.joined) {
    view.set("joined_at", ctx.FormatTime(v.joined->joined_at));
    view.set("pact_sha256", v.joined->pact_sha256);
  }
  view.set("may_join", !v.joined && v.may_join.ok());
  if (!v.joined && !v.may_join.ok()) view.set("why_not", ctx.ErrorText(v.may_join));
  if (!error.ok()) SetError(ctx, view, error);
  return ctx.Page("tender_ikut", view, status);
}

StatusOr<Response> RenderExplanation(Context& ctx, std::int64_t id, int status,
                                     const Status& error) {
  auto& participation = ctx.site.services().participation;
  SPSE_ASSIGN_OR_RETURN(app::ExplanationView v, participation.Explanation(ctx.actor(), id));
  const domain::Catalogue& catalogue = ctx.site.services().calendar.catalogue();
  data view;
  view.set("title", ctx.T("aanwijzing.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("open", v.open_stage.has_value());
  if (v.open_stage) {
    const auto& period = v.tender.schedule[*v.open_stage];
    view.set("stage", StageLabel(ctx, catalogue, v.tender, period.stage));
    view.set("stage_end", ctx.FormatTime(period.end));
  }
  view.set("may_ask", v.may_ask);
  view.set("may_answer", v.may_answer);
  view.set("runs", v.runs);
  view.set("may_manage", v.runs);
  data questions = List();
  int n = 0;
  for (const auto& q : v.questions) {
    data r;
    r.set("no", std::to_string(++n));
    r.set("qid", std::to_string(q.question.id));
    r.set("stage", q.stage_name);
    r.set("question", q.question.question);
    r.set("asked_at", ctx.FormatTime(q.question.asked_at));
    r.set("mine", q.mine);
    r.set("answered", q.question.answered_at.has_value());
    r.set("answer", q.question.answer);
    if (q.question.answered_at) r.set("answered_at", ctx.FormatTime(*q.question.answered_at));
    r.set("may_answer", v.may_answer && !q.question.answered_at);
    questions.push_back(r);
  }
  view.set("questions", questions);
  view.set("no_questions", v.questions.empty());
  data minutes = List();
  for (const auto& m : v.minutes) {
    data r;
    r.set("mid", std::to_string(m.id));
    r.set("number", m.number);
    r.set("stage", StageLabel(ctx, catalogue, v.tender, m.stage));
    r.set("issued_at", ctx.FormatTime(m.issued_at));
    r.set("sha256", m.blob_sha256);
    minutes.push_back(r);
  }
  view.set("minutes", minutes);
  data issuable = List();
  for (const auto& stage : v.issuable) {
    data r;
    r.set("stage", stage);
    r.set("label", StageLabel(ctx, catalogue, v.tender, stage));
    issuable.push_back(r);
  }
  view.set("issuable", issuable);
  view.set("text", Field(ctx, "text"));
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_penjelasan", view, status);
}

// After a POST on the penjelasan page: back to it, or the page again with the error.
StatusOr<Response> AfterExplanation(Context& ctx, std::int64_t id, const Status& s,
                                    const char* notice) {
  if (s.ok()) {
    return Response::Redirect("/tender/" + std::to_string(id) + "/penjelasan?ok=" + notice);
  }
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderExplanation(ctx, id, HttpStatusFor(s.code()), s);
}

}  // namespace

StatusOr<Response> TenderJoinForm(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderJoin(ctx, id, 200, OkStatus());
}

StatusOr<Response> TenderJoin(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  const Status s = ctx.site.services().participation.Join(ctx.actor(), id,
                                                          Field(ctx, "pakta") == "setuju");
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "?ok=tender_joined");
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderJoin(ctx, id, HttpStatusFor(s.code()), s);
}

StatusOr<Response> JoinedTenders(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(auto tenders, ctx.site.services().participation.Joined(ctx.actor()));
  data view;
  view.set("title", ctx.T("joined.title"));
  data rows = List();
  for (const auto& t : tenders) {
    SPSE_ASSIGN_OR_RETURN(app::TenderView v, ctx.site.services().tenders.Get(ctx.actor(), t.id));
    data r;
    r.set("id", std::to_string(t.id));
    r.set("code", t.code);
    r.set("name", v.package.name);
    r.set("method_text", v.method_text);
    r.set("status", Label(ctx, "tender.status.", domain::TenderStatusCode(t.status)));
    if (v.current.index && *v.current.index < v.procedure->stages.size()) {
      const auto& st = v.procedure->stages[*v.current.index];
      r.set("stage", ctx.lang == Lang::kEn ? st.name_en : st.name_id);
    }
    rows.push_back(r);
  }
  view.set("tenders", rows);
  view.set("empty", tenders.empty());
  return ctx.Page("tender_saya", view);
}

StatusOr<Response> TenderExplanation(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderExplanation(ctx, id, 200, OkStatus());
}

StatusOr<Response> TenderAsk(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto asked = ctx.site.services().participation.Ask(ctx.actor(), id, Field(ctx, "text"));
  return AfterExplanation(ctx, id, asked.status(), "question_sent");
}

StatusOr<Response> TenderAnswer(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto question = ParseId(Field(ctx, "question"));
  if (!question) return NotFound("aanwijzing.question_not_found");
  const Status s =
      ctx.site.services().participation.Answer(ctx.actor(), id, *question, Field(ctx, "text"));
  return AfterExplanation(ctx, id, s, "answer_sent");
}

StatusOr<Response> TenderIssueMinutes(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto issued =
      ctx.site.services().participation.IssueMinutes(ctx.actor(), id, Field(ctx, "stage"));
  return AfterExplanation(ctx, id, issued.status(), "minutes_issued");
}

StatusOr<Response> TenderMinutesFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto no = ParseId(ctx.req.params["no"]);
  if (!no) return NotFound("minutes.not_found");
  SPSE_ASSIGN_OR_RETURN(auto file,
                        ctx.site.services().participation.MinutesPdf(ctx.actor(), id, *no));
  return StoredFile(std::move(file.path), "application/pdf", file.filename, Disposition::kInline,
                    "public, max-age=300");
}

}  // namespace spse::http::handlers
