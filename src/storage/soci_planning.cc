// The RUP and packages over SOCI. Lists filter with a fixed query in which
// every filter is present and switched off by an empty value, so one
// statement serves both databases; id lists (already integers) are written
// into the query.
#include <cstdio>

#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::Package;
using domain::PackageDocument;
using domain::RupItem;

std::string IdList(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::string PublicCode(const char* prefix, int year, std::int64_t id) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%04d-%06lld", prefix, year, static_cast<long long>(id));
  return buf;
}

// LIKE pattern of a free-text search: lower case, wildcards dropped.
std::string LikePattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out + "%";
}

constexpr const char* kRupColumns =
    "id, code, agency_id, name, fiscal_year, pagu_sen, funding, procurement_type, method, "
    "selection_from, selection_to, work_from, work_to, location, description, status, "
    "cancel_reason, created_by, created_at, updated_at, published_at";

// One row of kRupColumns.
struct RupRow {
  long long id = 0, agency = 0, pagu = 0, by = 0, created = 0, updated = 0, published = 0;
  soci::indicator published_ind = soci::i_null;
  std::string status;
  RupItem item;

  RupItem Take() {
    item.id = id;
    item.agency_id = agency;
    item.pagu = Money::FromSen(pagu);
    item.created_by = by;
    item.created_at = created;
    item.updated_at = updated;
    item.published_at = published_ind == soci::i_ok ? std::optional<Micros>(published) : std::nullopt;
    item.status = domain::ParseRupStatus(status).value_or(domain::RupStatus::kDraft);
    return item;
  }
};

template <typename Stmt>
void IntoRup(Stmt& st, RupRow& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.item.code));
  st.exchange(soci::into(r.agency));
  st.exchange(soci::into(r.item.name));
  st.exchange(soci::into(r.item.fiscal_year));
  st.exchange(soci::into(r.pagu));
  st.exchange(soci::into(r.item.funding));
  st.exchange(soci::into(r.item.procurement_type));
  st.exchange(soci::into(r.item.method));
  st.exchange(soci::into(r.item.selection_from));
  st.exchange(soci::into(r.item.selection_to));
  st.exchange(soci::into(r.item.work_from));
  st.exchange(soci::into(r.item.work_to));
  st.exchange(soci::into(r.item.location));
  st.exchange(soci::into(r.item.description));
  st.exchange(soci::into(r.status));
  st.exchange(soci::into(r.item.cancel_reason));
  st.exchange(soci::into(r.by));
  st.exchange(soci::into(r.created));
  st.exchange(soci::into(r.updated));
  st.exchange(soci::into(r.published, r.published_ind));
}

