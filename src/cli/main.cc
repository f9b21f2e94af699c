// spse: the one executable. Its subcommands are the table kCommands below;
// this is the only place that wires concrete parts together.
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <stop_token>
#include <thread>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/admin_service.h"
#include "app/auth_service.h"
#include "app/bid_service.h"
#include "app/calendar_service.h"
#include "app/contract_service.h"
#include "app/auction_service.h"
#include "app/invitation_service.h"
#include "app/evaluation_service.h"
#include "app/objection_service.h"
#include "app/opening_service.h"
#include "app/demo_data.h"
#include "app/participation_service.h"
#include "app/planning_service.h"
#include "app/tender_document_service.h"
#include "app/vendor_data_service.h"
#include "catalog/catalogue_loader.h"
#include "app/verification_service.h"
#include "app/inbox_service.h"
#include "app/mail_service.h"
#include "app/password_reset.h"
#include "app/portal_service.h"
#include "app/registration_service.h"
#include "app/second_factor_service.h"
#include "app/stage_scheduler.h"
#include "cli/config.h"
#include "cli/demo_bids.h"
#include "cli/seal_commands.h"
#include "cli/test_clock.h"
#include "cli/test_upload_owner.h"
#include "crypto/crypto.h"
#include "crypto/envelope_opener.h"
#include "crypto/receipt_signer.h"
#include "crypto/sodium_port.h"
#include "crypto/totp.h"
#include "http/forwarded.h"
#include "http/server.h"
#include "http/site.h"
#include "mail/smtp_sender.h"
#include "mail/template_composer.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"
#include "storage/database.h"
#include "storage/upload_staging.h"

#ifndef SPSE_VERSION
#define SPSE_VERSION "0.0.0"
#endif
#ifndef SPSE_SOURCE_WEB_DIR
#define SPSE_SOURCE_WEB_DIR "web"
#endif

namespace spse::cli {
namespace {

namespace fs = std::filesystem;

// What the command line said, before resolving against env and file.
struct Options {
  std::string config_file;
  Flags flags;
  // user subcommands
  std::string username, full_name, email, roles, agency;
  bool password_stdin = false;
  bool if_empty = false;
  SealOptions seal;
};

// Everything a command needs, opened from the configuration.
struct Runtime {
  Config config;
  std::unique_ptr<app::Store> store;
  crypto::SodiumCrypto crypto;
  crypto::OathTotp totp;
  std::unique_ptr<app::AuthService> auth;
  std::unique_ptr<app::AdminService> admin;
  std::unique_ptr<app::PortalService> portal;
  std::unique_ptr<app::SecondFactorService> second_factor;
  std::string secret;
};

int Fail(const Status& s) {
  std::cerr << "spse: " << s.ToString() << "\n";
  switch (s.code()) {
    case Code::kInvalidArgument:
    case Code::kAlreadyExists:
    case Code::kNotFound:
    case Code::kFailedPrecondition:
      return 2;
    default:
      return 1;
  }
}

StatusOr<Config> LoadConfig(const Options& o) {
  std::string file = o.config_file;
  if (file.empty()) file = RealEnv("SPSE_CONFIG").value_or("");
  return ResolveConfig(o.flags, file, RealEnv);
}

StatusOr<std::string> EnsureSecret(app::Store& store, app::CryptoPort& crypto) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto secret, tx->settings().Get("server_secret"));
  if (secret) return *secret;
  const std::string fresh = crypto.RandomToken(32);
  SPSE_RETURN_IF_ERROR(tx->settings().Put("server_secret", fresh));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return fresh;
}

