// Registration (Pasal 21) and its verification (Pasal 9(2-3)): the online
// registration of vendors, the applicant's page, the documents, and the
// Verifikator's queue.
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

using domain::AccountStatus;
using domain::DocumentKind;

bool IsUserError(const Status& s) { return HttpStatusFor(s.code()) < 500; }

std::string StatusLabel(Context& ctx, AccountStatus s) {
  return ctx.T("registration.status." + std::string(domain::AccountStatusCode(s)));
}

std::string KindLabel(Context& ctx, DocumentKind k) {
  return ctx.T("document.kind." + std::string(domain::DocumentKindCode(k)));
}

domain::Vendor VendorFromForm(Context& ctx) {
  domain::Vendor v;
  v.company_name = Field(ctx, "company_name");
  v.business_form = Field(ctx, "business_form");
  v.npwp = Field(ctx, "npwp");
  v.address = Field(ctx, "address");
  v.regency = Field(ctx, "regency");
  v.province = Field(ctx, "province");
  v.phone = Field(ctx, "phone");
  v.company_email = Field(ctx, "company_email");
  v.responsible_name = Field(ctx, "responsible_name");
  v.responsible_position = Field(ctx, "responsible_position");
  v.responsible_nik = Field(ctx, "responsible_nik");
  return v;
}

// The vendor form's values (a partial shared by /daftar/formulir and /pendaftaran).
void SetVendorFields(data& view, const domain::Vendor& v) {
  view.set("f_company_name", v.company_name);
  const bool normalized = v.npwp.size() >= 15 &&
                          v.npwp.find_first_not_of("0123456789") == std::string::npos;
  view.set("f_npwp", normalized ? domain::FormatNpwp(v.npwp) : v.npwp);
  view.set("f_address", v.address);
  view.set("f_regency", v.regency);
  view.set("f_province", v.province);
  view.set("f_phone", v.phone);
  view.set("f_company_email", v.company_email);
  view.set("f_responsible_name", v.responsible_name);
  view.set("f_responsible_position", v.responsible_position);
  view.set("f_responsible_nik", v.responsible_nik);
  data forms = List();
  for (std::string_view f : domain::BusinessForms()) {
    data o;
    o.set("code", std::string(f));
    o.set("selected", f == v.business_form);
    forms.push_back(o);
  }
  view.set("business_forms", forms);
}

void SetVendorFacts(data& view, const domain::Vendor& v) {
  data facts;
  facts.set("company_name", v.company_name);
  facts.set("business_form", v.business_form);
  facts.set("npwp", domain::FormatNpwp(v.npwp));
  facts.set("address", v.address);
  facts.set("regency", v.regency);
  facts.set("province", v.province);
  facts.set("phone", v.phone);
  facts.set("company_email", v.company_email);
  facts.set("responsible_name", v.responsible_name);
  facts.set("responsible_position", v.responsible_position);
  facts.set("responsible_nik", v.responsible_nik);
  view.set("vendor", facts);
}

data DocumentRows(Context& ctx, const std::vector<domain::AccountDocument>& docs, bool current) {
  data rows = List();
  for (const auto& d : docs) {
    if (d.current() != current) continue;
    data r;
    r.set("id", std::to_string(d.id));
    r.set("kind", KindLabel(ctx, d.kind));
    r.set("kind_code", std::string(domain::DocumentKindCode(d.kind)));
    r.set("licence_type", d.licence_type);
    r.set("filename", d.filename);
    r.set("content_type", d.content_type);
    r.set("size_kb", std::to_string((d.size + 1023) / 1024));
    r.set("uploaded", ctx.FormatTime(d.uploaded_at));
    r.set("seen", d.original_seen);
    rows.push_back(r);
  }
  return rows;
}

data MissingList(Context& ctx, const std::vector<DocumentKind>& missing) {
  data list = List();
  for (DocumentKind k : missing) list.push_back(KindLabel(ctx, k));
  return list;
}

void SetStatus(Context& ctx, data& view, const domain::User& u) {
  const auto& v = u.verification;
  view.set("status_code", std::string(domain::AccountStatusCode(v.status)));
  view.set("status", StatusLabel(ctx, v.status));
  view.set("rejected", v.status == AccountStatus::kRejected);
  view.set("rejection_note", v.rejection_note);
  if (v.submitted_at) view.set("submitted_at", ctx.FormatTime(*v.submitted_at));
  if (v.decided_at) view.set("decided_at", ctx.FormatTime(*v.decided_at));
}

