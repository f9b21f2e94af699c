// TenderDocumentRepo through Store/Tx: requirements are replaced as a list
// and keep their order; document versions count per kind; addenda are
// numbered per tender; downloads are logged newest first with the username;
// tender documents count as blob references.
#include <gtest/gtest.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Requirement;
using domain::TenderDocument;

struct Fixture {
  std::int64_t tender = 0;
  std::int64_t user = 0;
};

// A draft tender of a fresh package, and a user to act.
Fixture NewTender(Micros t) {
  auto f = InWriteTx([&](app::Tx& tx) -> StatusOr<Fixture> {
    Fixture out;
    SPSE_ASSIGN_OR_RETURN(std::int64_t agency,
                          tx.agencies().Insert(AgencyBuilder(domain::AgencyKind::kSkpd).Build()));
    SPSE_ASSIGN_OR_RETURN(out.user, tx.users().Insert(UserBuilder().Roles({domain::Role::kPokja}).Build()));
    domain::RupItem item;
    item.agency_id = agency;
    item.name = "Pengadaan Alat Tulis " + Unique("atk");
    item.fiscal_year = 2027;
    item.pagu = Money::FromRupiah(150'000'000);
    item.funding = "APBD";
    item.procurement_type = "barang";
    item.method = "tender";
    item.selection_from = 2;
    item.selection_to = 3;
    item.work_from = 4;
    item.work_to = 10;
    item.location = "Kabupaten Bangkalan";
    item.description = "Uji";
    item.status = domain::RupStatus::kPublished;
    item.created_by = out.user;
    SPSE_ASSIGN_OR_RETURN(std::int64_t rup, tx.rup().Insert(item));
    domain::Package p;
    p.agency_id = agency;
    p.ppk_id = out.user;
    p.name = item.name;
    p.rup_ids = {rup};
    p.contract_type = "harga_satuan";
    p.qualification = "kecil";
    p.hps = {{"Kertas HVS", "rim", 1000, Money::FromRupiah(50'000)}};
    SPSE_ASSIGN_OR_RETURN(std::int64_t package, tx.packages().Insert(p, 2027));
    domain::Tender x;
    x.package_id = package;
    x.procedure_code = "tender-pasca-satu-file";
    x.evaluation = "harga_terendah_gugur";
    x.created_by = out.user;
    x.created_at = t;
    x.schedule = {{"pengumuman", t, t + 5 * kMicrosPerDay}};
    x.changes = {0};
    SPSE_ASSIGN_OR_RETURN(out.tender, tx.tenders().Insert(x));
    return out;
  });
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return f.ok() ? *f : Fixture{};
}

TenderDocument ADocument(const Fixture& f, const std::string& kind, const std::string& sha,
                         Micros t) {
  TenderDocument d;
  d.tender_id = f.tender;
  d.kind = kind;
  d.sha256 = sha;
  d.filename = kind + ".pdf";
  d.content_type = "application/pdf";
  d.size = 123456;
  d.uploaded_at = t;
  d.uploaded_by = f.user;
  return d;
}

TEST(TenderDocuments, RequirementsAreReplacedAsAListInOrder) {
  const Fixture f = NewTender(UniqueEpoch());
  ASSERT_OK_AND_ASSIGN(auto none, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().Requirements(f.tender);
                       }));
  EXPECT_TRUE(none.empty());
  const std::vector<Requirement> first = {{"pengalaman", "Satu pekerjaan"}, {"izin_usaha", "NIB"}};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.tender_documents().ReplaceRequirements(f.tender, first);
  }));
  const std::vector<Requirement> second = {{"lainnya", "NPWP 'aktif'; tidak \"daftar hitam\""}};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.tender_documents().ReplaceRequirements(f.tender, second);
  }));
  ASSERT_OK_AND_ASSIGN(auto got, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().Requirements(f.tender);
                       }));
  EXPECT_EQ(got, second);
}

