#include "app/registration_service.h"

#include <algorithm>
#include <cctype>

#include "app/demo_data.h"
#include "app/inbox_service.h"
#include "app/vendor_data_service.h"
#include "domain/login_throttle.h"
#include "domain/password_policy.h"

namespace spse::app {

using domain::AccountDocument;
using domain::AccountStatus;
using domain::DocumentKind;
using domain::Permission;

namespace {

// Registration links mailed per client address: generous for an office
// behind one NAT address, yet no way to flood mailboxes.
constexpr domain::ThrottlePolicy kRegistrationThrottle{20, kMicrosPerSecond, 5 * kMicrosPerMinute,
                                                       kMicrosPerHour};

std::string Lowered(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string KindCodes(const std::vector<DocumentKind>& kinds) {
  std::string out;
  for (DocumentKind k : kinds) {
    if (!out.empty()) out += ",";
    out += domain::DocumentKindCode(k);
  }
  return out;
}

}  // namespace

std::string DocumentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kKtp: return "KTP Direktur/Pemilik/Pejabat Berwenang";
    case DocumentKind::kAktaPendirian: return "Akta Pendirian";
    case DocumentKind::kAktaPerubahan: return "Akta Perubahan Terakhir";
    case DocumentKind::kNpwp: return "NPWP";
    case DocumentKind::kIzinUsaha: return "Izin Usaha";
    case DocumentKind::kSuratTugas: return "Surat Tugas / SK";
  }
  return "";
}

Status RegistrationService::Start(std::string_view email_input, const std::string& client_addr) {
  const std::string email = Lowered(email_input);
  if (!domain::EmailLooksValid(email)) return InvalidArgument("user.email_invalid");
  const Micros now = clock_.Now();
  const std::string key = "register:" + client_addr;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(domain::FailureRecord record, tx->throttle().Get(key));
  if (domain::NextAttemptAt(record, kRegistrationThrottle) > now) {
    return ResourceExhausted("auth.throttled");
  }
  SPSE_RETURN_IF_ERROR(tx->throttle().Put(key, domain::AfterFailure(record, now, kRegistrationThrottle)));
  SPSE_ASSIGN_OR_RETURN(bool taken, tx->registrations().EmailInUse(email));
  if (taken) {
    // The page says the same either way; only the mailbox's owner learns this.
    SPSE_RETURN_IF_ERROR(QueueMail(*tx, composer_, clock_, email, "registration_exists",
                                   {{"email", email},
                                    {"login", config_.public_url + "/masuk"},
                                    {"forgot", config_.public_url + "/akun/lupa-sandi"}}));
    return tx->Commit();
  }
  const std::string token = crypto_.RandomToken(32);
  RegistrationRequest request;
  request.token_hash = crypto_.Sha256Hex(token);
  request.email = email;
  request.created_at = now;
  request.expires_at = now + config_.link_lifetime;
  SPSE_RETURN_IF_ERROR(tx->registrations().InsertRequest(request));
  SPSE_RETURN_IF_ERROR(QueueMail(
      *tx, composer_, clock_, email, "registration_confirm",
      {{"email", email},
       {"link", config_.public_url + "/daftar/formulir?token=" + token},
       {"hours", std::to_string(config_.link_lifetime / kMicrosPerHour)}}));
  return tx->Commit();
}

StatusOr<std::string> RegistrationService::CheckLink(std::string_view token) {
  if (token.empty() || token.size() > 64) return InvalidArgument("registration.link_invalid");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto request, tx->registrations().FindRequest(crypto_.Sha256Hex(token)));
  if (!request || request->used_at || request->expires_at <= clock_.Now()) {
    return InvalidArgument("registration.link_invalid");
  }
  return request->email;
}

