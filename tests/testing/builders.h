// Builders for the records the tests make: a valid record with unique names by
// default (so rows never collide in a shared database); a test sets only what
// its rule is about.
//
//   domain::User user = AUser().Roles({domain::Role::kPpk}).InAgency(skpd_id);
//   domain::Agency satker = ASatkerUnder(skpd_id).WithCode("SATKER-1");
#ifndef SPSE_TESTS_TESTING_BUILDERS_H_
#define SPSE_TESTS_TESTING_BUILDERS_H_

#include <cstdint>
#include <string>
#include <utility>

#include "app/ports.h"
#include "base/clock.h"
#include "domain/records.h"
#include "testing/unique.h"

namespace spse::testing {

// 2026-01-01T00:00:00Z: a plausible "now" for rows whose time does not matter.
inline constexpr Micros kJan2026 = 1'767'225'600 * kMicrosPerSecond;

class UserBuilder {
 public:
  UserBuilder() {
    user_.username = Unique("u");
    user_.full_name = "Pengguna Uji";
    user_.email = user_.username + "@bangkalankab.go.id";
    user_.roles = {domain::Role::kAuditor};
    user_.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    user_.created_at = kJan2026;
  }
  UserBuilder& Username(std::string username) {
    user_.username = std::move(username);
    return *this;
  }
  UserBuilder& FullName(std::string name) {
    user_.full_name = std::move(name);
    return *this;
  }
  UserBuilder& Email(std::string email) {
    user_.email = std::move(email);
    return *this;
  }
  UserBuilder& Roles(domain::RoleSet roles) {
    user_.roles = roles;
    return *this;
  }
  UserBuilder& InAgency(std::int64_t id) {
    user_.agency_id = id;
    return *this;
  }
  UserBuilder& Inactive() {
    user_.active = false;
    return *this;
  }
  UserBuilder& MustChangePassword() {
    user_.must_change_password = true;
    return *this;
  }
  UserBuilder& PasswordHash(std::string hash) {
    user_.password_hash = std::move(hash);
    return *this;
  }
  UserBuilder& CreatedAt(Micros t) {
    user_.created_at = t;
    return *this;
  }
  operator domain::User() const { return user_; }  // NOLINT: builder
  domain::User Build() const { return user_; }

 private:
  domain::User user_;
};
inline UserBuilder AUser() { return UserBuilder(); }

class AgencyBuilder {
 public:
  explicit AgencyBuilder(domain::AgencyKind kind) {
    agency_.kind = kind;
    agency_.code = UniqueCode("A");
    agency_.name = "Dinas Uji " + agency_.code;
  }
  AgencyBuilder& Kind(domain::AgencyKind kind) {
    agency_.kind = kind;
    return *this;
  }
  AgencyBuilder& WithCode(std::string code) {
    agency_.code = std::move(code);
    return *this;
  }
  AgencyBuilder& Name(std::string name) {
    agency_.name = std::move(name);
    return *this;
  }
  AgencyBuilder& Under(std::int64_t parent_id) {
    agency_.parent_id = parent_id;
    return *this;
  }
  AgencyBuilder& Address(std::string address) {
    agency_.address = std::move(address);
    return *this;
  }
  AgencyBuilder& Inactive() {
    agency_.active = false;
    return *this;
  }
  operator domain::Agency() const { return agency_; }  // NOLINT: builder
  domain::Agency Build() const { return agency_; }

