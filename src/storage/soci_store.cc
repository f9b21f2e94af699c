// The Store over SOCI: one implementation of every repository for both
// dialects, with the differences kept in Dialect.
#include <soci/soci.h>

#include <algorithm>
#include <mutex>
#include <string>

#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/migrations.h"
#include "storage/soci_repos.h"
#include "storage/soci_guard.h"
#include "storage/soci_registration.h"

namespace spse::storage {
namespace {

using app::Access;
using domain::Agency;
using domain::Announcement;
using domain::AuditEntry;
using domain::User;
using domain::FailureRecord;

// ---------------------------------------------------------------- users

class SociUsers final : public app::UserRepo {
 public:
  explicit SociUsers(soci::session& sql) : sql_(sql) {}

  StatusOr<std::optional<User>> FindById(std::int64_t id) override {
    return Guard("users.find_by_id", [&]() -> StatusOr<std::optional<User>> {
      return FindWhere("id = :k", static_cast<long long>(id));
    });
  }

  StatusOr<std::optional<User>> FindByUsername(std::string_view username) override {
    return Guard("users.find_by_username", [&]() -> StatusOr<std::optional<User>> {
      return FindWhere("username = :k", std::string(username));
    });
  }

  StatusOr<std::int64_t> Insert(const User& u) override {
    return Guard("users.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0;
      long long agency = u.agency_id.value_or(0);
      soci::indicator agency_ind = u.agency_id ? soci::i_ok : soci::i_null;
      int active = u.active ? 1 : 0, must = u.must_change_password ? 1 : 0,
          notify = u.notify_email ? 1 : 0;
      long long created = u.created_at;
      try {
        sql_ << "INSERT INTO users (username, full_name, email, agency_id, active, "
                "must_change_password, password_hash, created_at, notify_email, "
                "deactivation_reason) VALUES (:u, :n, :e, :a, :ac, :m, :h, :c, :ne, :dr) "
                "RETURNING id",
            soci::use(u.username, "u"), soci::use(u.full_name, "n"), soci::use(u.email, "e"),
            soci::use(agency, agency_ind, "a"), soci::use(active, "ac"), soci::use(must, "m"),
            soci::use(u.password_hash, "h"), soci::use(created, "c"), soci::use(notify, "ne"),
            soci::use(u.deactivation_reason, "dr"), soci::into(id);
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("user.username_taken", u.username);
        throw;
      }
      WriteRoles(id, u.roles);
      WriteVerification(id, u.verification);
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const User& u) override {
    return Guard("users.update", [&]() -> Status {
      long long id = u.id;
      long long agency = u.agency_id.value_or(0);
      soci::indicator agency_ind = u.agency_id ? soci::i_ok : soci::i_null;
      int active = u.active ? 1 : 0, must = u.must_change_password ? 1 : 0,
          notify = u.notify_email ? 1 : 0;
      soci::statement st = (sql_.prepare << "UPDATE users SET full_name = :n, email = :e, "
                                            "agency_id = :a, active = :ac, must_change_password = "
                                            ":m, password_hash = :h, notify_email = :ne, "
                                            "deactivation_reason = :dr WHERE id = :id",
                            soci::use(u.full_name, "n"), soci::use(u.email, "e"),
                            soci::use(agency, agency_ind, "a"), soci::use(active, "ac"),
                            soci::use(must, "m"), soci::use(u.password_hash, "h"),
                            soci::use(notify, "ne"), soci::use(u.deactivation_reason, "dr"),
                            soci::use(id, "id"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("user.not_found");
      sql_ << "DELETE FROM user_roles WHERE user_id = :id", soci::use(id, "id");
      WriteRoles(id, u.roles);
      WriteVerification(id, u.verification);
      return OkStatus();
    });
  }

  StatusOr<std::vector<User>> List(const app::UserFilter& f) override {
    return Guard("users.list", [&]() -> StatusOr<std::vector<User>> {
      std::string where = " WHERE 1=1";
      long long agency = f.agency_id.value_or(0);
      std::string role = f.role ? std::string(domain::RoleCode(*f.role)) : "";
      // Case-insensitive on both databases; the text is matched literally.
      std::string text = LikeContains(f.text);
      if (f.agency_id) where += " AND agency_id = :agency";
      if (f.role) where += " AND id IN (SELECT user_id FROM user_roles WHERE role = :role)";
      if (!f.text.empty()) {
        where += " AND (LOWER(username) LIKE :text ESCAPE '\\' OR LOWER(full_name) LIKE :text2 "
                 "ESCAPE '\\')";
      }
      long long limit = f.limit, offset = f.offset;
      std::vector<long long> ids;
      long long id;
      soci::statement st = (sql_.prepare << "SELECT id FROM users" + where +
                                                " ORDER BY username LIMIT :limit OFFSET :offset",
                            soci::into(id));
      if (f.agency_id) st.exchange(soci::use(agency, "agency"));
      if (f.role) st.exchange(soci::use(role, "role"));
      if (!f.text.empty()) {
        st.exchange(soci::use(text, "text"));
        st.exchange(soci::use(text, "text2"));
      }
      st.exchange(soci::use(limit, "limit"));
      st.exchange(soci::use(offset, "offset"));
      st.define_and_bind();
      st.execute();
      while (st.fetch()) ids.push_back(id);
      std::vector<User> out;
      for (long long i : ids) {
        auto u = FindWhere("id = :k", i);
        if (u) out.push_back(std::move(*u));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> Count() override {
    return Guard("users.count", [&]() -> StatusOr<std::int64_t> {
      long long n = 0;
      sql_ << "SELECT COUNT(*) FROM users", soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

  StatusOr<std::int64_t> CountActiveWithRole(domain::Role role) override {
    return Guard("users.count_role", [&]() -> StatusOr<std::int64_t> {
      long long n = 0;
      std::string code(domain::RoleCode(role));
      sql_ << "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE "
              "r.role = :r AND u.active = 1",
          soci::use(code, "r"), soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  template <typename K>
  std::optional<User> FindWhere(const std::string& where, K key) {
    User u;
    long long id = 0, agency = 0, created = 0;
    soci::indicator agency_ind = soci::i_null;
    int active = 0, must = 0, notify = 1;
    sql_ << "SELECT id, username, full_name, email, agency_id, active, must_change_password, "
            "password_hash, created_at, notify_email, deactivation_reason FROM users WHERE " + where,
        soci::use(key, "k"), soci::into(id), soci::into(u.username), soci::into(u.full_name),
        soci::into(u.email), soci::into(agency, agency_ind), soci::into(active), soci::into(must),
        soci::into(u.password_hash), soci::into(created), soci::into(notify),
        soci::into(u.deactivation_reason);
    if (!sql_.got_data()) return std::nullopt;
    u.id = id;
    u.notify_email = notify != 0;
    if (agency_ind == soci::i_ok) u.agency_id = agency;
    u.active = active != 0;
    u.must_change_password = must != 0;
    u.created_at = created;
    std::string role;
    soci::statement st = (sql_.prepare << "SELECT role FROM user_roles WHERE user_id = :id",
                          soci::use(id, "id"), soci::into(role));
    st.execute();
    while (st.fetch()) {
      if (auto r = domain::ParseRole(role)) u.roles.Add(*r);
    }
    ReadVerification(id, u.verification);
    return u;
  }

  // The verification columns (Pasal 21(2)), kept apart like the roles.
  void ReadVerification(long long id, domain::AccountVerification& v) {
    std::string status;
    long long submitted = 0, decided = 0, by = 0;
    soci::indicator submitted_ind = soci::i_null, decided_ind = soci::i_null, by_ind = soci::i_null;
    sql_ << "SELECT verification_status, rejection_note, submitted_at, decided_at, decided_by "
            "FROM users WHERE id = :id",
        soci::use(id, "id"), soci::into(status), soci::into(v.rejection_note),
        soci::into(submitted, submitted_ind), soci::into(decided, decided_ind),
        soci::into(by, by_ind);
    // An unknown status is never taken for verified.
    v.status = domain::ParseAccountStatus(status).value_or(domain::AccountStatus::kDraft);
    v.submitted_at = submitted_ind == soci::i_ok ? std::optional<Micros>(submitted) : std::nullopt;
    v.decided_at = decided_ind == soci::i_ok ? std::optional<Micros>(decided) : std::nullopt;
    v.decided_by = by_ind == soci::i_ok ? std::optional<std::int64_t>(by) : std::nullopt;
  }

  void WriteVerification(long long id, const domain::AccountVerification& v) {
    std::string status(domain::AccountStatusCode(v.status));
    long long submitted = v.submitted_at.value_or(0), decided = v.decided_at.value_or(0),
              by = v.decided_by.value_or(0);
    soci::indicator submitted_ind = v.submitted_at ? soci::i_ok : soci::i_null;
    soci::indicator decided_ind = v.decided_at ? soci::i_ok : soci::i_null;
    soci::indicator by_ind = v.decided_by ? soci::i_ok : soci::i_null;
    sql_ << "UPDATE users SET verification_status = :s, rejection_note = :n, submitted_at = :sa, "
            "decided_at = :da, decided_by = :db WHERE id = :id",
        soci::use(status, "s"), soci::use(v.rejection_note, "n"),
        soci::use(submitted, submitted_ind, "sa"), soci::use(decided, decided_ind, "da"),
        soci::use(by, by_ind, "db"), soci::use(id, "id");
  }

  void WriteRoles(long long id, const domain::RoleSet& roles) {
    for (domain::Role r : roles.ToVector()) {
      std::string code(domain::RoleCode(r));
      sql_ << "INSERT INTO user_roles (user_id, role) VALUES (:id, :r)", soci::use(id, "id"),
          soci::use(code, "r");
    }
  }

  soci::session& sql_;
};

// ---------------------------------------------------------------- sessions

class SociSessions final : public app::SessionRepo {
 public:
  explicit SociSessions(soci::session& sql) : sql_(sql) {}

  Status Insert(const app::SessionRecord& s) override {
    return Guard("sessions.insert", [&]() -> Status {
      long long user = s.user_id, created = s.created_at, seen = s.last_seen_at;
      sql_ << "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, client_addr, "
              "user_agent) VALUES (:h, :u, :c, :s, :a, :g)",
          soci::use(s.id_hash, "h"), soci::use(user, "u"), soci::use(created, "c"),
          soci::use(seen, "s"), soci::use(s.client_addr, "a"), soci::use(s.user_agent, "g");
      return OkStatus();
    });
  }

  StatusOr<std::optional<app::SessionRecord>> Find(std::string_view id_hash) override {
    return Guard("sessions.find", [&]() -> StatusOr<std::optional<app::SessionRecord>> {
      app::SessionRecord s;
      std::string key(id_hash);
      long long user = 0, created = 0, seen = 0;
      sql_ << "SELECT id_hash, user_id, created_at, last_seen_at, client_addr, user_agent FROM "
              "sessions WHERE id_hash = :h",
          soci::use(key, "h"), soci::into(s.id_hash), soci::into(user), soci::into(created),
          soci::into(seen), soci::into(s.client_addr), soci::into(s.user_agent);
      if (!sql_.got_data()) return std::optional<app::SessionRecord>();
      s.user_id = user;
      s.created_at = created;
      s.last_seen_at = seen;
      return std::optional<app::SessionRecord>(std::move(s));
    });
  }

  Status Touch(std::string_view id_hash, Micros now) override {
    return Guard("sessions.touch", [&]() -> Status {
      std::string key(id_hash);
      long long t = now;
      sql_ << "UPDATE sessions SET last_seen_at = :t WHERE id_hash = :h", soci::use(t, "t"),
          soci::use(key, "h");
      return OkStatus();
    });
  }

  Status Delete(std::string_view id_hash) override {
    return Guard("sessions.delete", [&]() -> Status {
      std::string key(id_hash);
      sql_ << "DELETE FROM sessions WHERE id_hash = :h", soci::use(key, "h");
      return OkStatus();
    });
  }

  Status DeleteForUser(std::int64_t user_id, std::string_view keep_hash) override {
    return Guard("sessions.delete_for_user", [&]() -> Status {
      long long user = user_id;
      std::string keep(keep_hash);
      sql_ << "DELETE FROM sessions WHERE user_id = :u AND id_hash <> :k", soci::use(user, "u"),
          soci::use(keep, "k");
      return OkStatus();
    });
  }

  Status DeleteOlderThan(Micros created_before, Micros seen_before) override {
    return Guard("sessions.expire", [&]() -> Status {
      long long c = created_before, s = seen_before;
      sql_ << "DELETE FROM sessions WHERE created_at < :c OR last_seen_at < :s", soci::use(c, "c"),
          soci::use(s, "s");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- throttle

class SociThrottle final : public app::ThrottleRepo {
 public:
  explicit SociThrottle(soci::session& sql) : sql_(sql) {}

  StatusOr<FailureRecord> Get(std::string_view key) override {
    return Guard("throttle.get", [&]() -> StatusOr<FailureRecord> {
      std::string k(key);
      long long failures = 0, last = 0;
      sql_ << "SELECT failures, last_failure FROM login_throttle WHERE key = :k", soci::use(k, "k"),
          soci::into(failures), soci::into(last);
      if (!sql_.got_data()) return FailureRecord{};
      return FailureRecord{static_cast<int>(failures), last};
    });
  }

  Status Put(std::string_view key, const FailureRecord& r) override {
    return Guard("throttle.put", [&]() -> Status {
      std::string k(key);
      long long failures = r.failures, last = r.last_failure;
      sql_ << "INSERT INTO login_throttle (key, failures, last_failure) VALUES (:k, :f, :l) "
              "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
              "last_failure = excluded.last_failure",
          soci::use(k, "k"), soci::use(failures, "f"), soci::use(last, "l");
      return OkStatus();
    });
  }

  Status Clear(std::string_view key) override {
    return Guard("throttle.clear", [&]() -> Status {
      std::string k(key);
      sql_ << "DELETE FROM login_throttle WHERE key = :k", soci::use(k, "k");
      return OkStatus();
    });
  }

  Status DeleteOlderThan(Micros before) override {
    return Guard("throttle.expire", [&]() -> Status {
      long long t = before;
      sql_ << "DELETE FROM login_throttle WHERE last_failure < :t", soci::use(t, "t");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- agencies

class SociAgencies final : public app::AgencyRepo {
 public:
  explicit SociAgencies(soci::session& sql) : sql_(sql) {}

  StatusOr<std::optional<Agency>> FindById(std::int64_t id) override {
    return Guard("agencies.find_by_id", [&]() -> StatusOr<std::optional<Agency>> {
      auto all = Select(" WHERE id = :k", static_cast<long long>(id));
      if (all.empty()) return std::optional<Agency>();
      return std::optional<Agency>(all.front());
    });
  }

  StatusOr<std::optional<Agency>> FindByCode(std::string_view code) override {
    return Guard("agencies.find_by_code", [&]() -> StatusOr<std::optional<Agency>> {
      auto all = Select(" WHERE code = :k", std::string(code));
      if (all.empty()) return std::optional<Agency>();
      return std::optional<Agency>(all.front());
    });
  }

  StatusOr<std::int64_t> Insert(const Agency& a) override {
    return Guard("agencies.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0;
      long long parent = a.parent_id.value_or(0);
      soci::indicator parent_ind = a.parent_id ? soci::i_ok : soci::i_null;
      std::string kind(domain::AgencyKindCode(a.kind));
      int active = a.active ? 1 : 0;
      try {
        sql_ << "INSERT INTO agencies (kind, code, name, parent_id, address, active) VALUES "
                "(:k, :c, :n, :p, :a, :ac) RETURNING id",
            soci::use(kind, "k"), soci::use(a.code, "c"), soci::use(a.name, "n"),
            soci::use(parent, parent_ind, "p"), soci::use(a.address, "a"),
            soci::use(active, "ac"), soci::into(id);
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("agency.code_taken", a.code);
        throw;
      }
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const Agency& a) override {
    return Guard("agencies.update", [&]() -> Status {
      long long id = a.id;
      long long parent = a.parent_id.value_or(0);
      soci::indicator parent_ind = a.parent_id ? soci::i_ok : soci::i_null;
      std::string kind(domain::AgencyKindCode(a.kind));
      int active = a.active ? 1 : 0;
      try {
        soci::statement st =
            (sql_.prepare << "UPDATE agencies SET kind = :k, code = :c, name = :n, parent_id = :p, "
                             "address = :a, active = :ac WHERE id = :id",
             soci::use(kind, "k"), soci::use(a.code, "c"), soci::use(a.name, "n"),
             soci::use(parent, parent_ind, "p"), soci::use(a.address, "a"),
             soci::use(active, "ac"), soci::use(id, "id"));
        st.execute(true);
        if (st.get_affected_rows() == 0) return NotFound("agency.not_found");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("agency.code_taken", a.code);
        throw;
      }
      return OkStatus();
    });
  }

  StatusOr<std::vector<Agency>> List() override {
    return Guard("agencies.list", [&]() -> StatusOr<std::vector<Agency>> {
      return Select(" WHERE 1 = :k", 1LL);
    });
  }

 private:
  template <typename K>
  std::vector<Agency> Select(const std::string& where, K key) {
    std::vector<Agency> out;
    Agency a;
    long long id = 0, parent = 0;
    soci::indicator parent_ind = soci::i_null;
    std::string kind;
    int active = 0;
    soci::statement st =
        (sql_.prepare << "SELECT id, kind, code, name, parent_id, address, active FROM agencies" +
                             where +
                             " ORDER BY CASE kind WHEN 'skpd' THEN 0 WHEN 'satker' THEN 1 ELSE 2 "
                             "END, name",
         soci::use(key, "k"), soci::into(id), soci::into(kind), soci::into(a.code),
         soci::into(a.name), soci::into(parent, parent_ind), soci::into(a.address),
         soci::into(active));
    st.execute();
    while (st.fetch()) {
      a.id = id;
      a.kind = domain::ParseAgencyKind(kind).value_or(domain::AgencyKind::kSkpd);
      a.parent_id = parent_ind == soci::i_ok ? std::optional<std::int64_t>(parent) : std::nullopt;
      a.active = active != 0;
      out.push_back(a);
    }
    return out;
  }

  soci::session& sql_;
};

// ---------------------------------------------------------------- announcements

// The four attachment columns, bound as NULL when there is no attachment.
struct AttachmentCols {
  explicit AttachmentCols(const std::optional<domain::Attachment>& a) {
    if (!a) return;
    ind = soci::i_ok;
    sha = a->sha256;
    name = a->filename;
    type = a->content_type;
    size = static_cast<long long>(a->size);
  }
  soci::indicator ind = soci::i_null;
  std::string sha, name, type;
  long long size = 0;
};

class SociAnnouncements final : public app::AnnouncementRepo {
 public:
  explicit SociAnnouncements(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const Announcement& a) override {
    return Guard("announcements.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, starts = a.starts_at, ends = a.ends_at.value_or(0), author = a.author_id,
                created = a.created_at;
      soci::indicator ends_ind = a.ends_at ? soci::i_ok : soci::i_null;
      std::string kind(domain::AnnouncementKindCode(a.kind));
      AttachmentCols att(a.attachment);
      sql_ << "INSERT INTO announcements (kind, title, body, starts_at, ends_at, author_id, "
              "created_at, attachment_sha256, attachment_name, attachment_type, attachment_size) "
              "VALUES (:k, :t, :b, :s, :e, :a, :c, :as, :an, :at, :az) RETURNING id",
          soci::use(kind, "k"), soci::use(a.title, "t"), soci::use(a.body, "b"),
          soci::use(starts, "s"), soci::use(ends, ends_ind, "e"), soci::use(author, "a"),
          soci::use(created, "c"), soci::use(att.sha, att.ind, "as"),
          soci::use(att.name, att.ind, "an"), soci::use(att.type, att.ind, "at"),
          soci::use(att.size, att.ind, "az"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const Announcement& a) override {
    return Guard("announcements.update", [&]() -> Status {
      long long id = a.id, starts = a.starts_at, ends = a.ends_at.value_or(0);
      soci::indicator ends_ind = a.ends_at ? soci::i_ok : soci::i_null;
      std::string kind(domain::AnnouncementKindCode(a.kind));
      soci::statement st =
          (sql_.prepare << "UPDATE announcements SET kind = :k, title = :t, body = :b, "
                           "starts_at = :s, ends_at = :e WHERE id = :id",
           soci::use(kind, "k"), soci::use(a.title, "t"), soci::use(a.body, "b"),
           soci::use(starts, "s"), soci::use(ends, ends_ind, "e"), soci::use(id, "id"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("announcement.not_found");
      return OkStatus();
    });
  }

  StatusOr<std::optional<Announcement>> FindById(std::int64_t id) override {
    return Guard("announcements.find", [&]() -> StatusOr<std::optional<Announcement>> {
      long long key = id;
      auto all = Select(" WHERE a.id = :k", key, 1);
      if (all.empty()) return std::optional<Announcement>();
      return std::optional<Announcement>(all.front());
    });
  }

  StatusOr<std::vector<Announcement>> List(std::optional<Micros> active_at, int limit) override {
    return Guard("announcements.list", [&]() -> StatusOr<std::vector<Announcement>> {
      if (active_at) {
        long long t = *active_at;
        return Select(" WHERE a.starts_at <= :k AND (a.ends_at IS NULL OR a.ends_at > :k)", t,
                      limit);
      }
      return Select(" WHERE 1 = :k", 1LL, limit);
    });
  }

  StatusOr<std::int64_t> Count() override {
    return Guard("announcements.count", [&]() -> StatusOr<std::int64_t> {
      long long n = 0;
      sql_ << "SELECT COUNT(*) FROM announcements", soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  std::vector<Announcement> Select(const std::string& where, long long key, int limit) {
    std::vector<Announcement> out;
    Announcement a;
    long long id = 0, starts = 0, ends = 0, author = 0, created = 0, lim = limit, att_size = 0;
    soci::indicator ends_ind = soci::i_null, sha_ind = soci::i_null, name_ind = soci::i_null,
                    type_ind = soci::i_null, size_ind = soci::i_null;
    std::string kind, att_sha, att_name, att_type;
    soci::statement st =
        (sql_.prepare << "SELECT a.id, a.kind, a.title, a.body, a.starts_at, a.ends_at, "
                         "a.author_id, u.full_name, a.created_at, a.attachment_sha256, "
                         "a.attachment_name, a.attachment_type, a.attachment_size FROM "
                         "announcements a JOIN users u ON u.id = a.author_id" +
                             where + " ORDER BY a.starts_at DESC, a.id DESC LIMIT :lim",
         soci::use(key, "k"), soci::use(lim, "lim"), soci::into(id), soci::into(kind),
         soci::into(a.title), soci::into(a.body), soci::into(starts), soci::into(ends, ends_ind),
         soci::into(author), soci::into(a.author_name), soci::into(created),
         soci::into(att_sha, sha_ind), soci::into(att_name, name_ind),
         soci::into(att_type, type_ind), soci::into(att_size, size_ind));
    st.execute();
    while (st.fetch()) {
      a.id = id;
      a.kind = domain::ParseAnnouncementKind(kind).value_or(domain::AnnouncementKind::kNews);
      a.starts_at = starts;
      a.ends_at = ends_ind == soci::i_ok ? std::optional<Micros>(ends) : std::nullopt;
      a.author_id = author;
      a.created_at = created;
      a.attachment.reset();
      if (sha_ind == soci::i_ok && name_ind == soci::i_ok && type_ind == soci::i_ok &&
          size_ind == soci::i_ok) {
        a.attachment = domain::Attachment{att_sha, att_name, att_type,
                                          static_cast<std::uint64_t>(att_size)};
      }
      out.push_back(a);
    }
    return out;
  }

  soci::session& sql_;
};

// ---------------------------------------------------------------- audit

class SociAudit final : public app::AuditRepo {
 public:
  explicit SociAudit(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Append(const AuditEntry& e) override {
    return Guard("audit.append", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, at = e.at, actor = e.actor_id;
      sql_ << "INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, object_type, "
              "object_id, summary, client_addr) VALUES (:at, :ai, :an, :ar, :ac, :ot, :oi, :s, "
              ":ca) RETURNING id",
          soci::use(at, "at"), soci::use(actor, "ai"), soci::use(e.actor_name, "an"),
          soci::use(e.actor_role, "ar"), soci::use(e.action, "ac"), soci::use(e.object_type, "ot"),
          soci::use(e.object_id, "oi"), soci::use(e.summary, "s"), soci::use(e.client_addr, "ca"),
          soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<AuditEntry>> Query(const app::AuditFilter& f) override {
    return Guard("audit.query", [&]() -> StatusOr<std::vector<AuditEntry>> {
      Bound b(f);
      std::vector<AuditEntry> out;
      AuditEntry e;
      long long id = 0, at = 0, actor = 0;
      long long limit = std::clamp(f.limit, 1, 500), offset = std::max(f.offset, 0);
      soci::statement st = (sql_.prepare << "SELECT id, at, actor_id, actor_name, actor_role, "
                                            "action, object_type, object_id, summary, "
                                            "client_addr FROM audit_log" +
                                                b.where +
                                                " ORDER BY id DESC LIMIT :limit OFFSET :offset",
                            soci::into(id), soci::into(at), soci::into(actor),
                            soci::into(e.actor_name), soci::into(e.actor_role),
                            soci::into(e.action), soci::into(e.object_type),
                            soci::into(e.object_id), soci::into(e.summary),
                            soci::into(e.client_addr));
      b.Bind(st);
      st.exchange(soci::use(limit, "limit"));
      st.exchange(soci::use(offset, "offset"));
      st.define_and_bind();
      st.execute();
      while (st.fetch()) {
        e.id = id;
        e.at = at;
        e.actor_id = actor;
        out.push_back(e);
      }
      return out;
    });
  }

  StatusOr<std::int64_t> Count(const app::AuditFilter& f) override {
    return Guard("audit.count", [&]() -> StatusOr<std::int64_t> {
      Bound b(f);
      long long n = 0;
      soci::statement st =
          (sql_.prepare << "SELECT COUNT(*) FROM audit_log" + b.where, soci::into(n));
      b.Bind(st);
      st.define_and_bind();
      st.execute(true);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  // The WHERE clause of a filter with its bound values.
  struct Bound {
    explicit Bound(const app::AuditFilter& f)
        : filter(f), action(LikePrefix(f.action)), from(f.from.value_or(0)), to(f.to.value_or(0)) {
      where = " WHERE 1=1";
      if (!f.actor.empty()) where += " AND actor_name = :actor";
      if (!f.action.empty()) where += " AND action LIKE :action ESCAPE '\\'";
      if (!f.object_type.empty()) where += " AND object_type = :otype";
      if (!f.object_id.empty()) where += " AND object_id = :oid";
      if (f.from) where += " AND at >= :from";
      if (f.to) where += " AND at < :to";
    }
    void Bind(soci::statement& st) {
      if (!filter.actor.empty()) st.exchange(soci::use(filter.actor, "actor"));
      if (!filter.action.empty()) st.exchange(soci::use(action, "action"));
      if (!filter.object_type.empty()) st.exchange(soci::use(filter.object_type, "otype"));
      if (!filter.object_id.empty()) st.exchange(soci::use(filter.object_id, "oid"));
      if (filter.from) st.exchange(soci::use(from, "from"));
      if (filter.to) st.exchange(soci::use(to, "to"));
    }
    const app::AuditFilter& filter;
    std::string action;
    long long from, to;
    std::string where;
  };

  soci::session& sql_;
};

// ---------------------------------------------------------------- settings

class SociSettings final : public app::SettingsRepo {
 public:
  explicit SociSettings(soci::session& sql) : sql_(sql) {}

  StatusOr<std::optional<std::string>> Get(std::string_view key) override {
    return Guard("settings.get", [&]() -> StatusOr<std::optional<std::string>> {
      std::string k(key), value;
      sql_ << "SELECT value FROM settings WHERE key = :k", soci::use(k, "k"), soci::into(value);
      if (!sql_.got_data()) return std::optional<std::string>();
      return std::optional<std::string>(value);
    });
  }

  Status Put(std::string_view key, std::string_view value) override {
    return Guard("settings.put", [&]() -> Status {
      std::string k(key), v(value);
      sql_ << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET "
              "value = excluded.value",
          soci::use(k, "k"), soci::use(v, "v");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- outbox

class SociOutbox final : public app::OutboxRepo {
 public:
  explicit SociOutbox(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Enqueue(const domain::OutgoingMail& m) override {
    return Guard("outbox.enqueue", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, created = m.created_at, next = m.next_attempt_at;
      sql_ << "INSERT INTO mail_outbox (recipient, subject, body, created_at, next_attempt_at, "
              "attempts, status) VALUES (:r, :s, :b, :c, :n, 0, 'pending') RETURNING id",
          soci::use(m.to, "r"), soci::use(m.subject, "s"), soci::use(m.body, "b"),
          soci::use(created, "c"), soci::use(next, "n"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<domain::OutgoingMail>> ClaimDue(Micros now, Micros lease,
                                                       int limit) override {
    return Guard("outbox.claim", [&]() -> StatusOr<std::vector<domain::OutgoingMail>> {
      std::vector<domain::OutgoingMail> due;
      domain::OutgoingMail m;
      long long id = 0, created = 0, next = 0, attempts = 0, t = now, lim = limit;
      soci::statement st =
          (sql_.prepare << "SELECT id, recipient, subject, body, created_at, next_attempt_at, "
                           "attempts FROM mail_outbox WHERE status = 'pending' AND "
                           "next_attempt_at <= :t ORDER BY next_attempt_at, id LIMIT :lim",
           soci::use(t, "t"), soci::use(lim, "lim"), soci::into(id), soci::into(m.to),
           soci::into(m.subject), soci::into(m.body), soci::into(created), soci::into(next),
           soci::into(attempts));
      st.execute();
      while (st.fetch()) {
        m.id = id;
        m.created_at = created;
        m.next_attempt_at = next;
        m.attempts = static_cast<int>(attempts);
        due.push_back(m);
      }
      std::vector<domain::OutgoingMail> claimed;
      for (auto& mail : due) {
        long long mid = mail.id, old_next = mail.next_attempt_at, leased = now + lease;
        // Only one worker moves a given row: the loser sees 0 rows changed.
        soci::statement up = (sql_.prepare << "UPDATE mail_outbox SET next_attempt_at = :l "
                                              "WHERE id = :id AND next_attempt_at = :o AND "
                                              "status = 'pending'",
                              soci::use(leased, "l"), soci::use(mid, "id"),
                              soci::use(old_next, "o"));
        up.execute(true);
        if (up.get_affected_rows() == 1) claimed.push_back(std::move(mail));
      }
      return claimed;
    });
  }

  Status MarkSent(std::int64_t id, Micros now) override {
    return Guard("outbox.sent", [&]() -> Status {
      long long mid = id, t = now;
      sql_ << "UPDATE mail_outbox SET status = 'sent', sent_at = :t, attempts = attempts + 1, "
              "last_error = '' WHERE id = :id",
          soci::use(t, "t"), soci::use(mid, "id");
      return OkStatus();
    });
  }

  Status MarkFailedAttempt(std::int64_t id, int attempts, Micros next_attempt_at, bool give_up,
                           std::string_view error) override {
    return Guard("outbox.failed", [&]() -> Status {
      long long mid = id, n = attempts, next = next_attempt_at;
      std::string status = give_up ? "failed" : "pending";
      std::string err(error.substr(0, 500));
      sql_ << "UPDATE mail_outbox SET attempts = :a, next_attempt_at = :n, status = :s, "
              "last_error = :e WHERE id = :id",
          soci::use(n, "a"), soci::use(next, "n"), soci::use(status, "s"), soci::use(err, "e"),
          soci::use(mid, "id");
      return OkStatus();
    });
  }

  StatusOr<std::int64_t> CountByStatus(std::string_view status) override {
    return Guard("outbox.count", [&]() -> StatusOr<std::int64_t> {
      long long n = 0;
      std::string st(status);
      sql_ << "SELECT COUNT(*) FROM mail_outbox WHERE status = :s", soci::use(st, "s"),
          soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- password resets

class SociPasswordResets final : public app::PasswordResetRepo {
 public:
  explicit SociPasswordResets(soci::session& sql) : sql_(sql) {}

  Status Insert(const app::PasswordReset& r) override {
    return Guard("resets.insert", [&]() -> Status {
      long long user = r.user_id, created = r.created_at, expires = r.expires_at;
      sql_ << "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES "
              "(:h, :u, :c, :e)",
          soci::use(r.token_hash, "h"), soci::use(user, "u"), soci::use(created, "c"),
          soci::use(expires, "e");
      return OkStatus();
    });
  }

  StatusOr<std::optional<app::PasswordReset>> Find(std::string_view token_hash) override {
    return Guard("resets.find", [&]() -> StatusOr<std::optional<app::PasswordReset>> {
      app::PasswordReset r;
      std::string key(token_hash);
      long long user = 0, created = 0, expires = 0, used = 0;
      soci::indicator used_ind = soci::i_null;
      sql_ << "SELECT token_hash, user_id, created_at, expires_at, used_at FROM password_resets "
              "WHERE token_hash = :h",
          soci::use(key, "h"), soci::into(r.token_hash), soci::into(user), soci::into(created),
          soci::into(expires), soci::into(used, used_ind);
      if (!sql_.got_data()) return std::optional<app::PasswordReset>();
      r.user_id = user;
      r.created_at = created;
      r.expires_at = expires;
      if (used_ind == soci::i_ok) r.used_at = used;
      return std::optional<app::PasswordReset>(std::move(r));
    });
  }

  Status MarkUsed(std::string_view token_hash, Micros now) override {
    return Guard("resets.use", [&]() -> Status {
      std::string key(token_hash);
      long long t = now;
      soci::statement st = (sql_.prepare << "UPDATE password_resets SET used_at = :t WHERE "
                                            "token_hash = :h AND used_at IS NULL",
                            soci::use(t, "t"), soci::use(key, "h"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return FailedPrecondition("reset.used");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- inbox

class SociInbox final : public app::InboxRepo {
 public:
  explicit SociInbox(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Deliver(const domain::InboxMessage& m) override {
    return Guard("inbox.deliver", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, user = m.user_id, created = m.created_at;
      sql_ << "INSERT INTO inbox_messages (user_id, created_at, subject, body) VALUES (:u, :c, "
              ":s, :b) RETURNING id",
          soci::use(user, "u"), soci::use(created, "c"), soci::use(m.subject, "s"),
          soci::use(m.body, "b"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<domain::InboxMessage>> List(std::int64_t user_id, int limit,
                                                   int offset) override {
    return Guard("inbox.list", [&]() -> StatusOr<std::vector<domain::InboxMessage>> {
      return Select(" WHERE user_id = :u ORDER BY id DESC LIMIT :lim OFFSET :off", user_id, 0,
                    limit, offset);
    });
  }

  StatusOr<std::optional<domain::InboxMessage>> Find(std::int64_t user_id,
                                                     std::int64_t id) override {
    return Guard("inbox.find", [&]() -> StatusOr<std::optional<domain::InboxMessage>> {
      auto found = Select(" WHERE user_id = :u AND id = :id LIMIT :lim OFFSET :off", user_id, id,
                          1, 0);
      if (found.empty()) return std::optional<domain::InboxMessage>();
      return std::optional<domain::InboxMessage>(found.front());
    });
  }

  Status MarkRead(std::int64_t user_id, std::int64_t id, Micros now) override {
    return Guard("inbox.read", [&]() -> Status {
      long long user = user_id, mid = id, t = now;
      sql_ << "UPDATE inbox_messages SET read_at = :t WHERE user_id = :u AND id = :id AND "
              "read_at IS NULL",
          soci::use(t, "t"), soci::use(user, "u"), soci::use(mid, "id");
      return OkStatus();
    });
  }

  StatusOr<std::int64_t> CountUnread(std::int64_t user_id) override {
    return Guard("inbox.unread", [&]() -> StatusOr<std::int64_t> {
      long long n = 0, user = user_id;
      sql_ << "SELECT COUNT(*) FROM inbox_messages WHERE user_id = :u AND read_at IS NULL",
          soci::use(user, "u"), soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

  StatusOr<std::int64_t> Count(std::int64_t user_id) override {
    return Guard("inbox.count", [&]() -> StatusOr<std::int64_t> {
      long long n = 0, user = user_id;
      sql_ << "SELECT COUNT(*) FROM inbox_messages WHERE user_id = :u", soci::use(user, "u"),
          soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  std::vector<domain::InboxMessage> Select(const std::string& where, std::int64_t user_id,
                                           std::int64_t id, int limit, int offset) {
    std::vector<domain::InboxMessage> out;
    domain::InboxMessage m;
    long long mid = 0, user = 0, created = 0, read = 0, u = user_id, want = id, lim = limit,
              off = offset;
    soci::indicator read_ind = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT id, user_id, created_at, subject, body, read_at FROM "
                         "inbox_messages" + where,
         soci::into(mid), soci::into(user), soci::into(created), soci::into(m.subject),
         soci::into(m.body), soci::into(read, read_ind));
    st.exchange(soci::use(u, "u"));
    if (where.find(":id") != std::string::npos) st.exchange(soci::use(want, "id"));
    st.exchange(soci::use(lim, "lim"));
    st.exchange(soci::use(off, "off"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      m.id = mid;
      m.user_id = user;
      m.created_at = created;
      m.read_at = read_ind == soci::i_ok ? std::optional<Micros>(read) : std::nullopt;
      out.push_back(m);
    }
    return out;
  }

  soci::session& sql_;
};

// ---------------------------------------------------------------- pokja

class SociPokja final : public app::PokjaRepo {
 public:
  explicit SociPokja(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const domain::PokjaGroup& g) override {
    return Guard("pokja.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, agency = g.agency_id, chair = g.chair_id, created = g.created_at;
      int active = g.active ? 1 : 0;
      try {
        sql_ << "INSERT INTO pokja_groups (name, agency_id, chair_id, active, created_at) VALUES "
                "(:n, :a, :c, :ac, :t) RETURNING id",
            soci::use(g.name, "n"), soci::use(agency, "a"), soci::use(chair, "c"),
            soci::use(active, "ac"), soci::use(created, "t"), soci::into(id);
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("pokja.name_taken", g.name);
        throw;
      }
      WriteMembers(id, g.member_ids);
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const domain::PokjaGroup& g) override {
    return Guard("pokja.update", [&]() -> Status {
      long long id = g.id, agency = g.agency_id, chair = g.chair_id;
      int active = g.active ? 1 : 0;
      try {
        soci::statement st = (sql_.prepare << "UPDATE pokja_groups SET name = :n, agency_id = :a, "
                                              "chair_id = :c, active = :ac WHERE id = :id",
                              soci::use(g.name, "n"), soci::use(agency, "a"),
                              soci::use(chair, "c"), soci::use(active, "ac"), soci::use(id, "id"));
        st.execute(true);
        if (st.get_affected_rows() == 0) return NotFound("pokja.not_found");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("pokja.name_taken", g.name);
        throw;
      }
      sql_ << "DELETE FROM pokja_members WHERE group_id = :id", soci::use(id, "id");
      WriteMembers(id, g.member_ids);
      return OkStatus();
    });
  }

  StatusOr<std::optional<domain::PokjaGroup>> FindById(std::int64_t id) override {
    return Guard("pokja.find", [&]() -> StatusOr<std::optional<domain::PokjaGroup>> {
      auto all = Select(" WHERE id = :k", static_cast<long long>(id));
      if (all.empty()) return std::optional<domain::PokjaGroup>();
      return std::optional<domain::PokjaGroup>(all.front());
    });
  }

  StatusOr<std::vector<domain::PokjaGroup>> List() override {
    return Guard("pokja.list", [&]() -> StatusOr<std::vector<domain::PokjaGroup>> {
      return Select(" WHERE 1 = :k", 1LL);
    });
  }

 private:
  void WriteMembers(long long group, const std::vector<std::int64_t>& members) {
    for (std::int64_t m : members) {
      long long user = m;
      sql_ << "INSERT INTO pokja_members (group_id, user_id) VALUES (:g, :u)",
          soci::use(group, "g"), soci::use(user, "u");
    }
  }

  std::vector<domain::PokjaGroup> Select(const std::string& where, long long key) {
    std::vector<domain::PokjaGroup> out;
    domain::PokjaGroup g;
    long long id = 0, agency = 0, chair = 0, created = 0;
    int active = 0;
    soci::statement st =
        (sql_.prepare << "SELECT id, name, agency_id, chair_id, active, created_at FROM "
                         "pokja_groups" + where + " ORDER BY name",
         soci::use(key, "k"), soci::into(id), soci::into(g.name), soci::into(agency),
         soci::into(chair), soci::into(active), soci::into(created));
    st.execute();
    while (st.fetch()) {
      g.id = id;
      g.agency_id = agency;
      g.chair_id = chair;
      g.active = active != 0;
      g.created_at = created;
      out.push_back(g);
    }
    for (auto& group : out) {
      long long gid = group.id, user = 0;
      soci::statement ms = (sql_.prepare << "SELECT user_id FROM pokja_members WHERE group_id = "
                                            ":g ORDER BY user_id",
                            soci::use(gid, "g"), soci::into(user));
      ms.execute();
      while (ms.fetch()) group.member_ids.push_back(user);
    }
    return out;
  }

  soci::session& sql_;
};

// ---------------------------------------------------------------- blacklist

class SociBlacklist final : public app::BlacklistRepo {
 public:
  explicit SociBlacklist(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const domain::BlacklistEntry& e) override {
    return Guard("blacklist.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, user = e.user_id, starts = e.starts_at, ends = e.ends_at.value_or(0),
                by = e.created_by, created = e.created_at;
      soci::indicator ends_ind = e.ends_at ? soci::i_ok : soci::i_null;
      sql_ << "INSERT INTO blacklist (user_id, vendor_name, sk_number, violation, starts_at, "
              "ends_at, created_by, created_at) VALUES (:u, :n, :sk, :v, :s, :e, :b, :c) "
              "RETURNING id",
          soci::use(user, "u"), soci::use(e.vendor_name, "n"), soci::use(e.sk_number, "sk"),
          soci::use(e.violation, "v"), soci::use(starts, "s"), soci::use(ends, ends_ind, "e"),
          soci::use(by, "b"), soci::use(created, "c"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<domain::BlacklistEntry>> InForce(Micros now) override {
    return Guard("blacklist.in_force", [&]() -> StatusOr<std::vector<domain::BlacklistEntry>> {
      return Select(" WHERE starts_at <= :k AND (ends_at IS NULL OR ends_at > :k)", now);
    });
  }

  StatusOr<std::vector<domain::BlacklistEntry>> ForUser(std::int64_t user_id) override {
    return Guard("blacklist.for_user", [&]() -> StatusOr<std::vector<domain::BlacklistEntry>> {
      return Select(" WHERE user_id = :k", user_id);
    });
  }

 private:
  std::vector<domain::BlacklistEntry> Select(const std::string& where, long long key) {
    std::vector<domain::BlacklistEntry> out;
    domain::BlacklistEntry e;
    long long id = 0, user = 0, starts = 0, ends = 0, by = 0, created = 0;
    soci::indicator ends_ind = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT id, user_id, vendor_name, sk_number, violation, starts_at, "
                         "ends_at, created_by, created_at FROM blacklist" + where +
                             " ORDER BY starts_at DESC, id DESC",
         soci::use(key, "k"), soci::into(id), soci::into(user), soci::into(e.vendor_name),
         soci::into(e.sk_number), soci::into(e.violation), soci::into(starts),
         soci::into(ends, ends_ind), soci::into(by), soci::into(created));
    st.execute();
    while (st.fetch()) {
      e.id = id;
      e.user_id = user;
      e.starts_at = starts;
      e.ends_at = ends_ind == soci::i_ok ? std::optional<Micros>(ends) : std::nullopt;
      e.created_by = by;
      e.created_at = created;
      out.push_back(e);
    }
    return out;
  }

  soci::session& sql_;
};

// ---------------------------------------------------------------- second factor

class SociSecondFactor final : public app::SecondFactorRepo {
 public:
  explicit SociSecondFactor(soci::session& sql) : sql_(sql) {}

  StatusOr<std::optional<app::TotpCredential>> Find(std::int64_t user_id) override {
    return Guard("totp.find", [&]() -> StatusOr<std::optional<app::TotpCredential>> {
      app::TotpCredential c;
      long long user = user_id, step = 0, enabled = 0;
      sql_ << "SELECT secret_sealed, last_step, enabled_at FROM totp_credentials WHERE "
              "user_id = :u",
          soci::use(user, "u"), soci::into(c.secret_sealed), soci::into(step),
          soci::into(enabled);
      if (!sql_.got_data()) return std::optional<app::TotpCredential>();
      c.user_id = user_id;
      c.last_step = step;
      c.enabled_at = enabled;
      return std::optional<app::TotpCredential>(std::move(c));
    });
  }

  Status Insert(const app::TotpCredential& c) override {
    return Guard("totp.insert", [&]() -> Status {
      long long user = c.user_id, step = c.last_step, enabled = c.enabled_at;
      try {
        sql_ << "INSERT INTO totp_credentials (user_id, secret_sealed, last_step, enabled_at) "
                "VALUES (:u, :s, :l, :e)",
            soci::use(user, "u"), soci::use(c.secret_sealed, "s"), soci::use(step, "l"),
            soci::use(enabled, "e");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("totp.already_enabled");
        throw;
      }
      return OkStatus();
    });
  }

  Status AdvanceStep(std::int64_t user_id, std::int64_t step) override {
    return Guard("totp.advance", [&]() -> Status {
      long long user = user_id, s = step;
      soci::statement st = (sql_.prepare << "UPDATE totp_credentials SET last_step = :s WHERE "
                                            "user_id = :u AND last_step < :s2",
                            soci::use(s, "s"), soci::use(user, "u"), soci::use(s, "s2"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return FailedPrecondition("totp.code_reused");
      return OkStatus();
    });
  }

  StatusOr<bool> Delete(std::int64_t user_id) override {
    return Guard("totp.delete", [&]() -> StatusOr<bool> {
      long long user = user_id;
      sql_ << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(user, "u");
      soci::statement st = (sql_.prepare << "DELETE FROM totp_credentials WHERE user_id = :u",
                            soci::use(user, "u"));
      st.execute(true);
      return st.get_affected_rows() > 0;
    });
  }

  Status ReplaceRecoveryCodes(std::int64_t user_id, const std::vector<std::string>& hashes,
                              Micros now) override {
    return Guard("totp.recovery_replace", [&]() -> Status {
      long long user = user_id, t = now;
      sql_ << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(user, "u");
      for (const std::string& h : hashes) {
        sql_ << "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (:u, :h, :t)",
            soci::use(user, "u"), soci::use(h, "h"), soci::use(t, "t");
      }
      return OkStatus();
    });
  }

  Status UseRecoveryCode(std::int64_t user_id, std::string_view hash, Micros now) override {
    return Guard("totp.recovery_use", [&]() -> Status {
      long long user = user_id, t = now;
      std::string h(hash);
      soci::statement st = (sql_.prepare << "UPDATE recovery_codes SET used_at = :t WHERE "
                                            "user_id = :u AND code_hash = :h AND used_at IS NULL",
                            soci::use(t, "t"), soci::use(user, "u"), soci::use(h, "h"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return FailedPrecondition("totp.recovery_code_unknown");
      return OkStatus();
    });
  }

  StatusOr<int> CountUnusedRecoveryCodes(std::int64_t user_id) override {
    return Guard("totp.recovery_count", [&]() -> StatusOr<int> {
      long long user = user_id, n = 0;
      sql_ << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL",
          soci::use(user, "u"), soci::into(n);
      return static_cast<int>(n);
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- login challenges

class SociLoginChallenges final : public app::LoginChallengeRepo {
 public:
  explicit SociLoginChallenges(soci::session& sql) : sql_(sql) {}

  Status Insert(const app::LoginChallenge& c) override {
    return Guard("challenges.insert", [&]() -> Status {
      long long user = c.user_id, created = c.created_at, expires = c.expires_at;
      sql_ << "INSERT INTO login_challenges (token_hash, user_id, created_at, expires_at, "
              "client_addr, user_agent) VALUES (:h, :u, :c, :e, :a, :g)",
          soci::use(c.token_hash, "h"), soci::use(user, "u"), soci::use(created, "c"),
          soci::use(expires, "e"), soci::use(c.client_addr, "a"), soci::use(c.user_agent, "g");
      return OkStatus();
    });
  }

  StatusOr<std::optional<app::LoginChallenge>> Find(std::string_view token_hash) override {
    return Guard("challenges.find", [&]() -> StatusOr<std::optional<app::LoginChallenge>> {
      app::LoginChallenge c;
      std::string key(token_hash);
      long long user = 0, created = 0, expires = 0;
      sql_ << "SELECT token_hash, user_id, created_at, expires_at, client_addr, user_agent FROM "
              "login_challenges WHERE token_hash = :h",
          soci::use(key, "h"), soci::into(c.token_hash), soci::into(user), soci::into(created),
          soci::into(expires), soci::into(c.client_addr), soci::into(c.user_agent);
      if (!sql_.got_data()) return std::optional<app::LoginChallenge>();
      c.user_id = user;
      c.created_at = created;
      c.expires_at = expires;
      return std::optional<app::LoginChallenge>(std::move(c));
    });
  }

  Status Delete(std::string_view token_hash) override {
    return Guard("challenges.delete", [&]() -> Status {
      std::string key(token_hash);
      sql_ << "DELETE FROM login_challenges WHERE token_hash = :h", soci::use(key, "h");
      return OkStatus();
    });
  }

  Status DeleteExpired(Micros now) override {
    return Guard("challenges.expire", [&]() -> Status {
      long long t = now;
      sql_ << "DELETE FROM login_challenges WHERE expires_at < :t", soci::use(t, "t");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

// ---------------------------------------------------------------- tx and store

class SociTx final : public app::Tx {
 public:
  SociTx(soci::connection_pool& pool, const Dialect& dialect, Access access)
      : sql_(pool), users_(sql_), sessions_(sql_), throttle_(sql_), agencies_(sql_),
        announcements_(sql_), audit_(sql_), settings_(sql_), outbox_(sql_), resets_(sql_),
        inbox_(sql_), pokja_(sql_), blacklist_(sql_), second_factor_(sql_),
        login_challenges_(sql_), vendor_data_(NewVendorDataRepo(sql_)), tenders_(NewTenderRepo(sql_)),
        participation_(NewParticipationRepo(sql_)), stage_events_(NewStageEventRepo(sql_)),
        tender_documents_(NewTenderDocumentRepo(sql_)), bids_(NewBidRepo(sql_)),
        evaluation_(NewEvaluationRepo(sql_)), contracts_(NewContractRepo(sql_)),
        auction_(NewAuctionRepo(sql_)), objections_(NewObjectionRepo(sql_)),
        registrations_(NewRegistrationRepo(sql_)), vendors_(NewVendorRepo(sql_)),
        documents_(NewAccountDocumentRepo(sql_)), calendar_(NewCalendarRepo(sql_)),
        rup_(NewRupRepo(sql_)), packages_(NewPackageRepo(sql_)) {
    sql_ << (access == Access::kWrite ? dialect.BeginWrite() : dialect.BeginRead());
  }
  ~SociTx() override {
    if (open_) {
      try {
        sql_ << "ROLLBACK";
      } catch (const soci::soci_error&) {
        // The connection is broken; SOCI reopens nothing, the pool keeps it.
      }
    }
  }

  app::UserRepo& users() override { return users_; }
  app::SessionRepo& sessions() override { return sessions_; }
  app::ThrottleRepo& throttle() override { return throttle_; }
  app::AgencyRepo& agencies() override { return agencies_; }
  app::AnnouncementRepo& announcements() override { return announcements_; }
  app::AuditRepo& audit() override { return audit_; }
  app::SettingsRepo& settings() override { return settings_; }
  app::OutboxRepo& outbox() override { return outbox_; }
  app::PasswordResetRepo& password_resets() override { return resets_; }
  app::InboxRepo& inbox() override { return inbox_; }
  app::PokjaRepo& pokja() override { return pokja_; }
  app::BlacklistRepo& blacklist() override { return blacklist_; }
  app::VendorDataRepo& vendor_data() override { return *vendor_data_; }
  app::TenderRepo& tenders() override { return *tenders_; }
  app::ParticipationRepo& participation() override { return *participation_; }
  app::StageEventRepo& stage_events() override { return *stage_events_; }
  app::TenderDocumentRepo& tender_documents() override { return *tender_documents_; }
  app::BidRepo& bids() override { return *bids_; }
  app::EvaluationRepo& evaluation() override { return *evaluation_; }
  app::ContractRepo& contracts() override { return *contracts_; }
  app::AuctionRepo& auction() override { return *auction_; }
  app::ObjectionRepo& objections() override { return *objections_; }
  app::SecondFactorRepo& second_factor() override { return second_factor_; }
  app::LoginChallengeRepo& login_challenges() override { return login_challenges_; }
  app::RegistrationRepo& registrations() override { return *registrations_; }
  app::VendorRepo& vendors() override { return *vendors_; }
  app::AccountDocumentRepo& documents() override { return *documents_; }
  app::CalendarRepo& calendar() override { return *calendar_; }
  app::RupRepo& rup() override { return *rup_; }
  app::PackageRepo& packages() override { return *packages_; }

  Status Commit() override {
    return Guard("commit", [&]() -> Status {
      sql_ << "COMMIT";
      open_ = false;
      return OkStatus();
    });
  }

 private:
  soci::session sql_;
  bool open_ = true;
  SociUsers users_;
  SociSessions sessions_;
  SociThrottle throttle_;
  SociAgencies agencies_;
  SociAnnouncements announcements_;
  SociAudit audit_;
  SociSettings settings_;
  SociOutbox outbox_;
  SociPasswordResets resets_;
  SociInbox inbox_;
  SociPokja pokja_;
  SociBlacklist blacklist_;
  SociSecondFactor second_factor_;
  SociLoginChallenges login_challenges_;
  std::unique_ptr<app::VendorDataRepo> vendor_data_;
  std::unique_ptr<app::TenderRepo> tenders_;
  std::unique_ptr<app::ParticipationRepo> participation_;
  std::unique_ptr<app::StageEventRepo> stage_events_;
  std::unique_ptr<app::TenderDocumentRepo> tender_documents_;
  std::unique_ptr<app::BidRepo> bids_;
  std::unique_ptr<app::EvaluationRepo> evaluation_;
  std::unique_ptr<app::ContractRepo> contracts_;
  std::unique_ptr<app::AuctionRepo> auction_;
  std::unique_ptr<app::ObjectionRepo> objections_;
  std::unique_ptr<app::RegistrationRepo> registrations_;
  std::unique_ptr<app::VendorRepo> vendors_;
  std::unique_ptr<app::AccountDocumentRepo> documents_;
  std::unique_ptr<app::CalendarRepo> calendar_;
  std::unique_ptr<app::RupRepo> rup_;
  std::unique_ptr<app::PackageRepo> packages_;
};

class SociStore final : public app::Store {
 public:
  SociStore(const Dialect& dialect, int size) : dialect_(dialect), pool_(size) {}

  void Open(const std::string& target, int size) {
    for (int i = 0; i < size; ++i) dialect_.Open(pool_.at(i), target);
  }

  StatusOr<std::unique_ptr<app::Tx>> Begin(Access access) override {
    return Guard("begin", [&]() -> StatusOr<std::unique_ptr<app::Tx>> {
      return std::unique_ptr<app::Tx>(std::make_unique<SociTx>(pool_, dialect_, access));
    });
  }

  std::string_view dialect() const override {
    return dialect_.name() == "sqlite" ? "sqlite" : "postgresql";
  }

 private:
  const Dialect& dialect_;
  soci::connection_pool pool_;
};

const Dialect& DialectFor(const DatabaseUrl& url) {
  return url.kind == DatabaseUrl::Kind::kSqlite ? SqliteDialect() : PostgresDialect();
}

int CurrentVersion(soci::session& sql) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

}  // namespace

StatusOr<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.substr(0, kSqlite.size()) == kSqlite) {
    std::string path(url.substr(kSqlite.size()));
    if (path.empty() || path.find('"') != std::string::npos) {
      return InvalidArgument("config.database_url_invalid", std::string(url));
    }
    return DatabaseUrl{DatabaseUrl::Kind::kSqlite, path};
  }
  if (url.substr(0, 13) == "postgresql://" || url.substr(0, 11) == "postgres://") {
    return DatabaseUrl{DatabaseUrl::Kind::kPostgres, std::string(url)};
  }
  return InvalidArgument("config.database_url_invalid", std::string(url));
}

StatusOr<std::unique_ptr<app::Store>> OpenStore(std::string_view url, const OpenOptions& options) {
  SPSE_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  const int size = std::max(1, options.pool_size);
  auto store = std::make_unique<SociStore>(DialectFor(parsed), size);
  try {
    store->Open(parsed.target, size);
  } catch (const soci::soci_error& e) {
    return Unavailable("storage.open_failed", e.what());
  }
  return std::unique_ptr<app::Store>(std::move(store));
}

StatusOr<int> Migrate(std::string_view url) {
  SPSE_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  const Dialect& dialect = DialectFor(parsed);
  try {
    soci::session sql;
    dialect.Open(sql, parsed.target);
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT "
           "NOT NULL, applied_at BIGINT NOT NULL)";
    int applied = 0;
    for (const Migration& m : AllMigrations()) {
      if (m.dialect != dialect.name()) continue;
      sql << dialect.BeginWrite();
      try {
        dialect.LockForMigration(sql);
        // Applied already? Checked per version, not against the highest
        // one, so a migration merged in after a later number still runs.
        int present = 0;
        int version_key = m.version;
        sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v",
            soci::use(version_key, "v"), soci::into(present);
        if (present > 0) {
          sql << "ROLLBACK";
          continue;
        }
        dialect.ExecScript(sql, m.sql);
        std::string name(m.name);
        long long now = SystemClock::Get().Now();
        int version = m.version;
        sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
            soci::use(version, "v"), soci::use(name, "n"), soci::use(now, "t");
        sql << "COMMIT";
        ++applied;
      } catch (...) {
        sql << "ROLLBACK";
        throw;
      }
    }
    return applied;
  } catch (const soci::soci_error& e) {
    return Unavailable("storage.migrate_failed", e.what());
  }
}

StatusOr<int> SchemaVersion(std::string_view url) {
  SPSE_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  try {
    soci::session sql;
    DialectFor(parsed).Open(sql, parsed.target);
    return CurrentVersion(sql);
  } catch (const soci::soci_error& e) {
    if (std::string(e.what()).find("schema_migrations") != std::string::npos) return 0;
    return Unavailable("storage.open_failed", e.what());
  }
}

}  // namespace spse::storage