// ------------------------------------------------------------ registering

StatusOr<Response> RenderRegister(Context& ctx, int status, const Status& error,
                                  const std::string& email, bool sent) {
  data view;
  view.set("title", ctx.T("register.title"));
  view.set("email", email);
  view.set("sent", sent);
  if (!error.ok()) SetError(ctx, view, error);
  return ctx.Page("daftar", view, status);
}

StatusOr<Response> RenderRegisterForm(Context& ctx, int status, const Status& error,
                                      const std::string& token, const std::string& email,
                                      const domain::Vendor& v, const std::string& username) {
  data view;
  view.set("title", ctx.T("register.form_title"));
  view.set("token", token);
  view.set("email", email);
  view.set("f_username", username);
  view.set("editable", true);
  SetVendorFields(view, v);
  if (!error.ok()) SetError(ctx, view, error);
  return ctx.Page("daftar_formulir", view, status);
}

// ------------------------------------------------------------ the applicant

StatusOr<Response> RenderApplication(Context& ctx, int status, const Status& error,
                                     const domain::Vendor* draft) {
  SPSE_ASSIGN_OR_RETURN(app::Application app,
                        ctx.site.services().registration.MyApplication(ctx.actor()));
  data view;
  view.set("title", ctx.T("application.title"));
  SetStatus(ctx, view, app.user);
  const bool editable = domain::ApplicationEditable(app.user.verification.status);
  view.set("editable", editable);
  view.set("verified", app.user.verification.status == AccountStatus::kVerified);
  view.set("submitted", app.user.verification.status == AccountStatus::kSubmitted);
  view.set("username", app.user.username);
  view.set("email", app.user.email);
  if (draft) {
    SetVendorFields(view, *draft);
  } else if (app.vendor) {
    SetVendorFields(view, *app.vendor);
  } else {
    SetVendorFields(view, domain::Vendor{});
  }
  if (app.vendor) SetVendorFacts(view, *app.vendor);
  view.set("documents", DocumentRows(ctx, app.documents, true));
  view.set("history", DocumentRows(ctx, app.documents, false));
  view.set("has_history", std::any_of(app.documents.begin(), app.documents.end(),
                                      [](const auto& d) { return !d.current(); }));
  view.set("missing", MissingList(ctx, app.missing));
  view.set("has_missing", !app.missing.empty());
  data kinds = List();
  for (DocumentKind k : domain::VendorDocumentKinds()) {
    data o;
    o.set("code", std::string(domain::DocumentKindCode(k)));
    o.set("label", KindLabel(ctx, k));
    kinds.push_back(o);
  }
  view.set("kinds", kinds);
  view.set("max_mb", std::to_string(domain::kMaxDocumentBytes >> 20));
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("pendaftaran", view, status);
}

StatusOr<Response> AfterApplicationChange(Context& ctx, const Status& s, const char* notice,
                                          const domain::Vendor* draft = nullptr) {
  if (s.ok()) return Response::Redirect(std::string("/pendaftaran?ok=") + notice);
  if (!IsUserError(s)) return s;
  return RenderApplication(ctx, HttpStatusFor(s.code()), s, draft);
}

// ------------------------------------------------------------ the Verifikator

StatusOr<Response> RenderReview(Context& ctx, std::int64_t id, int status, const Status& error,
                                const std::string& reason) {
  SPSE_ASSIGN_OR_RETURN(app::Application app,
                        ctx.site.services().registration.Review(ctx.actor(), id));
  const domain::User& u = app.user;
  data view;
  view.set("title", u.full_name);
  view.set("id", std::to_string(u.id));
  view.set("full_name", u.full_name);
  view.set("username", u.username);
  view.set("email", u.email);
  view.set("is_vendor", app.vendor_account);
  data roles = List();
  for (domain::Role r : u.roles.ToVector()) roles.push_back(ctx.T("role." + std::string(domain::RoleCode(r))));
  view.set("roles", roles);
  if (u.agency_id) {
    auto tx = ctx.site.services().store.Begin(app::Access::kRead);
    if (tx.ok()) {
      auto agency = (*tx)->agencies().FindById(*u.agency_id);
      if (agency.ok() && *agency) view.set("agency", (*agency)->name);
    }
  }
  SetStatus(ctx, view, u);
  view.set("can_decide", u.verification.status == AccountStatus::kSubmitted);
  if (app.vendor) SetVendorFacts(view, *app.vendor);
  view.set("documents", DocumentRows(ctx, app.documents, true));
  view.set("history", DocumentRows(ctx, app.documents, false));
  view.set("has_history", std::any_of(app.documents.begin(), app.documents.end(),
                                      [](const auto& d) { return !d.current(); }));
  view.set("missing", MissingList(ctx, app.missing));
  view.set("has_missing", !app.missing.empty());
  view.set("reason", reason);
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("verifikasi_pendaftaran", view, status);
}