class SociRup final : public app::RupRepo {
 public:
  explicit SociRup(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const RupItem& item) override {
    return Guard("rup.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0;
      Bound b(item);
      sql_ << "INSERT INTO rup_items (agency_id, name, fiscal_year, pagu_sen, funding, "
              "procurement_type, method, selection_from, selection_to, work_from, work_to, "
              "location, description, status, cancel_reason, created_by, created_at, updated_at, "
              "published_at) VALUES (:a, :n, :y, :p, :f, :t, :m, :sf, :st, :wf, :wt, :l, :d, :s, "
              ":cr, :b, :c, :u, :pa) RETURNING id",
          soci::use(b.agency, "a"), soci::use(item.name, "n"), soci::use(item.fiscal_year, "y"),
          soci::use(b.pagu, "p"), soci::use(item.funding, "f"),
          soci::use(item.procurement_type, "t"), soci::use(item.method, "m"),
          soci::use(item.selection_from, "sf"), soci::use(item.selection_to, "st"),
          soci::use(item.work_from, "wf"), soci::use(item.work_to, "wt"),
          soci::use(item.location, "l"), soci::use(item.description, "d"),
          soci::use(b.status, "s"), soci::use(item.cancel_reason, "cr"), soci::use(b.by, "b"),
          soci::use(b.created, "c"), soci::use(b.updated, "u"),
          soci::use(b.published, b.published_ind, "pa"), soci::into(id);
      const std::string code = PublicCode("RUP", item.fiscal_year, id);
      sql_ << "UPDATE rup_items SET code = :c WHERE id = :i", soci::use(code, "c"),
          soci::use(id, "i");
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const RupItem& item) override {
    return Guard("rup.update", [&]() -> Status {
      long long id = item.id;
      Bound b(item);
      sql_ << "UPDATE rup_items SET agency_id = :a, name = :n, fiscal_year = :y, pagu_sen = :p, "
              "funding = :f, procurement_type = :t, method = :m, selection_from = :sf, "
              "selection_to = :st, work_from = :wf, work_to = :wt, location = :l, "
              "description = :d, status = :s, cancel_reason = :cr, updated_at = :u, "
              "published_at = :pa WHERE id = :i",
          soci::use(b.agency, "a"), soci::use(item.name, "n"), soci::use(item.fiscal_year, "y"),
          soci::use(b.pagu, "p"), soci::use(item.funding, "f"),
          soci::use(item.procurement_type, "t"), soci::use(item.method, "m"),
          soci::use(item.selection_from, "sf"), soci::use(item.selection_to, "st"),
          soci::use(item.work_from, "wf"), soci::use(item.work_to, "wt"),
          soci::use(item.location, "l"), soci::use(item.description, "d"),
          soci::use(b.status, "s"), soci::use(item.cancel_reason, "cr"),
          soci::use(b.updated, "u"), soci::use(b.published, b.published_ind, "pa"),
          soci::use(id, "i");
      return OkStatus();
    });
  }

  StatusOr<std::optional<RupItem>> FindById(std::int64_t id) override {
    return Guard("rup.find", [&]() -> StatusOr<std::optional<RupItem>> {
      long long key = id;
      return One(std::string(" WHERE id = ") + std::to_string(key));
    });
  }

  StatusOr<std::optional<RupItem>> FindByCode(std::string_view code) override {
    return Guard("rup.find_code", [&]() -> StatusOr<std::optional<RupItem>> {
      std::string key(code);
      RupRow r;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string("SELECT ") + kRupColumns + " FROM rup_items WHERE code = :c");
      st.exchange(soci::use(key, "c"));
      IntoRup(st, r);
      st.define_and_bind();
      if (!st.execute(true)) return std::optional<RupItem>();
      return std::optional<RupItem>(r.Take());
    });
  }