StatusOr<RegisteredSession> RegistrationService::Register(std::string_view token,
                                                          const VendorApplicationForm& form,
                                                          const std::string& client_addr,
                                                          const std::string& user_agent) {
  SPSE_ASSIGN_OR_RETURN(std::string email, CheckLink(token));
  const Micros now = clock_.Now();
  domain::Vendor vendor = form.vendor;
  SPSE_ASSIGN_OR_RETURN(vendor.npwp, domain::NormalizeNpwp(vendor.npwp));
  SPSE_RETURN_IF_ERROR(domain::ValidateVendor(vendor));
  User user;
  user.username = form.username;
  user.full_name = vendor.company_name;
  user.email = email;
  user.roles = domain::RoleSet{domain::Role::kPenyedia};
  user.created_at = now;
  user.verification.status = AccountStatus::kDraft;
  SPSE_RETURN_IF_ERROR(domain::ValidateUser(user));
  if (form.password != form.confirm) return InvalidArgument("password.mismatch");
  SPSE_RETURN_IF_ERROR(domain::CheckNewPassword(form.password, user.username));
  SPSE_ASSIGN_OR_RETURN(user.password_hash, auth_.HashPassword(form.password));

  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  if (!tx->registrations().MarkRequestUsed(crypto_.Sha256Hex(token), now).ok()) {
    return InvalidArgument("registration.link_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(bool email_taken, tx->registrations().EmailInUse(email));
  if (email_taken) return AlreadyExists("registration.email_taken");
  SPSE_ASSIGN_OR_RETURN(user.id, tx->users().Insert(user));
  vendor.user_id = user.id;
  vendor.created_at = now;
  vendor.updated_at = now;
  SPSE_RETURN_IF_ERROR(tx->vendors().Insert(vendor));
  RegisteredSession out;
  out.user_id = user.id;
  out.session_token = crypto_.RandomToken(16);
  SessionRecord session;
  session.id_hash = auth_.SessionHash(out.session_token);
  session.user_id = user.id;
  session.created_at = now;
  session.last_seen_at = now;
  session.client_addr = client_addr;
  session.user_agent = user_agent.substr(0, 256);
  SPSE_RETURN_IF_ERROR(tx->sessions().Insert(session));
  Actor actor;
  actor.who.user_id = user.id;
  actor.who.username = user.username;
  actor.who.roles = user.roles;
  actor.who.verified = false;
  actor.client_addr = client_addr;
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "registration.create", "user",
                                  std::to_string(user.id),
                                  "vendor '" + vendor.company_name + "' registered online as '" +
                                      user.username + "', NPWP " + domain::FormatNpwp(vendor.npwp)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return out;
}

StatusOr<Application> RegistrationService::Load(Tx& tx, std::int64_t user_id) {
  SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(user_id));
  if (!user) return NotFound("user.not_found");
  Application app;
  app.user = std::move(*user);
  app.vendor_account = app.user.roles.Has(domain::Role::kPenyedia);
  SPSE_ASSIGN_OR_RETURN(app.vendor, tx.vendors().FindByUser(user_id));
  SPSE_ASSIGN_OR_RETURN(app.documents, tx.documents().ForUser(user_id));
  app.missing = domain::MissingDocuments(domain::RequiredDocuments(app.vendor_account), app.documents);
  return app;
}

StatusOr<Application> RegistrationService::MyApplication(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kOwnRegistration));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return Load(*tx, actor.who.user_id);
}

Status RegistrationService::UpdateVendor(const Actor& actor, domain::Vendor vendor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kOwnRegistration));
  SPSE_ASSIGN_OR_RETURN(vendor.npwp, domain::NormalizeNpwp(vendor.npwp));
  SPSE_RETURN_IF_ERROR(domain::ValidateVendor(vendor));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(actor.who.user_id));
  if (!user) return NotFound("user.not_found");
  if (!domain::ApplicationEditable(user->verification.status)) {
    return FailedPrecondition("registration.locked");
  }
  SPSE_ASSIGN_OR_RETURN(auto before, tx->vendors().FindByUser(user->id));
  vendor.user_id = user->id;
  vendor.updated_at = clock_.Now();
  if (before) {
    vendor.created_at = before->created_at;
    SPSE_RETURN_IF_ERROR(tx->vendors().Update(vendor));
  } else {
    vendor.created_at = vendor.updated_at;
    SPSE_RETURN_IF_ERROR(tx->vendors().Insert(vendor));
  }
  user->full_name = vendor.company_name;
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "registration.update", "user",
                                  std::to_string(user->id),
                                  "company data of '" + vendor.company_name + "' updated, NPWP " +
                                      domain::FormatNpwp(vendor.npwp)));
  return tx->Commit();
}

