// The ports the use cases need from storage. One Store, one transaction
// (Tx) per unit of work; every repository call made through a Tx is part of
// it, so a change and its audit entry commit or roll back together.
#ifndef SPSE_APP_PORTS_H_
#define SPSE_APP_PORTS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/auction.h"
#include "domain/bids.h"
#include "domain/calendar.h"
#include "domain/contract.h"
#include "domain/evaluation.h"
#include "domain/login_throttle.h"
#include "domain/objection.h"
#include "domain/planning.h"
#include "domain/participation.h"
#include "domain/records.h"
#include "domain/tender.h"
#include "domain/tender_documents.h"
#include "domain/tender_schedule.h"
#include "domain/vendor_data.h"

namespace spse::app {

using domain::Agency;
using domain::Announcement;
using domain::AuditEntry;
using domain::User;

struct UserFilter {
  std::optional<std::int64_t> agency_id;
  std::optional<domain::Role> role;
  std::string text;  // matches username or full name
  int limit = 100;
  int offset = 0;
};

class UserRepo {
 public:
  virtual ~UserRepo() = default;
  virtual StatusOr<std::optional<User>> FindById(std::int64_t id) = 0;
  virtual StatusOr<std::optional<User>> FindByUsername(std::string_view username) = 0;
  // Fails with kAlreadyExists "user.username_taken".
  virtual StatusOr<std::int64_t> Insert(const User& user) = 0;
  // Replaces every field but id, username and created_at.
  virtual Status Update(const User& user) = 0;
  virtual StatusOr<std::vector<User>> List(const UserFilter& filter) = 0;
  virtual StatusOr<std::int64_t> Count() = 0;
  // Active accounts holding `role`.
  virtual StatusOr<std::int64_t> CountActiveWithRole(domain::Role role) = 0;
};

struct SessionRecord {
  std::string id_hash;  // SHA-256 of the cookie token; the token itself is never stored
  std::int64_t user_id = 0;
  Micros created_at = 0;
  Micros last_seen_at = 0;
  std::string client_addr;
  std::string user_agent;
};

class SessionRepo {
 public:
  virtual ~SessionRepo() = default;
  virtual Status Insert(const SessionRecord& s) = 0;
  virtual StatusOr<std::optional<SessionRecord>> Find(std::string_view id_hash) = 0;
  virtual Status Touch(std::string_view id_hash, Micros now) = 0;
  virtual Status Delete(std::string_view id_hash) = 0;
  // Ends every session of the user except `keep_hash` (may be empty).
  virtual Status DeleteForUser(std::int64_t user_id, std::string_view keep_hash) = 0;
  virtual Status DeleteOlderThan(Micros created_before, Micros seen_before) = 0;
};

class ThrottleRepo {
 public:
  virtual ~ThrottleRepo() = default;
  virtual StatusOr<domain::FailureRecord> Get(std::string_view key) = 0;
  virtual Status Put(std::string_view key, const domain::FailureRecord& record) = 0;
  virtual Status Clear(std::string_view key) = 0;
  // Forgets records whose last failure is before `before`.
  virtual Status DeleteOlderThan(Micros before) = 0;
};

class AgencyRepo {
 public:
  virtual ~AgencyRepo() = default;
  virtual StatusOr<std::optional<Agency>> FindById(std::int64_t id) = 0;
  virtual StatusOr<std::optional<Agency>> FindByCode(std::string_view code) = 0;
  // Fails with kAlreadyExists "agency.code_taken".
  virtual StatusOr<std::int64_t> Insert(const Agency& agency) = 0;
  virtual Status Update(const Agency& agency) = 0;
  // Ordered by kind, then name.
  virtual StatusOr<std::vector<Agency>> List() = 0;
};

class AnnouncementRepo {
 public:
  virtual ~AnnouncementRepo() = default;
  virtual StatusOr<std::int64_t> Insert(const Announcement& a) = 0;
  virtual Status Update(const Announcement& a) = 0;
  virtual StatusOr<std::optional<Announcement>> FindById(std::int64_t id) = 0;
  // Newest first. With `active_at`, only those active then.
  virtual StatusOr<std::vector<Announcement>> List(std::optional<Micros> active_at, int limit) = 0;
  virtual StatusOr<std::int64_t> Count() = 0;
};

struct AuditFilter {
  std::string actor;        // exact username
  std::string action;       // prefix: "user." or "user.create"
  std::string object_type;  // exact
  std::string object_id;    // exact
  std::optional<Micros> from, to;  // [from, to)
  int limit = 50;
  int offset = 0;
};

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  virtual StatusOr<std::int64_t> Append(const AuditEntry& entry) = 0;
  // Newest first.
  virtual StatusOr<std::vector<AuditEntry>> Query(const AuditFilter& filter) = 0;
  virtual StatusOr<std::int64_t> Count(const AuditFilter& filter) = 0;
};

class SettingsRepo {
 public:
  virtual ~SettingsRepo() = default;
  virtual StatusOr<std::optional<std::string>> Get(std::string_view key) = 0;
  virtual Status Put(std::string_view key, std::string_view value) = 0;
};

class OutboxRepo {
 public:
  virtual ~OutboxRepo() = default;
  virtual StatusOr<std::int64_t> Enqueue(const domain::OutgoingMail& mail) = 0;
  // Pending messages due at `now`, oldest first, each leased to this caller:
  // its next attempt moves to `now + lease`, so another worker (another
  // instance) does not send it too.
  virtual StatusOr<std::vector<domain::OutgoingMail>> ClaimDue(Micros now, Micros lease,
                                                               int limit) = 0;
  virtual Status MarkSent(std::int64_t id, Micros now) = 0;
  // Another attempt later, or given up (`give_up`).
  virtual Status MarkFailedAttempt(std::int64_t id, int attempts, Micros next_attempt_at,
                                   bool give_up, std::string_view error) = 0;
  // For tests and the admin view: counts by status.
  virtual StatusOr<std::int64_t> CountByStatus(std::string_view status) = 0;
};

