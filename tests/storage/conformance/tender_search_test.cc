// The public tender search (Cari Paket, issue 4 item 5) through Store/Tx, the
// same on SQLite (FTS5) and PostgreSQL (tsvector): every word must begin a
// word of the tender's code, package name, agency, satker, RUP location or
// description, in any case; every filter narrows; drafts are never listed;
// nothing a visitor types makes the query fail.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Tender;
using domain::TenderStatus;

struct PackageSpec {
  std::string name = "Pembangunan Jembatan Gantung";
  std::string type = "konstruksi";
  int year = 2027;
  std::string agency_name = "Dinas Pekerjaan Umum";
  std::string satker_name;  // a satker of the agency owns the RUP item when set
  std::string location = "Kecamatan Arosbaya";
  std::string description = "Bentang 60 m";
};

struct StoredPackage {
  std::int64_t id = 0;
  std::int64_t agency = 0;
  std::int64_t satker = 0;  // 0: the agency's own item
};

StoredPackage NewPackage(const PackageSpec& spec) {
  auto stored = InWriteTx([&](app::Tx& tx) -> StatusOr<StoredPackage> {
    StoredPackage out;
    SPSE_ASSIGN_OR_RETURN(out.agency, tx.agencies().Insert(AgencyBuilder(domain::AgencyKind::kSkpd)
                                                               .Name(spec.agency_name)
                                                               .Build()));
    std::int64_t owner = out.agency;
    if (!spec.satker_name.empty()) {
      SPSE_ASSIGN_OR_RETURN(out.satker, tx.agencies().Insert(AgencyBuilder(domain::AgencyKind::kSatker)
                                                                 .Name(spec.satker_name)
                                                                 .Under(out.agency)
                                                                 .Build()));
      owner = out.satker;
    }
    SPSE_ASSIGN_OR_RETURN(std::int64_t ppk, tx.users().Insert(UserBuilder().Roles({domain::Role::kPpk}).Build()));
    domain::RupItem item;
    item.agency_id = owner;
    item.name = spec.name;
    item.fiscal_year = spec.year;
    item.pagu = Money::FromRupiah(2'000'000'000);
    item.funding = "APBD";
    item.procurement_type = spec.type;
    item.method = "tender";
    item.selection_from = 2;
    item.selection_to = 3;
    item.work_from = 4;
    item.work_to = 10;
    item.location = spec.location;
    item.description = spec.description;
    item.status = domain::RupStatus::kPublished;
    item.created_by = ppk;
    SPSE_ASSIGN_OR_RETURN(std::int64_t rup, tx.rup().Insert(item));
    domain::Package p;
    p.agency_id = out.agency;
    p.ppk_id = ppk;
    p.name = spec.name;
    p.rup_ids = {rup};
    p.contract_type = "harga_satuan";
    p.qualification = "kecil";
    p.hps = {{"Rangka baja", "ton", 1250, Money::FromRupiah(40'000'000)},
             {"Pondasi", "m3", 333, Money::FromSen(1'234'567)}};
    SPSE_ASSIGN_OR_RETURN(out.id, tx.packages().Insert(p, spec.year));
    return out;
  });
  EXPECT_TRUE(stored.ok()) << stored.status().ToString();
  return stored.ok() ? *stored : StoredPackage{};
}

// Stages of two days each from `t`: pengumuman, download_dokumen, penjelasan.
Tender ATender(std::int64_t package, Micros t) {
  Tender x;
  x.package_id = package;
  x.procedure_code = "tender-pasca-satu-file";
  x.evaluation = "harga_terendah_gugur";
  x.created_by = 1;
  x.created_at = t;
  x.schedule = {{"pengumuman", t, t + 2 * kMicrosPerDay},
                {"download_dokumen", t + 2 * kMicrosPerDay, t + 4 * kMicrosPerDay},
                {"penjelasan", t + 4 * kMicrosPerDay, t + 6 * kMicrosPerDay}};
  x.changes = {0, 0, 0};
  return x;
}

// Stores `x` and publishes it at `published_at` with `status`; its id.
std::int64_t Publish(Tender x, Micros published_at, TenderStatus status = TenderStatus::kRunning) {
  auto id = InWriteTx([&](app::Tx& tx) -> StatusOr<std::int64_t> {
    SPSE_ASSIGN_OR_RETURN(x.id, tx.tenders().Insert(x));
    x.status = status;
    x.published_at = published_at;
    x.published_by = 1;
    SPSE_RETURN_IF_ERROR(tx.tenders().Update(x));
    return x.id;
  });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

std::vector<std::int64_t> Found(const app::TenderFilter& f) {
  auto found = InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(f); });
  EXPECT_TRUE(found.ok()) << f.text << ": " << found.status().ToString();
  auto n = InReadTx([&](app::Tx& tx) { return tx.tenders().CountPublic(f); });
  EXPECT_TRUE(n.ok()) << f.text << ": " << n.status().ToString();
  std::vector<std::int64_t> ids;
  if (!found.ok()) return ids;
  for (const auto& t : *found) ids.push_back(t.tender.id);
  if (n.ok() && f.offset == 0 && static_cast<std::int64_t>(ids.size()) < f.limit) {
    EXPECT_EQ(*n, static_cast<std::int64_t>(ids.size())) << "count and page agree: " << f.text;
  }
  return ids;
}