StatusOr<std::unique_ptr<Runtime>> OpenRuntime(const Options& o, int pool_size) {
  auto rt = std::make_unique<Runtime>();
  SPSE_ASSIGN_OR_RETURN(rt->config, LoadConfig(o));
  SPSE_RETURN_IF_ERROR(crypto::Init());
  std::error_code ec;
  fs::create_directories(rt->config.data_dir, ec);
  if (ec) return Unavailable("config.data_dir", rt->config.data_dir + ": " + ec.message());
  SPSE_ASSIGN_OR_RETURN(int applied, storage::Migrate(rt->config.database));
  if (applied > 0) spdlog::info("applied {} migration(s)", applied);
  SPSE_ASSIGN_OR_RETURN(rt->store, storage::OpenStore(rt->config.database, {pool_size}));
  SPSE_ASSIGN_OR_RETURN(rt->secret, EnsureSecret(*rt->store, rt->crypto));
  rt->auth = std::make_unique<app::AuthService>(*rt->store, rt->crypto, rt->totp,
                                                cli::ServerClock(), app::AuthConfig{}, rt->secret,
                                                std::max(1, rt->config.workers / 2));
  rt->admin = std::make_unique<app::AdminService>(*rt->store, *rt->auth, rt->crypto,
                                                  cli::ServerClock());
  rt->portal = std::make_unique<app::PortalService>(*rt->store, cli::ServerClock());
  rt->second_factor = std::make_unique<app::SecondFactorService>(
      *rt->store, rt->crypto, rt->totp, cli::ServerClock(), rt->secret, rt->config.lpse_name);
  return rt;
}

// Templates, messages and the procedure catalogue.
fs::path WebDir(const Config& cfg) {
  if (!cfg.web_dir.empty()) return cfg.web_dir;
  return fs::exists(SPSE_SOURCE_WEB_DIR) ? fs::path(SPSE_SOURCE_WEB_DIR) : fs::path("web");
}

void PrintLogins(const std::vector<app::DemoLogin>& logins) {
  std::cout << "Demo accounts (password for all: " << app::kDemoPassword << "):\n";
  for (const auto& l : logins) {
    std::cout << "  " << l.username << std::string(14 - std::min<size_t>(13, l.username.size()), ' ')
              << l.description << "\n";
  }
  std::cout << "Admin Sistem, Verifikator, PPK, Pokja and Pejabat Pengadaan accounts need an\n"
               "authenticator app (TOTP): the first sign-in of each sets one up.\n";
}

// ------------------------------------------------------------------ commands

