// Tender participants, Pemberian Penjelasan questions and Berita Acara over SOCI.
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::Participant;
using domain::TenderMinutes;
using domain::TenderQuestion;

class SociParticipation final : public app::ParticipationRepo {
 public:
  explicit SociParticipation(soci::session& sql) : sql_(sql) {}

  Status Join(const Participant& p) override {
    try {
      long long tender = p.tender_id, vendor = p.vendor_user_id, at = p.joined_at;
      sql_ << "INSERT INTO tender_participants (tender_id, vendor_user_id, joined_at, pact_sha256, "
              "client_addr) VALUES (:t, :v, :at, :h, :a)",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(at, "at"),
          soci::use(p.pact_sha256, "h"), soci::use(p.client_addr, "a");
      return OkStatus();
    } catch (const soci::soci_error& e) {
      if (IsUniqueViolation(e)) return AlreadyExists("participation.already_joined");
      return FromSoci(e, "participation.join");
    }
  }

  StatusOr<std::optional<Participant>> Find(std::int64_t tender_id,
                                            std::int64_t vendor_user_id) override {
    return Guard("participation.find", [&]() -> StatusOr<std::optional<Participant>> {
      auto all = Select(" AND tp.vendor_user_id = :v", tender_id, vendor_user_id);
      if (all.empty()) return std::optional<Participant>();
      return std::optional<Participant>(std::move(all.front()));
    });
  }

  StatusOr<std::vector<Participant>> Participants(std::int64_t tender_id) override {
    return Guard("participation.list", [&]() -> StatusOr<std::vector<Participant>> {
      return Select(" AND :v = 0", tender_id, 0);
    });
  }

