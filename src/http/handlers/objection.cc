// Objections (sanggah) and appeals (sanggah banding), issue 6, item 4: the
// tender's objections page with every answer (a late one marked), the
// bidder's objection with its PDF attachments, the chair's answer, the
// appeal with its guarantee and the PA/KPA's answer.
#include "app/objection_service.h"
#include "base/money.h"
#include "base/time_format.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

StatusOr<app::ObjectionService*> Objections(Context& ctx) {
  if (ctx.site.services().objections == nullptr) return NotFound("tender.not_found");
  return ctx.site.services().objections;
}

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

// False for an empty text: an empty string would open a template section.
void SetText(data& d, const std::string& key, const std::string& text) {
  if (text.empty()) {
    d.set(key, false);
  } else {
    d.set(key, text);
  }
}

std::string ConsequenceLabel(Context& ctx, domain::Consequence c) {
  return ctx.T("objection.consequence." + std::string(domain::ConsequenceWord(c)));
}

data AnswerData(Context& ctx, bool upheld, const std::string& text, domain::Consequence c,
                Micros at, const std::string& by) {
  data a;
  a.set("upheld", upheld);
  a.set("text", text);
  a.set("at", ctx.FormatTime(at));
  a.set("by", by.empty() ? "-" : by);
  if (upheld) a.set("consequence", ConsequenceLabel(ctx, c));
  return a;
}

StatusOr<Response> Render(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::ObjectionService * svc, Objections(ctx));
  SPSE_ASSIGN_OR_RETURN(app::ObjectionsView v, svc->View(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("objection.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("runs", v.runs);
  view.set("hps", v.hps.Format());
  if (v.period) {
    view.set("period", ctx.FormatTime(v.period->start) + " – " + ctx.FormatTime(v.period->end));
  } else {
    view.set("period", false);
  }
  if (v.answer_deadline) {
    view.set("deadline", ctx.FormatTime(*v.answer_deadline));
  } else {
    view.set("deadline", false);
  }
  view.set("has_decision", v.decision.has_value());
  if (v.decision) view.set("decision_number", v.decision->minutes_number);
  view.set("appeal_allowed", v.appeal_allowed);
  view.set("minimum_guarantee", Rupiah(v.minimum_guarantee_rupiah));
  view.set("appeal_days", std::to_string(v.procedure->appeal_days));
  view.set("may_file", v.may_file.ok());
  const bool vendor = domain::Authorize(ctx.who, domain::Permission::kJoinTenders).ok();
  if (vendor && !v.may_file.ok()) view.set("why_not_file", ctx.ErrorText(v.may_file));
  view.set("max_attachments", std::to_string(domain::kMaxObjectionAttachments));

  data list = List();
  for (const auto& e : v.objections) {
    const auto& o = e.objection;
    data row;
    const std::string no = std::to_string(o.id);
    row.set("no", no);
    row.set("company", e.company_name);
    row.set("filed_at", ctx.FormatTime(o.filed_at));
    row.set("mine", e.mine);
    row.set("full", e.full);
    SetText(row, "reasons", o.reasons);
    data files = List();
    for (size_t i = 0; i < o.attachments.size(); ++i) {
      data f;
      f.set("href", "/tender/" + std::to_string(id) + "/sanggah/" + no + "/lampiran/" +
                        std::to_string(i + 1));
      f.set("filename", o.attachments[i].filename);
      files.push_back(f);
    }
    row.set("files", files);
    row.set("has_files", !o.attachments.empty());
    if (o.answer) {
      data a = AnswerData(ctx, o.answer->upheld, o.answer->text, o.answer->consequence,
                          o.answer->at, e.answered_by_name);
      a.set("late", o.answer->late);
      row.set("answer", a);
    } else {
      row.set("answer", false);
    }
    row.set("may_answer", e.may_answer.ok());
    row.set("may_appeal", e.may_appeal.ok());
    if (e.appeal_until != 0 && !o.appeal) row.set("appeal_until", ctx.FormatTime(e.appeal_until));
    if (o.appeal) {
      data ap;
      ap.set("filed_at", ctx.FormatTime(o.appeal->filed_at));
      SetText(ap, "reasons", o.appeal->reasons);
      if (e.full) {
        ap.set("guarantee", o.appeal->guarantee.issuer + " · " + o.appeal->guarantee.number + " · " +
                                Rupiah(o.appeal->guarantee.amount_rupiah) + " · " +
                                ctx.T("objection.valid_until") + " " +
                                ctx.FormatTime(o.appeal->guarantee.valid_until));
      } else {
        ap.set("guarantee", false);
      }
      row.set("appeal", ap);
    } else {
      row.set("appeal", false);
    }
    if (o.appeal_answer) {
      data a = AnswerData(ctx, o.appeal_answer->upheld, o.appeal_answer->text,
                          o.appeal_answer->consequence, o.appeal_answer->at,
                          e.appeal_answered_by_name);
      a.set("forfeited", o.appeal_answer->guarantee_forfeited());
      row.set("appeal_answer", a);
    } else {
      row.set("appeal_answer", false);
    }
    row.set("may_answer_appeal", e.may_answer_appeal.ok());
    list.push_back(row);
  }
  view.set("objections", list);
  view.set("none", v.objections.empty());
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_sanggah", view, status);
}

StatusOr<Response> After(Context& ctx, std::int64_t id, const Status& s, const char* notice) {
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "/sanggah?ok=" + notice);
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return Render(ctx, id, HttpStatusFor(s.code()), s);
}

// The objection's attachments: PDFs in field "lampiran" (empty file
// fields are left out). Every file sent, kept or not, leaves the blob store
// again on a refusal.
StatusOr<std::vector<domain::Attachment>> Attachments(Context& ctx) {
  std::vector<domain::Attachment> out;
  Status error;
  for (const UploadedFile& f : ctx.req.files) {
    if (f.field != "lampiran" || f.blob.size == 0) continue;
    const std::string_view type = domain::SniffDocumentType(f.head);
    if (type != "application/pdf") {
      error = InvalidArgument("objection.attachment_invalid", domain::SafeFilename(f.filename));
    } else if (f.blob.size > domain::kMaxDocumentBytes) {
      error = InvalidArgument("document.too_large", domain::SafeFilename(f.filename));
    }
    out.push_back(domain::Attachment{f.blob.sha256, domain::SafeFilename(f.filename),
                                     std::string(type), f.blob.size});
  }
  if (out.size() > domain::kMaxObjectionAttachments) {
    error = InvalidArgument("objection.too_many_attachments");
  }
  return error.ok() ? StatusOr<std::vector<domain::Attachment>>(std::move(out))
                    : StatusOr<std::vector<domain::Attachment>>(error);
}

void DiscardUploads(Context& ctx) {
  for (const UploadedFile& f : ctx.req.files) {
    ctx.site.services().registration.DiscardUpload(f.blob.sha256);
  }
}

StatusOr<std::int64_t> ObjectionNo(Context& ctx) {
  auto no = ParseId(ctx.req.params["no"]);
  if (!no) return NotFound("objection.not_found");
  return *no;
}

}  // namespace