class PokjaRepo {
 public:
  virtual ~PokjaRepo() = default;
  // Fails with kAlreadyExists "pokja.name_taken".
  virtual StatusOr<std::int64_t> Insert(const domain::PokjaGroup& group) = 0;
  // Replaces name, agency, chair, members and active.
  virtual Status Update(const domain::PokjaGroup& group) = 0;
  virtual StatusOr<std::optional<domain::PokjaGroup>> FindById(std::int64_t id) = 0;
  // By name.
  virtual StatusOr<std::vector<domain::PokjaGroup>> List() = 0;
};

class BlacklistRepo {
 public:
  virtual ~BlacklistRepo() = default;
  virtual StatusOr<std::int64_t> Insert(const domain::BlacklistEntry& entry) = 0;
  // Entries in force at `now`, newest first (the public Daftar Hitam).
  virtual StatusOr<std::vector<domain::BlacklistEntry>> InForce(Micros now) = 0;
  // Every entry of one account, newest first.
  virtual StatusOr<std::vector<domain::BlacklistEntry>> ForUser(std::int64_t user_id) = 0;
};

class InboxRepo {
 public:
  virtual ~InboxRepo() = default;
  virtual StatusOr<std::int64_t> Deliver(const domain::InboxMessage& message) = 0;
  // The user's messages, newest first.
  virtual StatusOr<std::vector<domain::InboxMessage>> List(std::int64_t user_id, int limit,
                                                           int offset) = 0;
  // One of the user's messages; nullopt when it does not exist or is not theirs.
  virtual StatusOr<std::optional<domain::InboxMessage>> Find(std::int64_t user_id,
                                                             std::int64_t id) = 0;
  virtual Status MarkRead(std::int64_t user_id, std::int64_t id, Micros now) = 0;
  virtual StatusOr<std::int64_t> CountUnread(std::int64_t user_id) = 0;
  virtual StatusOr<std::int64_t> Count(std::int64_t user_id) = 0;
};

struct PasswordReset {
  std::string token_hash;
  std::int64_t user_id = 0;
  Micros created_at = 0;
  Micros expires_at = 0;
  std::optional<Micros> used_at;
};

class PasswordResetRepo {
 public:
  virtual ~PasswordResetRepo() = default;
  virtual Status Insert(const PasswordReset& reset) = 0;
  virtual StatusOr<std::optional<PasswordReset>> Find(std::string_view token_hash) = 0;
  // Fails with kFailedPrecondition "reset.used" when already used.
  virtual Status MarkUsed(std::string_view token_hash, Micros now) = 0;
};

struct VendorDataHistoryItem {
  int version = 0;
  Micros created_at = 0;
  std::string created_by_name;
  std::string summary;
};

// The versions of each vendor's data penyedia. Versions are only appended.
class VendorDataRepo {
 public:
  virtual ~VendorDataRepo() = default;
  // Stores `v` as version v.version, which must be the latest + 1: fails
  // with kFailedPrecondition "vendor_data.conflict" when another edit got there first.
  virtual Status Append(const domain::VendorDataVersion& v) = 0;
  // The latest version; version 0 (empty data) when none is recorded.
  virtual StatusOr<domain::VendorDataVersion> Latest(std::int64_t vendor_id) = 0;
  // One version; nullopt when it does not exist.
  virtual StatusOr<std::optional<domain::VendorDataVersion>> Get(std::int64_t vendor_id,
                                                                 int version) = 0;
  // The version in force at `at` (the last created at or before it);
  // version 0 when none was.
  virtual StatusOr<domain::VendorDataVersion> AsOf(std::int64_t vendor_id, Micros at) = 0;
  // Newest first.
  virtual StatusOr<std::vector<VendorDataHistoryItem>> History(std::int64_t vendor_id) = 0;
};

// An account's authenticator app (TOTP, RFC 6238). The shared secret is kept
// only sealed (CryptoPort::Seal) under a key derived from the server secret.
struct TotpCredential {
  std::int64_t user_id = 0;
  std::string secret_sealed;
  // The time step of the last code accepted: no code of that step or an
  // earlier one is accepted again (RFC 6238 §5.2).
  std::int64_t last_step = 0;
  Micros enabled_at = 0;
};

// The second factor of accounts: the TOTP credential and the single-use
// recovery codes, which are stored only as hashes.
class SecondFactorRepo {
 public:
  virtual ~SecondFactorRepo() = default;
  virtual StatusOr<std::optional<TotpCredential>> Find(std::int64_t user_id) = 0;
  // Fails with kAlreadyExists "totp.already_enabled".
  virtual Status Insert(const TotpCredential& credential) = 0;
  // Records that a code of time step `step` was accepted. Fails with
  // kFailedPrecondition "totp.code_reused" unless `step` is after the stored
  // last_step, so two requests racing with one code cannot both pass.
  virtual Status AdvanceStep(std::int64_t user_id, std::int64_t step) = 0;
  // Removes the credential and the recovery codes. False when there was none.
  virtual StatusOr<bool> Delete(std::int64_t user_id) = 0;
  // Replaces every recovery code of the account with these hashes.
  virtual Status ReplaceRecoveryCodes(std::int64_t user_id, const std::vector<std::string>& hashes,
                                      Micros now) = 0;
  // Spends one recovery code. Fails with kFailedPrecondition
  // "totp.recovery_code_unknown" when the account has no unused code of
  // that hash.
  virtual Status UseRecoveryCode(std::int64_t user_id, std::string_view hash, Micros now) = 0;
  virtual StatusOr<int> CountUnusedRecoveryCodes(std::int64_t user_id) = 0;
};