  StatusOr<std::int64_t> CountParticipants(std::int64_t tender_id) override {
    return Guard("participation.count", [&]() -> StatusOr<std::int64_t> {
      long long tender = tender_id, n = 0;
      sql_ << "SELECT COUNT(*) FROM tender_participants WHERE tender_id = :t",
          soci::use(tender, "t"), soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

  StatusOr<std::vector<std::int64_t>> TendersOf(std::int64_t vendor_user_id) override {
    return Guard("participation.tenders_of", [&]() -> StatusOr<std::vector<std::int64_t>> {
      long long vendor = vendor_user_id, id = 0;
      std::vector<std::int64_t> out;
      soci::statement st =
          (sql_.prepare << "SELECT tender_id FROM tender_participants WHERE vendor_user_id = :v "
                           "ORDER BY joined_at DESC, tender_id DESC",
           soci::use(vendor, "v"), soci::into(id));
      st.execute();
      while (st.fetch()) out.push_back(id);
      return out;
    });
  }

  StatusOr<std::int64_t> AddQuestion(const TenderQuestion& q) override {
    return Guard("participation.add_question", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = q.tender_id, by = q.asked_by, at = q.asked_at;
      sql_ << "INSERT INTO tender_questions (tender_id, stage, asked_by, asked_at, question) "
              "VALUES (:t, :s, :by, :at, :q) RETURNING id",
          soci::use(tender, "t"), soci::use(q.stage, "s"), soci::use(by, "by"),
          soci::use(at, "at"), soci::use(q.question, "q"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  Status Answer(std::int64_t question_id, std::string_view answer, std::int64_t by,
                Micros at) override {
    return Guard("participation.answer", [&]() -> Status {
      long long id = question_id, who = by, when = at;
      const std::string text(answer);
      soci::statement st =
          (sql_.prepare << "UPDATE tender_questions SET answer = :a, answered_by = :by, "
                           "answered_at = :at WHERE id = :id AND answered_at IS NULL",
           soci::use(text, "a"), soci::use(who, "by"), soci::use(when, "at"),
           soci::use(id, "id"));
      st.execute(true);
      if (st.get_affected_rows() > 0) return OkStatus();
      long long n = 0;
      sql_ << "SELECT COUNT(*) FROM tender_questions WHERE id = :id", soci::use(id, "id"),
          soci::into(n);
      if (n == 0) return NotFound("aanwijzing.question_not_found");
      return FailedPrecondition("aanwijzing.already_answered");
    });
  }

  StatusOr<std::optional<TenderQuestion>> FindQuestion(std::int64_t id) override {
    return Guard("participation.find_question", [&]() -> StatusOr<std::optional<TenderQuestion>> {
      auto all = SelectQuestions(" WHERE id = :k", id);
      if (all.empty()) return std::optional<TenderQuestion>();
      return std::optional<TenderQuestion>(std::move(all.front()));
    });
  }

  StatusOr<std::vector<TenderQuestion>> Questions(std::int64_t tender_id) override {
    return Guard("participation.questions", [&]() -> StatusOr<std::vector<TenderQuestion>> {
      return SelectQuestions(" WHERE tender_id = :k", tender_id);
    });
  }

  StatusOr<std::int64_t> AddMinutes(const TenderMinutes& m) override {
    try {
      long long id = 0, tender = m.tender_id, at = m.issued_at, by = m.issued_by;
      long long size = static_cast<long long>(m.size);
      sql_ << "INSERT INTO tender_minutes (tender_id, kind, stage, number, issued_at, issued_by, "
              "blob_sha256, size) VALUES (:t, :k, :s, :n, :at, :by, :h, :sz) RETURNING id",
          soci::use(tender, "t"), soci::use(m.kind, "k"), soci::use(m.stage, "s"),
          soci::use(m.number, "n"), soci::use(at, "at"), soci::use(by, "by"),
          soci::use(m.blob_sha256, "h"), soci::use(size, "sz"), soci::into(id);
      return static_cast<std::int64_t>(id);
    } catch (const soci::soci_error& e) {
      if (IsUniqueViolation(e)) return AlreadyExists("minutes.already_issued");
      return FromSoci(e, "participation.add_minutes");
    }
  }

  StatusOr<std::vector<TenderMinutes>> Minutes(std::int64_t tender_id) override {
    return Guard("participation.minutes", [&]() -> StatusOr<std::vector<TenderMinutes>> {
      std::vector<TenderMinutes> out;
      TenderMinutes m;
      long long id = 0, tender = tender_id, at = 0, by = 0, size = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, kind, stage, number, issued_at, issued_by, blob_sha256, "
                           "size FROM tender_minutes WHERE tender_id = :t ORDER BY issued_at, id",
           soci::use(tender, "t"), soci::into(id), soci::into(m.kind), soci::into(m.stage),
           soci::into(m.number), soci::into(at), soci::into(by), soci::into(m.blob_sha256),
           soci::into(size));
      st.execute();
      while (st.fetch()) {
        m.id = id;
        m.tender_id = tender_id;
        m.issued_at = at;
        m.issued_by = by;
        m.size = static_cast<std::uint64_t>(size);
        out.push_back(m);
      }
      return out;
    });
  }

 private:
  std::vector<Participant> Select(const std::string& extra, std::int64_t tender_id,
                                  std::int64_t vendor) {
    std::vector<Participant> out;
    Participant p;
    long long tender = tender_id, v = vendor, user = 0, at = 0;
    std::string company;
    soci::indicator company_ind = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT tp.vendor_user_id, tp.joined_at, tp.pact_sha256, tp.client_addr, "
                         "v.company_name FROM tender_participants tp LEFT JOIN vendors v ON "
                         "v.user_id = tp.vendor_user_id WHERE tp.tender_id = :t" +
                             extra + " ORDER BY tp.joined_at, tp.vendor_user_id",
         soci::use(tender, "t"), soci::use(v, "v"), soci::into(user), soci::into(at),
         soci::into(p.pact_sha256), soci::into(p.client_addr), soci::into(company, company_ind));
    st.execute();
    while (st.fetch()) {
      Participant row = p;
      row.tender_id = tender_id;
      row.vendor_user_id = user;
      row.joined_at = at;
      row.company_name = company_ind == soci::i_ok ? company : "";
      out.push_back(std::move(row));
    }
    return out;
  }

  std::vector<TenderQuestion> SelectQuestions(const std::string& where, std::int64_t key) {
    std::vector<TenderQuestion> out;
    TenderQuestion q;
    long long k = key, id = 0, tender = 0, by = 0, at = 0, answered_by = 0, answered_at = 0;
    soci::indicator by_ind = soci::i_null, at_ind = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT id, tender_id, stage, asked_by, asked_at, question, answer, "
                         "answered_by, answered_at FROM tender_questions" +
                             where + " ORDER BY asked_at, id",
         soci::use(k, "k"), soci::into(id), soci::into(tender), soci::into(q.stage),
         soci::into(by), soci::into(at), soci::into(q.question), soci::into(q.answer),
         soci::into(answered_by, by_ind), soci::into(answered_at, at_ind));
    st.execute();
    while (st.fetch()) {
      TenderQuestion row = q;
      row.id = id;
      row.tender_id = tender;
      row.asked_by = by;
      row.asked_at = at;
      row.answered_by = by_ind == soci::i_ok ? answered_by : 0;
      row.answered_at = at_ind == soci::i_ok ? std::optional<Micros>(answered_at) : std::nullopt;
      out.push_back(std::move(row));
    }
    return out;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::ParticipationRepo> NewParticipationRepo(soci::session& sql) {
  return std::make_unique<SociParticipation>(sql);
}

}  // namespace spse::storage
