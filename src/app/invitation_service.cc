#include "app/invitation_service.h"

#include <algorithm>

#include "app/inbox_service.h"
#include "app/tender_service.h"
#include "domain/auction.h"
#include "domain/permission.h"
#include "domain/vendor_data.h"

namespace spse::app {
namespace {

constexpr int kMaxCandidates = 500;

StatusOr<InviteCandidate> Candidate(Tx& tx, const User& u, Micros now, const Zone& zone) {
  InviteCandidate c;
  c.user_id = u.id;
  c.username = u.username;
  domain::InviteeFacts f;
  SPSE_ASSIGN_OR_RETURN(auto vendor, tx.vendors().FindByUser(u.id));
  f.vendor = vendor.has_value() && u.roles.Has(domain::Role::kPenyedia);
  if (vendor) c.company_name = vendor->company_name;
  f.active = u.active;
  f.verified = u.verification.status == domain::AccountStatus::kVerified;
  SPSE_ASSIGN_OR_RETURN(auto entries, tx.blacklist().ForUser(u.id));
  for (const auto& e : entries) f.blacklisted = f.blacklisted || domain::InForce(e, now);
  SPSE_ASSIGN_OR_RETURN(auto data, tx.vendor_data().Latest(u.id));
  const std::string today = FormatInputDateTime(now, zone).substr(0, 10);
  f.licences = data.data.Rows("izin_usaha").size();
  f.expired_licences = domain::ExpiredLicences(data.data, today).size();
  c.eligible = domain::CheckInvitee(f);
  return c;
}

const domain::StagePeriod* PeriodOf(const domain::Tender& t, std::string_view stage) {
  for (const auto& s : t.schedule) {
    if (s.stage == stage) return &s;
  }
  return nullptr;
}

// Why no invitation can be sent now: CheckMayInvite's, then CheckInvitationRoom's.
Status MayInvite(const LoadedTender& l, size_t standing, Micros now) {
  SPSE_RETURN_IF_ERROR(domain::CheckMayInvite(l.tender, *l.procedure, now));
  return domain::CheckInvitationRoom(*l.procedure, standing);
}

}  // namespace

StatusOr<std::vector<InviteCandidate>> ListInviteCandidates(
    Tx& tx, Micros now, const Zone& zone,
    const std::vector<domain::TenderInvitation>& invitations) {
  UserFilter filter;
  filter.role = domain::Role::kPenyedia;
  filter.limit = kMaxCandidates;
  SPSE_ASSIGN_OR_RETURN(auto users, tx.users().List(filter));
  std::vector<InviteCandidate> out;
  for (const User& u : users) {
    SPSE_ASSIGN_OR_RETURN(InviteCandidate c, Candidate(tx, u, now, zone));
    c.invited = std::any_of(invitations.begin(), invitations.end(),
                            [&](const auto& inv) { return inv.vendor_id == u.id; });
    out.push_back(std::move(c));
  }
  return out;
}

StatusOr<InvitationView> InvitationService::View(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, domain::Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs || !l.procedure->invitation_only) return NotFound("tender.not_found");
  const Micros now = clock_.Now();
  InvitationView v;
  v.procedure = l.procedure;
  v.package_name = l.package.name;
  if (auto last = domain::InvitationDeadlineStage(*l.procedure);
      last && *last < l.tender.schedule.size()) {
    v.closes = l.tender.schedule[*last];
  }
  SPSE_ASSIGN_OR_RETURN(v.invitations, tx->auction().InvitationsOf(tender_id));
  v.may_invite = MayInvite(l, v.invitations.size(), now);
  if (v.may_invite.ok()) {
    SPSE_ASSIGN_OR_RETURN(v.candidates, ListInviteCandidates(*tx, now, config_.zone, v.invitations));
  }
  v.tender = std::move(l.tender);
  return v;
}

StatusOr<std::int64_t> InvitationService::Invite(const Actor& actor, std::int64_t tender_id,
                                                 std::int64_t vendor_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, domain::Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  // The invitations below are counted once no other invitation of this
  // tender is in flight (INV-03).
  SPSE_RETURN_IF_ERROR(tx->auction().LockTender(tender_id));
  const Micros now = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::CheckMayInvite(l.tender, *l.procedure, now));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(vendor_id));
  if (!user) return NotFound("auction.vendor_not_found");
  SPSE_ASSIGN_OR_RETURN(InviteCandidate c, Candidate(*tx, *user, now, config_.zone));
  SPSE_RETURN_IF_ERROR(c.eligible);
  SPSE_ASSIGN_OR_RETURN(auto standing, tx->auction().InvitationsOf(tender_id));
  for (const auto& inv : standing) {
    if (inv.vendor_id == vendor_id) return AlreadyExists("auction.already_invited");
  }
  SPSE_RETURN_IF_ERROR(domain::CheckInvitationRoom(*l.procedure, standing.size()));
  domain::TenderInvitation inv;
  inv.tender_id = tender_id;
  inv.vendor_id = vendor_id;
  inv.invited_by = actor.who.user_id;
  inv.invited_at = now;
  SPSE_ASSIGN_OR_RETURN(inv.id, tx->auction().Invite(inv));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.invite", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": " + c.company_name + " (" + user->username +
                                      ") diundang"));
  auto when = [&](std::string_view stage, Lang lang) {
    const domain::StagePeriod* p = PeriodOf(l.tender, stage);
    if (p == nullptr) return std::string("-");
    return FormatDateTime(p->start, config_.zone, lang) + " - " +
           FormatDateTime(p->end, config_.zone, lang);
  };
  MailValues values = {{"name", user->full_name},
                       {"company", c.company_name},
                       {"code", l.tender.code},
                       {"package", l.package.name},
                       {"link", config_.base_url + "/tender/" + std::to_string(tender_id)}};
  std::string_view notice = "tender_invitation";
  if (domain::AuctionPeriod(l.tender, *l.procedure)) {
    // A reverse auction names its registration and its price bidding.
    notice = "auction_invitation";
    values.insert(values.end(), {{"registration", when("pendaftaran", Lang::kId)},
                                 {"registration_en", when("pendaftaran", Lang::kEn)},
                                 {"auction", when("penawaran_harga", Lang::kId)},
                                 {"auction_en", when("penawaran_harga", Lang::kEn)}});
  } else {
    values.insert(values.end(), {{"method", l.procedure->name_id},
                                 {"method_en", l.procedure->name_en},
                                 {"offer", when("upload_penawaran", Lang::kId)},
                                 {"offer_en", when("upload_penawaran", Lang::kEn)}});
  }
  SPSE_RETURN_IF_ERROR(Notify(*tx, composer_, clock_, *user, notice, values));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return inv.id;
}

}  // namespace spse::app
