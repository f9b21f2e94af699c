// The Verifikator's pages (Pasal 9(4)) and the public Daftar Hitam.
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

#include <algorithm>

namespace spse::http::handlers {
namespace {

StatusOr<Response> RenderAccount(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::AccountRecord record,
                        ctx.site.services().verification.GetAccount(ctx.actor(), id));
  const domain::User& u = record.user;
  data view;
  view.set("title", u.full_name);
  view.set("id", std::to_string(u.id));
  view.set("full_name", u.full_name);
  view.set("username", u.username);
  view.set("active", u.active);
  view.set("reason", u.deactivation_reason);
  view.set("is_vendor", u.roles.Has(domain::Role::kPenyedia));
  view.set("is_self", u.id == ctx.who.user_id);
  data roles = List();
  for (domain::Role r : u.roles.ToVector()) roles.push_back(ctx.T("role." + std::string(domain::RoleCode(r))));
  view.set("roles", roles);
  const Micros now = ctx.site.services().clock.Now();
  data entries = List();
  for (const auto& e : record.blacklist) {
    data r;
    r.set("sk", e.sk_number);
    r.set("violation", e.violation);
    r.set("starts", FormatDate(e.starts_at, ctx.site.config().zone, ctx.lang));
    r.set("ends", e.ends_at ? FormatDate(*e.ends_at, ctx.site.config().zone, ctx.lang)
                            : ctx.T("blacklist.indefinite"));
    r.set("in_force", domain::InForce(e, now));
    entries.push_back(r);
  }
  view.set("blacklist", entries);
  view.set("has_blacklist", !record.blacklist.empty());
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("verifikasi_akun", view, status);
}

StatusOr<Response> AfterChange(Context& ctx, std::int64_t id, const Status& s, const char* notice) {
  if (s.ok()) return Response::Redirect("/verifikasi/akun/" + std::to_string(id) + "?ok=" + notice);
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderAccount(ctx, id, HttpStatusFor(s.code()), s);
}

}  // namespace

StatusOr<Response> VerifyList(Context& ctx) {
  app::UserFilter filter;
  filter.text = ctx.req.query.Get("q").substr(0, 100);
  if (auto r = domain::ParseRole(ctx.req.query.Get("peran"))) filter.role = *r;
  filter.limit = 200;
  SPSE_ASSIGN_OR_RETURN(auto users, ctx.site.services().verification.ListAccounts(ctx.actor(), filter));
  data view;
  view.set("title", ctx.T("verify.title"));
  view.set("q", filter.text);
  data rows = List();
  for (const auto& u : users) {
    data r;
    r.set("id", std::to_string(u.id));
    r.set("username", u.username);
    r.set("full_name", u.full_name);
    r.set("active", u.active);
    data roles = List();
    for (domain::Role role : u.roles.ToVector()) {
      roles.push_back(ctx.T("role." + std::string(domain::RoleCode(role))));
    }
    r.set("roles", roles);
    rows.push_back(r);
  }
  view.set("users", rows);
  return ctx.Page("verifikasi", view);
}

StatusOr<Response> VerifyAccount(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  return RenderAccount(ctx, id, 200, OkStatus());
}

StatusOr<Response> VerifyDeactivate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  domain::Deactivation why;
  auto source = domain::ParseDeactivationSource(Field(ctx, "source"));
  why.source = source.value_or(domain::DeactivationSource::kTermsBreach);
  why.reason = Field(ctx, "reason");
  why.letter = Field(ctx, "letter");
  Status s = source ? ctx.site.services().verification.Deactivate(ctx.actor(), id, why)
                    : InvalidArgument("deactivation.source_invalid");
  return AfterChange(ctx, id, s, "account_deactivated");
}

StatusOr<Response> VerifyReactivate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  Status s = ctx.site.services().verification.Reactivate(ctx.actor(), id, Field(ctx, "reason"));
  return AfterChange(ctx, id, s, "account_reactivated");
}

StatusOr<Response> VerifyBlacklist(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  domain::BlacklistEntry e;
  e.sk_number = Field(ctx, "sk_number");
  e.violation = Field(ctx, "violation");
  const Zone& zone = ctx.site.config().zone;
  Status s;
  const std::string starts = Field(ctx, "starts_on"), ends = Field(ctx, "ends_on");
  if (!starts.empty()) {
    auto t = ParseInputDateTime(starts + "T00:00", zone);
    if (!t) s = InvalidArgument("blacklist.date_invalid");
    e.starts_at = t.value_or(0);
  }
  if (!ends.empty()) {
    e.ends_at = ParseInputDateTime(ends + "T00:00", zone);
    if (!e.ends_at) s = InvalidArgument("blacklist.date_invalid");
  }
  if (s.ok()) s = ctx.site.services().verification.AddToBlacklist(ctx.actor(), id, e).status();
  return AfterChange(ctx, id, s, "blacklist_added");
}

StatusOr<Response> PublicBlacklist(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(auto entries, ctx.site.services().verification.PublicBlacklist());
  data view;
  view.set("title", ctx.T("blacklist.title"));
  data rows = List();
  for (const auto& e : entries) {
    data r;
    r.set("vendor", e.vendor_name);
    r.set("sk", e.sk_number);
    r.set("violation", e.violation);
    r.set("starts", FormatDate(e.starts_at, ctx.site.config().zone, ctx.lang));
    r.set("ends", e.ends_at ? FormatDate(*e.ends_at, ctx.site.config().zone, ctx.lang)
                            : ctx.T("blacklist.indefinite"));
    rows.push_back(r);
  }
  view.set("entries", rows);
  view.set("empty", entries.empty());
  return ctx.Page("daftar_hitam", view);
}

StatusOr<Response> PublicVendors(Context& ctx) {
  const std::string q = ctx.req.query.Get("q").substr(0, 100);
  SPSE_ASSIGN_OR_RETURN(auto vendors, ctx.site.services().portal.PublicVendors(q, 500));
  SPSE_ASSIGN_OR_RETURN(auto blacklist, ctx.site.services().verification.PublicBlacklist());
  data view;
  view.set("title", ctx.T("vendors.title"));
  view.set("q", q);
  data rows = List();
  for (const auto& [u, vendor] : vendors) {
    data r;
    r.set("name", u.full_name);
    if (vendor) {
      r.set("npwp", domain::MaskNpwp(vendor->npwp));
      r.set("regency", vendor->regency);
    }
    r.set("blacklisted", std::any_of(blacklist.begin(), blacklist.end(),
                                     [&](const auto& e) { return e.user_id == u.id; }));
    rows.push_back(r);
  }
  view.set("vendors", rows);
  view.set("count", std::to_string(vendors.size()));
  view.set("empty", vendors.empty());
  return ctx.Page("daftar_penyedia", view);
}

}  // namespace spse::http::handlers
