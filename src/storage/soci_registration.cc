#include "storage/soci_registration.h"

#include <soci/soci.h>

#include <cctype>

#include "storage/soci_guard.h"

namespace spse::storage {
namespace {

using domain::AccountDocument;
using domain::Vendor;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class SociRegistrations final : public app::RegistrationRepo {
 public:
  explicit SociRegistrations(soci::session& sql) : sql_(sql) {}

  Status InsertRequest(const app::RegistrationRequest& r) override {
    return Guard("registrations.insert", [&]() -> Status {
      long long created = r.created_at, expires = r.expires_at;
      sql_ << "INSERT INTO registration_requests (token_hash, email, created_at, expires_at) "
              "VALUES (:h, :e, :c, :x)",
          soci::use(r.token_hash, "h"), soci::use(r.email, "e"), soci::use(created, "c"),
          soci::use(expires, "x");
      return OkStatus();
    });
  }

  StatusOr<std::optional<app::RegistrationRequest>> FindRequest(
      std::string_view token_hash) override {
    return Guard("registrations.find", [&]() -> StatusOr<std::optional<app::RegistrationRequest>> {
      app::RegistrationRequest r;
      std::string key(token_hash);
      long long created = 0, expires = 0, used = 0;
      soci::indicator used_ind = soci::i_null;
      sql_ << "SELECT token_hash, email, created_at, expires_at, used_at FROM "
              "registration_requests WHERE token_hash = :h",
          soci::use(key, "h"), soci::into(r.token_hash), soci::into(r.email), soci::into(created),
          soci::into(expires), soci::into(used, used_ind);
      if (!sql_.got_data()) return std::optional<app::RegistrationRequest>();
      r.created_at = created;
      r.expires_at = expires;
      if (used_ind == soci::i_ok) r.used_at = used;
      return std::optional<app::RegistrationRequest>(std::move(r));
    });
  }

  Status MarkRequestUsed(std::string_view token_hash, Micros now) override {
    return Guard("registrations.use", [&]() -> Status {
      std::string key(token_hash);
      long long t = now;
      soci::statement st = (sql_.prepare << "UPDATE registration_requests SET used_at = :t WHERE "
                                            "token_hash = :h AND used_at IS NULL",
                            soci::use(t, "t"), soci::use(key, "h"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return FailedPrecondition("registration.link_invalid");
      return OkStatus();
    });
  }

  StatusOr<bool> EmailInUse(std::string_view email) override {
    return Guard("registrations.email_in_use", [&]() -> StatusOr<bool> {
      std::string key = Lower(email);
      long long n = 0;
      sql_ << "SELECT COUNT(*) FROM users WHERE LOWER(email) = :e", soci::use(key, "e"),
          soci::into(n);
      return n > 0;
    });
  }

  StatusOr<std::vector<std::int64_t>> Submitted(int limit) override {
    return Guard("registrations.submitted", [&]() -> StatusOr<std::vector<std::int64_t>> {
      long long id = 0, lim = limit;
      std::vector<std::int64_t> out;
      soci::statement st = (sql_.prepare << "SELECT id FROM users WHERE verification_status = "
                                            "'submitted' ORDER BY submitted_at, id LIMIT :l",
                            soci::use(lim, "l"), soci::into(id));
      st.execute();
      while (st.fetch()) out.push_back(id);
      return out;
    });
  }

  StatusOr<std::vector<std::int64_t>> Stale(Micros created_before, int limit) override {
    return Guard("registrations.stale", [&]() -> StatusOr<std::vector<std::int64_t>> {
      long long id = 0, before = created_before, lim = limit;
      std::vector<std::int64_t> out;
      soci::statement st =
          (sql_.prepare << "SELECT u.id FROM users u WHERE u.verification_status <> 'verified' "
                           "AND u.created_at < :b AND EXISTS (SELECT 1 FROM user_roles r WHERE "
                           "r.user_id = u.id AND r.role = 'penyedia') AND NOT EXISTS (SELECT 1 "
                           "FROM blacklist b WHERE b.user_id = u.id) ORDER BY u.id LIMIT :l",
           soci::use(before, "b"), soci::use(lim, "l"), soci::into(id));
      st.execute();
      while (st.fetch()) out.push_back(id);
      return out;
    });
  }

  Status DeleteAccount(std::int64_t user_id) override {
    return Guard("registrations.delete_account", [&]() -> Status {
      long long id = user_id;
      // Roles, sessions, inbox, resets, the vendor row and documents cascade.
      soci::statement st = (sql_.prepare << "DELETE FROM users WHERE id = :id", soci::use(id, "id"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("user.not_found");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

class SociVendors final : public app::VendorRepo {
 public:
  explicit SociVendors(soci::session& sql) : sql_(sql) {}

  Status Insert(const Vendor& v) override {
    return Guard("vendors.insert", [&]() -> Status {
      long long user = v.user_id, created = v.created_at, updated = v.updated_at;
      try {
        sql_ << "INSERT INTO vendors (user_id, company_name, business_form, npwp, address, "
                "regency, province, phone, company_email, responsible_name, responsible_position, "
                "responsible_nik, created_at, updated_at) VALUES (:u, :cn, :bf, :np, :ad, :rg, "
                ":pv, :ph, :em, :rn, :rp, :nik, :c, :up)",
            soci::use(user, "u"), soci::use(v.company_name, "cn"), soci::use(v.business_form, "bf"),
            soci::use(v.npwp, "np"), soci::use(v.address, "ad"), soci::use(v.regency, "rg"),
            soci::use(v.province, "pv"), soci::use(v.phone, "ph"), soci::use(v.company_email, "em"),
            soci::use(v.responsible_name, "rn"), soci::use(v.responsible_position, "rp"),
            soci::use(v.responsible_nik, "nik"), soci::use(created, "c"), soci::use(updated, "up");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("vendor.npwp_taken");
        throw;
      }
      return OkStatus();
    });
  }

  Status Update(const Vendor& v) override {
    return Guard("vendors.update", [&]() -> Status {
      long long user = v.user_id, updated = v.updated_at;
      try {
        soci::statement st =
            (sql_.prepare << "UPDATE vendors SET company_name = :cn, business_form = :bf, npwp = "
                             ":np, address = :ad, regency = :rg, province = :pv, phone = :ph, "
                             "company_email = :em, responsible_name = :rn, responsible_position = "
                             ":rp, responsible_nik = :nik, updated_at = :up WHERE user_id = :u",
             soci::use(v.company_name, "cn"), soci::use(v.business_form, "bf"),
             soci::use(v.npwp, "np"), soci::use(v.address, "ad"), soci::use(v.regency, "rg"),
             soci::use(v.province, "pv"), soci::use(v.phone, "ph"),
             soci::use(v.company_email, "em"), soci::use(v.responsible_name, "rn"),
             soci::use(v.responsible_position, "rp"), soci::use(v.responsible_nik, "nik"),
             soci::use(updated, "up"), soci::use(user, "u"));
        st.execute(true);
        if (st.get_affected_rows() == 0) return NotFound("vendor.not_found");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("vendor.npwp_taken");
        throw;
      }
      return OkStatus();
    });
  }

  StatusOr<std::optional<Vendor>> FindByUser(std::int64_t user_id) override {
    return Guard("vendors.find", [&]() -> StatusOr<std::optional<Vendor>> {
      Vendor v;
      long long user = user_id, created = 0, updated = 0;
      sql_ << "SELECT company_name, business_form, npwp, address, regency, province, phone, "
              "company_email, responsible_name, responsible_position, responsible_nik, "
              "created_at, updated_at FROM vendors WHERE user_id = :u",
          soci::use(user, "u"), soci::into(v.company_name), soci::into(v.business_form),
          soci::into(v.npwp), soci::into(v.address), soci::into(v.regency),
          soci::into(v.province), soci::into(v.phone), soci::into(v.company_email),
          soci::into(v.responsible_name), soci::into(v.responsible_position),
          soci::into(v.responsible_nik), soci::into(created), soci::into(updated);
      if (!sql_.got_data()) return std::optional<Vendor>();
      v.user_id = user_id;
      v.created_at = created;
      v.updated_at = updated;
      return std::optional<Vendor>(std::move(v));
    });
  }

 private:
  soci::session& sql_;
};

class SociAccountDocuments final : public app::AccountDocumentRepo {
 public:
  explicit SociAccountDocuments(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const AccountDocument& d) override {
    return Guard("documents.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, user = d.user_id, size = static_cast<long long>(d.size),
                at = d.uploaded_at, by = d.uploaded_by;
      int seen = d.original_seen ? 1 : 0;
      std::string kind(domain::DocumentKindCode(d.kind));
      sql_ << "INSERT INTO account_documents (user_id, kind, licence_type, sha256, filename, "
              "content_type, size, uploaded_at, uploaded_by, original_seen) VALUES (:u, :k, :l, "
              ":h, :f, :t, :s, :a, :b, :o) RETURNING id",
          soci::use(user, "u"), soci::use(kind, "k"), soci::use(d.licence_type, "l"),
          soci::use(d.sha256, "h"), soci::use(d.filename, "f"), soci::use(d.content_type, "t"),
          soci::use(size, "s"), soci::use(at, "a"), soci::use(by, "b"), soci::use(seen, "o"),
          soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  Status Supersede(std::int64_t id, std::int64_t by) override {
    return Guard("documents.supersede", [&]() -> Status {
      long long doc = id, newer = by;
      soci::statement st = (sql_.prepare << "UPDATE account_documents SET superseded_by = :b "
                                            "WHERE id = :id AND superseded_by IS NULL",
                            soci::use(newer, "b"), soci::use(doc, "id"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("document.not_found");
      return OkStatus();
    });
  }

  Status SetOriginalSeen(std::int64_t id, bool seen) override {
    return Guard("documents.seen", [&]() -> Status {
      long long doc = id;
      int value = seen ? 1 : 0;
      soci::statement st = (sql_.prepare << "UPDATE account_documents SET original_seen = :s "
                                            "WHERE id = :id",
                            soci::use(value, "s"), soci::use(doc, "id"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("document.not_found");
      return OkStatus();
    });
  }

  StatusOr<std::optional<AccountDocument>> Find(std::int64_t id) override {
    return Guard("documents.find", [&]() -> StatusOr<std::optional<AccountDocument>> {
      auto docs = Select(" WHERE id = :k", id);
      if (docs.empty()) return std::optional<AccountDocument>();
      return std::optional<AccountDocument>(std::move(docs.front()));
    });
  }

  StatusOr<std::vector<AccountDocument>> ForUser(std::int64_t user_id) override {
    return Guard("documents.for_user", [&]() -> StatusOr<std::vector<AccountDocument>> {
      return Select(" WHERE user_id = :k", user_id);
    });
  }

  StatusOr<std::int64_t> CountBlobReferences(std::string_view sha256) override {
    return Guard("documents.blob_refs", [&]() -> StatusOr<std::int64_t> {
      std::string key(sha256);
      long long docs = 0, announcements = 0, packages = 0, minutes = 0, tender_docs = 0;
      sql_ << "SELECT COUNT(*) FROM account_documents WHERE sha256 = :h", soci::use(key, "h"),
          soci::into(docs);
      sql_ << "SELECT COUNT(*) FROM package_documents WHERE sha256 = :h", soci::use(key, "h"),
          soci::into(packages);
      sql_ << "SELECT COUNT(*) FROM announcements WHERE attachment_sha256 = :h",
          soci::use(key, "h"), soci::into(announcements);
      sql_ << "SELECT COUNT(*) FROM tender_minutes WHERE blob_sha256 = :h", soci::use(key, "h"),
          soci::into(minutes);
      sql_ << "SELECT COUNT(*) FROM tender_documents WHERE sha256 = :h", soci::use(key, "h"),
          soci::into(tender_docs);
      return static_cast<std::int64_t>(docs + announcements + packages + minutes + tender_docs);
    });
  }

 private:
  std::vector<AccountDocument> Select(const std::string& where, long long key) {
    std::vector<AccountDocument> out;
    AccountDocument d;
    long long id = 0, user = 0, size = 0, at = 0, by = 0, superseded = 0;
    int seen = 0;
    soci::indicator superseded_ind = soci::i_null;
    std::string kind;
    soci::statement st =
        (sql_.prepare << "SELECT id, user_id, kind, licence_type, sha256, filename, content_type, "
                         "size, uploaded_at, uploaded_by, original_seen, superseded_by FROM "
                         "account_documents" + where + " ORDER BY id",
         soci::use(key, "k"), soci::into(id), soci::into(user), soci::into(kind),
         soci::into(d.licence_type), soci::into(d.sha256), soci::into(d.filename),
         soci::into(d.content_type), soci::into(size), soci::into(at), soci::into(by),
         soci::into(seen), soci::into(superseded, superseded_ind));
    st.execute();
    while (st.fetch()) {
      auto parsed = domain::ParseDocumentKind(kind);
      if (!parsed) continue;
      d.id = id;
      d.user_id = user;
      d.kind = *parsed;
      d.size = static_cast<std::uint64_t>(size);
      d.uploaded_at = at;
      d.uploaded_by = by;
      d.original_seen = seen != 0;
      d.superseded_by =
          superseded_ind == soci::i_ok ? std::optional<std::int64_t>(superseded) : std::nullopt;
      out.push_back(d);
    }
    return out;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::RegistrationRepo> NewRegistrationRepo(soci::session& sql) {
  return std::make_unique<SociRegistrations>(sql);
}
std::unique_ptr<app::VendorRepo> NewVendorRepo(soci::session& sql) {
  return std::make_unique<SociVendors>(sql);
}
std::unique_ptr<app::AccountDocumentRepo> NewAccountDocumentRepo(soci::session& sql) {
  return std::make_unique<SociAccountDocuments>(sql);
}

}  // namespace spse::storage