std::vector<std::int64_t> SeenFromForm(Context& ctx) {
  std::vector<std::int64_t> ids;
  for (const std::string& s : ctx.req.form.GetAll("seen")) {
    if (auto id = ParseId(s)) ids.push_back(*id);
  }
  return ids;
}

StatusOr<Response> AfterDecision(Context& ctx, std::int64_t id, const Status& s,
                                 const char* notice) {
  if (s.ok()) return Response::Redirect(std::string("/verifikasi?ok=") + notice);
  if (!IsUserError(s) || s.code() == Code::kNotFound) return s;
  return RenderReview(ctx, id, HttpStatusFor(s.code()), s, Field(ctx, "reason"));
}

}  // namespace

StatusOr<Response> RegisterPage(Context& ctx) {
  if (ctx.who.signed_in()) return Response::Redirect("/dasbor");
  return RenderRegister(ctx, 200, OkStatus(), "", false);
}

StatusOr<Response> RegisterStart(Context& ctx) {
  const std::string email = Field(ctx, "email");
  Status s = ctx.site.services().registration.Start(email, ctx.req.client_addr);
  if (s.ok()) return RenderRegister(ctx, 200, OkStatus(), email, true);
  if (!IsUserError(s)) return s;
  return RenderRegister(ctx, HttpStatusFor(s.code()), s, email, false);
}

StatusOr<Response> RegisterFormPage(Context& ctx) {
  const std::string token = ctx.req.query.Get("token");
  auto email = ctx.site.services().registration.CheckLink(token);
  if (!email.ok()) {
    if (!IsUserError(email.status())) return email.status();
    return RenderRegister(ctx, HttpStatusFor(email.status().code()), email.status(), "", false);
  }
  domain::Vendor v;
  v.company_email = *email;
  return RenderRegisterForm(ctx, 200, OkStatus(), token, *email, v, "");
}

StatusOr<Response> RegisterSubmit(Context& ctx) {
  const std::string token = ctx.req.form.Get("token");
  app::VendorApplicationForm form;
  form.vendor = VendorFromForm(ctx);
  form.username = Field(ctx, "username");
  form.password = ctx.req.form.Get("password");
  form.confirm = ctx.req.form.Get("confirm");
  auto& registration = ctx.site.services().registration;
  auto created = registration.Register(token, form, ctx.req.client_addr,
                                       std::string(ctx.req.Header("user-agent")));
  if (created.ok()) {
    CookieOptions session;
    session.secure = ctx.site.config().secure_cookies;
    ctx.set_cookies.push_back(
        SetCookieValue(ctx.site.SessionCookieName(), created->session_token, session));
    CookieOptions gone = session;
    gone.max_age = 0;
    ctx.set_cookies.push_back(SetCookieValue("spse_pre", "", gone));
    return Response::Redirect("/pendaftaran?ok=registered");
  }
  const Status& s = created.status();
  if (!IsUserError(s)) return s;
  auto email = registration.CheckLink(token);
  if (!email.ok()) {
    return RenderRegister(ctx, HttpStatusFor(s.code()), s, "", false);
  }
  return RenderRegisterForm(ctx, HttpStatusFor(s.code()), s, token, *email, form.vendor,
                            form.username);
}

StatusOr<Response> ApplicationPage(Context& ctx) {
  return RenderApplication(ctx, 200, OkStatus(), nullptr);
}

StatusOr<Response> ApplicationData(Context& ctx) {
  domain::Vendor v = VendorFromForm(ctx);
  Status s = ctx.site.services().registration.UpdateVendor(ctx.actor(), v);
  return AfterApplicationChange(ctx, s, "application_saved", &v);
}

