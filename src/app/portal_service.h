// LPSE announcements (Pasal 22c, 25(4)) and the audit trail viewer.
#ifndef SPSE_APP_PORTAL_SERVICE_H_
#define SPSE_APP_PORTAL_SERVICE_H_

#include <vector>

#include "app/actor.h"
#include "app/ports.h"

namespace spse::app {

struct HomeData {
  std::vector<Announcement> announcements;  // active now, newest first
  std::vector<Announcement> banners;        // the active maintenance/problem notices
};

struct AuditPage {
  std::vector<AuditEntry> entries;
  std::int64_t total = 0;
};

class PortalService {
 public:
  PortalService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Public.
  StatusOr<HomeData> Home(int limit);
  StatusOr<Announcement> GetPublicAnnouncement(std::int64_t id);

  // Helpdesk and Admin Sistem.
  StatusOr<std::vector<Announcement>> ListAnnouncements(const Actor& actor, int limit);
  StatusOr<std::int64_t> PostAnnouncement(const Actor& actor, Announcement a);
  // Ends the notice now (it stays in the archive and the audit trail).
  Status EndAnnouncement(const Actor& actor, std::int64_t id);

  // Admin Sistem and Auditor.
  StatusOr<AuditPage> QueryAudit(const Actor& actor, const AuditFilter& filter);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace spse::app

#endif  // SPSE_APP_PORTAL_SERVICE_H_