// A sign-in waiting for its second factor: the password was right, the code
// has not come yet. The browser holds a random token; only its SHA-256 is
// stored.
struct LoginChallenge {
  std::string token_hash;
  std::int64_t user_id = 0;
  Micros created_at = 0;
  Micros expires_at = 0;
  std::string client_addr;
  std::string user_agent;
};

class LoginChallengeRepo {
 public:
  virtual ~LoginChallengeRepo() = default;
  virtual Status Insert(const LoginChallenge& challenge) = 0;
  virtual StatusOr<std::optional<LoginChallenge>> Find(std::string_view token_hash) = 0;
  virtual Status Delete(std::string_view token_hash) = 0;
  // Forgets challenges that expired before `now`.
  virtual Status DeleteExpired(Micros now) = 0;
};

// Registration (Pasal 21): a confirmation link mailed to the address that
// asked to register. Only its SHA-256 is stored.
struct RegistrationRequest {
  std::string token_hash;
  std::string email;
  Micros created_at = 0;
  Micros expires_at = 0;
  std::optional<Micros> used_at;
};

class RegistrationRepo {
 public:
  virtual ~RegistrationRepo() = default;
  virtual Status InsertRequest(const RegistrationRequest& request) = 0;
  virtual StatusOr<std::optional<RegistrationRequest>> FindRequest(std::string_view token_hash) = 0;
  // Fails with kFailedPrecondition "registration.link_invalid" when already used.
  virtual Status MarkRequestUsed(std::string_view token_hash, Micros now) = 0;
  // Whether an account already has this email address (case-insensitive).
  virtual StatusOr<bool> EmailInUse(std::string_view email) = 0;
  // Accounts waiting for the Verifikator (status submitted), the oldest
  // submission first.
  virtual StatusOr<std::vector<std::int64_t>> Submitted(int limit) = 0;
  // Unverified vendor accounts created before `created_before` that are on no
  // Daftar Hitam entry: the self-registrations that expired.
  virtual StatusOr<std::vector<std::int64_t>> Stale(Micros created_before, int limit) = 0;
  // Removes the account with its roles, sessions, inbox, vendor row and
  // document rows. The blobs stay (see AccountDocumentRepo::CountBlobReferences).
  virtual Status DeleteAccount(std::int64_t user_id) = 0;
};

class VendorRepo {
 public:
  virtual ~VendorRepo() = default;
  // Fails with kAlreadyExists "vendor.npwp_taken" when another vendor has the NPWP.
  virtual Status Insert(const domain::Vendor& vendor) = 0;
  // Replaces every field but user_id and created_at; same failure as Insert.
  virtual Status Update(const domain::Vendor& vendor) = 0;
  virtual StatusOr<std::optional<domain::Vendor>> FindByUser(std::int64_t user_id) = 0;
};

class AccountDocumentRepo {
 public:
  virtual ~AccountDocumentRepo() = default;
  virtual StatusOr<std::int64_t> Insert(const domain::AccountDocument& doc) = 0;
  // Marks `id` as replaced by `by` (the history is kept).
  virtual Status Supersede(std::int64_t id, std::int64_t by) = 0;
  virtual Status SetOriginalSeen(std::int64_t id, bool seen) = 0;
  virtual StatusOr<std::optional<domain::AccountDocument>> Find(std::int64_t id) = 0;
  // Every document of the account, current and superseded, oldest first.
  virtual StatusOr<std::vector<domain::AccountDocument>> ForUser(std::int64_t user_id) = 0;
  // Rows anywhere in the database that name the blob (account documents,
  // announcement attachments, package documents, tender minutes, tender
  // documents): a blob file may go only when this is 0.
  virtual StatusOr<std::int64_t> CountBlobReferences(std::string_view sha256) = 0;
};

// The LPSE's working calendar: its working weekdays and hours, and its
// holidays (by local date, one name each).
class CalendarRepo {
 public:
  virtual ~CalendarRepo() = default;
  // nullopt until Admin Sistem first sets them (the defaults of WorkWeek apply).
  virtual StatusOr<std::optional<domain::WorkWeek>> Week() = 0;
  virtual Status PutWeek(const domain::WorkWeek& week) = 0;
  // Fails with kAlreadyExists "calendar.holiday_exists" when the date has one.
  virtual Status InsertHoliday(const domain::Holiday& holiday, Micros created_at,
                               std::int64_t created_by) = 0;
  // False when the date had none.
  virtual StatusOr<bool> DeleteHoliday(std::string_view date) = 0;
  virtual StatusOr<std::optional<domain::Holiday>> FindHoliday(std::string_view date) = 0;
  // Every holiday, by date.
  virtual StatusOr<std::vector<domain::Holiday>> Holidays() = 0;
};

// Which published tenders a search shows (Cari Paket). Empty fields do not filter.
// Which published tenders the public lists show. Empty fields do not filter.
struct TenderFilter {
  // Every word of it begins a word of the tender code, the package name, the
  // agency, the satker, or a RUP item's location or description (any case;
  // words are runs of letters and digits, at most kMaxSearchWords count). Text
  // without a single word finds nothing.
  std::string text;
  std::string procurement_type;  // of the package's first RUP item
  std::optional<int> fiscal_year;
  std::optional<std::int64_t> agency_id;  // the package's agency (an SKPD or other institution)
  std::optional<std::int64_t> satker_id;  // the agency of the package's first RUP item
  std::string procedure_code;             // the catalogue procedure it follows
  // The catalogue stage a running tender is in at `now` (starts_at <= now < ends_at).
  std::string stage;
  Micros now = 0;
  bool running_only = false;  // status berjalan only
  int limit = 25;
  int offset = 0;
  static constexpr int kMaxSearchWords = 8;
  static constexpr int kCountCap = 1000;
};