int RunServe(Options& o) {
  auto cfg_or = LoadConfig(o);
  if (!cfg_or.ok()) return Fail(cfg_or.status());
  // One pooled connection per worker thread, plus headroom.
  auto rt = OpenRuntime(o, cfg_or->workers + 2);
  if (!rt.ok()) return Fail(rt.status());
  Runtime& r = **rt;
  const Config& cfg = r.config;

  const size_t colon = cfg.listen.rfind(':');
  if (colon == std::string::npos) return Fail(InvalidArgument("config.listen_invalid", cfg.listen));
  http::ServerOptions server;
  server.address = cfg.listen.substr(0, colon);
  try {
    const int port = std::stoi(cfg.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    return Fail(InvalidArgument("config.listen_invalid", cfg.listen));
  }
  server.worker_threads = cfg.workers;
  server.trusted_proxies = http::ParseAddressList(cfg.trusted_proxies);
  server.io_threads = cfg.io_threads;

  http::SiteConfig site_config;
  site_config.lpse_name = cfg.lpse_name;
  auto zone = ParseZone(cfg.timezone);
  if (!zone) return Fail(InvalidArgument("config.value_invalid", "timezone " + cfg.timezone));
  site_config.zone = *zone;
  site_config.secure_cookies = cfg.secure_cookies;
  site_config.web_dir = WebDir(cfg);
  site_config.version = SPSE_VERSION;
  site_config.test_clock = cli::TestClockActive();
  if (site_config.test_clock) {
    std::cerr << "WARNING: SPSE_TEST_CLOCK_FILE is set: this server's clock is shifted for "
                 "testing. Never run an LPSE like this.\n";
  }
  auto blobs = storage::BlobStore::Open(fs::path(cfg.data_dir) / "blobs");
  if (!blobs.ok()) return Fail(blobs.status());
  // Unfinished resumable uploads, beside the blob store: on the same file
  // system, a finished one becomes a blob by a hard link, not a copy.
  auto upload_staging = storage::UploadStaging::Open(fs::path(cfg.data_dir) / "uploads");
  if (!upload_staging.ok()) return Fail(upload_staging.status());
  std::unique_ptr<cli::TestUploadOwner> test_uploads;
  if (cli::TestUploadOwner::Enabled()) {
    std::cerr << "WARNING: SPSE_TEST_UPLOADS=1 is set: any signed-in account may upload files "
                 "that only this process's memory owns. Never run an LPSE like this.\n";
    test_uploads = std::make_unique<cli::TestUploadOwner>(r.crypto);
  }
  auto composer = mail::TemplateComposer::Load(site_config.web_dir / "mail");
  if (!composer.ok()) return Fail(composer.status());
  // The procedure catalogue is checked before anything listens: a broken one
  // stops the server here, naming the file, the place and the fault.
  auto catalogue = catalog::LoadCatalogue((site_config.web_dir / "catalogue" / "procedures.toml").string());
  if (!catalogue.ok()) return Fail(catalogue.status());
  app::PasswordResetService resets(*r.store, *r.auth, r.crypto, **composer, cli::ServerClock(),
                                   cfg.public_url);
  app::InboxService inbox(*r.store, cli::ServerClock());
  app::VerificationService verification(*r.store, cli::ServerClock());
  app::VendorDataService vendor_data(*r.store, cli::ServerClock(), *zone);
  pdf::HaruPrinter printer;
  app::RegistrationConfig registration_config;
  registration_config.public_url = cfg.public_url;
  registration_config.expiry = cfg.registration_expiry_days * kMicrosPerDay;
  registration_config.lpse_name = cfg.lpse_name;
  registration_config.zone = *zone;
  app::RegistrationService registration(*r.store, *r.auth, r.crypto, **composer, **blobs, printer,
                                        cli::ServerClock(), registration_config);
  app::CalendarService calendar(*r.store, cli::ServerClock(), *zone, *catalogue);
  app::PlanningService planning(*r.store, cli::ServerClock());
  // Tenders count their schedules on the LPSE's calendar as Admin Sistem
  // keeps it; should the database not answer, on the default working week.
  app::TenderService tenders(*r.store, cli::ServerClock(), *catalogue, [&calendar, z = *zone] {
    auto current = calendar.Current();
    if (current.ok()) return *current;
    domain::WorkingCalendar fallback;
    fallback.offset_minutes = z.offset_minutes;
    return fallback;
  }, **composer, cfg.public_url);
  r.portal->ShowTenders([&tenders] { return tenders.Latest(app::PortalService::kHomeTendersPerType); });
  app::TenderDocumentService tender_documents(*r.store, **composer, cli::ServerClock(), *catalogue,
                                              cfg.public_url);
  app::ParticipationService participation(*r.store, r.crypto, **blobs, printer, cli::ServerClock(),
                                          *catalogue, {cfg.lpse_name, *zone});
  // Sealed bids: receipts are signed with the server's Ed25519 key, made on
  // first start and kept beside the data (publish its public key).
  std::error_code keys_ec;
  fs::create_directories(fs::path(cfg.data_dir) / "keys", keys_ec);
  auto signer = crypto::ReceiptSigner::LoadOrCreate(fs::path(cfg.data_dir) / "keys" / "receipt.key");
  if (!signer.ok()) return Fail(signer.status());
  app::BidService bids(*r.store, r.crypto, **signer, cli::ServerClock(), *catalogue,
                       {cfg.lpse_name, *zone});
  crypto::SodiumEnvelopeOpener opener;
  app::OpeningService opening(*r.store, r.crypto, opener, **blobs, printer, cli::ServerClock(),
                              *catalogue, {cfg.lpse_name, *zone});
  app::EvaluationService evaluation(*r.store, **blobs, printer, opener, **composer,
                                    cli::ServerClock(), *catalogue,
                                    {cfg.lpse_name, *zone, cfg.public_url});
  app::ContractService contracts(*r.store, **blobs, printer, **composer, cli::ServerClock(),
                                 *catalogue, {cfg.lpse_name, *zone, cfg.public_url});
  app::AuctionHub auction_hub;
  app::AuctionService auction(*r.store, **blobs, printer, **composer, cli::ServerClock(),
                              *catalogue, auction_hub, {cfg.lpse_name, *zone, cfg.public_url});
  app::InvitationService invitations(*r.store, **composer, cli::ServerClock(), *catalogue,
                                     {*zone, cfg.public_url});
  app::ObjectionService objections(*r.store, **composer, cli::ServerClock(), *catalogue,
                                   [&tenders] { return tenders.Calendar(); },
                                   {*zone, cfg.public_url});
  app::ResumableUploadOwner* upload_owner = &bids;
  if (test_uploads) upload_owner = test_uploads.get();
  http::Services services{*r.store, r.crypto, cli::ServerClock(), *r.auth, *r.admin, *r.portal,
                          resets, inbox, verification, vendor_data, tenders, *r.second_factor,
                          registration, planning, **blobs, r.secret, calendar, participation,
                          tender_documents, &bids, &opening, upload_owner, upload_staging->get(),
                          &printer, &evaluation, &contracts, &auction, &objections,
                          &invitations};
  auto site = http::Site::Create(site_config, services);
  if (!site.ok()) return Fail(site.status());

  std::error_code ec;
  fs::create_directories(fs::path(cfg.data_dir) / "log", ec);
  std::shared_ptr<spdlog::logger> access;
  try {
    access = spdlog::basic_logger_mt("access", (fs::path(cfg.data_dir) / "log" / "access.log").string());
    access->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
    access->flush_on(spdlog::level::warn);
    spdlog::flush_every(std::chrono::seconds(1));
  } catch (const spdlog::spdlog_ex& e) {
    return Fail(Unavailable("log.open_failed", e.what()));
  }
  server.access_log = [access](const std::string& line) { access->info(line); };
  server.on_listening = [&](std::uint16_t port) {
    std::cout << "SPSE " << SPSE_VERSION << " listening on http://" << server.address << ":" << port
              << "/  (database: " << r.store->dialect() << ", data: " << cfg.data_dir << ")"
              << std::endl;
  };
  // Housekeeping: expired sessions, stale throttle records, and
  // self-registrations never verified.
  std::jthread sweeper([&r, &registration](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      Status swept = r.auth->Sweep();
      if (!swept.ok()) spdlog::warn("sweep failed: {}", swept.ToString());
      auto expired = registration.ExpireStale();
      if (!expired.ok()) spdlog::warn("registration expiry failed: {}", expired.status().ToString());
      else if (*expired > 0) spdlog::info("removed {} expired registration(s)", *expired);
      std::unique_lock lock(mu);
      cv.wait_for(lock, stop, std::chrono::minutes(10), [] { return false; });
    }
  });
  // Mail delivery from the outbox.
  std::unique_ptr<mail::SmtpSender> smtp;
  std::unique_ptr<app::MailDelivery> delivery;
  std::jthread mailer;
  if (!cfg.smtp_url.empty()) {
    smtp = std::make_unique<mail::SmtpSender>(mail::SmtpConfig{
        cfg.smtp_url, cfg.mail_from, cfg.lpse_name, cfg.smtp_username, cfg.smtp_password,
        cfg.smtp_tls, 30});
    delivery = std::make_unique<app::MailDelivery>(*r.store, *smtp, cli::ServerClock());
    mailer = std::jthread([&delivery](std::stop_token stop) {
      std::mutex mu;
      std::condition_variable_any cv;
      while (!stop.stop_requested()) {
        auto sent = delivery->DeliverDue(20);
        if (!sent.ok()) spdlog::warn("mail delivery: {}", sent.status().ToString());
        std::unique_lock lock(mu);
        cv.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
      }
    });
  } else {
    spdlog::warn("smtp_url is not set: mail stays queued in the outbox");
  }
  // Tender stages by the server clock: each start and end recorded once as
  // it passes, and those passed while the server was down caught up first.
  // The end of a bid stage closes the tender for bids (CLS-01), in the
  // scheduler's own transaction.
  app::StageScheduler stage_scheduler(
      *r.store, cli::ServerClock(), *catalogue,
      [&bids](app::Tx& tx, const domain::Tender& t, const domain::StageEvent& e) {
        return bids.OnStageEvent(tx, t, e);
      });
  std::jthread scheduler([&stage_scheduler](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      auto recorded = stage_scheduler.Tick();
      if (!recorded.ok()) spdlog::warn("stage scheduler: {}", recorded.status().ToString());
      std::unique_lock lock(mu);
      cv.wait_for(lock, stop, std::chrono::seconds(5), [] { return false; });
    }
  });
  Status s = http::Serve(**site, server);
  sweeper.request_stop();
  mailer.request_stop();
  scheduler.request_stop();
  if (!s.ok()) return Fail(s);
  std::cout << "SPSE stopped." << std::endl;
  return 0;
}

