// Tenders, their stages and their schedule changes over SOCI.
#include <cstdio>
#include <unordered_map>

#include "storage/search_words.h"
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
  explicit SociTenders(soci::session& sql)
      : sql_(sql), postgres_(sql.get_backend_name() == "postgresql") {}

  StatusOr<std::int64_t> Insert(const Tender& t) override {
    return Guard("tenders.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, package = t.package_id, by = t.created_by, at = t.created_at;
      long long group = t.pokja_group_id.value_or(0), official = t.official_id.value_or(0);
      long long previous = t.previous_tender_id.value_or(0);
      soci::indicator group_ind = t.pokja_group_id ? soci::i_ok : soci::i_null;
      soci::indicator official_ind = t.official_id ? soci::i_ok : soci::i_null;
      soci::indicator previous_ind = t.previous_tender_id ? soci::i_ok : soci::i_null;
      long long published = t.published_at.value_or(0), published_by = t.published_by;
      soci::indicator published_ind = t.published_at ? soci::i_ok : soci::i_null;
      const std::string status(domain::TenderStatusCode(t.status));
      sql_ << "INSERT INTO tenders (package_id, procedure_code, evaluation, status, pokja_group_id, "
              "official_id, created_by, created_at, end_reason, previous_tender_id, published_at, "
              "published_by) VALUES (:p, :pc, :ev, :st, :g, :o, :by, :at, :er, :prev, :pa, :pb) "
              "RETURNING id",
          soci::use(package, "p"), soci::use(t.procedure_code, "pc"), soci::use(t.evaluation, "ev"),
          soci::use(status, "st"), soci::use(group, group_ind, "g"),
          soci::use(official, official_ind, "o"), soci::use(by, "by"), soci::use(at, "at"),
          soci::use(t.end_reason, "er"), soci::use(previous, previous_ind, "prev"),
          soci::use(published, published_ind, "pa"), soci::use(published_by, published_ind, "pb"),
          soci::into(id);
      const std::string code = CodeFor(id);
      sql_ << "UPDATE tenders SET code = :c WHERE id = :id", soci::use(code, "c"), soci::use(id, "id");
      WriteStages(id, t);
      Index(id);
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
      Index(id);
      return OkStatus();
    });
  }

  StatusOr<std::optional<Tender>> FindById(std::int64_t id) override {
    return Guard("tenders.find", [&]() -> StatusOr<std::optional<Tender>> {
      auto all = Select(" WHERE t.id = :k", id);
      if (all.empty()) return std::optional<Tender>();
      return std::optional<Tender>(std::move(all.front()));
    });
  }

  StatusOr<std::vector<Tender>> ForPackage(std::int64_t package_id) override {
    return Guard("tenders.for_package", [&]() -> StatusOr<std::vector<Tender>> {
      return Select(" WHERE t.package_id = :k", package_id);
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

  StatusOr<std::vector<app::PublicTender>> SearchPublic(const app::TenderFilter& f) override {
    return Guard("tenders.search", [&]() -> StatusOr<std::vector<app::PublicTender>> {
      std::vector<app::PublicTender> out;
      PublicWhere probe(f, postgres_, false);
      if (probe.finds_nothing) return out;
      bool in_list_order = false;
      if (probe.text && !postgres_) {
        const long long matches = CountTextOnly(probe);
        if (matches == 0) return out;
        in_list_order = matches > kReadInListOrderAbove;
      }
      PublicWhere w(f, postgres_, in_list_order);
      long long limit = f.limit, offset = f.offset;
      Row r;
      soci::statement st = Prepare(" FROM tenders t" + w.sql +
                                       " ORDER BY t.published_at DESC, t.id DESC LIMIT :lim OFFSET :off",
                                   r);
      w.Bind(st);
      st.exchange(soci::use(limit, "lim"));
      st.exchange(soci::use(offset, "off"));
      st.define_and_bind();
      st.execute();
      while (st.fetch()) {
        app::PublicTender row;
        row.tender = r.Get();
        row.package_name = r.package_name;
        row.procurement_type = r.procurement_type;
        row.fiscal_year = r.fiscal_year;
        row.hps = Money::FromSen(r.hps);
        out.push_back(std::move(row));
      }
      std::vector<Tender*> tenders;
      for (auto& row : out) tenders.push_back(&row.tender);
      LoadStages(tenders);
      return out;
    });
  }

  StatusOr<std::int64_t> CountPublic(const app::TenderFilter& f) override {
    return Guard("tenders.count", [&]() -> StatusOr<std::int64_t> {
      PublicWhere w(f, postgres_, false);
      if (w.finds_nothing) return std::int64_t{0};
      // With words, counting stops past the cap: a word most tenders have
      // (on PostgreSQL the GIN index cannot count without reading the rows)
      // costs no more than a page of a thousand.
      const std::string cap = " LIMIT " + std::to_string(app::TenderFilter::kCountCap + 1) + ") c";
      if (w.text_only) {
        long long n = 0;
        sql_ << "SELECT COUNT(*) FROM (SELECT 1" + w.fts_from + cap,
            soci::use(w.match, "m"), soci::into(n);
        return static_cast<std::int64_t>(n);
      }
      long long n = 0;
      soci::statement st =
          (sql_.prepare << (w.text ? "SELECT COUNT(*) FROM (SELECT 1 FROM tenders t" + w.sql + cap
                                   : "SELECT COUNT(*) FROM tenders t" + w.sql),
           soci::into(n));
      w.Bind(st);
      st.define_and_bind();
      st.execute(true);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  // The conditions of the public lists and their values, in the order the
  // values are bound: on SQLite SOCI binds names by position, so each name
  // appears once and in this order.
  struct PublicWhere {
    // `in_list_order`: on SQLite, read the list's index in order and keep
    // the matches (for words many tenders have), rather than fetch every
    // match and sort them.
    PublicWhere(const app::TenderFilter& f, bool postgres, bool in_list_order) {
      sql = " WHERE t.status <> 'draft'";
      if (f.running_only || !f.stage.empty()) sql += " AND t.status = 'berjalan'";
      if (!f.text.empty()) {
        const auto words = SearchWords(f.text, app::TenderFilter::kMaxSearchWords);
        finds_nothing = words.empty();
        if (postgres) {
          match = TsQueryAllPrefixes(words);
          sql += " AND t.search_doc @@ to_tsquery('simple', :m)";
          fts_from = " FROM tenders WHERE status <> 'draft' AND search_doc @@ to_tsquery('simple', :m)";
        } else {
          match = Fts5AllPrefixes(words);
          // "+t.id" keeps SQLite from looking the matches up by id.
          sql += in_list_order ? " AND +t.id IN" : " AND t.id IN";
          sql += " (SELECT rowid FROM tender_fts WHERE tender_fts MATCH :m)";
          fts_from = " FROM tender_fts WHERE tender_fts MATCH :m";
        }
        text = true;
      }
      // The index holds listed tenders only: with no other condition, the
      // count is its own.
      text_only = text && !f.running_only && f.stage.empty() && f.procurement_type.empty() &&
                  !f.fiscal_year && !f.agency_id && !f.satker_id && f.procedure_code.empty();
      if (!f.procurement_type.empty()) {
        type = f.procurement_type;
        sql += " AND t.procurement_type = :ty";
      }
      if (f.fiscal_year) {
        year = *f.fiscal_year;
        sql += " AND t.fiscal_year = :yr";
      }
      if (f.agency_id) {
        agency = *f.agency_id;
        sql += " AND t.agency_id = :ag";
      }
      if (f.satker_id) {
        satker = *f.satker_id;
        sql += " AND t.satker_id = :sk";
      }
      if (!f.procedure_code.empty()) {
        procedure = f.procedure_code;
        sql += " AND t.procedure_code = :pc";
      }
      if (!f.stage.empty()) {
        stage = f.stage;
        now = now2 = f.now;
        sql += " AND t.id IN (SELECT s.tender_id FROM tender_stages s WHERE s.stage = :stg AND "
               "s.ends_at > :now AND s.starts_at <= :now2)";
      }
    }

    void Bind(soci::statement& st) {
      if (text) st.exchange(soci::use(match, "m"));
      if (!type.empty()) st.exchange(soci::use(type, "ty"));
      if (year) st.exchange(soci::use(*year, "yr"));
      if (agency) st.exchange(soci::use(*agency, "ag"));
      if (satker) st.exchange(soci::use(*satker, "sk"));
      if (!procedure.empty()) st.exchange(soci::use(procedure, "pc"));
      if (!stage.empty()) {
        st.exchange(soci::use(stage, "stg"));
        st.exchange(soci::use(now, "now"));
        st.exchange(soci::use(now2, "now2"));
      }
    }

    std::string sql;
    bool finds_nothing = false;  // text without a word
    bool text = false;
    bool text_only = false;       // no condition but the words
    std::string fts_from;         // the index rows with the words (FROM ... WHERE ...)
    std::string match, type, procedure, stage;
    std::optional<int> year;
    std::optional<long long> agency, satker;
    long long now = 0, now2 = 0;
  };

  // How many listed tenders have the words of `w` (which has text).
  long long CountTextOnly(PublicWhere& w) {
    long long n = 0;
    sql_ << "SELECT COUNT(*)" + w.fts_from, soci::use(w.match, "m"), soci::into(n);
    return n;
  }

  // Above this many matches a page is read in list order (see PublicWhere).
  static constexpr long long kReadInListOrderAbove = 1000;

  // Copies what the public lists show and filter on from the tender's
  // package, RUP items and agencies onto the tender, and indexes its words
  // once it is listed (published: no longer a draft).
  void Index(long long id) {
    std::string code, status, package_name, agency_name;
    long long package = 0, agency = 0;
    soci::indicator code_ind = soci::i_null;
    sql_ << "SELECT t.code, t.status, t.package_id, p.name, p.agency_id, a.name FROM tenders t "
            "JOIN packages p ON p.id = t.package_id JOIN agencies a ON a.id = p.agency_id WHERE "
            "t.id = :id",
        soci::use(id, "id"), soci::into(code, code_ind), soci::into(status), soci::into(package),
        soci::into(package_name), soci::into(agency), soci::into(agency_name);
    if (!sql_.got_data()) return;
    if (code_ind != soci::i_ok) code.clear();

    struct Item {
      std::string type, satker_name, location, description;
      int year = 0;
      long long satker = 0;
    };
    std::vector<Item> items;
    {
      Item i;
      soci::statement st =
          (sql_.prepare << "SELECT r.procurement_type, r.fiscal_year, r.agency_id, s.name, "
                           "r.location, r.description FROM package_rup_items pr JOIN rup_items r "
                           "ON r.id = pr.rup_id JOIN agencies s ON s.id = r.agency_id WHERE "
                           "pr.package_id = :p ORDER BY r.id",
           soci::use(package, "p"), soci::into(i.type), soci::into(i.year), soci::into(i.satker),
           soci::into(i.satker_name), soci::into(i.location), soci::into(i.description));
      st.execute();
      while (st.fetch()) items.push_back(i);
    }
    std::vector<domain::HpsLine> lines;
    {
      long long quantity = 0, price = 0;
      soci::statement st = (sql_.prepare << "SELECT quantity, unit_price_sen FROM hps_lines WHERE "
                                            "package_id = :p ORDER BY line_no",
                            soci::use(package, "p"), soci::into(quantity), soci::into(price));
      st.execute();
      while (st.fetch()) lines.push_back({"", "", quantity, Money::FromSen(price)});
    }
    const auto hps_total = domain::HpsTotal(lines);
    long long hps = hps_total.ok() ? hps_total->sen() : 0;

    std::string type;
    int year = 0;
    long long satker = 0;
    soci::indicator satker_ind = soci::i_null;
    if (!items.empty()) {
      type = items.front().type;
      year = items.front().year;
      satker = items.front().satker;
      satker_ind = soci::i_ok;
    }
    sql_ << "UPDATE tenders SET agency_id = :ag, satker_id = :sk, procurement_type = :ty, "
            "fiscal_year = :yr, package_name = :n, hps_sen = :h WHERE id = :id",
        soci::use(agency, "ag"), soci::use(satker, satker_ind, "sk"), soci::use(type, "ty"),
        soci::use(year, "yr"), soci::use(package_name, "n"), soci::use(hps, "h"),
        soci::use(id, "id");

    std::vector<std::string_view> parts = {code, package_name, agency_name};
    for (const Item& i : items) {
      if (i.satker != agency) parts.push_back(i.satker_name);
      parts.push_back(i.location);
      parts.push_back(i.description);
    }
    std::string body = SearchBody(parts);
    const bool listed = status != domain::TenderStatusCode(domain::TenderStatus::kDraft);
    if (postgres_) {
      // The words on the tender's own row (migration 0017); NULL for a draft.
      if (!listed) {
        sql_ << "UPDATE tenders SET search_doc = NULL WHERE id = :id", soci::use(id, "id");
        return;
      }
      sql_ << "UPDATE tenders SET search_doc = strip(to_tsvector('simple', :b)) WHERE id = :id",
          soci::use(body, "b"), soci::use(id, "id");
    } else {
      sql_ << "DELETE FROM tender_fts WHERE rowid = :id", soci::use(id, "id");
      if (!listed) return;
      sql_ << "INSERT INTO tender_fts (rowid, body) VALUES (:id, :b)", soci::use(id, "id"),
          soci::use(body, "b");
    }
  }

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

  // One row of kColumns, read into these fields.
  struct Row {
    long long id = 0, package = 0, group = 0, official = 0, by = 0, at = 0;
    long long published = 0, published_by = 0, previous = 0, hps = 0;
    int fiscal_year = 0;
    soci::indicator code_ind = soci::i_null, group_ind = soci::i_null,
                    official_ind = soci::i_null, published_ind = soci::i_null,
                    published_by_ind = soci::i_null, previous_ind = soci::i_null;
    std::string code, procedure_code, evaluation, status, end_reason, package_name,
        procurement_type;

    Tender Get() const {
      Tender t;
      t.id = id;
      t.code = code_ind == soci::i_ok ? code : "";
      t.package_id = package;
      t.procedure_code = procedure_code;
      t.evaluation = evaluation;
      t.status = domain::ParseTenderStatus(status).value_or(domain::TenderStatus::kDraft);
      t.pokja_group_id = group_ind == soci::i_ok ? std::optional<std::int64_t>(group) : std::nullopt;
      t.official_id =
          official_ind == soci::i_ok ? std::optional<std::int64_t>(official) : std::nullopt;
      t.created_by = by;
      t.created_at = at;
      t.published_at = published_ind == soci::i_ok ? std::optional<Micros>(published) : std::nullopt;
      t.published_by = published_by_ind == soci::i_ok ? published_by : 0;
      t.end_reason = end_reason;
      t.previous_tender_id =
          previous_ind == soci::i_ok ? std::optional<std::int64_t>(previous) : std::nullopt;
      return t;
    }
  };

  // "SELECT <the columns of Row>" + `rest`, reading into `r`; the caller
  // binds the values `rest` names, then define_and_bind() and execute().
  soci::statement Prepare(const std::string& rest, Row& r) {
    return (sql_.prepare << "SELECT t.id, t.code, t.package_id, t.procedure_code, t.evaluation, "
                            "t.status, t.pokja_group_id, t.official_id, t.created_by, "
                            "t.created_at, t.published_at, t.published_by, t.end_reason, "
                            "t.previous_tender_id, t.package_name, t.procurement_type, "
                            "t.fiscal_year, t.hps_sen" +
                                rest,
            soci::into(r.id), soci::into(r.code, r.code_ind), soci::into(r.package),
            soci::into(r.procedure_code), soci::into(r.evaluation), soci::into(r.status),
            soci::into(r.group, r.group_ind), soci::into(r.official, r.official_ind),
            soci::into(r.by), soci::into(r.at), soci::into(r.published, r.published_ind),
            soci::into(r.published_by, r.published_by_ind), soci::into(r.end_reason),
            soci::into(r.previous, r.previous_ind), soci::into(r.package_name),
            soci::into(r.procurement_type), soci::into(r.fiscal_year), soci::into(r.hps));
  }

  std::vector<Tender> Select(const std::string& where, std::int64_t key) {
    std::vector<Tender> out;
    long long k = key;
    Row r;
    soci::statement st = Prepare(" FROM tenders t" + where + " ORDER BY t.id", r);
    st.exchange(soci::use(k, "k"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(r.Get());
    std::vector<Tender*> tenders;
    for (Tender& t : out) tenders.push_back(&t);
    LoadStages(tenders);
    return out;
  }

  // The schedules of `tenders`, in one query.
  void LoadStages(const std::vector<Tender*>& tenders) {
    if (tenders.empty()) return;
    std::vector<long long> ids;
    std::string in;
    for (const Tender* t : tenders) {
      in += (ids.empty() ? ":i" : ", :i") + std::to_string(ids.size());
      ids.push_back(t->id);
    }
    long long tender = 0, start = 0, end = 0;
    int changes = 0;
    std::string stage;
    soci::statement st =
        (sql_.prepare << "SELECT tender_id, stage, starts_at, ends_at, changes FROM tender_stages "
                         "WHERE tender_id IN (" + in + ") ORDER BY tender_id, position",
         soci::into(tender), soci::into(stage), soci::into(start), soci::into(end),
         soci::into(changes));
    for (size_t i = 0; i < ids.size(); ++i) st.exchange(soci::use(ids[i], "i" + std::to_string(i)));
    st.define_and_bind();
    st.execute();
    std::unordered_map<long long, Tender*> by_id;
    for (Tender* t : tenders) {
      t->schedule.clear();
      t->changes.clear();
      by_id[t->id] = t;
    }
    while (st.fetch()) {
      Tender* t = by_id[tender];
      t->schedule.push_back({stage, start, end});
      t->changes.push_back(changes);
    }
  }

  soci::session& sql_;
  const bool postgres_;
};

}  // namespace

std::unique_ptr<app::TenderRepo> NewTenderRepo(soci::session& sql) {
  return std::make_unique<SociTenders>(sql);
}

}  // namespace spse::storage