// A published tender as the public lists show it, with what it was stored
// with from its package and the package's first RUP item.
struct PublicTender {
  domain::Tender tender;
  std::string package_name;
  std::string procurement_type;
  int fiscal_year = 0;
  Money hps;
};

// Tenders and their schedules (issue 4).
class TenderRepo {
 public:
  virtual ~TenderRepo() = default;
  // Stores the tender with its schedule (and publication, if any); sets its
  // code. Returns the id. Also copies what the public search needs from the
  // package, its RUP items and agencies (REQUIRES: the package exists), and
  // indexes the tender's words.
  virtual StatusOr<std::int64_t> Insert(const domain::Tender& t) = 0;
  // Replaces status, publication, end reason, schedule and change counts,
  // and copies and indexes the searchable fields again.
  virtual Status Update(const domain::Tender& t) = 0;
  virtual StatusOr<std::optional<domain::Tender>> FindById(std::int64_t id) = 0;
  // Every tender of a package, oldest first (a re-tender follows a failed one).
  virtual StatusOr<std::vector<domain::Tender>> ForPackage(std::int64_t package_id) = 0;
  virtual StatusOr<std::int64_t> AddChange(const domain::ScheduleChangeRecord& change) = 0;
  // Oldest first.
  virtual StatusOr<std::vector<domain::ScheduleChangeRecord>> Changes(std::int64_t tender_id) = 0;
  // Published tenders (never drafts) matching `f`, newest publication first
  // (then highest id), also when `f.text` is given.
  virtual StatusOr<std::vector<PublicTender>> SearchPublic(const TenderFilter& f) = 0;
  // How many SearchPublic lists in all; with `f.text`, at most
  // TenderFilter::kCountCap + 1 (more than the cap is all a list needs to say).
  virtual StatusOr<std::int64_t> CountPublic(const TenderFilter& f) = 0;
};

// Vendors in tenders, the Pemberian Penjelasan and the Berita Acara (issue 4).
class ParticipationRepo {
 public:
  virtual ~ParticipationRepo() = default;
  // kAlreadyExists "participation.already_joined" when the vendor is in already.
  virtual Status Join(const domain::Participant& p) = 0;
  virtual StatusOr<std::optional<domain::Participant>> Find(std::int64_t tender_id,
                                                            std::int64_t vendor_user_id) = 0;
  // Oldest first, with each vendor's company name.
  virtual StatusOr<std::vector<domain::Participant>> Participants(std::int64_t tender_id) = 0;
  virtual StatusOr<std::int64_t> CountParticipants(std::int64_t tender_id) = 0;
  // The tenders the vendor joined, newest first.
  virtual StatusOr<std::vector<std::int64_t>> TendersOf(std::int64_t vendor_user_id) = 0;

  virtual StatusOr<std::int64_t> AddQuestion(const domain::TenderQuestion& q) = 0;
  // Sets the answer once: kFailedPrecondition "aanwijzing.already_answered"
  // when it has one, kNotFound "aanwijzing.question_not_found".
  virtual Status Answer(std::int64_t question_id, std::string_view answer, std::int64_t by,
                        Micros at) = 0;
  virtual StatusOr<std::optional<domain::TenderQuestion>> FindQuestion(std::int64_t id) = 0;
  // Oldest first.
  virtual StatusOr<std::vector<domain::TenderQuestion>> Questions(std::int64_t tender_id) = 0;

  // kAlreadyExists "minutes.already_issued" for the same tender, kind and stage.
  virtual StatusOr<std::int64_t> AddMinutes(const domain::TenderMinutes& m) = 0;
  virtual StatusOr<std::vector<domain::TenderMinutes>> Minutes(std::int64_t tender_id) = 0;
};

// The stage boundaries the scheduler recorded (issue 4, item 9).
class StageEventRepo {
 public:
  virtual ~StageEventRepo() = default;
  // Records the boundary unless the same one (tender, stage, start or end) is
  // recorded already, by an earlier tick or by another instance at the same
  // time: then false, and nothing changes.
  virtual StatusOr<bool> Record(const domain::RecordedStageEvent& e) = 0;
  // The tender's recorded boundaries in the order they fell due.
  virtual StatusOr<std::vector<domain::RecordedStageEvent>> ForTender(std::int64_t tender_id) = 0;
  // The running tenders with a stage start or end, or their publication, in
  // (after, until], by id. Cheap however many tenders there are: it reads
  // only the stages and tenders in that period (indexed).
  virtual StatusOr<std::vector<std::int64_t>> RunningTendersDue(Micros after, Micros until) = 0;
};

// What a tender asks and hands out (issue 4, items 4, 6, 8): its
// qualification requirements, its documents (every version kept), the
// addenda issued after publication and every download of a document.
class TenderDocumentRepo {
 public:
  virtual ~TenderDocumentRepo() = default;
  // In the order the Pokja listed them.
  virtual StatusOr<std::vector<domain::Requirement>> Requirements(std::int64_t tender_id) = 0;
  virtual Status ReplaceRequirements(std::int64_t tender_id,
                                     const std::vector<domain::Requirement>& list) = 0;
  // Stores `doc` as the next version of its kind in the tender (sets
  // doc.version and doc.id); returns the id.
  virtual StatusOr<std::int64_t> AddDocument(domain::TenderDocument& doc) = 0;
  // Every version of every document of the tender, by kind then version.
  virtual StatusOr<std::vector<domain::TenderDocument>> Documents(std::int64_t tender_id) = 0;
  virtual StatusOr<std::optional<domain::TenderDocument>> FindDocument(std::int64_t id) = 0;
  // Stores `a` as the tender's next addendum (sets a.number and a.id).
  virtual StatusOr<std::int64_t> AddAddendum(domain::TenderAddendum& a) = 0;
  // Oldest first.
  virtual StatusOr<std::vector<domain::TenderAddendum>> Addenda(std::int64_t tender_id) = 0;
  virtual Status LogDownload(const domain::DocumentDownload& d) = 0;
  // Newest first, with each user's username; at most `limit`.
  virtual StatusOr<std::vector<domain::DocumentDownload>> Downloads(std::int64_t tender_id,
                                                                    int limit) = 0;
  virtual StatusOr<std::int64_t> CountDownloads(std::int64_t tender_id) = 0;
};

