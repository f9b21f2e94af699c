// Tenders, their stages and their schedule changes over SOCI.
#include <cstdio>

#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::ScheduleChangeRecord;
using domain::Tender;

std::string CodeFor(long long id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "TDR-%06lld", id);
  return buf;
}

class SociTenders final : public app::TenderRepo {
 public:
  explicit SociTenders(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const Tender& t) override {
    return Guard("tenders.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, package = t.package_id, by = t.created_by, at = t.created_at;
      long long group = t.pokja_group_id.value_or(0), official = t.official_id.value_or(0);
      long long previous = t.previous_tender_id.value_or(0);
      soci::indicator group_ind = t.pokja_group_id ? soci::i_ok : soci::i_null;
      soci::indicator official_ind = t.official_id ? soci::i_ok : soci::i_null;
      soci::indicator previous_ind = t.previous_tender_id ? soci::i_ok : soci::i_null;
      const std::string status(domain::TenderStatusCode(t.status));
      sql_ << "INSERT INTO tenders (package_id, procedure_code, evaluation, status, pokja_group_id, "
              "official_id, created_by, created_at, end_reason, previous_tender_id) VALUES (:p, "
              ":pc, :ev, :st, :g, :o, :by, :at, :er, :prev) RETURNING id",
          soci::use(package, "p"), soci::use(t.procedure_code, "pc"), soci::use(t.evaluation, "ev"),
          soci::use(status, "st"), soci::use(group, group_ind, "g"),
          soci::use(official, official_ind, "o"), soci::use(by, "by"), soci::use(at, "at"),
          soci::use(t.end_reason, "er"), soci::use(previous, previous_ind, "prev"), soci::into(id);
      const std::string code = CodeFor(id);
      sql_ << "UPDATE tenders SET code = :c WHERE id = :id", soci::use(code, "c"), soci::use(id, "id");
      WriteStages(id, t);
      return static_cast<std::int64_t>(id);
    });
  }

  Status Update(const Tender& t) override {
    return Guard("tenders.update", [&]() -> Status {
      long long id = t.id, published = t.published_at.value_or(0), by = t.published_by;
      soci::indicator published_ind = t.published_at ? soci::i_ok : soci::i_null;
      const std::string status(domain::TenderStatusCode(t.status));
      soci::statement st =
          (sql_.prepare << "UPDATE tenders SET status = :st, published_at = :pa, published_by = "
                           ":pb, end_reason = :er, evaluation = :ev WHERE id = :id",
           soci::use(status, "st"), soci::use(published, published_ind, "pa"),
           soci::use(by, "pb"), soci::use(t.end_reason, "er"), soci::use(t.evaluation, "ev"),
           soci::use(id, "id"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NotFound("tender.not_found");
      sql_ << "DELETE FROM tender_stages WHERE tender_id = :id", soci::use(id, "id");
      WriteStages(id, t);
      return OkStatus();
    });
  }

  StatusOr<std::optional<Tender>> FindById(std::int64_t id) override {
    return Guard("tenders.find", [&]() -> StatusOr<std::optional<Tender>> {
      auto all = Select(" WHERE id = :k", id);
      if (all.empty()) return std::optional<Tender>();
      return std::optional<Tender>(std::move(all.front()));
    });
  }

  StatusOr<std::vector<Tender>> ForPackage(std::int64_t package_id) override {
    return Guard("tenders.for_package", [&]() -> StatusOr<std::vector<Tender>> {
      return Select(" WHERE package_id = :k", package_id);
    });
  }

  StatusOr<std::int64_t> AddChange(const ScheduleChangeRecord& c) override {
    return Guard("tenders.add_change", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = c.tender_id, at = c.at, by = c.by_id;
      sql_ << "INSERT INTO tender_schedule_changes (tender_id, at, by_id, by_name, reason, summary) "
              "VALUES (:t, :at, :by, :bn, :r, :s) RETURNING id",
          soci::use(tender, "t"), soci::use(at, "at"), soci::use(by, "by"),
          soci::use(c.by_name, "bn"), soci::use(c.reason, "r"), soci::use(c.summary, "s"),
          soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<ScheduleChangeRecord>> Changes(std::int64_t tender_id) override {
    return Guard("tenders.changes", [&]() -> StatusOr<std::vector<ScheduleChangeRecord>> {
      std::vector<ScheduleChangeRecord> out;
      ScheduleChangeRecord c;
      long long id = 0, tender = tender_id, at = 0, by = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, at, by_id, by_name, reason, summary FROM "
                           "tender_schedule_changes WHERE tender_id = :t ORDER BY at, id",
           soci::use(tender, "t"), soci::into(id), soci::into(at), soci::into(by),
           soci::into(c.by_name), soci::into(c.reason), soci::into(c.summary));
      st.execute();
      while (st.fetch()) {
        c.id = id;
        c.tender_id = tender_id;
        c.at = at;
        c.by_id = by;
        out.push_back(c);
      }
      return out;
    });
  }

  StatusOr<std::vector<Tender>> SearchPublic(const app::TenderFilter& f) override {
    return Guard("tenders.search", [&]() -> StatusOr<std::vector<Tender>> {
      Params p(f);
      long long limit = f.limit, offset = f.offset, id = 0;
      std::vector<long long> ids;
      soci::statement st =
          (sql_.prepare << "SELECT t.id FROM tenders t JOIN packages p ON p.id = t.package_id" +
                               kPublicWhere + " ORDER BY t.published_at DESC, t.id DESC LIMIT :lim OFFSET :off",
           soci::use(p.text, "q"), soci::use(p.like, "l1"), soci::use(p.like2, "l2"),
           soci::use(p.type, "ty"), soci::use(p.type2, "ty2"), soci::use(p.year, "yr"),
           soci::use(p.year2, "yr2"), soci::use(limit, "lim"), soci::use(offset, "off"),
           soci::into(id));
      st.execute();
      while (st.fetch()) ids.push_back(id);
      std::vector<Tender> out;
      for (long long tid : ids) {
        auto found = Select(" WHERE id = :k", tid);
        if (!found.empty()) out.push_back(std::move(found.front()));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> CountPublic(const app::TenderFilter& f) override {
    return Guard("tenders.count", [&]() -> StatusOr<std::int64_t> {
      Params p(f);
      long long n = 0;
      sql_ << "SELECT COUNT(*) FROM tenders t JOIN packages p ON p.id = t.package_id" + kPublicWhere,
          soci::use(p.text, "q"), soci::use(p.like, "l1"), soci::use(p.like2, "l2"),
          soci::use(p.type, "ty"), soci::use(p.type2, "ty2"), soci::use(p.year, "yr"),
          soci::use(p.year2, "yr2"), soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  // Each bind name appears once: on SQLite SOCI binds names by position.
  inline static const std::string kPublicWhere =
      " WHERE t.status <> 'draft'"
      " AND (:q = '' OR LOWER(p.name) LIKE :l1 ESCAPE '\\' OR LOWER(t.code) LIKE :l2 ESCAPE '\\')"
      " AND (:ty = '' OR EXISTS (SELECT 1 FROM package_rup_items pr JOIN rup_items r ON r.id = "
      "pr.rup_id WHERE pr.package_id = p.id AND r.procurement_type = :ty2))"
      " AND (:yr = 0 OR EXISTS (SELECT 1 FROM package_rup_items pr2 JOIN rup_items r2 ON r2.id = "
      "pr2.rup_id WHERE pr2.package_id = p.id AND r2.fiscal_year = :yr2))";

  // The bind values of kPublicWhere, each name bound once.
  struct Params {
    explicit Params(const app::TenderFilter& f)
        : text(f.text), like(LikeContains(f.text)), like2(like), type(f.procurement_type),
          type2(f.procurement_type), year(f.fiscal_year.value_or(0)), year2(year) {}
    std::string text, like, like2, type, type2;
    int year, year2;
  };

  void WriteStages(long long id, const Tender& t) {
    for (size_t i = 0; i < t.schedule.size(); ++i) {
      const auto& p = t.schedule[i];
      int position = static_cast<int>(i);
      int changes = i < t.changes.size() ? t.changes[i] : 0;
      long long start = p.start, end = p.end;
      sql_ << "INSERT INTO tender_stages (tender_id, position, stage, starts_at, ends_at, changes) "
              "VALUES (:t, :p, :s, :a, :b, :c)",
          soci::use(id, "t"), soci::use(position, "p"), soci::use(p.stage, "s"),
          soci::use(start, "a"), soci::use(end, "b"), soci::use(changes, "c");
    }
  }

  std::vector<Tender> Select(const std::string& where, std::int64_t key) {
    std::vector<Tender> out;
    long long k = key, id = 0, package = 0, group = 0, official = 0, by = 0, at = 0;
    long long published = 0, published_by = 0, previous = 0;
    soci::indicator code_ind = soci::i_null, group_ind = soci::i_null, official_ind = soci::i_null;
    soci::indicator published_ind = soci::i_null, published_by_ind = soci::i_null;
    soci::indicator previous_ind = soci::i_null;
    std::string code, status;
    Tender t;
    soci::statement st =
        (sql_.prepare << "SELECT id, code, package_id, procedure_code, evaluation, status, "
                         "pokja_group_id, official_id, created_by, created_at, published_at, "
                         "published_by, end_reason, previous_tender_id FROM tenders" +
                             where + " ORDER BY id",
         soci::use(k, "k"), soci::into(id), soci::into(code, code_ind), soci::into(package),
         soci::into(t.procedure_code), soci::into(t.evaluation), soci::into(status),
         soci::into(group, group_ind), soci::into(official, official_ind), soci::into(by),
         soci::into(at), soci::into(published, published_ind),
         soci::into(published_by, published_by_ind), soci::into(t.end_reason),
         soci::into(previous, previous_ind));
    st.execute();
    while (st.fetch()) {
      Tender row = t;
      row.id = id;
      row.code = code_ind == soci::i_ok ? code : "";
      row.package_id = package;
      row.status = domain::ParseTenderStatus(status).value_or(domain::TenderStatus::kDraft);
      row.pokja_group_id = group_ind == soci::i_ok ? std::optional<std::int64_t>(group) : std::nullopt;
      row.official_id = official_ind == soci::i_ok ? std::optional<std::int64_t>(official) : std::nullopt;
      row.created_by = by;
      row.created_at = at;
      row.published_at = published_ind == soci::i_ok ? std::optional<Micros>(published) : std::nullopt;
      row.published_by = published_by_ind == soci::i_ok ? published_by : 0;
      row.previous_tender_id =
          previous_ind == soci::i_ok ? std::optional<std::int64_t>(previous) : std::nullopt;
      out.push_back(std::move(row));
    }
    for (Tender& row : out) LoadStages(row);
    return out;
  }

  void LoadStages(Tender& t) {
    long long id = t.id, start = 0, end = 0;
    int changes = 0;
    std::string stage;
    soci::statement st =
        (sql_.prepare << "SELECT stage, starts_at, ends_at, changes FROM tender_stages WHERE "
                         "tender_id = :t ORDER BY position",
         soci::use(id, "t"), soci::into(stage), soci::into(start), soci::into(end),
         soci::into(changes));
    st.execute();
    t.schedule.clear();
    t.changes.clear();
    while (st.fetch()) {
      t.schedule.push_back({stage, start, end});
      t.changes.push_back(changes);
    }
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::TenderRepo> NewTenderRepo(soci::session& sql) {
  return std::make_unique<SociTenders>(sql);
}

}  // namespace spse::storage