int RunMigrate(Options& o) {
  auto cfg = LoadConfig(o);
  if (!cfg.ok()) return Fail(cfg.status());
  std::error_code ec;
  fs::create_directories(cfg->data_dir, ec);
  auto applied = storage::Migrate(cfg->database);
  if (!applied.ok()) return Fail(applied.status());
  auto version = storage::SchemaVersion(cfg->database);
  if (!version.ok()) return Fail(version.status());
  std::cout << "Applied " << *applied << " migration(s); schema version " << *version << ".\n";
  return 0;
}

int RunDemo(Options& o) {
  auto rt = OpenRuntime(o, 2);
  if (!rt.ok()) return Fail(rt.status());
  Runtime& r = **rt;
  if (o.if_empty) {
    auto tx = r.store->Begin(app::Access::kRead);
    if (!tx.ok()) return Fail(tx.status());
    auto n = (*tx)->users().Count();
    if (!n.ok()) return Fail(n.status());
    if (*n > 0) {
      std::cout << "Database already has accounts; demo data not loaded again.\n";
      auto logins = app::DemoLogins();
      for (auto& login : app::DemoRegistrationLogins()) logins.push_back(login);
      PrintLogins(logins);
      return 0;
    }
  }
  auto report = app::LoadDemoData(*r.store, *r.auth, cli::ServerClock());
  if (!report.ok()) return Fail(report.status());
  auto blobs = storage::BlobStore::Open(fs::path(r.config.data_dir) / "blobs");
  if (!blobs.ok()) return Fail(blobs.status());
  auto registrations = app::LoadDemoRegistrations(*r.store, *r.auth, **blobs, cli::ServerClock());
  if (!registrations.ok()) return Fail(registrations.status());
  auto planning = app::LoadDemoPlanning(*r.store, **blobs, cli::ServerClock());
  if (!planning.ok()) return Fail(planning.status());
  auto catalogue = catalog::LoadCatalogue((WebDir(r.config) / "catalogue" / "procedures.toml").string());
  if (!catalogue.ok()) return Fail(catalogue.status());
  auto zone = ParseZone(r.config.timezone);
  if (!zone) return Fail(InvalidArgument("config.value_invalid", "timezone " + r.config.timezone));
  app::CalendarService calendar(*r.store, cli::ServerClock(), *zone, *catalogue);
  auto working = calendar.Current();
  if (!working.ok()) return Fail(working.status());
  auto tenders = app::LoadDemoTenders(*r.store, *catalogue, cli::ServerClock(), *working);
  if (!tenders.ok()) return Fail(tenders.status());
  pdf::HaruPrinter printer;
  app::ParticipationService participation(*r.store, r.crypto, **blobs, printer, cli::ServerClock(),
                                          *catalogue, {r.config.lpse_name, *zone});
  auto participants = app::LoadDemoParticipation(*r.store, participation, r.crypto, **blobs, printer,
                                                   cli::ServerClock());
  if (!participants.ok()) return Fail(participants.status());
  std::error_code keys_ec;
  fs::create_directories(fs::path(r.config.data_dir) / "keys", keys_ec);
  auto signer = crypto::ReceiptSigner::LoadOrCreate(fs::path(r.config.data_dir) / "keys" / "receipt.key");
  if (!signer.ok()) return Fail(signer.status());
  const app::BidConfig bid_config{r.config.lpse_name, *zone};
  app::BidService bids(*r.store, r.crypto, **signer, cli::ServerClock(), *catalogue, bid_config);
  crypto::SodiumEnvelopeOpener opener;
  app::OpeningService opening(*r.store, r.crypto, opener, **blobs, printer, cli::ServerClock(),
                              *catalogue, {r.config.lpse_name, *zone});
  auto composer = mail::TemplateComposer::Load(WebDir(r.config) / "mail");
  if (!composer.ok()) return Fail(composer.status());
  const cli::DemoHistoryServices history{**composer, printer, opener, *catalogue, *working,
                                         r.config.public_url};
  auto sealed = cli::LoadDemoBids(*r.store, bids, opening, **blobs, **signer, r.crypto,
                                  cli::ServerClock(), bid_config, history);
  if (!sealed.ok()) return Fail(sealed.status());
  std::cout << "Demo data: " << report->agencies_added << " agencies, " << report->users_added
            << " accounts, " << report->announcements_added << " announcements added.\n"
            << "Demo registrations: " << registrations->vendors_added << " vendors, "
            << registrations->accounts_added << " accounts added.\n"
            << "Demo RUP 2027: " << *planning << " items added.\n"
            << "Demo tenders: " << *tenders << " added, with " << *participants
            << " participants.\n"
            << "Demo sealed bids: " << sealed->bids << " bids under " << sealed->keys
            << " tender keys, " << sealed->opened
            << " envelope(s) opened. Opening passphrase of the Pokja and the Pejabat Pengadaan: "
            << cli::kDemoOpeningPassphrase << "\n"
            << "Demo history: " << sealed->history.awarded << " awarded, " << sealed->history.failed
            << " failed, " << sealed->history.objections << " sanggah, " << sealed->history.contracts
            << " contracts, " << sealed->history.auction_bids << " reverse-auction bids.\n";
  for (auto& login : app::DemoRegistrationLogins()) report->logins.push_back(login);
  PrintLogins(report->logins);
  return 0;
}

