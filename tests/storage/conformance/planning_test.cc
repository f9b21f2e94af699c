// RupRepo and PackageRepo through Store/Tx, on both databases: codes are
// given at insert, filters combine, a RUP item sits in one package only,
// HPS lines and documents come back in order, document versions count up.
#include <gtest/gtest.h>

#include <cstdio>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

std::int64_t NewAgency(const std::string& code) {
  auto id = InWriteTx([&](app::Tx& tx) {
    domain::Agency a;
    a.code = code;
    a.name = "Dinas " + code;
    return tx.agencies().Insert(a);
  });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

domain::RupItem AnItem(std::int64_t agency, const std::string& name, const std::string& method) {
  domain::RupItem it;
  it.agency_id = agency;
  it.name = name;
  it.fiscal_year = 2027;
  it.pagu = Money::FromRupiah(250'000'000);
  it.funding = "APBD";
  it.procurement_type = "barang";
  it.method = method;
  it.selection_from = 1;
  it.selection_to = 2;
  it.work_from = 3;
  it.work_to = 4;
  it.location = "Bangkalan — Madura ✓";
  it.status = domain::RupStatus::kPublished;
  it.published_at = 5;
  return it;
}

TEST(Planning, RupItemsGetCodesAndFilterTogether) {
  const std::int64_t a = NewAgency("PLN-A"), b = NewAgency("PLN-B");
  auto ids = InWriteTx([&](app::Tx& tx) -> StatusOr<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (auto item : {AnItem(a, "Pengadaan Laptop Sekolah", "tender"),
                      AnItem(a, "Pengadaan Meja Guru", "pengadaan_langsung"),
                      AnItem(b, "Pengadaan Laptop Kantor", "tender")}) {
      SPSE_ASSIGN_OR_RETURN(auto id, tx.rup().Insert(item));
      out.push_back(id);
    }
    return out;
  });
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto tx = TheStore().Begin(app::Access::kRead);
  ASSERT_TRUE(tx.ok());
  auto first = (*tx)->rup().FindById((*ids)[0]);
  ASSERT_TRUE(first.ok() && *first);
  char want[32];
  std::snprintf(want, sizeof want, "RUP-2027-%06lld", static_cast<long long>((*ids)[0]));
  EXPECT_EQ((*first)->code, want);
  EXPECT_EQ((*first)->location, "Bangkalan — Madura ✓");
  EXPECT_EQ((*first)->pagu, Money::FromRupiah(250'000'000));
  auto by_code = (*tx)->rup().FindByCode(want);
  ASSERT_TRUE(by_code.ok() && *by_code);
  EXPECT_EQ((*by_code)->id, (*ids)[0]);

  app::RupFilter f;
  f.text = "LAPTOP";
  f.agency_ids = {a, b};
  EXPECT_EQ(*(*tx)->rup().Count(f), 2);
  f.method = "tender";
  f.agency_ids = {a};
  auto found = (*tx)->rup().Search(f);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().name, "Pengadaan Laptop Sekolah");
  f = app::RupFilter();
  f.agency_ids = {a, b};
  f.status = domain::RupStatus::kDraft;
  EXPECT_EQ(*(*tx)->rup().Count(f), 0);
  f.status.reset();
  f.limit = 2;
  f.offset = 2;
  EXPECT_EQ((*tx)->rup().Search(f)->size(), 1u);
}

TEST(Planning, PackagesKeepTheirItemsLinesAndDocumentVersions) {
  const std::int64_t a = NewAgency("PLN-C");
  auto ppk = InWriteTx([](app::Tx& tx) { return tx.users().Insert(UserBuilder().Build()); });
  ASSERT_TRUE(ppk.ok());
  auto pkg = InWriteTx([&](app::Tx& tx) -> StatusOr<std::int64_t> {
    SPSE_ASSIGN_OR_RETURN(auto rup, tx.rup().Insert(AnItem(a, "Pengadaan Kursi", "tender")));
    domain::Package p;
    p.agency_id = a;
    p.ppk_id = *ppk;
    p.name = "Kursi";
    p.rup_ids = {rup};
    p.contract_type = "harga_satuan";
    p.qualification = "kecil";
    p.hps = {{"Kursi lipat", "unit", 12050, Money::FromRupiah(350'000)},
             {"Ongkos kirim", "LS", 100, Money::FromSen(12'345)}};
    return tx.packages().Insert(p, 2027);
  });
  ASSERT_TRUE(pkg.ok()) << pkg.status().ToString();
  // A second package of the same RUP item is refused (its own transaction:
  // PostgreSQL ends a transaction at its first error).
  auto dup = InWriteTx([&](app::Tx& tx) -> StatusOr<std::int64_t> {
    SPSE_ASSIGN_OR_RETURN(auto first, tx.packages().FindById(*pkg));
    if (!first) return NotFound("paket.not_found");
    return tx.packages().Insert(*first, 2027);
  });
  EXPECT_THAT(dup.status(), StatusIs(Code::kAlreadyExists, "paket.rup_taken"));
  auto docs = InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
    for (int i = 0; i < 2; ++i) {
      domain::PackageDocument d;
      d.package_id = *pkg;
      d.kind = "kak";
      d.sha256 = std::string(64, static_cast<char>('a' + i));
      d.filename = "KAK.pdf";
      d.content_type = "application/pdf";
      d.size = 10;
      SPSE_RETURN_IF_ERROR(tx.packages().AddDocument(d).status());
      EXPECT_EQ(d.version, i + 1);
    }
    return 0;
  });
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  auto tx = TheStore().Begin(app::Access::kRead);
  auto got = (*tx)->packages().FindById(*pkg);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->code.substr(0, 9), "PKT-2027-");
  ASSERT_EQ((*got)->hps.size(), 2u);
  EXPECT_EQ((*got)->hps[0].quantity, 12050);
  EXPECT_EQ((*got)->hps[1].unit_price, Money::FromSen(12'345));
  ASSERT_EQ((*got)->rup_ids.size(), 1u);
  EXPECT_EQ(*(*tx)->packages().PackageOfRup((*got)->rup_ids[0]), *pkg);
  auto all = (*tx)->packages().Documents(*pkg);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].version, 2);
  EXPECT_EQ(*(*tx)->documents().CountBlobReferences(std::string(64, 'a')), 1);
  app::PackageFilter f;
  f.official_id = 424242;
  EXPECT_TRUE((*tx)->packages().List(f)->empty());
}

}  // namespace
}  // namespace spse::storage::conformance
