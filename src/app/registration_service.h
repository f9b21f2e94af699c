// Registration and verification of SPSE users (Pasal 9(2-3), 21).
//
// A vendor registers online (Pasal 21(1)a): it gives an email address, opens
// the confirmation link mailed to it, fills in its company's identity, the
// person responsible and its User ID and password. The account starts as a
// draft; the vendor uploads its documents and sends the application to the
// Verifikator, who checks them against the originals and approves or rejects
// it with a reason. Until then the account can do nothing but its own
// application (domain::Authorize). Non-vendor accounts (Pasal 21(1)b) are
// made by Admin Sistem with their assignment letter (AdminService) and wait
// in the same queue.
#ifndef SPSE_APP_REGISTRATION_SERVICE_H_
#define SPSE_APP_REGISTRATION_SERVICE_H_

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/auth_service.h"
#include "app/mail_service.h"
#include "app/ports.h"
#include "base/time_format.h"

namespace spse::app {

struct RegistrationConfig {
  std::string public_url;  // links in mail: public_url + "/daftar/formulir?token=..."
  Micros link_lifetime = 24 * kMicrosPerHour;
  // Self-registrations not verified within this time are removed.
  Micros expiry = 30 * kMicrosPerDay;
  std::string lpse_name = "LPSE Kabupaten Bangkalan";
  Zone zone = kWib;
};

// What the registration form sends (the email comes from the link).
struct VendorApplicationForm {
  domain::Vendor vendor;  // user_id, created_at and updated_at are ignored
  std::string username;
  std::string password;
  std::string confirm;
};

// An account's application as its owner and the Verifikator see it.
struct Application {
  User user;
  bool vendor_account = false;
  std::optional<domain::Vendor> vendor;
  std::vector<domain::AccountDocument> documents;  // oldest first, superseded ones included
  std::vector<domain::DocumentKind> missing;       // required kinds without a current document
};

struct RegisteredSession {
  std::int64_t user_id = 0;
  std::string session_token;  // the new session's cookie value
};

// The two forms of Pasal 21(1)a angka 2, filled in with the vendor's data.
enum class RegistrationForm { kPendaftaran, kKeikutsertaan };

class RegistrationService {
 public:
  RegistrationService(Store& store, AuthService& auth, CryptoPort& crypto, MailComposer& composer,
                      BlobPort& blobs, DocumentPrinter& printer, const Clock& clock,
                      RegistrationConfig config)
      : store_(store), auth_(auth), crypto_(crypto), composer_(composer), blobs_(blobs),
        printer_(printer), clock_(clock), config_(std::move(config)) {}

  // Mails a single-use confirmation link valid for config.link_lifetime, or,
  // when an account already has the address, a mail that says so: the
  // caller learns nothing either way. Reasons: "user.email_invalid",
  // "auth.throttled" (a few requests an hour per client address).
  Status Start(std::string_view email, const std::string& client_addr);
  // The address a usable link was sent to. Reasons: "registration.link_invalid"
  // (unknown, used or expired).
  StatusOr<std::string> CheckLink(std::string_view token);
  // Creates the vendor account (role penyedia, status draft) with its vendor
  // row and audit entry, consumes the link and opens a session, all in one
  // transaction: on any error nothing is stored and the link still works.
  // Reasons: CheckLink's, ValidateVendor's, ValidateUser's, "password.*",
  // "password.mismatch", "user.username_taken", "registration.email_taken",
  // "vendor.npwp_taken".
  StatusOr<RegisteredSession> Register(std::string_view token, const VendorApplicationForm& form,
                                       const std::string& client_addr,
                                       const std::string& user_agent);

  // The signed-in vendor's own application (kOwnRegistration).
  StatusOr<Application> MyApplication(const Actor& actor);
  // While draft or rejected. Reasons: ValidateVendor's, "vendor.npwp_taken",
  // "registration.locked" (submitted or verified).
  Status UpdateVendor(const Actor& actor, domain::Vendor vendor);
  // Adds a document to the actor's application, superseding the current one
  // of the same kind (and licence type). `doc` carries the stored blob, its
  // sniffed type and safe name. Reasons: ValidateDocument's,
  // "registration.locked".
  StatusOr<std::int64_t> AddDocument(const Actor& actor, domain::AccountDocument doc);
  // Sends the application to the Verifikator. Reasons:
  // "registration.documents_missing" (detail: the kinds),
  // "registration.illegal_transition".
  Status Submit(const Actor& actor);
  // The filled-in form as PDF (Pasal 21(4)).
  StatusOr<std::string> PrintForm(const Actor& actor, RegistrationForm form);

  // A document for reading: its owner, the Verifikator, and Admin Sistem for
  // an assignment letter. Anyone else gets "document.not_found", exactly as
  // for an id that does not exist.
  StatusOr<domain::AccountDocument> OpenDocument(const Actor& actor, std::int64_t id);

  // The Verifikator's queue (kVerifyAccounts): submitted applications, the
  // oldest submission first.
  StatusOr<std::vector<Application>> Queue(const Actor& actor);
  StatusOr<Application> Review(const Actor& actor, std::int64_t user_id);
  // Records which originals the Verifikator saw (`originals_seen`: document
  // ids of this account; the others are unticked) and verifies the account;
  // the applicant is told in the inbox and by mail. Every required document
  // must have been seen: "registration.originals_unchecked".
  Status Approve(const Actor& actor, std::int64_t user_id,
                 const std::vector<std::int64_t>& originals_seen);
  // Sends the application back with `reason` (required:
  // "registration.reason_required"); the applicant is told likewise.
  Status Reject(const Actor& actor, std::int64_t user_id, std::string_view reason,
                const std::vector<std::int64_t>& originals_seen);

  // Removes the self-registrations older than config.expiry that are still
  // unverified, with their documents' files when nothing else refers to
  // them; audited. Returns how many accounts went. Run by the sweeper.
  StatusOr<int> ExpireStale();
  // Deletes the file of an upload that was refused, unless a row refers to it.
  void DiscardUpload(std::string_view sha256);

 private:
  StatusOr<Application> Load(Tx& tx, std::int64_t user_id);
  Status MarkOriginals(Tx& tx, const Application& app, const std::vector<std::int64_t>& seen);
  StatusOr<Application> Decide(const Actor& actor, std::int64_t user_id,
                               domain::VerificationEvent event, std::string_view reason,
                               const std::vector<std::int64_t>& originals_seen);
  Status RemoveUnreferenced(const std::vector<std::string>& shas);
  PrintedDocument BuildForm(const Application& app, RegistrationForm form) const;
  std::string Today() const;

  Store& store_;
  AuthService& auth_;
  CryptoPort& crypto_;
  MailComposer& composer_;
  BlobPort& blobs_;
  DocumentPrinter& printer_;
  const Clock& clock_;
  RegistrationConfig config_;
};

// Human names of document kinds for forms and audit: "KTP", "Akta Pendirian", ...
std::string DocumentKindName(domain::DocumentKind kind);

}  // namespace spse::app

#endif  // SPSE_APP_REGISTRATION_SERVICE_H_