// Which RUP items a list or search shows. Empty fields do not filter.
struct RupFilter {
  std::vector<std::int64_t> agency_ids;  // any of these agencies
  std::optional<domain::RupStatus> status;
  std::optional<int> fiscal_year;
  std::string procurement_type;
  std::string method;
  std::string funding;
  std::string text;  // in the code, name, location or description (case-insensitive)
  int limit = 50;
  int offset = 0;
};

// The Rencana Umum Pengadaan (Pasal 4(1)a).
class RupRepo {
 public:
  virtual ~RupRepo() = default;
  // Stores a new item and gives it its public code "RUP-<year>-<id, 6
  // digits>"; returns the id.
  virtual StatusOr<std::int64_t> Insert(const domain::RupItem& item) = 0;
  // Replaces every field but id, code, created_by and created_at.
  virtual Status Update(const domain::RupItem& item) = 0;
  virtual StatusOr<std::optional<domain::RupItem>> FindById(std::int64_t id) = 0;
  virtual StatusOr<std::optional<domain::RupItem>> FindByCode(std::string_view code) = 0;
  // Newest fiscal year first, then by code.
  virtual StatusOr<std::vector<domain::RupItem>> Search(const RupFilter& filter) = 0;
  virtual StatusOr<std::int64_t> Count(const RupFilter& filter) = 0;
};

// Which packages a list shows. Empty fields do not filter; the assignee
// fields match either (a Pokja member who is also a Pejabat Pengadaan sees both).
struct PackageFilter {
  std::vector<std::int64_t> agency_ids;
  std::optional<std::int64_t> ppk_id;
  std::vector<std::int64_t> pokja_group_ids;
  std::optional<std::int64_t> official_id;
  int limit = 100;
  int offset = 0;
};

// Packages (Pasal 4(1)b): each with its RUP items, HPS lines and versioned
// documents. Read by the PPK who made it and by the Pokja or Pejabat
// Pengadaan it is handed to; the tender setup reads it from here.
class PackageRepo {
 public:
  virtual ~PackageRepo() = default;
  // Stores the package with its RUP links and HPS lines, giving it its code
  // "PKT-<year>-<id, 6 digits>"; returns the id. Fails with kAlreadyExists
  // "paket.rup_taken" when one of the RUP items is in another package.
  virtual StatusOr<std::int64_t> Insert(const domain::Package& p, int fiscal_year) = 0;
  // Replaces every field, the RUP links and the HPS lines, but id, code,
  // agency, PPK and created_at. Same failure as Insert.
  virtual Status Update(const domain::Package& p) = 0;
  virtual StatusOr<std::optional<domain::Package>> FindById(std::int64_t id) = 0;
  // Newest first.
  virtual StatusOr<std::vector<domain::Package>> List(const PackageFilter& filter) = 0;
  // The package a RUP item is in, if any.
  virtual StatusOr<std::optional<std::int64_t>> PackageOfRup(std::int64_t rup_id) = 0;
  // Stores a document as the next version of its kind in the package; returns its id.
  virtual StatusOr<std::int64_t> AddDocument(domain::PackageDocument& doc) = 0;
  // Every version of every document of the package, by kind then version.
  virtual StatusOr<std::vector<domain::PackageDocument>> Documents(std::int64_t package_id) = 0;
  virtual StatusOr<std::optional<domain::PackageDocument>> FindDocument(std::int64_t id) = 0;
};

// One unit of work. Destroying an uncommitted Tx rolls it back.
// Sealed bids (issue 5): members' personal keys, tender keys with their
// sealed shares, bids with their files, and the closing at the deadline.
class BidRepo {
 public:
  virtual ~BidRepo() = default;
  // The member's current key (not retired).
  virtual StatusOr<std::optional<domain::MemberKey>> CurrentMemberKey(std::int64_t user_id) = 0;
  virtual StatusOr<std::optional<domain::MemberKey>> MemberKeyById(std::int64_t id) = 0;
  // Retires the member's current key (at `k.created_at`) and stores `k`. Returns its id.
  virtual StatusOr<std::int64_t> ReplaceMemberKey(const domain::MemberKey& k) = 0;
  // Whether the member holds a share of a tender key of a running tender.
  virtual StatusOr<bool> HoldsRunningShare(std::int64_t user_id) = 0;

  // kAlreadyExists "key.already_set" when the tender's envelope has one.
  virtual Status InsertTenderKey(const domain::TenderKey& k) = 0;
  // The tender's keys, one per envelope set, in envelope order.
  virtual StatusOr<std::vector<domain::TenderKey>> TenderKeysOf(std::int64_t tender_id) = 0;

  // Stores the bid and its files (positions 0..). Returns the bid's id.
  virtual StatusOr<std::int64_t> InsertBid(const domain::Bid& b) = 0;
  // With its files and the vendor's company name.
  virtual StatusOr<std::optional<domain::Bid>> FindBid(std::int64_t id) = 0;
  // The bid holding the file of upload `upload_id`.
  virtual StatusOr<std::optional<domain::Bid>> BidOfUpload(std::string_view upload_id) = 0;
  // Every bid of the tender (of one vendor when `vendor_user_id` is set),
  // oldest first, with files.
  virtual StatusOr<std::vector<domain::Bid>> BidsOf(std::int64_t tender_id,
                                                   std::optional<std::int64_t> vendor_user_id) = 0;
  virtual Status CompleteFile(std::int64_t file_id, std::string_view blob_sha256, Micros at) = 0;
  // Moves the bid to `status` (not kSubmitted) at `at`, with a reason for kRefused.
  virtual Status EndBid(std::int64_t bid_id, domain::BidStatus status, Micros at,
                        std::string_view reason) = 0;
  // The bid counts: kSubmitted at `at` with its signed receipt.
  virtual Status SubmitBid(std::int64_t bid_id, Micros at, std::string_view receipt,
                           std::string_view signature) = 0;