StatusOr<Response> ApplicationUpload(Context& ctx) {
  auto file = UploadedDocument(ctx, "dokumen");
  Status s = file.status();
  if (s.ok() && !*file) s = InvalidArgument("document.file_required");
  if (s.ok()) {
    domain::AccountDocument doc;
    auto kind = domain::ParseDocumentKind(Field(ctx, "kind"));
    doc.kind = kind.value_or(DocumentKind::kKtp);
    if (doc.kind == DocumentKind::kIzinUsaha) doc.licence_type = Field(ctx, "licence_type");
    doc.sha256 = (*file)->sha256;
    doc.filename = (*file)->filename;
    doc.content_type = (*file)->content_type;
    doc.size = (*file)->size;
    s = kind ? ctx.site.services().registration.AddDocument(ctx.actor(), doc).status()
             : InvalidArgument("document.kind_invalid");
    if (!s.ok()) ctx.site.services().registration.DiscardUpload(doc.sha256);
  }
  return AfterApplicationChange(ctx, s, "document_uploaded");
}

StatusOr<Response> ApplicationSubmit(Context& ctx) {
  Status s = ctx.site.services().registration.Submit(ctx.actor());
  return AfterApplicationChange(ctx, s, "application_submitted");
}

StatusOr<Response> ApplicationFormPdf(Context& ctx) {
  const std::string& which = ctx.req.params["jenis"];
  app::RegistrationForm form;
  if (which == "pendaftaran") form = app::RegistrationForm::kPendaftaran;
  else if (which == "keikutsertaan") form = app::RegistrationForm::kKeikutsertaan;
  else return NotFound("http.not_found");
  SPSE_ASSIGN_OR_RETURN(std::string pdf,
                        ctx.site.services().registration.PrintForm(ctx.actor(), form));
  Response r;
  r.body = std::move(pdf);
  r.Set("Content-Type", "application/pdf");
  r.Set("Content-Disposition", "attachment; filename=\"formulir-" + which + ".pdf\"");
  return r;
}

StatusOr<Response> DocumentFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "document"));
  SPSE_ASSIGN_OR_RETURN(domain::AccountDocument doc,
                        ctx.site.services().registration.OpenDocument(ctx.actor(), id));
  SPSE_ASSIGN_OR_RETURN(std::string file, ctx.site.services().blobs.FileOf(doc.sha256));
  // The type was sniffed at upload and is only ever PDF, PNG or JPEG: safe
  // to show inline for checking; nosniff keeps browsers to it.
  return StoredFile(std::move(file), doc.content_type, doc.filename, Disposition::kInline);
}

StatusOr<Response> VerifyQueue(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(auto queue, ctx.site.services().registration.Queue(ctx.actor()));
  data view;
  view.set("title", ctx.T("queue.title"));
  data rows = List();
  for (const auto& app : queue) {
    data r;
    r.set("id", std::to_string(app.user.id));
    r.set("name", app.user.full_name);
    r.set("username", app.user.username);
    r.set("submitted", app.user.verification.submitted_at
                           ? ctx.FormatTime(*app.user.verification.submitted_at) : "");
    data roles = List();
    for (domain::Role role : app.user.roles.ToVector()) {
      roles.push_back(ctx.T("role." + std::string(domain::RoleCode(role))));
    }
    r.set("roles", roles);
    r.set("documents", std::to_string(std::count_if(app.documents.begin(), app.documents.end(),
                                                    [](const auto& d) { return d.current(); })));
    r.set("npwp", app.vendor ? domain::FormatNpwp(app.vendor->npwp) : "");
    rows.push_back(r);
  }
  view.set("applications", rows);
  view.set("empty", queue.empty());
  view.set("count", std::to_string(queue.size()));
  SetNotice(ctx, view);
  return ctx.Page("verifikasi_antrean", view);
}

StatusOr<Response> VerifyApplication(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  return RenderReview(ctx, id, 200, OkStatus(), "");
}

StatusOr<Response> VerifyApprove(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  Status s = ctx.site.services().registration.Approve(ctx.actor(), id, SeenFromForm(ctx));
  return AfterDecision(ctx, id, s, "application_approved");
}

StatusOr<Response> VerifyReject(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  Status s = ctx.site.services().registration.Reject(ctx.actor(), id, Field(ctx, "reason"),
                                                     SeenFromForm(ctx));
  return AfterDecision(ctx, id, s, "application_rejected");
}

}  // namespace spse::http::handlers
