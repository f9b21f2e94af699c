// /akun/2fa: the account's own second factor (enrol an authenticator app,
// renew recovery codes, switch it off where the roles allow).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/qr_svg.h"

namespace spse::http::handlers {
namespace {

// "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to type by hand.
std::string Grouped(std::string_view secret) {
  std::string out;
  for (size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

// The page as it stands: the enrolment (QR code, secret, code field) when
// the account has no second factor yet, else its state and what can be
// done with it. `token` keeps the secret of an enrolment form sent back.
StatusOr<Response> Render(Context& ctx, int status, const Status& error,
                          std::string_view token = "") {
  auto& service = ctx.site.services().second_factor;
  SPSE_ASSIGN_OR_RETURN(const app::SecondFactorOverview overview, service.Overview(ctx.actor()));
  data view;
  view.set("title", ctx.T("totp.title"));
  view.set("required", overview.required);
  view.set("forced", ctx.must_enrol_second_factor);
  if (!overview.enabled) {
    SPSE_ASSIGN_OR_RETURN(const app::Enrolment enrolment,
                          service.BeginEnrolment(ctx.actor(), token));
    SPSE_ASSIGN_OR_RETURN(const std::string qr, QrSvg(enrolment.uri, ctx.T("totp.qr_label")));
    data e;
    e.set("qr", qr);
    e.set("secret", Grouped(enrolment.secret_base32));
    e.set("token", enrolment.token);
    view.set("enrol", e);
  } else {
    data on;
    on.set("since", ctx.FormatTime(overview.enabled_at));
    on.set("codes_left", std::to_string(overview.recovery_codes_left));
    on.set("codes_low", overview.recovery_codes_left <= 3);
    on.set("can_disable", !overview.required);
    view.set("enabled", on);
  }
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("akun_2fa", view, status);
}

// The recovery codes, shown this once.
Response ShowCodes(Context& ctx, const std::vector<std::string>& codes, std::string_view lead_key) {
  data view;
  view.set("title", ctx.T("totp.title"));
  view.set("lead", ctx.T(lead_key));
  data list = List();
  for (const std::string& c : codes) list.push_back(data(c));
  view.set("codes", list);
  return ctx.Page("akun_2fa_kode", view, 200);
}

bool IsFormError(const Status& s) { return HttpStatusFor(s.code()) < 500 && s.code() != Code::kNotFound; }

}  // namespace

StatusOr<Response> SecondFactorPage(Context& ctx) { return Render(ctx, 200, OkStatus()); }

StatusOr<Response> SecondFactorEnrol(Context& ctx) {
  const std::string token = ctx.req.form.Get("enrolment");
  auto codes = ctx.site.services().second_factor.ConfirmEnrolment(ctx.actor(), token,
                                                                  Field(ctx, "code"));
  if (codes.ok()) return ShowCodes(ctx, *codes, "totp.enabled_lead");
  if (!IsFormError(codes.status())) return codes.status();
  return Render(ctx, HttpStatusFor(codes.status().code()), codes.status(), token);
}

StatusOr<Response> SecondFactorRecoveryCodes(Context& ctx) {
  auto codes = ctx.site.services().second_factor.RenewRecoveryCodes(ctx.actor(), Field(ctx, "code"));
  if (codes.ok()) return ShowCodes(ctx, *codes, "totp.renewed_lead");
  if (!IsFormError(codes.status())) return codes.status();
  return Render(ctx, HttpStatusFor(codes.status().code()), codes.status());
}

StatusOr<Response> SecondFactorDisable(Context& ctx) {
  Status s = ctx.site.services().second_factor.Disable(ctx.actor(), Field(ctx, "code"));
  if (s.ok()) return Response::Redirect("/akun/2fa?ok=totp_disabled");
  if (!IsFormError(s)) return s;
  return Render(ctx, HttpStatusFor(s.code()), s);
}

}  // namespace spse::http::handlers
