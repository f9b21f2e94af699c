// The SPPBJ and the contract record (issue 6, item 5): the contract page of
// a tender (the award, the SPPBJ, every contract version) with the PPK's
// forms, and the PDFs.
#include "app/contract_service.h"
#include "base/civil.h"
#include "base/money.h"
#include "base/time_format.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

StatusOr<app::ContractService*> Contracts(Context& ctx) {
  if (ctx.site.services().contracts == nullptr) return NotFound("tender.not_found");
  return ctx.site.services().contracts;
}

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

void SetText(data& d, const std::string& key, const std::string& text) {
  if (text.empty()) {
    d.set(key, false);
  } else {
    d.set(key, text);
  }
}

// "1.150.000.000" or "1150000000": whole rupiah; nullopt otherwise.
std::optional<std::int64_t> ParseRupiah(std::string_view text) {
  auto m = Money::Parse(text);
  if (!m || m->sen() % 100 != 0) return std::nullopt;
  return m->sen() / 100;
}

// "2026-03-12" in the reader's language: "12 Maret 2026".
std::string DateText(Context& ctx, const std::string& date) {
  if (!IsCivilDate(date)) return date;
  const Zone& zone = ctx.site.config().zone;
  return FormatDate(FromLocal(date, 12 * 60, zone.offset_minutes), zone, ctx.lang);
}

// The form's values: what was typed, or (first render) the latest version's.
data FormValues(const app::ContractInput& in) {
  data f;
  f.set("number", in.number);
  f.set("signed_on", in.signed_on);
  f.set("value", in.value_rupiah > 0 ? std::to_string(in.value_rupiah) : std::string());
  f.set("days", in.duration_days > 0 ? std::to_string(in.duration_days) : std::string());
  f.set("ppk_name", in.ppk_name);
  f.set("ppk_nip", in.ppk_nip);
  f.set("vendor_signatory", in.vendor_signatory);
  f.set("vendor_position", in.vendor_position);
  f.set("reason", in.reason);
  return f;
}