StatusOr<std::int64_t> RegistrationService::AddDocument(const Actor& actor, AccountDocument doc) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kOwnRegistration));
  doc.user_id = actor.who.user_id;
  doc.uploaded_by = actor.who.user_id;
  doc.uploaded_at = clock_.Now();
  doc.original_seen = false;
  doc.superseded_by.reset();
  SPSE_RETURN_IF_ERROR(domain::ValidateDocument(doc, /*vendor=*/true));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(doc.user_id));
  if (!user) return NotFound("user.not_found");
  if (!domain::ApplicationEditable(user->verification.status)) {
    return FailedPrecondition("registration.locked");
  }
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->documents().ForUser(doc.user_id));
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->documents().Insert(doc));
  for (const AccountDocument& old : existing) {
    if (old.current() && old.kind == doc.kind && old.licence_type == doc.licence_type) {
      SPSE_RETURN_IF_ERROR(tx->documents().Supersede(old.id, id));
    }
  }
  // The file must still be there now that a row names it: files nothing
  // names are removed under the write lock (RemoveUnreferenced).
  SPSE_RETURN_IF_ERROR(blobs_.FileOf(doc.sha256).status());
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "registration.document", "user", std::to_string(doc.user_id),
      "uploaded " + std::string(domain::DocumentKindCode(doc.kind)) +
          (doc.licence_type.empty() ? "" : " (" + doc.licence_type + ")") + " '" + doc.filename +
          "', " + doc.content_type + ", " + std::to_string(doc.size) + " bytes, sha256 " +
          doc.sha256.substr(0, 16)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Status RegistrationService::Submit(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kOwnRegistration));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Application app, Load(*tx, actor.who.user_id));
  SPSE_ASSIGN_OR_RETURN(AccountStatus next,
                        domain::NextStatus(app.user.verification.status,
                                           domain::VerificationEvent::kSubmit));
  if (!app.missing.empty()) {
    return FailedPrecondition("registration.documents_missing", KindCodes(app.missing));
  }
  if (!app.vendor) return FailedPrecondition("vendor.not_found");
  app.user.verification.status = next;
  app.user.verification.submitted_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->users().Update(app.user));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "registration.submit", "user",
                                  std::to_string(app.user.id),
                                  "application of '" + app.vendor->company_name +
                                      "' sent to the Verifikator"));
  return tx->Commit();
}

StatusOr<std::string> RegistrationService::PrintForm(const Actor& actor, RegistrationForm form) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kOwnRegistration));
  Application app;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(app, Load(*tx, actor.who.user_id));
  }
  if (!app.vendor) return NotFound("vendor.not_found");
  return printer_.Render(BuildForm(app, form));
}

std::string RegistrationService::Today() const {
  return FormatDate(clock_.Now(), config_.zone, Lang::kId);
}

PrintedDocument RegistrationService::BuildForm(const Application& app,
                                               RegistrationForm form) const {
  const domain::Vendor& v = *app.vendor;
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  PrintedSection company{"A. Data Perusahaan",
                         {{"Nama perusahaan", v.company_name},
                          {"Bentuk usaha", v.business_form},
                          {"NPWP", domain::FormatNpwp(v.npwp)},
                          {"Alamat", v.address},
                          {"Kabupaten/Kota", v.regency},
                          {"Provinsi", v.province},
                          {"Telepon", v.phone},
                          {"Email perusahaan", v.company_email}},
                         {}};
  PrintedSection responsible{"B. Penanggung Jawab",
                             {{"Nama", v.responsible_name},
                              {"Jabatan", v.responsible_position},
                              {"NIK", v.responsible_nik}},
                             {}};
  PrintedSignature signature{v.regency + ", " + Today() + "\nPenanggung jawab,", v.responsible_name,
                             v.responsible_position + " " + v.company_name};
  if (form == RegistrationForm::kPendaftaran) {
    doc.title = "FORMULIR PENDAFTARAN PENYEDIA BARANG/JASA";
    doc.subtitle = "Pengguna Sistem Pengadaan Secara Elektronik (SPSE)";
    doc.sections.push_back(company);
    doc.sections.push_back(responsible);
    doc.sections.push_back(PrintedSection{"C. Akun SPSE",
                                          {{"User ID", app.user.username},
                                           {"Email akun", app.user.email}},
                                          {}});
    PrintedSection docs{"D. Dokumen Penunjang (salinan dilampirkan, asli ditunjukkan)", {}, {}};
    for (const AccountDocument& d : app.documents) {
      if (!d.current()) continue;
      docs.rows.push_back({DocumentKindName(d.kind) +
                               (d.licence_type.empty() ? "" : " (" + d.licence_type + ")"),
                           d.filename});
    }
    if (docs.rows.empty()) docs.paragraphs.push_back("Belum ada dokumen yang diunggah.");
    doc.sections.push_back(docs);
    doc.sections.push_back(PrintedSection{
        "",
        {},
        {"Dengan ini kami mendaftarkan perusahaan tersebut di atas sebagai pengguna SPSE " +
             config_.lpse_name +
             " dan menyatakan bahwa data yang kami isikan benar serta sesuai dengan dokumen "
             "aslinya. Kami bersedia menunjukkan dokumen asli kepada Verifikator LPSE."}});
  } else {
    doc.title = "FORMULIR KEIKUTSERTAAN";
    doc.subtitle = "Pernyataan persetujuan syarat dan ketentuan penggunaan SPSE";
    doc.sections.push_back(PrintedSection{
        "",
        {},
        {"Yang bertanda tangan di bawah ini:"}});
    doc.sections.push_back(PrintedSection{"",
                                          {{"Nama", v.responsible_name},
                                           {"NIK", v.responsible_nik},
                                           {"Jabatan", v.responsible_position},
                                           {"Bertindak untuk dan atas nama", v.company_name},
                                           {"NPWP", domain::FormatNpwp(v.npwp)},
                                           {"Alamat", v.address + ", " + v.regency + ", " + v.province},
                                           {"User ID", app.user.username}},
                                          {}});
    doc.sections.push_back(PrintedSection{
        "menyatakan bahwa:",
        {},
        {"1. Kami bersedia mengikuti pengadaan barang/jasa pemerintah secara elektronik melalui "
         "SPSE " + config_.lpse_name + " dan tunduk pada syarat dan ketentuan penggunaan SPSE.",
         "2. User ID dan kata sandi hanya dipakai oleh kami sendiri dan menjadi tanggung jawab kami; "
         "segala transaksi dengan User ID tersebut dianggap sah sebagai tindakan perusahaan kami.",
         "3. Kami tidak akan menggunakan SPSE untuk tindakan yang melanggar peraturan "
         "perundang-undangan, termasuk persekongkolan dan pemalsuan dokumen.",
         "4. Kami menerima bahwa User ID dapat dinonaktifkan oleh LPSE apabila ditemukan "
         "pelanggaran terhadap syarat dan ketentuan penggunaan SPSE (Pasal 9 ayat 4)."}});
  }
  doc.signatures.push_back(signature);
  return doc;
}