std::vector<std::int64_t> FoundText(const std::string& text) {
  app::TenderFilter f;
  f.text = text;
  f.limit = 100;
  return Found(f);
}

using Ids = std::vector<std::int64_t>;

TEST(TenderSearch, EveryWordMustBeginAWordInAnyCase) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Pembangunan Jembatan Gantung " + tag;
  const std::int64_t id = Publish(ATender(NewPackage(spec).id, t), t);
  EXPECT_EQ(FoundText(tag), Ids{id});
  EXPECT_EQ(FoundText("JEMB " + tag), Ids{id}) << "a word prefix, any case";
  EXPECT_EQ(FoundText(tag + " gantung pembangunan"), Ids{id}) << "any order";
  const Ids by_prefix = FoundText(tag.substr(0, tag.size() - 1));
  EXPECT_NE(std::find(by_prefix.begin(), by_prefix.end(), id), by_prefix.end()) << "a prefix of the tag";
  EXPECT_EQ(FoundText("batan " + tag), Ids{}) << "inside a word is not a prefix";
  EXPECT_EQ(FoundText(tag + " jalan"), Ids{}) << "every word must match";
}

TEST(TenderSearch, FindsByCodeAgencySatkerLocationAndDescription) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Pengadaan Alat Kesehatan " + tag;
  spec.agency_name = "Dinas Kesehatan " + Unique("dinas");
  spec.satker_name = "Puskesmas " + Unique("satker");
  spec.location = "Desa " + Unique("lokasi");
  spec.description = "Tempat tidur pasien, " + Unique("uraian");
  const StoredPackage p = NewPackage(spec);
  const std::int64_t id = Publish(ATender(p.id, t), t);
  ASSERT_OK_AND_ASSIGN(auto stored, InReadTx([&](app::Tx& tx) { return tx.tenders().FindById(id); }));
  ASSERT_TRUE(stored.has_value());
  for (const std::string& text :
       {stored->code, spec.agency_name, spec.satker_name, spec.location, spec.description}) {
    EXPECT_EQ(FoundText(text), Ids{id}) << text;
  }
}

TEST(TenderSearch, AListedTenderCarriesItsPackageNameTypeYearAndHps) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Rehabilitasi Gedung " + tag;
  spec.type = "jasa_lainnya";
  spec.year = 2028;
  const std::int64_t id = Publish(ATender(NewPackage(spec).id, t), t);
  app::TenderFilter f;
  f.text = tag;
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(f); }));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].tender.id, id);
  EXPECT_EQ(found[0].package_name, spec.name);
  EXPECT_EQ(found[0].procurement_type, "jasa_lainnya");
  EXPECT_EQ(found[0].fiscal_year, 2028);
  // 12.50 ton x Rp40,000,000 + 3.33 m3 x Rp12,345.67 (rounded half up to the sen).
  EXPECT_EQ(found[0].hps, Money::FromSen(50'000'000'000 + 4'111'108));
  ASSERT_EQ(found[0].tender.schedule.size(), 3u);
  EXPECT_EQ(found[0].tender.schedule[2].stage, "penjelasan");
  EXPECT_EQ(found[0].tender.status, TenderStatus::kRunning);
}

TEST(TenderSearch, DraftsAreNeverListed) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Draf " + tag;
  const StoredPackage p = NewPackage(spec);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(ATender(p.id, t)); }).status());
  EXPECT_EQ(FoundText(tag), Ids{});
  app::TenderFilter f;
  f.procurement_type = "konstruksi";
  f.agency_id = p.agency;
  EXPECT_EQ(Found(f), Ids{});
}