StatusOr<Response> RenderContract(Context& ctx, std::int64_t id, int status, const Status& error,
                                  const std::optional<app::ContractInput>& typed) {
  SPSE_ASSIGN_OR_RETURN(app::ContractService * svc, Contracts(ctx));
  SPSE_ASSIGN_OR_RETURN(app::ContractView v, svc->View(ctx.actor(), id));
  const bool en = ctx.lang == Lang::kEn;
  data view;
  view.set("title", ctx.T("contract.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("package_code", v.package_code);
  if (v.method) view.set("method", en ? v.method->name_en : v.method->name_id);
  view.set("hps", v.hps.Format());
  view.set("pagu", v.pagu.Format());
  view.set("ppk", v.ppk_name);
  view.set("status", Label(ctx, "tender.status.", domain::TenderStatusCode(v.tender.status)));
  view.set("status_code", std::string(domain::TenderStatusCode(v.tender.status)));
  view.set("is_ppk", v.is_ppk);
  const bool pagu_ceiling = v.limits.kind == domain::EvaluationKind::kQuality ||
                            v.limits.kind == domain::EvaluationKind::kBudgetCeiling;
  view.set("ceiling", pagu_ceiling ? v.pagu.Format() : v.hps.Format());
  view.set("ceiling_is_pagu", pagu_ceiling);

  if (v.decision && v.decision->announced_at) {
    view.set("announced", true);
    view.set("winner", v.winner_name.empty() ? std::string("-") : v.winner_name);
    SetText(view, "npwp", v.winner_npwp);
    view.set("award_price", Rupiah(v.decision->price_rupiah));
    view.set("minutes_number", v.decision->minutes_number);
    view.set("decision_id", std::to_string(v.decision->id));
  }
  if (v.sppbj) {
    data s;
    s.set("number", v.sppbj->number);
    s.set("issued_at", ctx.FormatTime(v.sppbj->issued_at));
    s.set("price", Rupiah(v.sppbj->price_rupiah));
    s.set("sha256", v.sppbj->pdf_sha256);
    view.set("sppbj", s);
  }
  view.set("may_issue", v.may_issue.ok());
  if (v.is_ppk && !v.sppbj && !v.may_issue.ok()) view.set("why_not_issue", ctx.ErrorText(v.may_issue));
  view.set("suggested_number", v.suggested_number);
  view.set("may_record", v.may_record.ok());
  view.set("may_correct", v.may_correct.ok());

  data versions = List();
  for (auto it = v.contracts.rbegin(); it != v.contracts.rend(); ++it) {
    const auto& c = *it;
    data r;
    r.set("version", std::to_string(c.version));
    r.set("current", it == v.contracts.rbegin());
    r.set("number", c.number);
    r.set("signed_on", DateText(ctx, c.signed_on));
    r.set("value", Rupiah(c.value_rupiah));
    r.set("days", std::to_string(c.duration_days));
    r.set("ppk_name", c.ppk_name);
    r.set("ppk_nip", c.ppk_nip);
    r.set("vendor_signatory", c.vendor_signatory);
    r.set("vendor_position", c.vendor_position);
    r.set("at", ctx.FormatTime(c.at));
    SetText(r, "reason", c.reason);
    r.set("sha256", c.pdf_sha256);
    r.set("pdf", "/tender/" + std::to_string(id) + "/kontrak/" + std::to_string(c.version) + ".pdf");
    versions.push_back(r);
  }
  view.set("versions", versions);
  view.set("has_versions", !v.contracts.empty());

  // The form: what was typed, else the latest version, else the award.
  app::ContractInput values;
  if (typed) {
    values = *typed;
  } else if (!v.contracts.empty()) {
    const auto& c = v.contracts.back();
    values = {c.number, c.signed_on, c.value_rupiah, c.duration_days, c.ppk_name,
              c.ppk_nip, c.vendor_signatory, c.vendor_position, ""};
  } else {
    values.value_rupiah = v.limits.award_price_rupiah;
    values.ppk_name = v.ppk_name;
    values.signed_on = ToLocal(ctx.site.services().clock.Now(),
                               ctx.site.config().zone.offset_minutes).date;
  }
  view.set("form", FormValues(values));
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_kontrak", view, status);
}

StatusOr<Response> AfterContract(Context& ctx, std::int64_t id, const Status& s,
                                 const char* notice,
                                 const std::optional<app::ContractInput>& typed = std::nullopt) {
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "/kontrak?ok=" + notice);
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderContract(ctx, id, HttpStatusFor(s.code()), s, typed);
}

// The contract form's fields. Reasons: "contract.value_invalid",
// "contract.duration_invalid".
StatusOr<app::ContractInput> ReadForm(Context& ctx, app::ContractInput& in) {
  in.number = Field(ctx, "number");
  in.signed_on = Field(ctx, "signed_on");
  in.ppk_name = Field(ctx, "ppk_name");
  in.ppk_nip = Field(ctx, "ppk_nip");
  in.vendor_signatory = Field(ctx, "vendor_signatory");
  in.vendor_position = Field(ctx, "vendor_position");
  in.reason = Field(ctx, "reason");
  auto value = ParseRupiah(Field(ctx, "value"));
  if (!value) return InvalidArgument("contract.value_invalid");
  in.value_rupiah = *value;
  auto days = ParseId(Field(ctx, "days"));
  if (!days || *days > domain::kMaxContractDays) return InvalidArgument("contract.duration_invalid");
  in.duration_days = static_cast<int>(*days);
  return in;
}

StatusOr<Response> SaveContract(Context& ctx, bool correction) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::ContractService * svc, Contracts(ctx));
  app::ContractInput in;
  auto read = ReadForm(ctx, in);
  if (!read.ok()) return AfterContract(ctx, id, read.status(), "", in);
  auto stored = correction ? svc->CorrectContract(ctx.actor(), id, in)
                           : svc->RecordContract(ctx.actor(), id, in);
  return AfterContract(ctx, id, stored.status(), correction ? "contract_corrected" : "contract_recorded",
                       in);
}

}  // namespace

StatusOr<Response> ContractPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderContract(ctx, id, 200, OkStatus(), std::nullopt);
}

StatusOr<Response> ContractSppbj(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::ContractService * svc, Contracts(ctx));
  auto issued = svc->IssueSppbj(ctx.actor(), id, Field(ctx, "number"));
  return AfterContract(ctx, id, issued.status(), "sppbj_issued");
}

StatusOr<Response> ContractRecord(Context& ctx) { return SaveContract(ctx, false); }

StatusOr<Response> ContractCorrect(Context& ctx) { return SaveContract(ctx, true); }

StatusOr<Response> ContractSppbjPdf(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::ContractService * svc, Contracts(ctx));
  SPSE_ASSIGN_OR_RETURN(auto file, svc->SppbjPdf(ctx.actor(), id));
  return StoredFile(std::move(file.path), "application/pdf", file.filename, Disposition::kInline,
                    "private, max-age=300");
}

StatusOr<Response> ContractPdf(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  std::string_view file = ctx.req.params["file"];
  if (!file.ends_with(".pdf")) return NotFound("contract.not_found");
  file.remove_suffix(4);
  auto version = ParseId(file);
  if (!version || *version > 100000) return NotFound("contract.not_found");
  SPSE_ASSIGN_OR_RETURN(app::ContractService * svc, Contracts(ctx));
  SPSE_ASSIGN_OR_RETURN(auto f, svc->ContractPdf(ctx.actor(), id, static_cast<int>(*version)));
  return StoredFile(std::move(f.path), "application/pdf", f.filename, Disposition::kInline,
                    "private, max-age=300");
}

}  // namespace spse::http::handlers
