// Tender requirements, documents, addenda and downloads over SOCI.
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::DocumentDownload;
using domain::Requirement;
using domain::TenderAddendum;
using domain::TenderDocument;

class SociTenderDocuments final : public app::TenderDocumentRepo {
 public:
  explicit SociTenderDocuments(soci::session& sql) : sql_(sql) {}

  StatusOr<std::vector<Requirement>> Requirements(std::int64_t tender_id) override {
    return Guard("tender_documents.requirements", [&]() -> StatusOr<std::vector<Requirement>> {
      std::vector<Requirement> out;
      long long tender = tender_id;
      Requirement r;
      soci::statement st =
          (sql_.prepare << "SELECT kind, text FROM tender_requirements WHERE tender_id = :t "
                           "ORDER BY position",
           soci::use(tender, "t"), soci::into(r.kind), soci::into(r.text));
      st.execute();
      while (st.fetch()) out.push_back(r);
      return out;
    });
  }

  Status ReplaceRequirements(std::int64_t tender_id, const std::vector<Requirement>& list) override {
    return Guard("tender_documents.replace_requirements", [&]() -> Status {
      long long tender = tender_id;
      sql_ << "DELETE FROM tender_requirements WHERE tender_id = :t", soci::use(tender, "t");
      int position = 0;
      for (const Requirement& r : list) {
        ++position;
        sql_ << "INSERT INTO tender_requirements (tender_id, position, kind, text) "
                "VALUES (:t, :p, :k, :x)",
            soci::use(tender, "t"), soci::use(position, "p"), soci::use(r.kind, "k"),
            soci::use(r.text, "x");
      }
      return OkStatus();
    });
  }

