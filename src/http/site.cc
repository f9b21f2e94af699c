#include "http/site.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "http/upload.h"
#include "http/view.h"

namespace spse::http {
namespace {

constexpr std::string_view kPreCookie = "spse_pre";
constexpr std::string_view kLangCookie = "spse_lang";

bool IsSafeMethod(std::string_view m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

std::string RoleLabelKey(domain::Role r) { return "role." + std::string(domain::RoleCode(r)); }

}  // namespace

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kInvalidArgument: return 400;
    case Code::kNotFound: return 404;
    case Code::kAlreadyExists: return 409;
    case Code::kPermissionDenied: return 403;
    case Code::kUnauthenticated: return 401;
    case Code::kFailedPrecondition: return 409;
    case Code::kResourceExhausted: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

void AddSecurityHeaders(Response& r) {
  r.Set("Content-Security-Policy",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Referrer-Policy", "same-origin");
  r.Set("Cross-Origin-Opener-Policy", "same-origin");
  r.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

const std::string& Context::T(std::string_view key) const {
  return site.catalogue().Get(lang, key);
}

std::string Context::ErrorText(const Status& status) const {
  const std::string key = "err." + status.reason();
  if (site.catalogue().Has(key)) return T(key);
  return T("err.code." + std::string(CodeName(status.code())));
}

std::string Context::FormatTime(Micros t) const {
  return FormatDateTime(t, site.config().zone, lang);
}

Response Context::Page(std::string_view page, ViewData& data, int status) {
  const SiteConfig& cfg = site.config();
  data.set("lpse_name", cfg.lpse_name);
  data.set("version", cfg.version);
  data.set("lang", std::string(LangCode(lang)));
  data.set("lang_id", lang == Lang::kId);
  data.set("lang_en", lang == Lang::kEn);
  data.set("csrf", csrf);
  data.set("path", UrlEncode(req.path));
  data.set("signed_in", who.signed_in());
  if (who.signed_in()) {
    data.set("user_name", who.full_name);
    data.set("username", who.username);
    kainjow::mustache::data roles{kainjow::mustache::data::type::list};
    for (domain::Role r : who.roles.ToVector()) roles.push_back(T(RoleLabelKey(r)));
    data.set("user_roles", roles);
    data.set("can_announce", domain::Authorize(who, domain::Permission::kManageAnnouncements).ok());
    data.set("can_admin", domain::Authorize(who, domain::Permission::kManageUsers).ok());
    data.set("can_audit", domain::Authorize(who, domain::Permission::kViewAudit).ok());
    data.set("can_verify", domain::Authorize(who, domain::Permission::kVerifyAccounts).ok());
    data.set("can_run_selections", domain::Authorize(who, domain::Permission::kRunSelections).ok());
    data.set("can_calendar", domain::Authorize(who, domain::Permission::kManageCalendar).ok());
    auto unread = site.services().inbox.Unread(actor());
    if (unread.ok() && *unread > 0) data.set("unread", std::to_string(*unread));
  }
  // The site-wide banner of active maintenance and technical-problem notices.
  auto home = site.services().portal.Home();
  if (home.ok() && !(*home)->banners.empty()) {
    kainjow::mustache::data banners{kainjow::mustache::data::type::list};
    for (const auto& a : (*home)->banners) {
      kainjow::mustache::data b;
      b.set("id", std::to_string(a.id));
      b.set("title", a.title);
      b.set("kind", T("announcement.kind." + std::string(domain::AnnouncementKindCode(a.kind))));
      banners.push_back(b);
    }
    data.set("banners", banners);
  }
  return Response::Html(status, site.views().RenderPage(lang, page, data));
}

Site::Site(SiteConfig config, Services services)
    : config_(std::move(config)), services_(std::move(services)) {}
Site::~Site() = default;

StatusOr<std::unique_ptr<Site>> Site::Create(SiteConfig config, Services services) {
  std::unique_ptr<Site> site(new Site(std::move(config), std::move(services)));
  SPSE_ASSIGN_OR_RETURN(Catalogue catalogue, Catalogue::Load(site->config_.web_dir / "i18n"));
  site->catalogue_ = std::make_unique<Catalogue>(std::move(catalogue));
  SPSE_ASSIGN_OR_RETURN(site->views_,
                        Views::Load(site->config_.web_dir / "templates", *site->catalogue_));
  for (Route& r : BuildRoutes()) site->router_.Add(std::move(r));
  return site;
}

std::string Site::SessionCookieName() const {
  return config_.secure_cookies ? "__Host-spse_session" : "spse_session";
}

std::string Site::CsrfFor(std::string_view binding) const {
  return services_.crypto.Hmac(services_.secret, "csrf:" + std::string(binding));
}

const Route* Site::RouteFor(std::string_view method, std::string_view path) const {
  std::map<std::string, std::string, std::less<>> params;
  return router_.Find(method, UrlDecode(path, false), params).route;
}

StatusOr<std::unique_ptr<BodyReader>> Site::BeginBody(Request& req, const Route& route) const {
  req.cookies = ParseCookies(req.Header("cookie"));
  const std::string token = req.Cookie(SessionCookieName());
  auto view = services_.auth.Resolve(token);
  if (!view.ok()) return view.status();
  domain::Principal who;
  std::string csrf;
  if (*view) {
    who = (*view)->principal;
    csrf = CsrfFor("s:" + (*view)->id_hash);
  }
  SPSE_RETURN_IF_ERROR(domain::Authorize(who, route.permission));
  if (!*view) return Unauthenticated("auth.required");
  auto csrf_ok = [this, csrf](std::string_view given) {
    return !csrf.empty() && services_.crypto.ConstantTimeEquals(given, csrf);
  };
  if (route.multipart) {
    auto reader = std::make_unique<UploadReader>(services_.blobs, req, UploadLimits{}, csrf_ok);
    SPSE_RETURN_IF_ERROR(reader->Start(req.Header("content-type")));
    return std::unique_ptr<BodyReader>(std::move(reader));
  }
  if (route.csrf && !csrf_ok(req.Header("x-csrf-token"))) return PermissionDenied("http.csrf");
  // Dispatch would send such an account to its password or second-factor
  // page; here no byte is taken for it.
  if ((*view)->must_change_password) return PermissionDenied("auth.password_change_required");
  if ((*view)->must_enrol_second_factor) return PermissionDenied("auth.second_factor_required");
  const size_t qmark = req.target.find('?');
  req.path = UrlDecode(std::string_view(req.target).substr(0, qmark), false);
  std::map<std::string, std::string, std::less<>> params;
  router_.Find(req.method, req.path, params);
  req.params = std::move(params);
  Context ctx{req, *this, who, token, false, false, Lang::kId, csrf, {}};
  return route.open_body(ctx);
}

bool Site::CanHandleInline(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return false;
  const std::string_view target = req.target;
  if (target.substr(0, target.find('?')) != "/") return false;
  if (req.Header("cookie").find("spse_session") != std::string_view::npos) return false;
  return services_.portal.FreshHome() != nullptr;
}

std::shared_ptr<const std::string> Site::CachedPublicHome(
    Lang lang, const void* data_version, const std::function<std::string()>& render) const {
  RenderedHome& slot = home_pages_[lang == Lang::kId ? 0 : 1];
  {
    std::lock_guard lock(home_mu_);
    if (slot.version == data_version && slot.body) return slot.body;
  }
  auto body = std::make_shared<const std::string>(render());
  std::lock_guard lock(home_mu_);
  slot.version = data_version;
  slot.body = body;
  return body;
}

Response Site::Reject(const Status& why, std::string_view cookie_header) const {
  return Reject(HttpStatusFor(why.code()), why.reason(), cookie_header);
}

Response Site::ErrorPage(Context& ctx, int status, const Status& why) const {
  ViewData data;
  data.set("status", std::to_string(status));
  data.set("title", ctx.T("error.title." + std::to_string(status)));
  data.set("message", ctx.ErrorText(why));
  data.set("reason", why.reason());
  if (status == 401) data.set("show_login", true);
  return ctx.Page("error", data, status);
}

Response Site::RejectFor(const Route& route, int status, const Status& why,
                         std::string_view cookie_header) const {
  if (!route.error_response) return Reject(status, why.reason(), cookie_header);
  Response r = route.error_response(status, why);
  AddSecurityHeaders(r);
  r.Set("Cache-Control", "no-store");
  return r;
}

Response ApiError(int status, const Status& why) {
  nlohmann::json body = {
      {"error", {{"code", std::string(CodeName(why.code()))}, {"reason", why.reason()}}}};
  return Response::Json(status, body.dump());
}

Response Site::RouteError(Context& ctx, const Route& route, int status, const Status& why) const {
  if (route.error_response) return route.error_response(status, why);
  return ErrorPage(ctx, status, why);
}

Response Site::Reject(int status, std::string_view reason, std::string_view cookie_header) const {
  Request req;
  req.method = "GET";
  req.path = "/";
  Context ctx{req, *this, {}, {}, false, false, Lang::kId, {}, {}};
  if (auto lang = ParseLang(ParseCookies(cookie_header)["spse_lang"])) ctx.lang = *lang;
  Code code = Code::kInvalidArgument;
  if (status == 413 || status == 431 || status == 429) code = Code::kResourceExhausted;
  if (status == 401) code = Code::kUnauthenticated;
  if (status == 403) code = Code::kPermissionDenied;
  if (status >= 500) code = Code::kUnavailable;
  Response r = ErrorPage(ctx, status, Status(code, std::string(reason)));
  AddSecurityHeaders(r);
  r.Set("Cache-Control", "no-store");
  return r;
}

Response Site::Handle(Request& req) const {
  Context ctx{req, *this, {}, {}, false, false, Lang::kId, {}, {}};
  req.cookies = ParseCookies(req.Header("cookie"));
  const size_t qmark = req.target.find('?');
  req.path = UrlDecode(std::string_view(req.target).substr(0, qmark), false);
  if (qmark != std::string::npos) req.query_string = req.target.substr(qmark + 1);
  req.query = Form::Parse(req.query_string);
  if (auto lang = ParseLang(req.Cookie(kLangCookie))) ctx.lang = *lang;
  if (req.Header("content-type").substr(0, 33) == "application/x-www-form-urlencoded") {
    req.form = Form::Parse(req.body);
  }

  Response response;
  std::map<std::string, std::string, std::less<>> params;
  const Match match = router_.Find(req.method, req.path, params);
  if (!match.route) {
    const int status = match.path_known ? 405 : 404;
    response = ErrorPage(ctx, status,
                         status == 404 ? NotFound("http.not_found")
                                       : InvalidArgument("http.method_not_allowed"));
    if (status == 405) response.Set("Allow", match.allow);
  } else {
    req.params = std::move(params);
    response = Dispatch(ctx, *match.route);
  }
  for (auto& c : ctx.set_cookies) response.headers.emplace_back("Set-Cookie", std::move(c));
  AddSecurityHeaders(response);
  if (config_.secure_cookies) {
    // Served over TLS (through the proxy): browsers must keep to HTTPS.
    response.Set("Strict-Transport-Security", "max-age=31536000");
  }
  if (!response.Get("Cache-Control").size()) response.Set("Cache-Control", "no-store");
  return response;
}

Response Site::Dispatch(Context& ctx, const Route& route) const {
  Request& req = ctx.req;
  // Static files and the health check need no session.
  const bool needs_session = route.permission != domain::Permission::kPublic ||
                             !req.Cookie(SessionCookieName()).empty();
  if (needs_session && route.name != "static") {
    ctx.session_token = req.Cookie(SessionCookieName());
    auto view = services_.auth.Resolve(ctx.session_token);
    if (!view.ok()) {
      spdlog::error("session lookup failed: {}", view.status().ToString());
      return RouteError(ctx, route, 503, view.status());
    }
    if (*view) {
      ctx.who = (*view)->principal;
      ctx.must_change_password = (*view)->must_change_password;
      ctx.must_enrol_second_factor = (*view)->must_enrol_second_factor;
      ctx.csrf = CsrfFor("s:" + (*view)->id_hash);
    } else if (!ctx.session_token.empty()) {
      // Expired or ended: forget the cookie.
      CookieOptions gone;
      gone.secure = config_.secure_cookies;
      gone.max_age = 0;
      ctx.set_cookies.push_back(SetCookieValue(SessionCookieName(), "", gone));
      ctx.session_token.clear();
    }
  }
  if (!ctx.who.signed_in()) {
    // Signed-out forms (sign-in) bind their token to a random pre-session cookie.
    // Only pages with a form (and form posts) pay for it.
    std::string pre = req.Cookie(kPreCookie);
    const bool wants_form = !IsSafeMethod(req.method) || route.anonymous_form;
    if ((pre.size() < 16 || pre.size() > 64) && wants_form) {
      pre = services_.crypto.RandomToken(16);
      CookieOptions opts;
      opts.secure = config_.secure_cookies;
      ctx.set_cookies.push_back(SetCookieValue(kPreCookie, pre, opts));
    }
    if (wants_form) ctx.csrf = CsrfFor("p:" + pre);
  }

  if (!IsSafeMethod(req.method)) {
    if (route.csrf) {
      std::string token = req.form.Get("_csrf");
      if (token.empty()) token = std::string(req.Header("x-csrf-token"));
      if (token.empty() || !services_.crypto.ConstantTimeEquals(token, ctx.csrf)) {
        return RouteError(ctx, route, 403, PermissionDenied("http.csrf"));
      }
    }
  }

  if (Status s = domain::Authorize(ctx.who, route.permission); !s.ok()) {
    if (s.code() == Code::kUnauthenticated && req.method == "GET" && !route.error_response) {
      return Response::Redirect("/masuk?next=" + UrlEncode(req.target));
    }
    return RouteError(ctx, route, HttpStatusFor(s.code()), s);
  }

  // An account that must first replace its temporary password, and then set
  // up the second factor its roles require, may do only that (and sign out).
  const bool always_open =
      route.name == "logout" || route.name == "static" || route.name == "language";
  if (ctx.must_change_password && !always_open && route.name != "password" &&
      route.name != "password.submit") {
    if (route.error_response) {
      return RouteError(ctx, route, 403, PermissionDenied("auth.password_change_required"));
    }
    return Response::Redirect("/akun/kata-sandi");
  }
  if (!ctx.must_change_password && ctx.must_enrol_second_factor && !always_open &&
      route.name != "totp" && route.name != "totp.enrol") {
    if (route.error_response) {
      return RouteError(ctx, route, 403, PermissionDenied("auth.second_factor_required"));
    }
    return Response::Redirect("/akun/2fa");
  }

  StatusOr<Response> result = [&]() -> StatusOr<Response> {
    try {
      return route.handler(ctx);
    } catch (const std::exception& e) {
      return Internal("http.handler_exception", e.what());
    }
  }();
  if (!result.ok()) {
    const Status& s = result.status();
    if (s.code() == Code::kInternal || s.code() == Code::kUnavailable) {
      spdlog::error("{} {}: {}", req.method, req.path, s.ToString());
    }
    return RouteError(ctx, route, HttpStatusFor(s.code()), s);
  }
  return std::move(result).value();
}

}  // namespace spse::http
