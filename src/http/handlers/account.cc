#include "domain/second_factor.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

constexpr std::string_view kDeviceCookie = "spse_device";

// The retry-after text of a throttled sign-in, appended to its message.
std::string WithRetry(Context& ctx, std::string message, Micros retry_after) {
  if (retry_after <= 0) return message;
  const long seconds = static_cast<long>((retry_after + kMicrosPerSecond - 1) / kMicrosPerSecond);
  return message + " " + ctx.T("login.retry_in") + " " + std::to_string(seconds) + " " +
         ctx.T("login.seconds");
}

void SetRetryAfter(Response& r, Micros retry_after) {
  if (retry_after > 0) {
    r.Set("Retry-After", std::to_string((retry_after + kMicrosPerSecond - 1) / kMicrosPerSecond));
  }
}

Response LoginForm(Context& ctx, int status, const Status& error, const std::string& username,
                   Micros retry_after, const std::string& detail = "") {
  data view;
  view.set("title", ctx.T("login.title"));
  view.set("username", username);
  view.set("next", SafeNext(ctx.req.form.Has("next") ? ctx.req.form.Get("next")
                                                      : ctx.req.query.Get("next"),
                            ""));
  if (!error.ok()) {
    view.set("error", WithRetry(ctx, ctx.ErrorText(error), retry_after));
    view.set("error_reason", error.reason());
  }
  if (!detail.empty()) view.set("detail", detail);
  SetNotice(ctx, view);
  Response r = ctx.Page("masuk", view, status);
  SetRetryAfter(r, retry_after);
  return r;
}

// Why a sign-in was refused, for the account holder: the Verifikator's
// reason or the Daftar Hitam entry.
std::string Refusal(Context& ctx, const app::LoginOutcome& out) {
  std::string why;
  if (!out.deactivation_reason.empty()) why = ctx.T("login.reason") + " " + out.deactivation_reason;
  if (out.blacklist) {
    why = ctx.T("blacklist.sk") + " " + out.blacklist->sk_number + ". " +
          out.blacklist->violation + " " + ctx.T("blacklist.until") + " " +
          (out.blacklist->ends_at
               ? FormatDate(*out.blacklist->ends_at, ctx.site.config().zone, ctx.lang)
               : ctx.T("blacklist.indefinite")) +
          ".";
  }
  return why;
}

// The cookie that names a sign-in waiting for its second factor.
std::string ChallengeCookie(const Context& ctx) {
  return ctx.site.config().secure_cookies ? "__Host-spse_otp" : "spse_otp";
}

void ForgetChallenge(Context& ctx) {
  CookieOptions gone;
  gone.secure = ctx.site.config().secure_cookies;
  gone.max_age = 0;
  ctx.set_cookies.push_back(SetCookieValue(ChallengeCookie(ctx), "", gone));
}

// The second step of a sign-in: the code from the authenticator app.
Response SecondFactorForm(Context& ctx, int status, const Status& error, Micros retry_after) {
  data view;
  view.set("title", ctx.T("otp.title"));
  view.set("next", SafeNext(ctx.req.form.Has("next") ? ctx.req.form.Get("next")
                                                      : ctx.req.query.Get("next"),
                            ""));
  if (!error.ok()) {
    view.set("error", WithRetry(ctx, ctx.ErrorText(error), retry_after));
    view.set("error_reason", error.reason());
  }
  Response r = ctx.Page("masuk_otp", view, status);
  SetRetryAfter(r, retry_after);
  return r;
}

// A completed sign-in: the session and device cookies, then on to the
// password change or the enrolment the account still owes, or to `next`.
Response SignedIn(Context& ctx, const app::LoginOutcome& out, const std::string& next) {
  CookieOptions session;
  session.secure = ctx.site.config().secure_cookies;
  ctx.set_cookies.push_back(
      SetCookieValue(ctx.site.SessionCookieName(), out.session_token, session));
  CookieOptions device = session;
  device.max_age = 365L * 24 * 3600;
  ctx.set_cookies.push_back(SetCookieValue(kDeviceCookie, out.device_token, device));
  CookieOptions gone = session;
  gone.max_age = 0;
  ctx.set_cookies.push_back(SetCookieValue("spse_pre", "", gone));
  if (!ctx.req.Cookie(ChallengeCookie(ctx)).empty()) ForgetChallenge(ctx);
  if (out.must_change_password) return Response::Redirect("/akun/kata-sandi");
  if (out.must_enrol_second_factor) return Response::Redirect("/akun/2fa");
  return Response::Redirect(next.empty() ? "/dasbor" : next);
}

struct Link {
  const char* href;
  const char* label_key;
};