TEST(TenderDocuments, VersionsCountPerKindAndEveryVersionIsKept) {
  const Micros t = UniqueEpoch();
  const Fixture f = NewTender(t);
  const std::string sha1 = Unique("a") + std::string(40, '1');
  TenderDocument a = ADocument(f, "dokumen_pemilihan", sha1, t);
  TenderDocument b = ADocument(f, "dokumen_pemilihan", Unique("b"), t + 1);
  b.addendum = 1;
  TenderDocument c = ADocument(f, "kak", Unique("c"), t + 2);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.tender_documents().AddDocument(a).status());
    SPSE_RETURN_IF_ERROR(tx.tender_documents().AddDocument(b).status());
    return tx.tender_documents().AddDocument(c).status();
  }));
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(b.version, 2);
  EXPECT_EQ(c.version, 1);
  EXPECT_NE(a.id, b.id);
  ASSERT_OK_AND_ASSIGN(auto all, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().Documents(f.tender);
                       }));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].kind, "dokumen_pemilihan");
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[1].version, 2);
  EXPECT_EQ(all[1].addendum, 1);
  EXPECT_EQ(all[2].kind, "kak");
  EXPECT_EQ(all[0].sha256, sha1);
  EXPECT_EQ(all[0].size, 123456u);
  EXPECT_EQ(all[0].uploaded_by, f.user);
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().FindDocument(b.id);
                       }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->filename, "dokumen_pemilihan.pdf");
  EXPECT_EQ(found->tender_id, f.tender);
  ASSERT_OK_AND_ASSIGN(auto missing, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().FindDocument(c.id + 100000);
                       }));
  EXPECT_FALSE(missing.has_value());
  // The blob is referenced: it may not be removed.
  ASSERT_OK_AND_ASSIGN(std::int64_t refs, InReadTx([&](app::Tx& tx) {
                         return tx.documents().CountBlobReferences(sha1);
                       }));
  EXPECT_EQ(refs, 1);
}

TEST(TenderDocuments, AddendaAreNumberedPerTender) {
  const Micros t = UniqueEpoch();
  const Fixture f = NewTender(t);
  const Fixture g = NewTender(t);
  domain::TenderAddendum one{0, f.tender, 0, t, f.user, "Alasan pertama", "Dokumen Pemilihan versi 2"};
  domain::TenderAddendum two{0, f.tender, 0, t + 1, f.user, "Alasan kedua", "Persyaratan kualifikasi"};
  domain::TenderAddendum other{0, g.tender, 0, t, g.user, "Lain", "Gambar versi 2"};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.tender_documents().AddAddendum(one).status());
    SPSE_RETURN_IF_ERROR(tx.tender_documents().AddAddendum(two).status());
    return tx.tender_documents().AddAddendum(other).status();
  }));
  EXPECT_EQ(one.number, 1);
  EXPECT_EQ(two.number, 2);
  EXPECT_EQ(other.number, 1);
  ASSERT_OK_AND_ASSIGN(auto list, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().Addenda(f.tender);
                       }));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].reason, "Alasan pertama");
  EXPECT_EQ(list[1].summary, "Persyaratan kualifikasi");
  EXPECT_EQ(list[1].issued_at, t + 1);
  EXPECT_EQ(list[1].issued_by, f.user);
}

TEST(TenderDocuments, DownloadsAreLoggedNewestFirstWithTheUsername) {
  const Micros t = UniqueEpoch();
  const Fixture f = NewTender(t);
  TenderDocument d = ADocument(f, "dokumen_pemilihan", Unique("d"), t);
  ASSERT_OK_AND_ASSIGN(std::int64_t vendor, InWriteTx([&](app::Tx& tx) -> StatusOr<std::int64_t> {
                         SPSE_RETURN_IF_ERROR(tx.tender_documents().AddDocument(d).status());
                         return tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build());
                       }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(
        tx.tender_documents().LogDownload({0, f.tender, d.id, vendor, "", t + 10, "203.0.113.5"}));
    return tx.tender_documents().LogDownload({0, f.tender, d.id, f.user, "", t + 20, "10.0.0.1"});
  }));
  ASSERT_OK_AND_ASSIGN(auto log, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().Downloads(f.tender, 10);
                       }));
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].user_id, f.user);
  EXPECT_EQ(log[1].user_id, vendor);
  EXPECT_EQ(log[1].at, t + 10);
  EXPECT_EQ(log[1].client_addr, "203.0.113.5");
  EXPECT_EQ(log[1].document_id, d.id);
  EXPECT_FALSE(log[1].username.empty());
  ASSERT_OK_AND_ASSIGN(auto limited, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().Downloads(f.tender, 1);
                       }));
  EXPECT_EQ(limited.size(), 1u);
  ASSERT_OK_AND_ASSIGN(std::int64_t n, InReadTx([&](app::Tx& tx) {
                         return tx.tender_documents().CountDownloads(f.tender);
                       }));
  EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace spse::storage::conformance