StatusOr<Response> ObjectionPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return Render(ctx, id, 200, OkStatus());
}

StatusOr<Response> ObjectionFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::ObjectionService * svc, Objections(ctx));
  auto files = Attachments(ctx);
  Status s = files.status();
  if (s.ok()) s = svc->File(ctx.actor(), id, Field(ctx, "alasan"), std::move(*files)).status();
  if (!s.ok()) DiscardUploads(ctx);
  return After(ctx, id, s, "objection_filed");
}

StatusOr<Response> ObjectionAnswer(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(std::int64_t no, ObjectionNo(ctx));
  SPSE_ASSIGN_OR_RETURN(app::ObjectionService * svc, Objections(ctx));
  const std::string result = Field(ctx, "hasil");
  if (result != "diterima" && result != "ditolak") {
    return After(ctx, id, InvalidArgument("objection.result_required"), "");
  }
  const bool upheld = result == "diterima";
  const Status s = svc->Answer(ctx.actor(), id, no, upheld, Field(ctx, "jawaban"),
                               upheld ? Field(ctx, "akibat") : "");
  return After(ctx, id, s, "objection_answered");
}

StatusOr<Response> ObjectionAppeal(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(std::int64_t no, ObjectionNo(ctx));
  SPSE_ASSIGN_OR_RETURN(app::ObjectionService * svc, Objections(ctx));
  app::AppealInput in;
  in.reasons = Field(ctx, "alasan");
  in.guarantee.issuer = Field(ctx, "penerbit");
  in.guarantee.number = Field(ctx, "nomor");
  auto amount = Money::Parse(Field(ctx, "nilai"));
  if (!amount || amount->sen() % 100 != 0 || amount->sen() < 0) {
    return After(ctx, id, InvalidArgument("appeal.guarantee_too_low"), "");
  }
  in.guarantee.amount_rupiah = amount->sen() / 100;
  // Valid through the end of the given day.
  auto until = ParseInputDateTime(Field(ctx, "berlaku") + "T23:59", ctx.site.config().zone);
  if (!until) return After(ctx, id, InvalidArgument("appeal.guarantee_expired"), "");
  in.guarantee.valid_until = *until;
  return After(ctx, id, svc->Appeal(ctx.actor(), id, no, in).status(), "appeal_filed");
}

StatusOr<Response> ObjectionAppealAnswer(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(std::int64_t no, ObjectionNo(ctx));
  SPSE_ASSIGN_OR_RETURN(app::ObjectionService * svc, Objections(ctx));
  const std::string result = Field(ctx, "hasil");
  if (result != "diterima" && result != "ditolak") {
    return After(ctx, id, InvalidArgument("objection.result_required"), "");
  }
  const bool upheld = result == "diterima";
  const Status s = svc->AnswerAppeal(ctx.actor(), id, no, upheld, Field(ctx, "jawaban"),
                                     upheld ? Field(ctx, "akibat") : "");
  return After(ctx, id, s, "appeal_answered");
}

StatusOr<Response> ObjectionAttachment(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(std::int64_t no, ObjectionNo(ctx));
  auto file = ParseId(ctx.req.params["file"]);
  if (!file) return NotFound("objection.not_found");
  SPSE_ASSIGN_OR_RETURN(app::ObjectionService * svc, Objections(ctx));
  SPSE_ASSIGN_OR_RETURN(domain::Attachment a,
                        svc->AttachmentOf(ctx.actor(), id, no, static_cast<size_t>(*file - 1)));
  SPSE_ASSIGN_OR_RETURN(std::string path, ctx.site.services().blobs.FileOf(a.sha256));
  return StoredFile(std::move(path), a.content_type, a.filename, Disposition::kAttachment);
}

}  // namespace spse::http::handlers