  StatusOr<std::int64_t> AddDocument(TenderDocument& d) override {
    return Guard("tender_documents.add", [&]() -> StatusOr<std::int64_t> {
      long long tender = d.tender_id, size = static_cast<long long>(d.size), at = d.uploaded_at,
                by = d.uploaded_by, id = 0;
      int latest = 0;
      soci::indicator ind = soci::i_null;
      sql_ << "SELECT MAX(version) FROM tender_documents WHERE tender_id = :t AND kind = :k",
          soci::use(tender, "t"), soci::use(d.kind, "k"), soci::into(latest, ind);
      d.version = (ind == soci::i_ok ? latest : 0) + 1;
      sql_ << "INSERT INTO tender_documents (tender_id, kind, version, addendum, sha256, filename, "
              "content_type, size, uploaded_at, uploaded_by) VALUES (:t, :k, :v, :ad, :h, :f, "
              ":ct, :s, :at, :by) RETURNING id",
          soci::use(tender, "t"), soci::use(d.kind, "k"), soci::use(d.version, "v"),
          soci::use(d.addendum, "ad"), soci::use(d.sha256, "h"), soci::use(d.filename, "f"),
          soci::use(d.content_type, "ct"), soci::use(size, "s"), soci::use(at, "at"),
          soci::use(by, "by"), soci::into(id);
      d.id = id;
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<TenderDocument>> Documents(std::int64_t tender_id) override {
    return Guard("tender_documents.list", [&]() -> StatusOr<std::vector<TenderDocument>> {
      return SelectDocuments(" WHERE tender_id = :k ORDER BY kind, version", tender_id);
    });
  }

  StatusOr<std::optional<TenderDocument>> FindDocument(std::int64_t id) override {
    return Guard("tender_documents.find", [&]() -> StatusOr<std::optional<TenderDocument>> {
      auto list = SelectDocuments(" WHERE id = :k", id);
      if (list.empty()) return std::optional<TenderDocument>();
      return std::optional<TenderDocument>(std::move(list.front()));
    });
  }

  StatusOr<std::int64_t> AddAddendum(TenderAddendum& a) override {
    return Guard("tender_documents.add_addendum", [&]() -> StatusOr<std::int64_t> {
      long long tender = a.tender_id, at = a.issued_at, by = a.issued_by, id = 0;
      int latest = 0;
      soci::indicator ind = soci::i_null;
      sql_ << "SELECT MAX(number) FROM tender_addenda WHERE tender_id = :t",
          soci::use(tender, "t"), soci::into(latest, ind);
      a.number = (ind == soci::i_ok ? latest : 0) + 1;
      sql_ << "INSERT INTO tender_addenda (tender_id, number, issued_at, issued_by, reason, "
              "summary) VALUES (:t, :n, :at, :by, :r, :s) RETURNING id",
          soci::use(tender, "t"), soci::use(a.number, "n"), soci::use(at, "at"),
          soci::use(by, "by"), soci::use(a.reason, "r"), soci::use(a.summary, "s"),
          soci::into(id);
      a.id = id;
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<TenderAddendum>> Addenda(std::int64_t tender_id) override {
    return Guard("tender_documents.addenda", [&]() -> StatusOr<std::vector<TenderAddendum>> {
      std::vector<TenderAddendum> out;
      TenderAddendum a;
      long long tender = tender_id, id = 0, at = 0, by = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, number, issued_at, issued_by, reason, summary FROM "
                           "tender_addenda WHERE tender_id = :t ORDER BY number",
           soci::use(tender, "t"), soci::into(id), soci::into(a.number), soci::into(at),
           soci::into(by), soci::into(a.reason), soci::into(a.summary));
      st.execute();
      while (st.fetch()) {
        TenderAddendum row = a;
        row.id = id;
        row.tender_id = tender_id;
        row.issued_at = at;
        row.issued_by = by;
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  Status LogDownload(const DocumentDownload& d) override {
    return Guard("tender_documents.log_download", [&]() -> Status {
      long long tender = d.tender_id, doc = d.document_id, user = d.user_id, at = d.at;
      sql_ << "INSERT INTO tender_document_downloads (tender_id, document_id, user_id, "
              "downloaded_at, client_addr) VALUES (:t, :d, :u, :at, :a)",
          soci::use(tender, "t"), soci::use(doc, "d"), soci::use(user, "u"), soci::use(at, "at"),
          soci::use(d.client_addr, "a");
      return OkStatus();
    });
  }

  StatusOr<std::vector<DocumentDownload>> Downloads(std::int64_t tender_id, int limit) override {
    return Guard("tender_documents.downloads", [&]() -> StatusOr<std::vector<DocumentDownload>> {
      std::vector<DocumentDownload> out;
      DocumentDownload d;
      long long tender = tender_id, id = 0, doc = 0, user = 0, at = 0;
      int n = limit;
      soci::statement st =
          (sql_.prepare << "SELECT dl.id, dl.document_id, dl.user_id, u.username, "
                           "dl.downloaded_at, dl.client_addr FROM tender_document_downloads dl "
                           "JOIN users u ON u.id = dl.user_id WHERE dl.tender_id = :t "
                           "ORDER BY dl.downloaded_at DESC, dl.id DESC LIMIT :n",
           soci::use(tender, "t"), soci::use(n, "n"), soci::into(id), soci::into(doc),
           soci::into(user), soci::into(d.username), soci::into(at), soci::into(d.client_addr));
      st.execute();
      while (st.fetch()) {
        DocumentDownload row = d;
        row.id = id;
        row.tender_id = tender_id;
        row.document_id = doc;
        row.user_id = user;
        row.at = at;
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> CountDownloads(std::int64_t tender_id) override {
    return Guard("tender_documents.count_downloads", [&]() -> StatusOr<std::int64_t> {
      long long tender = tender_id, n = 0;
      sql_ << "SELECT COUNT(*) FROM tender_document_downloads WHERE tender_id = :t",
          soci::use(tender, "t"), soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

 private:
  std::vector<TenderDocument> SelectDocuments(const std::string& where, std::int64_t key) {
    std::vector<TenderDocument> out;
    TenderDocument d;
    long long k = key, id = 0, tender = 0, size = 0, at = 0, by = 0;
    soci::statement st =
        (sql_.prepare << "SELECT id, tender_id, kind, version, addendum, sha256, filename, "
                         "content_type, size, uploaded_at, uploaded_by FROM tender_documents" +
                             where,
         soci::use(k, "k"), soci::into(id), soci::into(tender), soci::into(d.kind),
         soci::into(d.version), soci::into(d.addendum), soci::into(d.sha256),
         soci::into(d.filename), soci::into(d.content_type), soci::into(size), soci::into(at),
         soci::into(by));
    st.execute();
    while (st.fetch()) {
      TenderDocument row = d;
      row.id = id;
      row.tender_id = tender;
      row.size = static_cast<std::uint64_t>(size);
      row.uploaded_at = at;
      row.uploaded_by = by;
      out.push_back(std::move(row));
    }
    return out;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::TenderDocumentRepo> NewTenderDocumentRepo(soci::session& sql) {
  return std::make_unique<SociTenderDocuments>(sql);
}

}  // namespace spse::storage