app::Actor CliActor() { return app::Actor{app::SystemPrincipal("system:cli"), "local"}; }

StatusOr<domain::User> FindUser(Runtime& r, const std::string& username) {
  SPSE_ASSIGN_OR_RETURN(auto tx, r.store->Begin(app::Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindByUsername(username));
  if (!u) return NotFound("user.not_found", username);
  return *u;
}

int RunUserCreate(Options& o) {
  auto rt = OpenRuntime(o, 2);
  if (!rt.ok()) return Fail(rt.status());
  Runtime& r = **rt;
  app::NewUser u;
  u.username = o.username;
  u.full_name = o.full_name;
  u.email = o.email;
  auto roles = domain::RoleSet::ParseCodes(o.roles);
  if (!roles.ok()) return Fail(roles.status());
  u.roles = *roles;
  if (!o.agency.empty()) {
    auto tx = r.store->Begin(app::Access::kRead);
    if (!tx.ok()) return Fail(tx.status());
    auto agency = (*tx)->agencies().FindByCode(o.agency);
    if (!agency.ok()) return Fail(agency.status());
    if (!*agency) return Fail(NotFound("agency.not_found", o.agency));
    u.agency_id = (*agency)->id;
  }
  if (o.password_stdin) std::getline(std::cin, u.password);
  auto created = r.admin->CreateUser(CliActor(), u);
  if (!created.ok()) return Fail(created.status());
  std::cout << "Created user '" << u.username << "' (id " << created->id << ").\n";
  if (!created->temporary_password.empty()) {
    std::cout << "Temporary password (must be changed at first sign-in): "
              << created->temporary_password << "\n";
  }
  return 0;
}

int RunUserList(Options& o) {
  auto rt = OpenRuntime(o, 2);
  if (!rt.ok()) return Fail(rt.status());
  app::UserFilter filter;
  filter.limit = 10000;
  auto users = (*rt)->admin->ListUsers(CliActor(), filter);
  if (!users.ok()) return Fail(users.status());
  for (const auto& u : *users) {
    std::cout << u.username << "\t" << u.roles.ToCodes() << "\t" << (u.active ? "active" : "disabled")
              << "\t" << u.full_name << "\n";
  }
  return 0;
}

int RunUserDisable(Options& o) {
  auto rt = OpenRuntime(o, 2);
  if (!rt.ok()) return Fail(rt.status());
  auto u = FindUser(**rt, o.username);
  if (!u.ok()) return Fail(u.status());
  Status s = (*rt)->admin->SetUserActive(CliActor(), u->id, false);
  if (!s.ok()) return Fail(s);
  std::cout << "Disabled '" << o.username << "'; their sessions have ended.\n";
  return 0;
}

int RunUserResetPassword(Options& o) {
  auto rt = OpenRuntime(o, 2);
  if (!rt.ok()) return Fail(rt.status());
  auto u = FindUser(**rt, o.username);
  if (!u.ok()) return Fail(u.status());
  auto temporary = (*rt)->admin->ResetPassword(CliActor(), u->id);
  if (!temporary.ok()) return Fail(temporary.status());
  std::cout << "Temporary password for '" << o.username
            << "' (must be changed at next sign-in): " << *temporary << "\n";
  return 0;
}

int RunUserResetSecondFactor(Options& o) {
  auto rt = OpenRuntime(o, 2);
  if (!rt.ok()) return Fail(rt.status());
  auto u = FindUser(**rt, o.username);
  if (!u.ok()) return Fail(u.status());
  Status s = (*rt)->second_factor->Reset(CliActor(), u->id);
  if (!s.ok()) return Fail(s);
  std::cout << "Removed the second factor of '" << o.username
            << "'; their sessions have ended. They set up a new one at their next sign-in.\n";
  return 0;
}

int RunVersion(Options&) {
  std::cout << "spse " << SPSE_VERSION << "\n";
  return 0;
}

int RunRoutes(Options&) {
  nlohmann::json out = nlohmann::json::array();
  for (const http::Route& route : http::BuildRoutes()) {
    nlohmann::json roles = nlohmann::json::array();
    for (domain::Role role : domain::kAllRoles) {
      if (domain::RoleGrants(role, route.permission)) roles.push_back(domain::RoleCode(role));
    }
    out.push_back({{"method", route.method},
                   {"pattern", route.pattern},
                   {"name", route.name},
                   {"permission", domain::PermissionCode(route.permission)},
                   {"csrf", route.csrf},
                   {"body_limit", route.body_limit}});
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

// ------------------------------------------------------------------ the table

struct Command {
  const char* path;  // "user create" for nested commands
  const char* help;
  int (*run)(Options&);
  void (*extra)(CLI::App&, Options&);
};

void NoExtra(CLI::App&, Options&) {}
void ServeExtra(CLI::App& app, Options& o) {
  app.add_option("--listen", o.flags["listen"], "ADDR:PORT to listen on (default 127.0.0.1:8080)");
}
void DemoExtra(CLI::App& app, Options& o) {
  app.add_flag("--if-empty", o.if_empty, "Load only into a database without accounts");
}
void UserCreateExtra(CLI::App& app, Options& o) {
  app.add_option("--username", o.username, "User ID (a-z 0-9 . _ -)")->required();
  app.add_option("--name", o.full_name, "Full name")->required();
  app.add_option("--email", o.email, "Email address")->required();
  app.add_option("--role", o.roles, "Role codes, comma-separated (e.g. ppk)")->required();
  app.add_option("--agency", o.agency, "Agency code, for agency roles");
  app.add_flag("--password-stdin", o.password_stdin,
               "Read the password from standard input (else a temporary one is printed)");
}
void UsernameArg(CLI::App& app, Options& o) {
  app.add_option("username", o.username, "User ID")->required();
}

constexpr Command kCommands[] = {
    {"serve", "Run the web server", RunServe, ServeExtra},
    {"migrate", "Create or upgrade the database schema", RunMigrate, NoExtra},
    {"demo", "Load the demo data (safe to run twice)", RunDemo, DemoExtra},
    {"user create", "Create an account", RunUserCreate, UserCreateExtra},
    {"user list", "List accounts", RunUserList, NoExtra},
    {"user disable", "Disable an account and end its sessions", RunUserDisable, UsernameArg},
    {"user reset-password", "Issue a temporary password", RunUserResetPassword, UsernameArg},
    {"user reset-2fa", "Remove an account's second factor (lost phone) and end its sessions",
     RunUserResetSecondFactor, UsernameArg},
    {"version", "Print the version", RunVersion, NoExtra},
    {"routes", "Print the HTTP route table as JSON", RunRoutes, NoExtra},
    {"seal", "Seal a file to a tender's public key (as the browser does)",
     [](Options& o) { return RunSeal(o.seal); }, [](CLI::App& a, Options& o) { SealArgs(a, o.seal); }},
    {"open-sealed", "Open a sealed file with a tender's secret key",
     [](Options& o) { return RunOpenSealed(o.seal); },
     [](CLI::App& a, Options& o) { OpenSealedArgs(a, o.seal); }},
    {"tender-key", "Make a tender key and split it among the Pokja (offline)",
     [](Options& o) { return RunTenderKey(o.seal); },
     [](CLI::App& a, Options& o) { TenderKeyArgs(a, o.seal); }},
    {"verify-receipt", "Check the signature of a bid receipt",
     [](Options& o) { return RunVerifyReceipt(o.seal); },
     [](CLI::App& a, Options& o) { VerifyReceiptArgs(a, o.seal); }},
};

void CommonOptions(CLI::App& app, Options& o) {
  app.add_option("--config", o.config_file, "TOML configuration file (or SPSE_CONFIG)");
  app.add_option("--data-dir", o.flags["data_dir"], "Data directory (default ./var; SPSE_DATA_DIR)");
  app.add_option("--database", o.flags["database"],
                 "sqlite:///path or postgresql://... (default sqlite under the data dir; SPSE_DATABASE)");
}

}  // namespace
}  // namespace spse::cli

int main(int argc, char** argv) {
  using namespace spse::cli;
  CLI::App app{"SPSE: the e-procurement system of an LPSE"};
  app.require_subcommand(1);
  Options options;
  options.flags["listen"];
  options.flags["data_dir"];
  options.flags["database"];
  std::map<std::string, CLI::App*> groups;
  std::vector<std::pair<CLI::App*, const Command*>> leaves;
  for (const Command& c : kCommands) {
    std::string path = c.path;
    CLI::App* parent = &app;
    const size_t space = path.find(' ');
    if (space != std::string::npos) {
      const std::string group = path.substr(0, space);
      if (!groups.count(group)) {
        groups[group] = app.add_subcommand(group, "Manage accounts");
        groups[group]->require_subcommand(1);
      }
      parent = groups[group];
      path = path.substr(space + 1);
    }
    CLI::App* sub = parent->add_subcommand(path, c.help);
    CommonOptions(*sub, options);
    c.extra(*sub, options);
    leaves.emplace_back(sub, &c);
  }
  CLI11_PARSE(app, argc, argv);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  for (const auto& [sub, command] : leaves) {
    if (sub->parsed()) return command->run(options);
  }
  return 2;
}
