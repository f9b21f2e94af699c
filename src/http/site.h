// The web application: every request goes through Site::Handle, which
// matches the route, resolves the session, checks CSRF and the route's
// permission (the one place, domain::Authorize), runs the handler and maps
// errors to pages. No Beast here; server.cc feeds it.
#ifndef SPSE_HTTP_SITE_H_
#define SPSE_HTTP_SITE_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/admin_service.h"
#include "app/auth_service.h"
#include "app/inbox_service.h"
#include "app/password_reset.h"
#include "app/tender_service.h"
#include "app/vendor_data_service.h"
#include "app/planning_service.h"
#include "app/registration_service.h"
#include "app/resumable_upload.h"
#include "app/verification_service.h"
#include "app/portal_service.h"
#include "app/second_factor_service.h"
#include "base/time_format.h"
#include "http/message.h"
#include "http/router.h"

namespace spse::app {
class BidService;
class OpeningService;
class EvaluationService;
class ContractService;
class AuctionService;
class InvitationService;
class ObjectionService;
class CalendarService;
class ParticipationService;
class TenderDocumentService;
}  // namespace spse::app

namespace kainjow::mustache {
template <typename string_type>
class basic_data;
}  // namespace kainjow::mustache

namespace spse::http {

using ViewData = kainjow::mustache::basic_data<std::string>;
class Views;
class Catalogue;

struct SiteConfig {
  std::string lpse_name = "LPSE Kabupaten Bangkalan";
  Zone zone = kWib;
  bool secure_cookies = false;  // behind TLS: Secure cookies with the __Host- prefix
  std::filesystem::path web_dir;
  std::string version;
  bool test_clock = false;  // the clock is shifted for end-to-end tests (said on /healthz)
};

struct Services {
  app::Store& store;
  app::CryptoPort& crypto;
  const Clock& clock;
  app::AuthService& auth;
  app::AdminService& admin;
  app::PortalService& portal;
  app::PasswordResetService& resets;
  app::InboxService& inbox;
  app::VerificationService& verification;
  app::VendorDataService& vendor_data;
  app::TenderService& tenders;
  app::SecondFactorService& second_factor;
  app::RegistrationService& registration;
  app::PlanningService& planning;
  app::BlobPort& blobs;
  std::string secret;  // keys CSRF tokens
  // The working calendar and the procedure catalogue loaded at start.
  app::CalendarService& calendar;
  app::ParticipationService& participation;
  app::TenderDocumentService& tender_documents;
  // Sealed bids: keys, bids and receipts (null only in tests without them).
  app::BidService* bids = nullptr;
  app::OpeningService* opening = nullptr;
  // Resumable uploads (tus, see tus.h): the use case that owns them and the
  // staging area of their bytes. While either is null the upload routes
  // answer 404 "upload.not_found".
  app::ResumableUploadOwner* uploads = nullptr;
  app::UploadStagingPort* upload_staging = nullptr;
  // Prints PDFs asked for on the spot (bid receipts).
  app::DocumentPrinter* printer = nullptr;
  // Evaluation and award (null only in tests without them).
  app::EvaluationService* evaluation = nullptr;
  // SPPBJ and the contract record (null only in tests without them).
  app::ContractService* contracts = nullptr;
  // Tender Cepat's reverse auction (null only in tests without it).
  app::AuctionService* auction = nullptr;
  // Objections and appeals (null only in tests without them).
  app::ObjectionService* objections = nullptr;
  // Invitations to invitation-only tenders (null only in tests without them).
  app::InvitationService* invitations = nullptr;
};

class Site;

// Everything a handler needs about the current request.
struct Context {
  Request& req;
  const Site& site;
  domain::Principal who;
  std::string session_token;  // empty when signed out
  bool must_change_password = false;
  // The roles require a second factor the account has not set up yet.
  bool must_enrol_second_factor = false;
  Lang lang = Lang::kId;
  std::string csrf;  // the token forms of this response must carry
  std::vector<std::string> set_cookies;

  app::Actor actor() const { return app::Actor{who, req.client_addr}; }
  const std::string& T(std::string_view key) const;
  // The catalogue message for an error reason.
  std::string ErrorText(const Status& status) const;
  // Renders a page in the layout.
  Response Page(std::string_view page, ViewData& data, int status = 200);
  std::string FormatTime(Micros t) const;
};

class Site {
 public:
  static StatusOr<std::unique_ptr<Site>> Create(SiteConfig config, Services services);
  ~Site();

  Response Handle(Request& req) const;
  const Route* RouteFor(std::string_view method, std::string_view path) const;
  // For a route that streams its body (Route::streams_body): checks the
  // session and the route's permission before any of the body is read, and
  // returns the reader the body goes into. Multipart: the reader checks the
  // form's CSRF token (its first field) and streams the files into the blob
  // store. Other streamed routes: the X-CSRF-Token header is checked here,
  // then the route opens its reader. Blocks on the database: call it on the
  // worker pool.
  StatusOr<std::unique_ptr<BodyReader>> BeginBody(Request& req, const Route& route) const;
  // Whether Handle(req) can run on an I/O thread: it would not block, because
  // the request is the Beranda for a visitor without a session and the
  // Beranda's data is in memory.
  bool CanHandleInline(const Request& req) const;
  // The Beranda as a signed-out visitor sees it, rendered once per language
  // and per version of its data.
  std::shared_ptr<const std::string> CachedPublicHome(Lang lang, const void* data_version,
                                                      const std::function<std::string()>& render) const;

  const Router& router() const { return router_; }
  const SiteConfig& config() const { return config_; }
  Services& services() const { return services_; }
  const Views& views() const { return *views_; }
  const Catalogue& catalogue() const { return *catalogue_; }
  std::string SessionCookieName() const;
  std::string CsrfFor(std::string_view session_or_pre) const;
  Response ErrorPage(Context& ctx, int status, const Status& why) const;
  // The page for a request the server refused before routing it (malformed,
  // headers or body too large, timeouts), in the visitor's language.
  Response Reject(int status, std::string_view reason, std::string_view cookie_header) const;
  Response Reject(const Status& why, std::string_view cookie_header) const;
  // The same for a request refused on its route: in the route's error
  // format (JSON for API routes).
  Response RejectFor(const Route& route, int status, const Status& why,
                     std::string_view cookie_header) const;

 private:
  Site(SiteConfig config, Services services);
  Response Dispatch(Context& ctx, const Route& route) const;
  Response RouteError(Context& ctx, const Route& route, int status, const Status& why) const;

  SiteConfig config_;
  mutable Services services_;
  Router router_;
  std::unique_ptr<Catalogue> catalogue_;
  std::unique_ptr<Views> views_;
  struct RenderedHome {
    const void* version = nullptr;
    std::shared_ptr<const std::string> body;
  };
  mutable std::mutex home_mu_;
  mutable RenderedHome home_pages_[2];  // [0] id, [1] en
};

// Security headers every response carries.
void AddSecurityHeaders(Response& r);
// HTTP status for an error code (the one mapping).
int HttpStatusFor(Code code);
// The API's error body, {"error":{"code":"NOT_FOUND","reason":"upload.not_found"}},
// as a JSON response with `status`.
Response ApiError(int status, const Status& why);
// The route table (routes.cc).
std::vector<Route> BuildRoutes();

}  // namespace spse::http

#endif  // SPSE_HTTP_SITE_H_