 private:
  domain::Agency agency_;
};
inline AgencyBuilder AnSkpd() { return AgencyBuilder(domain::AgencyKind::kSkpd); }
inline AgencyBuilder ASatkerUnder(std::int64_t skpd_id) {
  return AgencyBuilder(domain::AgencyKind::kSatker).Under(skpd_id);
}
inline AgencyBuilder AnInstitution() { return AgencyBuilder(domain::AgencyKind::kInstitution); }

class AnnouncementBuilder {
 public:
  AnnouncementBuilder(domain::AnnouncementKind kind, std::int64_t author_id) {
    a_.kind = kind;
    a_.title = "Pengumuman " + Unique("p");
    a_.body = "Isi pengumuman.";
    a_.starts_at = kJan2026;
    a_.author_id = author_id;
    a_.created_at = kJan2026;
  }
  AnnouncementBuilder& Kind(domain::AnnouncementKind kind) {
    a_.kind = kind;
    return *this;
  }
  AnnouncementBuilder& Title(std::string title) {
    a_.title = std::move(title);
    return *this;
  }
  AnnouncementBuilder& Body(std::string body) {
    a_.body = std::move(body);
    return *this;
  }
  AnnouncementBuilder& From(Micros t) {
    a_.starts_at = t;
    return *this;
  }
  AnnouncementBuilder& Until(Micros t) {
    a_.ends_at = t;
    return *this;
  }
  operator domain::Announcement() const { return a_; }  // NOLINT: builder
  domain::Announcement Build() const { return a_; }

 private:
  domain::Announcement a_;
};
inline AnnouncementBuilder ANewsBy(std::int64_t author_id) {
  return AnnouncementBuilder(domain::AnnouncementKind::kNews, author_id);
}
inline AnnouncementBuilder AMaintenanceNoticeBy(std::int64_t author_id) {
  return AnnouncementBuilder(domain::AnnouncementKind::kMaintenance, author_id);
}

class AuditEntryBuilder {
 public:
  AuditEntryBuilder() {
    e_.at = kJan2026;
    e_.actor_id = 0;
    e_.actor_name = Unique("actor");
    e_.actor_role = "admin_sistem";
    e_.action = "user.create";
    e_.object_type = "user";
    e_.object_id = "1";
    e_.summary = "created a user";
    e_.client_addr = "192.0.2.10";
  }
  AuditEntryBuilder& By(std::string actor_name) {
    e_.actor_name = std::move(actor_name);
    return *this;
  }
  AuditEntryBuilder& ById(std::int64_t actor_id) {
    e_.actor_id = actor_id;
    return *this;
  }
  AuditEntryBuilder& Action(std::string action) {
    e_.action = std::move(action);
    return *this;
  }
  AuditEntryBuilder& On(std::string type, std::string id) {
    e_.object_type = std::move(type);
    e_.object_id = std::move(id);
    return *this;
  }
  AuditEntryBuilder& At(Micros t) {
    e_.at = t;
    return *this;
  }
  AuditEntryBuilder& Summary(std::string summary) {
    e_.summary = std::move(summary);
    return *this;
  }
  operator domain::AuditEntry() const { return e_; }  // NOLINT: builder
  domain::AuditEntry Build() const { return e_; }

 private:
  domain::AuditEntry e_;
};
inline AuditEntryBuilder AnAuditEntry() { return AuditEntryBuilder(); }

class SessionBuilder {
 public:
  explicit SessionBuilder(std::int64_t user_id) {
    s_.id_hash = Unique("session");
    s_.user_id = user_id;
    s_.created_at = kJan2026;
    s_.last_seen_at = kJan2026;
    s_.client_addr = "192.0.2.20";
    s_.user_agent = "Mozilla/5.0 (uji)";
  }
  SessionBuilder& CreatedAt(Micros t) {
    s_.created_at = t;
    return *this;
  }
  SessionBuilder& SeenAt(Micros t) {
    s_.last_seen_at = t;
    return *this;
  }
  operator app::SessionRecord() const { return s_; }  // NOLINT: builder
  app::SessionRecord Build() const { return s_; }

 private:
  app::SessionRecord s_;
};
inline SessionBuilder ASessionOf(std::int64_t user_id) { return SessionBuilder(user_id); }

}  // namespace spse::testing

#endif  // SPSE_TESTS_TESTING_BUILDERS_H_
