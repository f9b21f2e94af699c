// The records of the foundation: accounts, agencies, LPSE announcements and
// audit entries, with their validation rules.
#ifndef SPSE_DOMAIN_RECORDS_H_
#define SPSE_DOMAIN_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/registration.h"
#include "domain/role.h"

namespace spse::domain {

// An agency: an SKPD of the regency, a satker (work unit) under an SKPD, or an
// outside institution served by the LPSE (BUMD, vertical agency; Pasal 28(1)).
enum class AgencyKind { kSkpd, kSatker, kInstitution };
std::string_view AgencyKindCode(AgencyKind kind);  // "skpd", "satker", "institusi"
std::optional<AgencyKind> ParseAgencyKind(std::string_view code);

struct Agency {
  std::int64_t id = 0;
  AgencyKind kind = AgencyKind::kSkpd;
  std::string code;   // short code, unique: "DPUPR", "RSUD-SYAMRABU"
  std::string name;
  std::optional<std::int64_t> parent_id;  // the SKPD of a satker
  std::string address;
  bool active = true;
};
// Reasons: "agency.code_invalid", "agency.name_required", "agency.parent_required"
// (a satker belongs to an SKPD), "agency.parent_forbidden".
Status ValidateAgency(const Agency& agency);

struct User {
  std::int64_t id = 0;
  std::string username;  // the User ID
  std::string full_name;
  std::string email;
  RoleSet roles;
  std::optional<std::int64_t> agency_id;
  bool active = true;
  bool must_change_password = false;
  bool notify_email = true;   // notices also by mail, not only in the inbox
  std::string deactivation_reason;  // shown to the user while inactive
  AccountVerification verification;  // Pasal 21(2): verified before it may act
  std::string password_hash;  // PHC string; never leaves storage and crypto
  Micros created_at = 0;
};
// Reasons: "user.username_invalid" (3-32 of a-z 0-9 . _ -), "user.name_required",
// "user.email_invalid", "user.agency_required", plus ValidateRoleSet's.
Status ValidateUser(const User& user);

// LPSE announcements (Pasal 22c, 25(4)). Maintenance and technical-problem
// notices show as a site-wide banner while active.
enum class AnnouncementKind { kNews, kMaintenance, kProblem };
std::string_view AnnouncementKindCode(AnnouncementKind kind);  // "berita", "pemeliharaan", "gangguan"
std::optional<AnnouncementKind> ParseAnnouncementKind(std::string_view code);

// Pasal 9(4): the Verifikator deactivates a User ID for a breach of the
// terms of use, or at the blacklist request of a PA/KPA, PPK, Pokja/ULP or
// Pejabat Pengadaan, identified by its letter.
enum class DeactivationSource { kTermsBreach, kBlacklistRequest };
std::string_view DeactivationSourceCode(DeactivationSource s);  // "pelanggaran", "permintaan_daftar_hitam"
std::optional<DeactivationSource> ParseDeactivationSource(std::string_view code);

struct Deactivation {
  DeactivationSource source = DeactivationSource::kTermsBreach;
  std::string reason;
  std::string letter;  // the requesting letter's number; required for a blacklist request
};
// Reasons: "deactivation.reason_required", "deactivation.letter_required".
Status ValidateDeactivation(const Deactivation& d);

// An entry of the Daftar Hitam (blacklist), public while in force.
struct BlacklistEntry {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string vendor_name;
  std::string sk_number;  // the decree (SK) that imposes it
  std::string violation;
  Micros starts_at = 0;
  std::optional<Micros> ends_at;
  std::int64_t created_by = 0;
  Micros created_at = 0;
};
// Reasons: "blacklist.sk_required", "blacklist.violation_required",
// "blacklist.ends_before_start".
Status ValidateBlacklistEntry(const BlacklistEntry& e);
bool InForce(const BlacklistEntry& e, Micros now);

// A Pokja Pemilihan: a named committee of Pokja members, one of them its
// chair (the chair publishes tenders and sets the opening quorum later).
struct PokjaGroup {
  std::int64_t id = 0;
  std::string name;
  std::int64_t agency_id = 0;
  std::int64_t chair_id = 0;
  std::vector<std::int64_t> member_ids;  // the chair included
  bool active = true;
  Micros created_at = 0;
};
// Reasons: "pokja.name_required", "pokja.too_few_members" (at least three),
// "pokja.even_members" (an odd number, so votes cannot tie),
// "pokja.duplicate_member", "pokja.chair_not_member".
Status ValidatePokjaGroup(const PokjaGroup& group);

// A file attached to a record, kept in the blob store under its SHA-256.
struct Attachment {
  std::string sha256;
  std::string filename;      // safe to show and to send in Content-Disposition
  std::string content_type;  // decided from the bytes, never from the client
  std::uint64_t size = 0;
};

// The content type of a document whose first bytes are `head`: PDF, PNG or
// JPEG; "" for anything else (refused).
std::string_view SniffDocumentType(std::string_view head);
// A filename reduced to letters, digits, space, '.', '-', '_' and '(' ')',
// at most 100 bytes, never starting with '.'; "lampiran" when nothing is left.
std::string SafeFilename(std::string_view name);

struct Announcement {
  std::int64_t id = 0;
  AnnouncementKind kind = AnnouncementKind::kNews;
  std::string title;
  std::string body;
  Micros starts_at = 0;
  std::optional<Micros> ends_at;
  std::int64_t author_id = 0;
  std::string author_name;
  Micros created_at = 0;
  std::optional<Attachment> attachment;
};
// Reasons: "announcement.title_required", "announcement.body_required",
// "announcement.ends_before_start", "announcement.too_long".
Status ValidateAnnouncement(const Announcement& a);
// Whether the notice is in its window at `now`.
bool IsActive(const Announcement& a, Micros now);
// Whether it shows as the site-wide banner at `now`.
bool ShowsBanner(const Announcement& a, Micros now);

// A notice in a user's in-application inbox.
struct InboxMessage {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  Micros created_at = 0;
  std::string subject;
  std::string body;
  std::optional<Micros> read_at;
};

// A message waiting in the outbox.
struct OutgoingMail {
  std::int64_t id = 0;
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8
  Micros created_at = 0;
  Micros next_attempt_at = 0;
  int attempts = 0;
};

// Mail delivery retries: 1, 2, 4 ... minutes, at most an hour apart; after
// kMailMaxAttempts failed attempts the message is given up (status failed).
inline constexpr int kMailMaxAttempts = 10;
// The delay before the next attempt after `attempts` failed ones (>= 1).
Micros MailRetryDelay(int attempts);

// One line of the audit trail, written in the transaction of the change.
struct AuditEntry {
  std::int64_t id = 0;
  Micros at = 0;
  std::int64_t actor_id = 0;  // 0: the system or an anonymous visitor
  std::string actor_name;     // username at the time
  std::string actor_role;     // role codes held at the time
  std::string action;         // "user.create", "auth.login", ...
  std::string object_type;    // "user", "agency", ...
  std::string object_id;
  std::string summary;        // what changed, human-readable, no secrets
  std::string client_addr;
};

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_RECORDS_H_