TEST(TenderSearch, EachFilterNarrows) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec barang;
  barang.name = "Pengadaan Laptop " + tag;
  barang.type = "barang";
  barang.year = 2026;
  PackageSpec konstruksi;
  konstruksi.name = "Peningkatan Jalan " + tag;
  konstruksi.satker_name = "UPT Jalan " + Unique("upt");
  const StoredPackage pb = NewPackage(barang), pk = NewPackage(konstruksi);
  const std::int64_t b = Publish(ATender(pb.id, t), t);
  Tender direct = ATender(pk.id, t);
  direct.procedure_code = "pengadaan-langsung";
  const std::int64_t k = Publish(direct, t + 1);

  app::TenderFilter f;
  f.text = tag;
  EXPECT_EQ(Found(f), (Ids{k, b})) << "newest publication first";
  f.procurement_type = "barang";
  EXPECT_EQ(Found(f), Ids{b});
  f = {};
  f.text = tag;
  f.fiscal_year = 2027;
  EXPECT_EQ(Found(f), Ids{k});
  f.fiscal_year = 2025;
  EXPECT_EQ(Found(f), Ids{});
  f = {};
  f.text = tag;
  f.agency_id = pb.agency;
  EXPECT_EQ(Found(f), Ids{b}) << "the package's agency";
  f.agency_id = pk.satker;
  EXPECT_EQ(Found(f), Ids{}) << "a satker is no package's agency";
  f.agency_id.reset();
  f.satker_id = pk.satker;
  EXPECT_EQ(Found(f), Ids{k}) << "the RUP item's satker";
  f.satker_id = pb.agency;
  EXPECT_EQ(Found(f), Ids{b}) << "an agency's own RUP item";
  f = {};
  f.text = tag;
  f.procedure_code = "pengadaan-langsung";
  EXPECT_EQ(Found(f), Ids{k});
  f = {};
  f.agency_id = pk.agency;
  EXPECT_EQ(Found(f), Ids{k}) << "without text";
  f.procurement_type = "barang";
  EXPECT_EQ(Found(f), Ids{});
}

TEST(TenderSearch, TheStageFilterFindsRunningTendersInThatStageNow) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Belanja Modal " + tag;
  const std::int64_t running = Publish(ATender(NewPackage(spec).id, t), t);
  const std::int64_t cancelled =
      Publish(ATender(NewPackage(spec).id, t), t + 1, TenderStatus::kCancelled);
  app::TenderFilter f;
  f.text = tag;
  EXPECT_EQ(Found(f), (Ids{cancelled, running}));
  f.stage = "pengumuman";
  f.now = t + kMicrosPerDay;
  EXPECT_EQ(Found(f), Ids{running}) << "a cancelled tender is in no stage";
  f.now = t + 2 * kMicrosPerDay;
  EXPECT_EQ(Found(f), Ids{}) << "a stage ends at its end";
  f.stage = "download_dokumen";
  EXPECT_EQ(Found(f), Ids{running}) << "... and the next one starts";
  f.now = t - 1;
  EXPECT_EQ(Found(f), Ids{}) << "before the schedule";
  f.stage = "penjelasan";
  f.now = t + 5 * kMicrosPerDay;
  EXPECT_EQ(Found(f), Ids{running});
  f = {};
  f.text = tag;
  f.running_only = true;
  EXPECT_EQ(Found(f), Ids{running});
}

TEST(TenderSearch, PagesFollowTheCount) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Paket Halaman " + tag;
  Ids ids;
  for (int i = 0; i < 5; ++i) ids.insert(ids.begin(), Publish(ATender(NewPackage(spec).id, t), t + i));
  app::TenderFilter f;
  f.text = tag;
  f.limit = 2;
  ASSERT_OK_AND_ASSIGN(auto n, InReadTx([&](app::Tx& tx) { return tx.tenders().CountPublic(f); }));
  EXPECT_EQ(n, 5);
  Ids seen;
  for (f.offset = 0; f.offset < 6; f.offset += 2) {
    for (std::int64_t id : Found(f)) seen.push_back(id);
  }
  EXPECT_EQ(seen, ids);
}

