// Demo data that makes a fresh installation look lived-in: Kabupaten
// Bangkalan's agencies, an account for every role, LPSE announcements.
// Loading is idempotent: what exists already is left alone.
#ifndef SPSE_APP_DEMO_DATA_H_
#define SPSE_APP_DEMO_DATA_H_

#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/ports.h"
#include "domain/procedure.h"

namespace spse::app {

inline constexpr const char* kDemoPassword = "bangkalan-demo-2026";

struct DemoLogin {
  std::string username;
  std::string role_code;
  std::string description;
};

struct DemoReport {
  int agencies_added = 0;
  int users_added = 0;
  int announcements_added = 0;
  std::vector<DemoLogin> logins;
};

// The demo vendors' data penyedia, several versions each, through `tx`;
// vendors that already have data are left alone. `today` is YYYY-MM-DD.
// Returns the number of versions added.
StatusOr<int> LoadDemoVendorData(Tx& tx, const Clock& clock, const Actor& actor,
                                 const std::string& today);

// Indonesia's national holidays and cuti bersama of 2026 and 2027
// (demo_calendar.cc), through `tx`; dates that have a holiday already are
// left alone. Returns the number added.
StatusOr<int> LoadDemoHolidays(Tx& tx, const Clock& clock, const Actor& actor);

// The principal CLI commands and the demo loader act as ("system").
domain::Principal SystemPrincipal(std::string_view name);

// The demo accounts, whether loaded or not.
std::vector<DemoLogin> DemoLogins();

StatusOr<DemoReport> LoadDemoData(Store& store, AuthService& auth, const Clock& clock);

// Registration demo data (demo_registration.cc), loaded after LoadDemoData:
// the demo vendors' identities and documents (files in `blobs`), and
// applications waiting, returned, and a non-vendor account waiting with its
// letter. Idempotent.
struct DemoRegistrationReport {
  int vendors_added = 0;   // vendor identities (with their documents)
  int accounts_added = 0;  // accounts not in DemoLogins()
};
StatusOr<DemoRegistrationReport> LoadDemoRegistrations(Store& store, AuthService& auth,
                                                       BlobPort& blobs, const Clock& clock);
// The accounts LoadDemoRegistrations adds.
std::vector<DemoLogin> DemoRegistrationLogins();

// Planning demo data (demo_planning.cc), loaded after LoadDemoData: a
// Bangkalan RUP for fiscal year 2027 across agencies, types, methods and
// funding sources, and packages with HPS lines and documents (small PDFs
// written into `blobs`), handed to the demo Pokja or to pp.dinkes.
// Idempotent: nothing is added once the 2027 plan exists. Returns the
// number of RUP items added.
StatusOr<int> LoadDemoPlanning(Store& store, BlobPort& blobs, const Clock& clock);

// Tender demo data (demo_tenders.cc), loaded after LoadDemoPlanning: a few
// RUP items of 2026, packages and tenders across the four procurement
// categories and several agencies, their schedules (valid on `calendar`)
// placed around now so that they stand in different stages; one cancelled,
// one with a changed schedule, two drafts. Written through the repositories
// (schedules that started in the past cannot be published through
// TenderService), each step audited. Idempotent: nothing is added once
// loaded. Returns the number of tenders added.
StatusOr<int> LoadDemoTenders(Store& store, const domain::Catalogue& catalogue, const Clock& clock,
                              const domain::WorkingCalendar& calendar);

class ParticipationService;
// The running demo tenders get their requirements and a Dokumen Pemilihan;
// demo vendors join them (Pakta Integritas) and download it, ask in the
// penjelasan stages that have begun (some answered), and the Pokja issues
// the Berita Acara of those that have ended. Idempotent. Returns the number
// of participants added.
StatusOr<int> LoadDemoParticipation(Store& store, ParticipationService& participation,
                                    CryptoPort& crypto, BlobPort& blobs, DocumentPrinter& printer,
                                    const Clock& clock);

}  // namespace spse::app

#endif  // SPSE_APP_DEMO_DATA_H_