  StatusOr<std::vector<RupItem>> Search(const app::RupFilter& f) override {
    return Guard("rup.search", [&]() -> StatusOr<std::vector<RupItem>> {
      Filter b(f);
      long long lim = f.limit, off = f.offset;
      RupRow r;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string("SELECT ") + kRupColumns + " FROM rup_items" + Where(f) +
                 " ORDER BY fiscal_year DESC, id LIMIT :lim OFFSET :off");
      b.Use(st);
      st.exchange(soci::use(lim, "lim"));
      st.exchange(soci::use(off, "off"));
      IntoRup(st, r);
      st.define_and_bind();
      st.execute();
      std::vector<RupItem> out;
      while (st.fetch()) out.push_back(r.Take());
      return out;
    });
  }

  StatusOr<std::int64_t> Count(const app::RupFilter& f) override {
    return Guard("rup.count", [&]() -> StatusOr<std::int64_t> {
      Filter b(f);
      long long n = 0;
      soci::statement st(sql_);
      st.alloc();
      st.prepare("SELECT COUNT(*) FROM rup_items" + Where(f));
      b.Use(st);
      st.exchange(soci::into(n));
      st.define_and_bind();
      st.execute(true);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  struct Bound {
    explicit Bound(const RupItem& item)
        : agency(item.agency_id), pagu(item.pagu.sen()), by(item.created_by),
          created(item.created_at), updated(item.updated_at),
          published(item.published_at.value_or(0)),
          published_ind(item.published_at ? soci::i_ok : soci::i_null),
          status(domain::RupStatusCode(item.status)) {}
    long long agency, pagu, by, created, updated, published;
    soci::indicator published_ind;
    std::string status;
  };

  // The values of a RupFilter, bound to Where()'s parameters.
  struct Filter {
    explicit Filter(const app::RupFilter& f)
        : status(f.status ? std::string(domain::RupStatusCode(*f.status)) : std::string()),
          year(f.fiscal_year.value_or(0)), type(f.procurement_type), method(f.method),
          funding(f.funding), text(f.text), like(LikePattern(f.text)) {}
    void Use(soci::statement& st) {
      st.exchange(soci::use(status, "s1"));
      st.exchange(soci::use(status, "s2"));
      st.exchange(soci::use(year, "y1"));
      st.exchange(soci::use(year, "y2"));
      st.exchange(soci::use(type, "t1"));
      st.exchange(soci::use(type, "t2"));
      st.exchange(soci::use(method, "m1"));
      st.exchange(soci::use(method, "m2"));
      st.exchange(soci::use(funding, "f1"));
      st.exchange(soci::use(funding, "f2"));
      st.exchange(soci::use(text, "q1"));
      st.exchange(soci::use(like, "q2"));
    }
    std::string status;
    int year;
    std::string type, method, funding, text, like;
  };

  static std::string Where(const app::RupFilter& f) {
    std::string w =
        " WHERE (:s1 = '' OR status = :s2) AND (:y1 = 0 OR fiscal_year = :y2)"
        " AND (:t1 = '' OR procurement_type = :t2) AND (:m1 = '' OR method = :m2)"
        " AND (:f1 = '' OR funding = :f2) AND (:q1 = '' OR LOWER(code || ' ' || name || ' ' || "
        "location || ' ' || description) LIKE :q2)";
    if (!f.agency_ids.empty()) w += " AND agency_id IN (" + IdList(f.agency_ids) + ")";
    return w;
  }

  std::optional<RupItem> One(const std::string& where) {
    RupRow r;
    soci::statement st(sql_);
    st.alloc();
    st.prepare(std::string("SELECT ") + kRupColumns + " FROM rup_items" + where);
    IntoRup(st, r);
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return r.Take();
  }

  soci::session& sql_;
};

class SociPackages final : public app::PackageRepo {
 public:
  explicit SociPackages(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const Package& p, int fiscal_year) override {
    return Guard("packages.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, agency = p.agency_id, ppk = p.ppk_id, created = p.created_at,
                updated = p.updated_at;
      Assignment a(p);
      sql_ << "INSERT INTO packages (agency_id, ppk_id, name, contract_type, qualification, "
              "status, pokja_group_id, official_id, created_at, updated_at, assigned_at) VALUES "
              "(:a, :p, :n, :ct, :q, :s, :g, :o, :c, :u, :at) RETURNING id",
          soci::use(agency, "a"), soci::use(ppk, "p"), soci::use(p.name, "n"),
          soci::use(p.contract_type, "ct"), soci::use(p.qualification, "q"),
          soci::use(a.status, "s"), soci::use(a.group, a.group_ind, "g"),
          soci::use(a.official, a.official_ind, "o"), soci::use(created, "c"),
          soci::use(updated, "u"), soci::use(a.at, a.at_ind, "at"), soci::into(id);
      const std::string code = PublicCode("PKT", fiscal_year, id);
      sql_ << "UPDATE packages SET code = :c WHERE id = :i", soci::use(code, "c"),
          soci::use(id, "i");
      SPSE_RETURN_IF_ERROR(WriteChildren(id, p));
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const Package& p) override {
    return Guard("packages.update", [&]() -> Status {
      long long id = p.id, updated = p.updated_at;
      Assignment a(p);
      sql_ << "UPDATE packages SET name = :n, contract_type = :ct, qualification = :q, "
              "status = :s, pokja_group_id = :g, official_id = :o, updated_at = :u, "
              "assigned_at = :at WHERE id = :i",
          soci::use(p.name, "n"), soci::use(p.contract_type, "ct"),
          soci::use(p.qualification, "q"), soci::use(a.status, "s"),
          soci::use(a.group, a.group_ind, "g"), soci::use(a.official, a.official_ind, "o"),
          soci::use(updated, "u"), soci::use(a.at, a.at_ind, "at"), soci::use(id, "i");
      sql_ << "DELETE FROM package_rup_items WHERE package_id = :i", soci::use(id, "i");
      sql_ << "DELETE FROM hps_lines WHERE package_id = :i", soci::use(id, "i");
      return WriteChildren(id, p);
    });
  }

  StatusOr<std::optional<Package>> FindById(std::int64_t id) override {
    return Guard("packages.find", [&]() -> StatusOr<std::optional<Package>> {
      auto list = Select(" WHERE id = " + std::to_string(id), 1, 0);
      if (list.empty()) return std::optional<Package>();
      return std::optional<Package>(std::move(list.front()));
    });
  }

  StatusOr<std::vector<Package>> List(const app::PackageFilter& f) override {
    return Guard("packages.list", [&]() -> StatusOr<std::vector<Package>> {
      std::string where = " WHERE 1 = 1";
      if (!f.agency_ids.empty()) where += " AND agency_id IN (" + IdList(f.agency_ids) + ")";
      if (f.ppk_id) where += " AND ppk_id = " + std::to_string(*f.ppk_id);
      std::vector<std::string> assigned;
      if (!f.pokja_group_ids.empty()) {
        assigned.push_back("pokja_group_id IN (" + IdList(f.pokja_group_ids) + ")");
      }
      if (f.official_id) assigned.push_back("official_id = " + std::to_string(*f.official_id));
      if (!assigned.empty()) {
        where += " AND status = 'diserahkan' AND (" + assigned.front();
        if (assigned.size() > 1) where += " OR " + assigned.back();
        where += ")";
      }
      return Select(where, f.limit, f.offset);
    });
  }

  StatusOr<std::optional<std::int64_t>> PackageOfRup(std::int64_t rup_id) override {
    return Guard("packages.of_rup", [&]() -> StatusOr<std::optional<std::int64_t>> {
      long long key = rup_id, package = 0;
      sql_ << "SELECT package_id FROM package_rup_items WHERE rup_id = :r", soci::use(key, "r"),
          soci::into(package);
      if (!sql_.got_data()) return std::optional<std::int64_t>();
      return std::optional<std::int64_t>(package);
    });
  }

  StatusOr<std::int64_t> AddDocument(PackageDocument& d) override {
    return Guard("packages.add_document", [&]() -> StatusOr<std::int64_t> {
      long long package = d.package_id, size = static_cast<long long>(d.size),
                at = d.uploaded_at, by = d.uploaded_by, id = 0;
      int latest = 0;
      soci::indicator ind = soci::i_null;
      sql_ << "SELECT MAX(version) FROM package_documents WHERE package_id = :p AND kind = :k",
          soci::use(package, "p"), soci::use(d.kind, "k"), soci::into(latest, ind);
      d.version = (ind == soci::i_ok ? latest : 0) + 1;
      sql_ << "INSERT INTO package_documents (package_id, kind, version, sha256, filename, "
              "content_type, size, uploaded_at, uploaded_by) VALUES (:p, :k, :v, :h, :f, :t, :s, "
              ":a, :b) RETURNING id",
          soci::use(package, "p"), soci::use(d.kind, "k"), soci::use(d.version, "v"),
          soci::use(d.sha256, "h"), soci::use(d.filename, "f"), soci::use(d.content_type, "t"),
          soci::use(size, "s"), soci::use(at, "a"), soci::use(by, "b"), soci::into(id);
      d.id = id;
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<PackageDocument>> Documents(std::int64_t package_id) override {
    return Guard("packages.documents", [&]() -> StatusOr<std::vector<PackageDocument>> {
      return SelectDocuments(" WHERE package_id = " + std::to_string(package_id) +
                             " ORDER BY kind, version");
    });
  }

  StatusOr<std::optional<PackageDocument>> FindDocument(std::int64_t id) override {
    return Guard("packages.find_document", [&]() -> StatusOr<std::optional<PackageDocument>> {
      auto list = SelectDocuments(" WHERE id = " + std::to_string(id));
      if (list.empty()) return std::optional<PackageDocument>();
      return std::optional<PackageDocument>(std::move(list.front()));
    });
  }

 private:
  struct Assignment {
    explicit Assignment(const Package& p)
        : status(domain::PackageStatusCode(p.status)), group(p.pokja_group_id.value_or(0)),
          official(p.official_id.value_or(0)), at(p.assigned_at.value_or(0)),
          group_ind(p.pokja_group_id ? soci::i_ok : soci::i_null),
          official_ind(p.official_id ? soci::i_ok : soci::i_null),
          at_ind(p.assigned_at ? soci::i_ok : soci::i_null) {}
    std::string status;
    long long group, official, at;
    soci::indicator group_ind, official_ind, at_ind;
  };

  Status WriteChildren(long long id, const Package& p) {
    for (std::int64_t rup : p.rup_ids) {
      long long r = rup;
      try {
        sql_ << "INSERT INTO package_rup_items (package_id, rup_id) VALUES (:p, :r)",
            soci::use(id, "p"), soci::use(r, "r");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("paket.rup_taken", std::to_string(rup));
        throw;
      }
    }
    int no = 0;
    for (const domain::HpsLine& l : p.hps) {
      ++no;
      long long q = l.quantity, price = l.unit_price.sen();
      sql_ << "INSERT INTO hps_lines (package_id, line_no, description, unit, quantity, "
              "unit_price_sen) VALUES (:p, :n, :d, :u, :q, :pr)",
          soci::use(id, "p"), soci::use(no, "n"), soci::use(l.description, "d"),
          soci::use(l.unit, "u"), soci::use(q, "q"), soci::use(price, "pr");
    }
    return OkStatus();
  }

  std::vector<Package> Select(const std::string& where, int limit, int offset) {
    std::vector<Package> out;
    {
      Package p;
      long long id = 0, agency = 0, ppk = 0, group = 0, official = 0, created = 0, updated = 0,
                at = 0, lim = limit, off = offset;
      soci::indicator code_ind = soci::i_null, group_ind = soci::i_null,
                      official_ind = soci::i_null, at_ind = soci::i_null;
      std::string status;
      soci::statement st =
          (sql_.prepare << "SELECT id, code, agency_id, ppk_id, name, contract_type, "
                           "qualification, status, pokja_group_id, official_id, created_at, "
                           "updated_at, assigned_at FROM packages" + where +
                           " ORDER BY id DESC LIMIT :lim OFFSET :off",
           soci::use(lim, "lim"), soci::use(off, "off"), soci::into(id), soci::into(p.code, code_ind),
           soci::into(agency), soci::into(ppk), soci::into(p.name), soci::into(p.contract_type),
           soci::into(p.qualification), soci::into(status), soci::into(group, group_ind),
           soci::into(official, official_ind), soci::into(created), soci::into(updated),
           soci::into(at, at_ind));
      st.execute();
      while (st.fetch()) {
        Package row = p;
        row.id = id;
        row.agency_id = agency;
        row.ppk_id = ppk;
        row.status = domain::ParsePackageStatus(status).value_or(domain::PackageStatus::kDraft);
        row.pokja_group_id = group_ind == soci::i_ok ? std::optional<std::int64_t>(group) : std::nullopt;
        row.official_id = official_ind == soci::i_ok ? std::optional<std::int64_t>(official) : std::nullopt;
        row.created_at = created;
        row.updated_at = updated;
        row.assigned_at = at_ind == soci::i_ok ? std::optional<Micros>(at) : std::nullopt;
        out.push_back(std::move(row));
      }
    }
    for (Package& p : out) LoadChildren(p);
    return out;
  }

  void LoadChildren(Package& p) {
    long long id = p.id, rup = 0;
    {
      soci::statement st = (sql_.prepare << "SELECT rup_id FROM package_rup_items WHERE "
                                            "package_id = :p ORDER BY rup_id",
                            soci::use(id, "p"), soci::into(rup));
      st.execute();
      while (st.fetch()) p.rup_ids.push_back(rup);
    }
    domain::HpsLine l;
    long long q = 0, price = 0;
    soci::statement st =
        (sql_.prepare << "SELECT description, unit, quantity, unit_price_sen FROM hps_lines "
                         "WHERE package_id = :p ORDER BY line_no",
         soci::use(id, "p"), soci::into(l.description), soci::into(l.unit), soci::into(q),
         soci::into(price));
    st.execute();
    while (st.fetch()) {
      l.quantity = q;
      l.unit_price = Money::FromSen(price);
      p.hps.push_back(l);
    }
  }

  std::vector<PackageDocument> SelectDocuments(const std::string& where) {
    std::vector<PackageDocument> out;
    PackageDocument d;
    long long id = 0, package = 0, size = 0, at = 0, by = 0;
    soci::statement st =
        (sql_.prepare << "SELECT id, package_id, kind, version, sha256, filename, content_type, "
                         "size, uploaded_at, uploaded_by FROM package_documents" + where,
         soci::into(id), soci::into(package), soci::into(d.kind), soci::into(d.version),
         soci::into(d.sha256), soci::into(d.filename), soci::into(d.content_type),
         soci::into(size), soci::into(at), soci::into(by));
    st.execute();
    while (st.fetch()) {
      d.id = id;
      d.package_id = package;
      d.size = static_cast<std::uint64_t>(size);
      d.uploaded_at = at;
      d.uploaded_by = by;
      out.push_back(d);
    }
    return out;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::RupRepo> NewRupRepo(soci::session& sql) {
  return std::make_unique<SociRup>(sql);
}

std::unique_ptr<app::PackageRepo> NewPackageRepo(soci::session& sql) {
  return std::make_unique<SociPackages>(sql);
}

}  // namespace spse::storage