  // The closing of the tender for bids, recorded once: false when it was
  // recorded already (by an earlier tick or another instance).
  virtual StatusOr<bool> RecordClosing(std::int64_t tender_id, Micros at, int bids,
                                       std::string_view digest) = 0;
  struct Closing {
    Micros at = 0;
    int bids = 0;
    std::string digest;
  };
  virtual StatusOr<std::optional<Closing>> ClosingOf(std::int64_t tender_id) = 0;

  // --- Opening ---
  // kAlreadyExists "opening.already_done" for the same tender and envelope.
  virtual Status InsertOpening(const domain::EnvelopeOpening& o) = 0;
  virtual StatusOr<std::vector<domain::EnvelopeOpening>> OpeningsOf(std::int64_t tender_id) = 0;
  // Once per file: false when it was recorded already.
  virtual StatusOr<bool> RecordFileOpening(const domain::FileOpening& f) = 0;
  virtual StatusOr<std::vector<domain::FileOpening>> FileOpeningsOf(std::int64_t tender_id) = 0;
  virtual Status RecordPrice(const domain::BidPrice& p) = 0;
  virtual StatusOr<std::vector<domain::BidPrice>> PricesOf(std::int64_t tender_id) = 0;
  // The technical result of a bid (dua file), set or corrected.
  virtual Status SetTechnicalResult(std::int64_t bid_id, bool passed, std::string_view reason,
                                    std::int64_t by, Micros at) = 0;
  // bid id -> passed, for the tender's bids that have one.
  virtual StatusOr<std::vector<std::pair<std::int64_t, bool>>> TechnicalResultsOf(
      std::int64_t tender_id) = 0;
  virtual StatusOr<std::int64_t> InsertWitness(const domain::WitnessRecord& w) = 0;
  virtual StatusOr<std::vector<domain::WitnessRecord>> WitnessesOf(std::int64_t tender_id) = 0;
};

// Evaluation and award (issue 6): judgements, the qualification proof,
// the award decisions with their frozen results. Everything is appended;
// nothing is updated or deleted (the tables refuse it).
class EvaluationRepo {
 public:
  virtual ~EvaluationRepo() = default;
  virtual StatusOr<std::int64_t> InsertJudgement(const domain::Judgement& j) = 0;
  // Every judgement of the tender, by id.
  virtual StatusOr<std::vector<domain::Judgement>> JudgementsOf(std::int64_t tender_id) = 0;

  virtual StatusOr<std::int64_t> InsertProofInvitation(const domain::ProofInvitation& inv) = 0;
  // By id.
  virtual StatusOr<std::vector<domain::ProofInvitation>> ProofInvitationsOf(
      std::int64_t tender_id) = 0;
  virtual StatusOr<std::int64_t> InsertProofResult(const domain::ProofResult& r) = 0;
  // By id.
  virtual StatusOr<std::vector<domain::ProofResult>> ProofResultsOf(std::int64_t tender_id) = 0;

  // Stores the decision with its results (in their order) and minutes;
  // `announced_at` and `revoked_at` are ignored. Returns its id.
  virtual StatusOr<std::int64_t> InsertDecision(const domain::AwardDecision& d) = 0;
  // Every decision of the tender, oldest first, with results, announcement
  // and revocation.
  virtual StatusOr<std::vector<domain::AwardDecision>> DecisionsOf(std::int64_t tender_id) = 0;
  // Once per decision: kAlreadyExists "evaluation.already_announced".
  virtual Status Announce(std::int64_t decision_id, Micros at, std::int64_t by) = 0;
  // Once per decision: kAlreadyExists "evaluation.already_revoked".
  virtual Status Revoke(std::int64_t decision_id, Micros at, std::int64_t by,
                        std::string_view reason) = 0;

  // Klarifikasi dan negosiasi with its minutes. Returns its id.
  virtual StatusOr<std::int64_t> InsertNegotiation(const domain::Negotiation& n) = 0;
  // By id.
  virtual StatusOr<std::vector<domain::Negotiation>> NegotiationsOf(std::int64_t tender_id) = 0;
};

// The letters of award (SPPBJ) and the contract versions (issue 6, item 5).
// Everything is appended; nothing is updated or deleted (the tables refuse it).
class ContractRepo {
 public:
  virtual ~ContractRepo() = default;
  // Once per award decision: kAlreadyExists "contract.sppbj_exists".
  virtual StatusOr<std::int64_t> InsertSppbj(const domain::Sppbj& s) = 0;
  // Every SPPBJ of the tender, oldest first.
  virtual StatusOr<std::vector<domain::Sppbj>> SppbjsOf(std::int64_t tender_id) = 0;
  // Once per (SPPBJ, version): kAlreadyExists "contract.version_exists".
  virtual StatusOr<std::int64_t> InsertContract(const domain::Contract& c) = 0;
  // Every contract version of the tender, by SPPBJ then version.
  virtual StatusOr<std::vector<domain::Contract>> ContractsOf(std::int64_t tender_id) = 0;
};

