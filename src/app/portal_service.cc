#include "app/portal_service.h"

#include <algorithm>

namespace spse::app {

using domain::Permission;

StatusOr<std::shared_ptr<const HomeData>> PortalService::Home() {
  const Micros now = clock_.Now();
  {
    std::lock_guard lock(home_mu_);
    if (home_ && now < home_expires_) return home_;
  }
  auto home = std::make_shared<HomeData>();
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(home->announcements, tx->announcements().List(now, kHomeLimit));
  }
  if (tender_shelves_) {
    SPSE_ASSIGN_OR_RETURN(home->tenders, tender_shelves_());
  }
  for (const auto& a : home->announcements) {
    if (domain::ShowsBanner(a, now)) home->banners.push_back(a);
  }
  Micros expires = now + kHomeCacheTtl;
  for (const auto& a : home->announcements) {
    if (a.ends_at) expires = std::min(expires, *a.ends_at);
  }
  std::lock_guard lock(home_mu_);
  home_ = home;
  home_expires_ = expires;
  return std::shared_ptr<const HomeData>(home);
}

std::shared_ptr<const HomeData> PortalService::FreshHome() {
  const Micros now = clock_.Now();
  std::lock_guard lock(home_mu_);
  if (home_ && now < home_expires_) return home_;
  return nullptr;
}

void PortalService::InvalidateHome() {
  std::lock_guard lock(home_mu_);
  home_.reset();
}

StatusOr<Announcement> PortalService::GetPublicAnnouncement(std::int64_t id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto a, tx->announcements().FindById(id));
  // Future notices are not public yet; ended ones stay readable.
  if (!a || a->starts_at > clock_.Now()) return NotFound("announcement.not_found");
  return *a;
}

StatusOr<std::vector<PublicVendor>> PortalService::PublicVendors(std::string_view text,
                                                                 int limit) {
  UserFilter filter;
  filter.role = domain::Role::kPenyedia;
  filter.text = std::string(text.substr(0, 100));
  filter.limit = limit;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto users, tx->users().List(filter));
  // Pasal 21(2): only vendors the Verifikator verified are registered vendors.
  std::erase_if(users, [](const User& u) {
    return !u.active || u.verification.status != domain::AccountStatus::kVerified;
  });
  std::sort(users.begin(), users.end(),
            [](const User& a, const User& b) { return a.full_name < b.full_name; });
  std::vector<PublicVendor> out;
  for (User& u : users) {
    SPSE_ASSIGN_OR_RETURN(auto vendor, tx->vendors().FindByUser(u.id));
    out.push_back({std::move(u), std::move(vendor)});
  }
  return out;
}

StatusOr<std::vector<Announcement>> PortalService::ListAnnouncements(const Actor& actor,
                                                                      int limit) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAnnouncements));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->announcements().List(std::nullopt, limit);
}

StatusOr<std::int64_t> PortalService::PostAnnouncement(const Actor& actor, Announcement a) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAnnouncements));
  a.author_id = actor.who.user_id;
  a.created_at = clock_.Now();
  if (a.starts_at == 0) a.starts_at = a.created_at;
  SPSE_RETURN_IF_ERROR(domain::ValidateAnnouncement(a));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->announcements().Insert(a));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "announcement.post", "announcement",
                                  std::to_string(id),
                                  std::string(domain::AnnouncementKindCode(a.kind)) + " '" +
                                      a.title.substr(0, 120) + "'" +
                                      (a.attachment ? " with " + a.attachment->filename + " (sha256 " +
                                                          a.attachment->sha256 + ")"
                                                    : "")));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  InvalidateHome();
  return id;
}

Status PortalService::EndAnnouncement(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAnnouncements));
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto a, tx->announcements().FindById(id));
  if (!a) return NotFound("announcement.not_found");
  if (a->ends_at && *a->ends_at <= now) return FailedPrecondition("announcement.already_ended");
  a->ends_at = std::max(now, a->starts_at + 1);
  SPSE_RETURN_IF_ERROR(tx->announcements().Update(*a));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "announcement.end", "announcement",
                                  std::to_string(id), "ended '" + a->title.substr(0, 120) + "'"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  InvalidateHome();
  return OkStatus();
}

StatusOr<ActivitySummary> PortalService::Activity(const Actor& actor, int days) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kViewActivity));
  const Micros now = clock_.Now();
  ActivitySummary summary;
  summary.days = days;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  for (domain::Role role : domain::kAllRoles) {
    SPSE_ASSIGN_OR_RETURN(std::int64_t n, tx->users().CountActiveWithRole(role));
    summary.accounts.emplace_back(role, n);
  }
  SPSE_ASSIGN_OR_RETURN(auto agencies, tx->agencies().List());
  summary.agencies = static_cast<std::int64_t>(agencies.size());
  SPSE_ASSIGN_OR_RETURN(auto active, tx->announcements().List(now, 1000));
  summary.active_announcements = static_cast<std::int64_t>(active.size());
  AuditFilter f;
  f.from = now - days * kMicrosPerDay;
  f.action = "auth.login_failed";
  SPSE_ASSIGN_OR_RETURN(summary.failed_sign_ins, tx->audit().Count(f));
  f.action = "auth.login";
  SPSE_ASSIGN_OR_RETURN(std::int64_t with_prefix, tx->audit().Count(f));
  // "auth.login" is also the prefix of auth.login_failed and auth.login_refused.
  f.action = "auth.login_refused";
  SPSE_ASSIGN_OR_RETURN(std::int64_t refused, tx->audit().Count(f));
  summary.sign_ins = with_prefix - summary.failed_sign_ins - refused;
  return summary;
}

StatusOr<AuditPage> PortalService::QueryAudit(const Actor& actor, const AuditFilter& filter) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kViewAudit));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  AuditPage page;
  SPSE_ASSIGN_OR_RETURN(page.entries, tx->audit().Query(filter));
  SPSE_ASSIGN_OR_RETURN(page.total, tx->audit().Count(filter));
  return page;
}

StatusOr<AuditPage> PortalService::MyAccessLog(const Actor& actor, int limit, int offset) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  AuditFilter filter;
  filter.action = "auth.";
  filter.object_type = "user";
  filter.object_id = std::to_string(actor.who.user_id);
  filter.limit = limit;
  filter.offset = offset;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  AuditPage page;
  SPSE_ASSIGN_OR_RETURN(page.entries, tx->audit().Query(filter));
  SPSE_ASSIGN_OR_RETURN(page.total, tx->audit().Count(filter));
  return page;
}

}  // namespace spse::app