StatusOr<AccountDocument> RegistrationService::OpenDocument(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto doc, tx->documents().Find(id));
  if (!doc) return NotFound("document.not_found");
  const bool allowed =
      doc->user_id == actor.who.user_id ||
      domain::Authorize(actor.who, Permission::kVerifyAccounts).ok() ||
      (doc->kind == DocumentKind::kSuratTugas &&
       domain::Authorize(actor.who, Permission::kManageUsers).ok());
  // Somebody else's document is "not found", like a missing one: ids reveal nothing.
  if (!allowed) return NotFound("document.not_found");
  return *doc;
}

StatusOr<std::vector<Application>> RegistrationService::Queue(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto ids, tx->registrations().Submitted(500));
  std::vector<Application> out;
  for (std::int64_t id : ids) {
    SPSE_ASSIGN_OR_RETURN(Application app, Load(*tx, id));
    out.push_back(std::move(app));
  }
  return out;
}

StatusOr<Application> RegistrationService::Review(const Actor& actor, std::int64_t user_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return Load(*tx, user_id);
}

Status RegistrationService::MarkOriginals(Tx& tx, const Application& app,
                                          const std::vector<std::int64_t>& seen) {
  for (const AccountDocument& d : app.documents) {
    if (!d.current()) continue;
    const bool now_seen = std::find(seen.begin(), seen.end(), d.id) != seen.end();
    if (now_seen != d.original_seen) SPSE_RETURN_IF_ERROR(tx.documents().SetOriginalSeen(d.id, now_seen));
  }
  return OkStatus();
}

