// Objections, appeals and their answers, over SOCI. Every table is
// append-only (migration 0022's triggers): nothing here updates.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/objection.h"
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::Appeal;
using domain::AppealAnswer;
using domain::Attachment;
using domain::Consequence;
using domain::Objection;
using domain::ObjectionAnswer;

Consequence ConsequenceOf(const std::string& word) {
  return domain::ParseConsequence(word).value_or(Consequence::kNone);
}

class SociObjections final : public app::ObjectionRepo {
 public:
  explicit SociObjections(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Insert(const Objection& o) override {
    return Guard("objections.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = o.tender_id, decision = o.decision_id, vendor = o.vendor_id,
                filed = o.filed_at;
      soci::indicator ind = soci::i_null;
      soci::statement st =
          (sql_.prepare << "INSERT INTO objections (tender_id, decision_id, vendor_id, filed_at, "
                           "reasons) VALUES (:t, :d, :v, :f, :r) "
                           "ON CONFLICT (decision_id, vendor_id) DO NOTHING RETURNING id",
           soci::use(tender, "t"), soci::use(decision, "d"), soci::use(vendor, "v"),
           soci::use(filed, "f"), soci::use(o.reasons, "r"), soci::into(id, ind));
      if (!st.execute(true) || ind != soci::i_ok) return AlreadyExists("objection.already_filed");
      int position = 0;
      for (const Attachment& a : o.attachments) {
        long long size = static_cast<long long>(a.size);
        sql_ << "INSERT INTO objection_attachments (objection_id, position, sha256, filename, "
                "content_type, size) VALUES (:o, :p, :h, :f, :c, :s)",
            soci::use(id, "o"), soci::use(position, "p"), soci::use(a.sha256, "h"),
            soci::use(a.filename, "f"), soci::use(a.content_type, "c"), soci::use(size, "s");
        ++position;
      }
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<Objection>> OfTender(std::int64_t tender_id) override {
    return Guard("objections.of_tender", [&]() -> StatusOr<std::vector<Objection>> {
      std::vector<Objection> out;
      std::map<std::int64_t, size_t> index;
      {
        Objection o;
        long long tender = tender_id, id = 0, decision = 0, vendor = 0, filed = 0;
        soci::statement st =
            (sql_.prepare << "SELECT id, decision_id, vendor_id, filed_at, reasons FROM objections "
                             "WHERE tender_id = :t ORDER BY id",
             soci::use(tender, "t"), soci::into(id), soci::into(decision), soci::into(vendor),
             soci::into(filed), soci::into(o.reasons));
        st.execute();
        while (st.fetch()) {
          Objection row = o;
          row.id = id;
          row.tender_id = tender_id;
          row.decision_id = decision;
          row.vendor_id = vendor;
          row.filed_at = filed;
          index[row.id] = out.size();
          out.push_back(std::move(row));
        }
      }
      if (out.empty()) return out;
      long long tender = tender_id;
      {
        Attachment a;
        long long objection = 0, size = 0;
        soci::statement st =
            (sql_.prepare << "SELECT a.objection_id, a.sha256, a.filename, a.content_type, a.size "
                             "FROM objection_attachments a JOIN objections o ON o.id = "
                             "a.objection_id WHERE o.tender_id = :t ORDER BY a.objection_id, "
                             "a.position",
             soci::use(tender, "t"), soci::into(objection), soci::into(a.sha256),
             soci::into(a.filename), soci::into(a.content_type), soci::into(size));
        st.execute();
        while (st.fetch()) {
          Attachment row = a;
          row.size = static_cast<std::uint64_t>(size);
          out[index.at(objection)].attachments.push_back(std::move(row));
        }
      }
      {
        ObjectionAnswer a;
        std::string consequence;
        long long objection = 0, by = 0, at = 0;
        int upheld = 0, late = 0;
        soci::statement st =
            (sql_.prepare << "SELECT a.objection_id, a.upheld, a.answer, a.consequence, "
                             "a.answered_by, a.answered_at, a.late FROM objection_answers a "
                             "JOIN objections o ON o.id = a.objection_id WHERE o.tender_id = :t",
             soci::use(tender, "t"), soci::into(objection), soci::into(upheld),
             soci::into(a.text), soci::into(consequence), soci::into(by), soci::into(at),
             soci::into(late));
        st.execute();
        while (st.fetch()) {
          ObjectionAnswer row = a;
          row.objection_id = objection;
          row.upheld = upheld != 0;
          row.consequence = ConsequenceOf(consequence);
          row.answered_by = by;
          row.at = at;
          row.late = late != 0;
          out[index.at(objection)].answer = std::move(row);
        }
      }
      std::map<std::int64_t, std::int64_t> objection_of_appeal;
      {
        Appeal a;
        long long id = 0, objection = 0, vendor = 0, filed = 0, amount = 0, until = 0;
        soci::statement st =
            (sql_.prepare << "SELECT a.id, a.objection_id, a.vendor_id, a.filed_at, a.reasons, "
                             "a.guarantee_issuer, a.guarantee_number, a.guarantee_amount_rupiah, "
                             "a.guarantee_valid_until FROM appeals a JOIN objections o ON o.id = "
                             "a.objection_id WHERE o.tender_id = :t",
             soci::use(tender, "t"), soci::into(id), soci::into(objection), soci::into(vendor),
             soci::into(filed), soci::into(a.reasons), soci::into(a.guarantee.issuer),
             soci::into(a.guarantee.number), soci::into(amount), soci::into(until));
        st.execute();
        while (st.fetch()) {
          Appeal row = a;
          row.id = id;
          row.objection_id = objection;
          row.vendor_id = vendor;
          row.filed_at = filed;
          row.guarantee.amount_rupiah = amount;
          row.guarantee.valid_until = until;
          objection_of_appeal[row.id] = objection;
          out[index.at(objection)].appeal = std::move(row);
        }
      }
      if (objection_of_appeal.empty()) return out;
      {
        AppealAnswer a;
        std::string consequence;
        long long appeal = 0, by = 0, at = 0;
        int upheld = 0;
        soci::statement st =
            (sql_.prepare << "SELECT x.appeal_id, x.upheld, x.answer, x.consequence, "
                             "x.answered_by, x.answered_at FROM appeal_answers x JOIN appeals a "
                             "ON a.id = x.appeal_id JOIN objections o ON o.id = a.objection_id "
                             "WHERE o.tender_id = :t",
             soci::use(tender, "t"), soci::into(appeal), soci::into(upheld), soci::into(a.text),
             soci::into(consequence), soci::into(by), soci::into(at));
        st.execute();
        while (st.fetch()) {
          AppealAnswer row = a;
          row.appeal_id = appeal;
          row.upheld = upheld != 0;
          row.consequence = ConsequenceOf(consequence);
          row.answered_by = by;
          row.at = at;
          out[index.at(objection_of_appeal.at(appeal))].appeal_answer = std::move(row);
        }
      }
      return out;
    });
  }

  Status Answer(const ObjectionAnswer& a) override {
    return Guard("objections.answer", [&]() -> Status {
      long long objection = a.objection_id, by = a.answered_by, at = a.at;
      int upheld = a.upheld ? 1 : 0, late = a.late ? 1 : 0;
      const std::string consequence(domain::ConsequenceWord(a.consequence));
      soci::statement st =
          (sql_.prepare << "INSERT INTO objection_answers (objection_id, upheld, answer, "
                           "consequence, answered_by, answered_at, late) VALUES (:o, :u, :a, :c, "
                           ":by, :at, :l) ON CONFLICT (objection_id) DO NOTHING",
           soci::use(objection, "o"), soci::use(upheld, "u"), soci::use(a.text, "a"),
           soci::use(consequence, "c"), soci::use(by, "by"), soci::use(at, "at"),
           soci::use(late, "l"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return AlreadyExists("objection.already_answered");
      return OkStatus();
    });
  }

  StatusOr<std::int64_t> InsertAppeal(const Appeal& a) override {
    return Guard("objections.insert_appeal", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, objection = a.objection_id, vendor = a.vendor_id, filed = a.filed_at,
                amount = a.guarantee.amount_rupiah, until = a.guarantee.valid_until;
      soci::indicator ind = soci::i_null;
      soci::statement st =
          (sql_.prepare << "INSERT INTO appeals (objection_id, vendor_id, filed_at, reasons, "
                           "guarantee_issuer, guarantee_number, guarantee_amount_rupiah, "
                           "guarantee_valid_until) VALUES (:o, :v, :f, :r, :gi, :gn, :ga, :gu) "
                           "ON CONFLICT (objection_id) DO NOTHING RETURNING id",
           soci::use(objection, "o"), soci::use(vendor, "v"), soci::use(filed, "f"),
           soci::use(a.reasons, "r"), soci::use(a.guarantee.issuer, "gi"),
           soci::use(a.guarantee.number, "gn"), soci::use(amount, "ga"), soci::use(until, "gu"),
           soci::into(id, ind));
      if (!st.execute(true) || ind != soci::i_ok) return AlreadyExists("appeal.already_filed");
      return static_cast<std::int64_t>(id);
    });
  }

  Status AnswerAppeal(const AppealAnswer& a) override {
    return Guard("objections.answer_appeal", [&]() -> Status {
      long long appeal = a.appeal_id, by = a.answered_by, at = a.at;
      int upheld = a.upheld ? 1 : 0;
      const std::string consequence(domain::ConsequenceWord(a.consequence));
      soci::statement st =
          (sql_.prepare << "INSERT INTO appeal_answers (appeal_id, upheld, answer, consequence, "
                           "answered_by, answered_at) VALUES (:a, :u, :t, :c, :by, :at) "
                           "ON CONFLICT (appeal_id) DO NOTHING",
           soci::use(appeal, "a"), soci::use(upheld, "u"), soci::use(a.text, "t"),
           soci::use(consequence, "c"), soci::use(by, "by"), soci::use(at, "at"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return AlreadyExists("appeal.already_answered");
      return OkStatus();
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::ObjectionRepo> NewObjectionRepo(soci::session& sql) {
  return std::make_unique<SociObjections>(sql);
}

}  // namespace spse::storage
