// LPSE announcements (Pasal 22c, 25(4)) and the audit trail viewer.
#ifndef SPSE_APP_PORTAL_SERVICE_H_
#define SPSE_APP_PORTAL_SERVICE_H_

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/tender_service.h"

namespace spse::app {

struct HomeData {
  std::vector<Announcement> announcements;  // active now, newest first
  std::vector<Announcement> banners;        // the active maintenance/problem notices
  std::vector<TenderShelf> tenders;         // the newest running tenders per type
};

// Figures for the head of the LPSE (Pasal 6(2)c: reports to the Bupati).
struct ActivitySummary {
  std::vector<std::pair<domain::Role, std::int64_t>> accounts;  // active, per role
  std::int64_t agencies = 0;
  std::int64_t active_announcements = 0;
  std::int64_t sign_ins = 0;         // in the last `days` days
  std::int64_t failed_sign_ins = 0;  // in the last `days` days
  int days = 7;
};

struct AuditPage {
  std::vector<AuditEntry> entries;
  std::int64_t total = 0;
};

struct PublicVendor {
  User user;
  std::optional<domain::Vendor> vendor;
};

class PortalService {
 public:
  PortalService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Public. The Beranda's data is read on every page view (the banner sits
  // in the layout), so it is kept in memory: for at most kHomeCacheTtl, and
  // dropped at once when this process posts or ends an announcement. Other
  // instances and the clock passing a start or end time are seen within
  // the TTL.
  static constexpr Micros kHomeCacheTtl = kMicrosPerSecond;
  static constexpr int kHomeLimit = 20;
  static constexpr int kHomeTendersPerType = 5;
  // Where the Beranda's tender lists come from (none without it).
  // REQUIRES: called before the first Home().
  using TenderShelves = std::function<StatusOr<std::vector<TenderShelf>>()>;
  void ShowTenders(TenderShelves source) { tender_shelves_ = std::move(source); }
  StatusOr<std::shared_ptr<const HomeData>> Home();
  // The cached Beranda data if it is fresh, else null. Never blocks on the
  // database, so callers may use it on an I/O thread.
  std::shared_ptr<const HomeData> FreshHome();
  StatusOr<Announcement> GetPublicAnnouncement(std::int64_t id);

  // Public: the Daftar Penyedia, active and verified vendor accounts whose
  // name contains `text` (any case), by name, with their registered identity
  // when they have one (its NPWP is shown masked).
  StatusOr<std::vector<PublicVendor>> PublicVendors(std::string_view text, int limit);

  // Helpdesk and Admin Sistem.
  StatusOr<std::vector<Announcement>> ListAnnouncements(const Actor& actor, int limit);
  StatusOr<std::int64_t> PostAnnouncement(const Actor& actor, Announcement a);
  // Ends the notice now (it stays in the archive and the audit trail).
  Status EndAnnouncement(const Actor& actor, std::int64_t id);

  // Kepala LPSE and Admin Sistem.
  StatusOr<ActivitySummary> Activity(const Actor& actor, int days);

  // Admin Sistem and Auditor.
  StatusOr<AuditPage> QueryAudit(const Actor& actor, const AuditFilter& filter);
  // Log Akses: the signed-in user's own sign-ins, failed attempts and
  // sign-outs, newest first (every user, about their own account only).
  StatusOr<AuditPage> MyAccessLog(const Actor& actor, int limit, int offset);

 private:
  void InvalidateHome();

  Store& store_;
  const Clock& clock_;
  TenderShelves tender_shelves_;
  std::mutex home_mu_;
  std::shared_ptr<const HomeData> home_;
  Micros home_expires_ = 0;
};

}  // namespace spse::app

#endif  // SPSE_APP_PORTAL_SERVICE_H_