// Invitations to a tender (every invitation-only procedure: Tender Cepat,
// Pengadaan Langsung, Penunjukan Langsung) and the prices of reverse auctions. Both are only appended (the tables refuse
// changes).
class AuctionRepo {
 public:
  virtual ~AuctionRepo() = default;
  // kAlreadyExists "auction.already_invited" when the vendor is invited already.
  virtual StatusOr<std::int64_t> Invite(const domain::TenderInvitation& inv) = 0;
  // The tender's invitations, oldest first, with company names.
  virtual StatusOr<std::vector<domain::TenderInvitation>> InvitationsOf(std::int64_t tender_id) = 0;
  virtual StatusOr<bool> IsInvited(std::int64_t tender_id, std::int64_t vendor_id) = 0;
  // Serialises the bids of one tender: held until the transaction ends, so
  // two transactions bidding on the tender check their prices one after the
  // other against what the earlier one stored. (SQLite's write transaction
  // already holds the only write lock; PostgreSQL locks the tender's row.)
  virtual Status LockTender(std::int64_t tender_id) = 0;
  virtual StatusOr<std::int64_t> InsertBid(const domain::AuctionBid& b) = 0;
  // Every bid of the tender, by id, with company names.
  virtual StatusOr<std::vector<domain::AuctionBid>> BidsOf(std::int64_t tender_id) = 0;
};

// Objections and appeals (sanggah, sanggah banding): each written once,
// never changed (migration 0022's triggers).
class ObjectionRepo {
 public:
  virtual ~ObjectionRepo() = default;
  // Stores the objection with its attachments (in their order); `answer`
  // and the appeal are ignored. kAlreadyExists "objection.already_filed"
  // for a second one of the same vendor against the same decision.
  virtual StatusOr<std::int64_t> Insert(const domain::Objection& o) = 0;
  // Every objection of the tender, by id, with its attachments, answer,
  // appeal and appeal answer.
  virtual StatusOr<std::vector<domain::Objection>> OfTender(std::int64_t tender_id) = 0;
  // Once per objection: kAlreadyExists "objection.already_answered".
  virtual Status Answer(const domain::ObjectionAnswer& a) = 0;
  // Once per objection: kAlreadyExists "appeal.already_filed". Returns its id.
  virtual StatusOr<std::int64_t> InsertAppeal(const domain::Appeal& a) = 0;
  // Once per appeal: kAlreadyExists "appeal.already_answered".
  virtual Status AnswerAppeal(const domain::AppealAnswer& a) = 0;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual UserRepo& users() = 0;
  virtual SessionRepo& sessions() = 0;
  virtual ThrottleRepo& throttle() = 0;
  virtual AgencyRepo& agencies() = 0;
  virtual AnnouncementRepo& announcements() = 0;
  virtual AuditRepo& audit() = 0;
  virtual SettingsRepo& settings() = 0;
  virtual OutboxRepo& outbox() = 0;
  virtual PasswordResetRepo& password_resets() = 0;
  virtual InboxRepo& inbox() = 0;
  virtual PokjaRepo& pokja() = 0;
  virtual BlacklistRepo& blacklist() = 0;
  virtual VendorDataRepo& vendor_data() = 0;
  virtual TenderRepo& tenders() = 0;
  virtual ParticipationRepo& participation() = 0;
  virtual StageEventRepo& stage_events() = 0;
  virtual TenderDocumentRepo& tender_documents() = 0;
  virtual BidRepo& bids() = 0;
  virtual EvaluationRepo& evaluation() = 0;
  virtual ContractRepo& contracts() = 0;
  virtual AuctionRepo& auction() = 0;
  virtual ObjectionRepo& objections() = 0;
  virtual SecondFactorRepo& second_factor() = 0;
  virtual LoginChallengeRepo& login_challenges() = 0;
  virtual RegistrationRepo& registrations() = 0;
  virtual VendorRepo& vendors() = 0;
  virtual AccountDocumentRepo& documents() = 0;
  virtual CalendarRepo& calendar() = 0;
  virtual RupRepo& rup() = 0;
  virtual PackageRepo& packages() = 0;
  virtual Status Commit() = 0;
};

enum class Access { kRead, kWrite };

class Store {
 public:
  virtual ~Store() = default;
  // Starts a unit of work. kWrite takes the write lock at once (SQLite's
  // BEGIN IMMEDIATE), so concurrent writers queue instead of failing late.
  // Thread-safe; blocks while every pooled connection is busy.
  virtual StatusOr<std::unique_ptr<Tx>> Begin(Access access) = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view dialect() const = 0;
};

// Content-addressed file storage (implemented by storage::BlobStore).
struct BlobInfo {
  std::string sha256;  // lowercase hex of the bytes
  std::uint64_t size = 0;
};

// One file being written. Destroying it uncommitted leaves nothing behind.
class BlobSink {
 public:
  virtual ~BlobSink() = default;
  // Fails with "blob.too_large" past the sink's limit.
  virtual Status Append(std::string_view bytes) = 0;
  // Durable (fsync) under its content name once this returns.
  virtual StatusOr<BlobInfo> Commit() = 0;
};

class BlobPort {
 public:
  virtual ~BlobPort() = default;
  virtual StatusOr<std::unique_ptr<BlobSink>> NewSink(std::uint64_t max_bytes) = 0;
  // Makes the finished file at `path` a blob without copying it where it can:
  // the file is fsynced, hashed and hard-linked under its content name, and
  // the directory fsynced, so a crash leaves either the whole blob or none.
  // `path` itself stays until its owner removes it. Idempotent: adopting the
  // same bytes again returns the same blob. "blob.io_error", "blob.not_found".
  // REQUIRES: nobody writes the file any more.
  virtual StatusOr<BlobInfo> Adopt(const std::string& path) = 0;
  // The file holding the blob: "blob.not_found", "blob.name_invalid".
  virtual StatusOr<std::string> FileOf(std::string_view sha256) const = 0;
  // Deletes the blob's file; OK when it is already gone.
  // REQUIRES: nothing references it any more.
  virtual Status Remove(std::string_view sha256) = 0;
};

