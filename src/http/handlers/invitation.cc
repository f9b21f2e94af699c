// Invitations to invitation-only tenders (INV-* in docs/rules.md): the page
// where those who run the tender (the Pejabat Pengadaan of a Pengadaan
// Langsung or a Penunjukan Langsung, the Pokja of a Tender Cepat) see who is
// invited and invite a qualified vendor.
#include "app/invitation_service.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

StatusOr<app::InvitationService*> Invitations(Context& ctx) {
  if (ctx.site.services().invitations == nullptr) return NotFound("tender.not_found");
  return ctx.site.services().invitations;
}

StatusOr<Response> RenderInvitations(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::InvitationService * svc, Invitations(ctx));
  SPSE_ASSIGN_OR_RETURN(app::InvitationView v, svc->View(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("invitation.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("method", ctx.lang == Lang::kEn ? v.procedure->name_en : v.procedure->name_id);
  view.set("csrf", ctx.csrf);
  SetNotice(ctx, view);
  if (!error.ok()) SetError(ctx, view, error);
  if (v.closes) view.set("closes", ctx.FormatTime(v.closes->end));
  view.set("max", v.procedure->max_invitees > 0 ? std::to_string(v.procedure->max_invitees)
                                                : ctx.T("invitation.any"));
  data invitations = List();
  for (const auto& inv : v.invitations) {
    data r;
    r.set("vendor_id", std::to_string(inv.vendor_id));
    r.set("company", inv.company_name);
    r.set("at", ctx.FormatTime(inv.invited_at));
    invitations.push_back(r);
  }
  view.set("invitations", invitations);
  view.set("no_invitations", v.invitations.empty());
  view.set("may_invite", v.may_invite.ok());
  if (!v.may_invite.ok()) view.set("invite_why", ctx.ErrorText(v.may_invite));
  data candidates = List();
  bool any_candidate = false;
  for (const auto& c : v.candidates) {
    if (c.invited) continue;
    any_candidate = any_candidate || c.eligible.ok();
    data r;
    r.set("user_id", std::to_string(c.user_id));
    r.set("label", (c.company_name.empty() ? c.username : c.company_name) + " (" + c.username + ")");
    r.set("eligible", c.eligible.ok());
    if (!c.eligible.ok()) r.set("why", ctx.ErrorText(c.eligible));
    candidates.push_back(r);
  }
  view.set("candidates", candidates);
  view.set("has_candidates", any_candidate);
  return ctx.Page("tender_undangan", view, status);
}

}  // namespace

StatusOr<Response> InvitationPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderInvitations(ctx, id, 200, OkStatus());
}

StatusOr<Response> InvitationSend(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::InvitationService * svc, Invitations(ctx));
  auto vendor = ParseId(Field(ctx, "vendor"));
  Status s = vendor ? svc->Invite(ctx.actor(), id, *vendor).status()
                    : NotFound("auction.vendor_not_found");
  if (s.ok()) {
    return Response::Redirect("/tender/" + std::to_string(id) + "/undangan-penyedia?ok=invitation_sent");
  }
  if (HttpStatusFor(s.code()) >= 500 || (s.code() == Code::kNotFound && s.reason() == "tender.not_found")) {
    return s;
  }
  return RenderInvitations(ctx, id, HttpStatusFor(s.code()), s);
}

}  // namespace spse::http::handlers