// What each role finds on its dashboard: the work it does here.
struct RolePanel {
  domain::Role role;
  std::vector<Link> links;
};

std::vector<RolePanel> Panels() {
  using domain::Role;
  return {
      {Role::kAdminSistem,
       {{"/admin/instansi", "nav.agencies"}, {"/admin/pengguna", "nav.users"}, {"/admin/pokja", "nav.pokja"},
        {"/kelola/pengumuman", "nav.announcements"}, {"/audit", "nav.audit"}}},
      {Role::kHelpdesk, {{"/kelola/pengumuman", "nav.announcements"}}},
      {Role::kAuditor, {{"/audit", "nav.audit"}, {"/daftar-penyedia", "nav.vendors"}}},
      {Role::kVerifikator, {{"/verifikasi", "nav.verify_queue"}, {"/verifikasi/akun", "nav.verify"}}},
      {Role::kKepalaLpse, {}},
      {Role::kPemantauLkpp, {}},
      {Role::kPaKpa, {{"/perencanaan/rup", "nav.plan"}, {"/rup", "nav.rup"}}},
      {Role::kPpk, {{"/paket", "nav.packages"}, {"/rup", "nav.rup"}}},
      {Role::kPokja, {{"/paket-tugas", "nav.assigned"}}},
      {Role::kPejabatPengadaan, {{"/paket-tugas", "nav.assigned"}}},
      {Role::kPenyedia, {{"/penyedia/tender", "nav.joined"}, {"/cari-paket", "nav.find_tender"}, {"/penyedia/data", "nav.vendor_data"}}},
  };
}

}  // namespace

StatusOr<Response> LoginPage(Context& ctx) {
  if (ctx.who.signed_in()) return Response::Redirect("/dasbor");
  return LoginForm(ctx, 200, OkStatus(), "", 0);
}

StatusOr<Response> LoginSubmit(Context& ctx) {
  app::LoginRequest req;
  req.username = Field(ctx, "username");
  req.password = ctx.req.form.Get("password");
  req.client_addr = ctx.req.client_addr;
  req.user_agent = std::string(ctx.req.Header("user-agent"));
  req.device_token = ctx.req.Cookie(kDeviceCookie);
  if (req.username.empty() || req.password.empty() || req.username.size() > 64 ||
      req.password.size() > 1024) {
    return LoginForm(ctx, 400, InvalidArgument("auth.missing_credentials"), req.username, 0);
  }
  app::LoginOutcome out = ctx.site.services().auth.Login(req);
  if (!out.status.ok()) {
    const int status = HttpStatusFor(out.status.code());
    if (status >= 500) return out.status;
    return LoginForm(ctx, status, out.status, req.username, out.retry_after, Refusal(ctx, out));
  }
  const std::string next = SafeNext(ctx.req.form.Get("next"), "");
  if (!out.challenge_token.empty()) {
    // The password was right; the code from the authenticator app comes next.
    CookieOptions challenge;
    challenge.secure = ctx.site.config().secure_cookies;
    challenge.max_age = domain::kSecondFactorChallengeTtl / kMicrosPerSecond;
    ctx.set_cookies.push_back(SetCookieValue(ChallengeCookie(ctx), out.challenge_token, challenge));
    return Response::Redirect("/masuk/otp" + (next.empty() ? "" : "?next=" + UrlEncode(next)));
  }
  return SignedIn(ctx, out, next);
}

StatusOr<Response> SecondFactorLoginPage(Context& ctx) {
  if (ctx.who.signed_in()) return Response::Redirect("/dasbor");
  if (ctx.req.Cookie(ChallengeCookie(ctx)).empty()) {
    return LoginForm(ctx, 409, FailedPrecondition("auth.second_factor_expired"), "", 0);
  }
  return SecondFactorForm(ctx, 200, OkStatus(), 0);
}

StatusOr<Response> SecondFactorLoginSubmit(Context& ctx) {
  app::SecondFactorRequest req;
  req.challenge_token = ctx.req.Cookie(ChallengeCookie(ctx));
  req.code = Field(ctx, "code");
  req.client_addr = ctx.req.client_addr;
  req.user_agent = std::string(ctx.req.Header("user-agent"));
  req.device_token = ctx.req.Cookie(kDeviceCookie);
  if (req.code.empty() || req.code.size() > 64) {
    return SecondFactorForm(ctx, 400, InvalidArgument("totp.code_missing"), 0);
  }
  app::LoginOutcome out = ctx.site.services().auth.CompleteSecondFactor(req);
  if (!out.status.ok()) {
    const int status = HttpStatusFor(out.status.code());
    if (status >= 500) return out.status;
    const std::string& reason = out.status.reason();
    if (reason == "auth.second_factor_expired" || reason == "auth.account_disabled" ||
        reason == "auth.blacklisted") {
      // This sign-in is over: start again from the password.
      ForgetChallenge(ctx);
      return LoginForm(ctx, status, out.status, "", 0, Refusal(ctx, out));
    }
    return SecondFactorForm(ctx, status, out.status, out.retry_after);
  }
  return SignedIn(ctx, out, SafeNext(ctx.req.form.Get("next"), ""));
}