// A printable document: a title, sections of label/value rows and
// paragraphs, and signature blocks at the end. Registration forms now, the
// Berita Acara of the tender later.
struct PrintedRow {
  std::string label;
  std::string value;
};
struct PrintedSection {
  std::string heading;  // may be empty
  std::vector<PrintedRow> rows;
  std::vector<std::string> paragraphs;  // after the rows
};
struct PrintedSignature {
  std::string caption;  // "Bangkalan, ...", "Penanggung jawab"
  std::string name;     // printed under the space for the signature
  std::string detail;   // position, NIP, ... (may be empty)
};
struct PrintedDocument {
  std::string title;
  std::string subtitle;  // may be empty
  std::string issuer;    // the header line: the LPSE's name
  std::vector<PrintedSection> sections;
  std::vector<PrintedSignature> signatures;
};

// Turns a PrintedDocument into PDF bytes (implemented in src/pdf).
class DocumentPrinter {
 public:
  virtual ~DocumentPrinter() = default;
  // Reasons: "pdf.error".
  virtual StatusOr<std::string> Render(const PrintedDocument& doc) = 0;
};

// Delivers one message now (SMTP). Blocking; called from the mail worker.
class MailSender {
 public:
  virtual ~MailSender() = default;
  virtual Status Send(const domain::OutgoingMail& mail) = 0;
};

// Turns a named message and its values into a subject and a body in both
// UI languages (templates are data: web/mail/).
struct ComposedMail {
  std::string subject;
  std::string body;
};
class MailComposer {
 public:
  virtual ~MailComposer() = default;
  virtual StatusOr<ComposedMail> Compose(
      std::string_view name, const std::vector<std::pair<std::string, std::string>>& values) = 0;
};

// The cryptography the use cases need (implemented in src/crypto).
class CryptoPort {
 public:
  virtual ~CryptoPort() = default;
  // argon2id PHC string. Expensive: callers bound their concurrency.
  virtual StatusOr<std::string> HashPassword(std::string_view password) = 0;
  virtual bool VerifyPassword(std::string_view phc, std::string_view password) = 0;
  // `bytes` CSPRNG bytes as unpadded base64url.
  virtual std::string RandomToken(size_t bytes) = 0;
  // `bytes` raw CSPRNG bytes.
  virtual std::string RandomBytes(size_t bytes) = 0;
  virtual std::string Sha256Hex(std::string_view data) = 0;
  virtual std::string Hmac(std::string_view key, std::string_view message) = 0;
  virtual bool ConstantTimeEquals(std::string_view a, std::string_view b) = 0;
  // Authenticated encryption of `plaintext` under a key derived from `key`
  // (any length), as printable text. A fresh random nonce each call.
  virtual std::string Seal(std::string_view key, std::string_view plaintext) = 0;
  // The plaintext, or nullopt when `sealed` was not made by Seal under `key`
  // or was altered.
  virtual std::optional<std::string> Open(std::string_view key, std::string_view sealed) = 0;
};

// Opens sealed bid files with a tender key rebuilt from k shares
// (implemented in src/crypto; the key lives only in memory).
struct SealedOpenResult {
  Status status;                  // OK, or "seal.*" / "blob.*" / "upload.io_error"
  std::string ciphertext_sha256;  // of every byte read, whatever the outcome
  std::uint64_t ciphertext_size = 0;
  std::optional<BlobInfo> plaintext;  // the opened file, committed (OK only)
  std::string small;  // the opened bytes too, when OK and at most `keep_up_to` long
};
class EnvelopeOpenerPort {
 public:
  virtual ~EnvelopeOpenerPort() = default;
  // The base64url X25519 public key of a 32-byte secret key ("key.format").
  virtual StatusOr<std::string> PublicKeyOf(std::string_view secret_key) = 0;
  // Streams the sealed file at `path` through the opener into `sink`; the
  // sink is committed only when the whole file opened. A file that opens to
  // at most `keep_up_to` bytes is also returned in `small` (price forms).
  virtual SealedOpenResult OpenSealed(std::string_view secret_key, const std::string& path,
                                      std::unique_ptr<BlobSink> sink,
                                      std::size_t keep_up_to = 0) = 0;
  // The opened price form, read from its JSON ("price_form.invalid").
  virtual StatusOr<domain::PriceForm> ReadPriceForm(std::string_view json) = 0;
};

// The server's signature on what it hands out (bid receipts), implemented
// in src/crypto with Ed25519. Thread-safe.
class SignerPort {
 public:
  virtual ~SignerPort() = default;
  // The detached signature of exactly the bytes of `text`, unpadded base64url.
  virtual std::string Sign(std::string_view text) = 0;
  // The key that verifies Sign's signatures, unpadded base64url.
  virtual std::string PublicKey() const = 0;
};

// Time-based one-time passwords (RFC 6238 over RFC 4226, HMAC-SHA-1),
// implemented in src/crypto. `secret` is the raw shared secret; time is
// Unix seconds, counted in steps of `step_seconds` from the epoch.
class TotpPort {
 public:
  virtual ~TotpPort() = default;
  // RFC 4648 base32 of `bytes`, without padding: what authenticator apps take.
  virtual std::string Base32(std::string_view bytes) = 0;
  // The `digits`-digit code of `secret` at `unix_seconds`.
  virtual StatusOr<std::string> Generate(std::string_view secret, std::int64_t unix_seconds,
                                         int step_seconds, int digits) = 0;
  // The time step, among the one of `unix_seconds` and `window` steps on
  // each side, whose code is `code`; nullopt when none is. Compares in
  // constant time.
  virtual std::optional<std::int64_t> Match(std::string_view secret, std::int64_t unix_seconds,
                                            int step_seconds, int window,
                                            std::string_view code) = 0;
};

}  // namespace spse::app

#endif  // SPSE_APP_PORTS_H_