StatusOr<Application> RegistrationService::Decide(const Actor& actor, std::int64_t user_id,
                                                  domain::VerificationEvent event,
                                                  std::string_view reason,
                                                  const std::vector<std::int64_t>& originals_seen) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  const bool approve = event == domain::VerificationEvent::kApprove;
  if (!approve && (Blank(reason) || reason.size() > 2000)) {
    return InvalidArgument("registration.reason_required");
  }
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Application app, Load(*tx, user_id));
  SPSE_ASSIGN_OR_RETURN(AccountStatus next, domain::NextStatus(app.user.verification.status, event));
  SPSE_RETURN_IF_ERROR(MarkOriginals(*tx, app, originals_seen));
  std::string seen_summary;
  for (const AccountDocument& d : app.documents) {
    if (!d.current()) continue;
    const bool seen =
        std::find(originals_seen.begin(), originals_seen.end(), d.id) != originals_seen.end();
    if (seen) seen_summary += (seen_summary.empty() ? "" : ", ") + std::string(domain::DocumentKindCode(d.kind));
    const auto required = domain::RequiredDocuments(app.vendor_account);
    if (approve && !seen && std::find(required.begin(), required.end(), d.kind) != required.end()) {
      return FailedPrecondition("registration.originals_unchecked",
                                std::string(domain::DocumentKindCode(d.kind)));
    }
  }
  User& user = app.user;
  user.verification.status = next;
  user.verification.decided_at = clock_.Now();
  user.verification.decided_by = actor.who.user_id;
  user.verification.rejection_note = approve ? "" : std::string(reason);
  SPSE_RETURN_IF_ERROR(tx->users().Update(user));
  // A verified vendor's data penyedia starts from what it registered.
  if (approve && app.vendor_account && app.vendor) {
    const domain::Vendor& v = *app.vendor;
    SPSE_RETURN_IF_ERROR(VendorDataService::Seed(
        *tx, clock_, actor, user.id,
        {{"nama", v.company_name}, {"bentuk_usaha", v.business_form}, {"npwp", v.npwp},
         {"alamat", v.address}, {"kabupaten_kota", v.regency}, {"provinsi", v.province},
         {"telepon", v.phone}, {"email", v.company_email}}));
  }
  MailValues values{{"name", user.full_name},
                    {"username", user.username},
                    {"reason", std::string(reason)},
                    {"link", config_.public_url + (app.vendor_account ? "/pendaftaran" : "/masuk")}};
  SPSE_RETURN_IF_ERROR(Notify(*tx, composer_, clock_, user,
                              approve ? "registration_approved" : "registration_rejected", values));
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, approve ? "registration.approve" : "registration.reject", "user",
      std::to_string(user.id),
      (approve ? "verified '" : "rejected '") + user.username + "'" +
          (approve ? "" : ": " + std::string(reason)) + "; originals seen: " +
          (seen_summary.empty() ? "none" : seen_summary)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return app;
}

Status RegistrationService::Approve(const Actor& actor, std::int64_t user_id,
                                    const std::vector<std::int64_t>& originals_seen) {
  return Decide(actor, user_id, domain::VerificationEvent::kApprove, "", originals_seen).status();
}

Status RegistrationService::Reject(const Actor& actor, std::int64_t user_id,
                                   std::string_view reason,
                                   const std::vector<std::int64_t>& originals_seen) {
  return Decide(actor, user_id, domain::VerificationEvent::kReject, reason, originals_seen).status();
}

StatusOr<int> RegistrationService::ExpireStale() {
  const Micros now = clock_.Now();
  const Actor actor{SystemPrincipal("system:sweeper"), "local"};
  std::vector<std::string> orphans;
  int removed = 0;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    SPSE_ASSIGN_OR_RETURN(auto ids, tx->registrations().Stale(now - config_.expiry, 100));
    if (ids.empty()) return 0;
    std::vector<std::string> blobs;
    for (std::int64_t id : ids) {
      SPSE_ASSIGN_OR_RETURN(Application app, Load(*tx, id));
      for (const AccountDocument& d : app.documents) blobs.push_back(d.sha256);
      SPSE_RETURN_IF_ERROR(tx->registrations().DeleteAccount(id));
      SPSE_RETURN_IF_ERROR(WriteAudit(
          *tx, clock_, actor, "registration.expire", "user", std::to_string(id),
          "removed the unverified registration '" + app.user.username + "' (" +
              std::string(domain::AccountStatusCode(app.user.verification.status)) + ", " +
              std::to_string(app.documents.size()) + " documents) after " +
              std::to_string(config_.expiry / kMicrosPerDay) + " days"));
      ++removed;
    }
    std::sort(blobs.begin(), blobs.end());
    blobs.erase(std::unique(blobs.begin(), blobs.end()), blobs.end());
    orphans = std::move(blobs);
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  SPSE_RETURN_IF_ERROR(RemoveUnreferenced(orphans));
  return removed;
}

Status RegistrationService::RemoveUnreferenced(const std::vector<std::string>& shas) {
  if (shas.empty()) return OkStatus();
  // Counted and removed under the write lock: an upload that names one of
  // these files either committed before (and is counted) or checks after
  // that its file is still there (AddDocument).
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  for (const std::string& sha : shas) {
    SPSE_ASSIGN_OR_RETURN(std::int64_t refs, tx->documents().CountBlobReferences(sha));
    if (refs == 0) SPSE_RETURN_IF_ERROR(blobs_.Remove(sha));
  }
  return tx->Commit();
}

void RegistrationService::DiscardUpload(std::string_view sha256) {
  (void)RemoveUnreferenced({std::string(sha256)});
}

}  // namespace spse::app