StatusOr<Response> Logout(Context& ctx) {
  SPSE_RETURN_IF_ERROR(ctx.site.services().auth.Logout(ctx.session_token, ctx.req.client_addr));
  CookieOptions gone;
  gone.secure = ctx.site.config().secure_cookies;
  gone.max_age = 0;
  ctx.set_cookies.push_back(SetCookieValue(ctx.site.SessionCookieName(), "", gone));
  return Response::Redirect("/masuk?ok=signed_out");
}

StatusOr<Response> Dashboard(Context& ctx) {
  data view;
  view.set("title", ctx.T("dash.title"));
  data panels = List();
  for (const RolePanel& p : Panels()) {
    if (!ctx.who.roles.Has(p.role) || !ctx.who.verified) continue;
    const std::string code(domain::RoleCode(p.role));
    data panel;
    panel.set("role_code", code);
    panel.set("role", ctx.T("role." + code));
    panel.set("about", ctx.T("dash.about." + code));
    data links = List();
    for (const Link& l : p.links) {
      data link;
      link.set("href", std::string(l.href));
      link.set("label", ctx.T(l.label_key));
      links.push_back(link);
    }
    panel.set("links", links);
    panel.set("has_links", !p.links.empty());
    panels.push_back(panel);
  }
  view.set("panels", panels);
  if (!ctx.who.verified) {
    // Pasal 21(2): nothing to do here until the Verifikator verifies the account.
    view.set("unverified", true);
    view.set("own_registration",
             domain::Authorize(ctx.who, domain::Permission::kOwnRegistration).ok());
  }
  if (domain::Authorize(ctx.who, domain::Permission::kViewActivity).ok()) {
    SPSE_ASSIGN_OR_RETURN(app::ActivitySummary activity,
                          ctx.site.services().portal.Activity(ctx.actor(), 7));
    data a;
    data accounts = List();
    for (const auto& [role, n] : activity.accounts) {
      data r;
      r.set("role", ctx.T("role." + std::string(domain::RoleCode(role))));
      r.set("count", std::to_string(n));
      accounts.push_back(r);
    }
    a.set("accounts", accounts);
    a.set("agencies", std::to_string(activity.agencies));
    a.set("announcements", std::to_string(activity.active_announcements));
    a.set("sign_ins", std::to_string(activity.sign_ins));
    a.set("failed", std::to_string(activity.failed_sign_ins));
    view.set("activity", a);
  }
  if (ctx.who.agency_id) {
    auto tx = ctx.site.services().store.Begin(app::Access::kRead);
    if (tx.ok()) {
      auto agency = (*tx)->agencies().FindById(*ctx.who.agency_id);
      if (agency.ok() && *agency) view.set("agency", (*agency)->name);
    }
  }
  SetNotice(ctx, view);
  return ctx.Page("dasbor", view);
}

StatusOr<Response> PasswordPage(Context& ctx) {
  data view;
  view.set("title", ctx.T("password.title"));
  view.set("forced", ctx.must_change_password);
  SetNotice(ctx, view);
  return ctx.Page("kata_sandi", view);
}

StatusOr<Response> PasswordSubmit(Context& ctx) {
  const std::string current = ctx.req.form.Get("current");
  const std::string next = ctx.req.form.Get("new");
  Status s = next != ctx.req.form.Get("confirm")
                 ? InvalidArgument("password.mismatch")
                 : ctx.site.services().auth.ChangePassword(ctx.actor(), ctx.session_token, current, next);
  if (s.ok()) {
    // The second factor the roles require comes next, if it is still missing.
    return Response::Redirect(ctx.must_enrol_second_factor ? "/akun/2fa?ok=password_changed"
                                                           : "/dasbor?ok=password_changed");
  }
  if (HttpStatusFor(s.code()) >= 500) return s;
  data view;
  view.set("title", ctx.T("password.title"));
  view.set("forced", ctx.must_change_password);
  SetError(ctx, view, s);
  return ctx.Page("kata_sandi", view, 400);
}

StatusOr<Response> ForgotPage(Context& ctx) {
  data view;
  view.set("title", ctx.T("forgot.title"));
  return ctx.Page("lupa_sandi", view);
}