TEST(TenderSearch, NothingTypedBreaksTheQuery) {
  const Micros t = UniqueEpoch();
  const std::string tag = Unique("kw");
  PackageSpec spec;
  spec.name = "Pengadaan Obat " + tag;
  const std::int64_t id = Publish(ATender(NewPackage(spec).id, t), t);
  const std::vector<std::string> hostile = {
      "'", "\"", "\"\"", "*", "-", "+", "^", ":", "(", ")", "()", "%", "_", "\\", "\\'", "''",
      "OR", "AND", "NOT", "NEAR", "NEAR(a b)", "a OR b", "a AND NOT b", "-a", "a*", "*a", "{a}",
      "body:a", "rowid:1", "a & b", "a | b", "!a", "a:*", "a <-> b", "'; DROP TABLE tenders; --",
      "\" OR 1=1 --", "1' OR '1'='1", "%' OR 1=1 --", "\\x00", "é", "Ünïcødé", "—", "€ 100",
      "日本語", "😀", std::string("\xff\xfe", 2), std::string("a\0b", 3), std::string(300, 'a'),
      "a b c d e f g h i j k l m n o p q r s t u v w x y z"};
  for (const std::string& text : hostile) {
    app::TenderFilter f;
    f.text = text;
    auto found = InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(f); });
    EXPECT_TRUE(found.ok()) << text << ": " << found.status().ToString();
    auto n = InReadTx([&](app::Tx& tx) { return tx.tenders().CountPublic(f); });
    EXPECT_TRUE(n.ok()) << text << ": " << n.status().ToString();
  }
  // Around the tag's word, operators and quotes are only separators.
  for (const std::string& text :
       {"\"" + tag + "\"", tag + "*", "(" + tag + ")", "-" + tag, tag + "%", "'" + tag + "'",
        tag + ":*", "\\" + tag, "_" + tag + "_", tag + " &", "+" + tag}) {
    EXPECT_EQ(FoundText(text), Ids{id}) << text;
  }
  for (const std::string& text : {tag + " OR x", tag + "' OR '1'='1", tag + " NOT obat", "NEAR(" + tag + ")"}) {
    EXPECT_EQ(FoundText(text), Ids{}) << "every word, operators too, must match: " << text;
  }
}

TEST(TenderSearch, TextWithoutAWordFindsNothing) {
  const Micros t = UniqueEpoch();
  PackageSpec spec;
  spec.name = "Pengadaan " + Unique("kw");
  Publish(ATender(NewPackage(spec).id, t), t);
  for (std::string text : {"%%", "—", "'", " ", "*", "\"\""}) {
    EXPECT_EQ(FoundText(text), Ids{}) << text;
  }
}

// A word most tenders have costs no more to count than a thousand of them:
// the count stops past TenderFilter::kCountCap, and the list still pages.
TEST(TenderSearch, TheCountOfTypedWordsStopsPastTheCap) {
  const std::string word = "Kapasitas" + Unique("w");
  PackageSpec spec;
  spec.name = "Pengadaan " + word;
  const StoredPackage p = NewPackage(spec);
  const Micros t = UniqueEpoch();
  const int stored = app::TenderFilter::kCountCap + 2;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
              for (int i = 0; i < stored; ++i) {
                Tender x = ATender(p.id, t);
                SPSE_ASSIGN_OR_RETURN(x.id, tx.tenders().Insert(x));
                x.status = TenderStatus::kRunning;
                x.published_at = t + i;
                x.published_by = 1;
                SPSE_RETURN_IF_ERROR(tx.tenders().Update(x));
              }
              return 0;
            }).status());
  app::TenderFilter f;
  f.text = word;
  ASSERT_OK_AND_ASSIGN(auto n, InReadTx([&](app::Tx& tx) { return tx.tenders().CountPublic(f); }));
  EXPECT_EQ(n, app::TenderFilter::kCountCap + 1);
  f.procurement_type = "konstruksi";
  ASSERT_OK_AND_ASSIGN(auto typed, InReadTx([&](app::Tx& tx) { return tx.tenders().CountPublic(f); }));
  EXPECT_EQ(typed, app::TenderFilter::kCountCap + 1);
  f.offset = app::TenderFilter::kCountCap - 25;
  ASSERT_OK_AND_ASSIGN(auto page, InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(f); }));
  EXPECT_EQ(page.size(), 25u) << "the last page under the cap is full";
}

}  // namespace
}  // namespace spse::storage::conformance