StatusOr<Response> ForgotSubmit(Context& ctx) {
  const std::string username = Field(ctx, "username");
  data view;
  view.set("title", ctx.T("forgot.title"));
  view.set("username", username);
  if (username.empty() || username.size() > 64) {
    SetError(ctx, view, InvalidArgument("auth.missing_credentials"));
    return ctx.Page("lupa_sandi", view, 400);
  }
  Status s = ctx.site.services().resets.Request(username, ctx.req.client_addr);
  if (!s.ok() && HttpStatusFor(s.code()) >= 500) return s;
  if (!s.ok()) {
    SetError(ctx, view, s);
    return ctx.Page("lupa_sandi", view, HttpStatusFor(s.code()));
  }
  // The same answer whether or not the User ID exists.
  view.set("sent", true);
  return ctx.Page("lupa_sandi", view);
}

StatusOr<Response> ResetPage(Context& ctx) {
  // The token travels in the query string, which the access log never records.
  const std::string token = ctx.req.query.Get("token");
  data view;
  view.set("title", ctx.T("reset.title"));
  view.set("token", token);
  Status s = ctx.site.services().resets.Check(token);
  if (!s.ok()) {
    SetError(ctx, view, s);
    return ctx.Page("reset_sandi", view, 400);
  }
  view.set("valid", true);
  return ctx.Page("reset_sandi", view);
}

StatusOr<Response> ResetSubmit(Context& ctx) {
  const std::string token = ctx.req.form.Get("token");
  const std::string next = ctx.req.form.Get("new");
  Status s = next != ctx.req.form.Get("confirm")
                 ? InvalidArgument("password.mismatch")
                 : ctx.site.services().resets.Complete(token, next, ctx.req.client_addr);
  if (s.ok()) return Response::Redirect("/masuk?ok=password_reset");
  if (HttpStatusFor(s.code()) >= 500) return s;
  data view;
  view.set("title", ctx.T("reset.title"));
  view.set("token", token);
  view.set("valid", s.reason() != "reset.invalid");
  SetError(ctx, view, s);
  return ctx.Page("reset_sandi", view, 400);
}

StatusOr<Response> Inbox(Context& ctx) {
  const Paging paging = PageOf(ctx, 30);
  SPSE_ASSIGN_OR_RETURN(app::InboxPage inbox,
                        ctx.site.services().inbox.List(ctx.actor(), paging.size, paging.offset));
  data view;
  view.set("title", ctx.T("inbox.title"));
  data rows = List();
  for (const auto& m : inbox.messages) {
    data r;
    r.set("id", std::to_string(m.id));
    r.set("subject", m.subject);
    r.set("at", ctx.FormatTime(m.created_at));
    r.set("unread", !m.read_at);
    rows.push_back(r);
  }
  view.set("messages", rows);
  view.set("empty", inbox.messages.empty());
  view.set("notify_email", inbox.notify_email);
  SetPager(view, paging, inbox.total, "/kotak-masuk?hal=");
  SetNotice(ctx, view);
  return ctx.Page("kotak_masuk", view);
}

StatusOr<Response> InboxMessage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "inbox"));
  SPSE_ASSIGN_OR_RETURN(domain::InboxMessage m, ctx.site.services().inbox.Open(ctx.actor(), id));
  data view;
  view.set("title", m.subject);
  view.set("subject", m.subject);
  view.set("body", m.body);
  view.set("at", ctx.FormatTime(m.created_at));
  return ctx.Page("pesan", view);
}

StatusOr<Response> InboxPreference(Context& ctx) {
  SPSE_RETURN_IF_ERROR(
      ctx.site.services().inbox.SetMailPreference(ctx.actor(), ctx.req.form.Get("email") == "1"));
  return Response::Redirect("/kotak-masuk?ok=preference_saved");
}

StatusOr<Response> AccessLog(Context& ctx) {
  const Paging paging = PageOf(ctx, 50);
  SPSE_ASSIGN_OR_RETURN(app::AuditPage log, ctx.site.services().portal.MyAccessLog(
                                                ctx.actor(), paging.size, paging.offset));
  data view;
  view.set("title", ctx.T("access_log.title"));
  data rows = List();
  for (const auto& e : log.entries) {
    data r;
    r.set("at", ctx.FormatTime(e.at));
    r.set("event", ctx.T("access_log.event." + e.action));
    r.set("failed", e.action != "auth.login" && e.action != "auth.logout");
    r.set("addr", e.client_addr);
    rows.push_back(r);
  }
  view.set("entries", rows);
  view.set("empty", log.entries.empty());
  SetPager(view, paging, log.total, "/akun/log-akses?hal=");
  return ctx.Page("log_akses", view);
}

}  // namespace spse::http::handlers
