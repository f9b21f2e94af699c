// Cari Paket under load (issue 4, item 5): fills a database with published
// tenders through the storage layer, then times the public search the way
// TenderService::Search runs it (one read transaction: CountPublic, then
// SearchPublic for a page of 25) for several kinds of query, and prints
// p50/p95/p99 per kind. bench/search.sh runs it on SQLite and PostgreSQL.
//
//   spse_search_bench --db URL [--tenders N] [--runs N] [--fill-only] [--no-fill]
//
// Filling is skipped when the database already lists N published tenders.
// The generator is seeded, so every run builds the same data.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "app/ports.h"
#include "crypto/crypto.h"
#include "storage/database.h"

namespace spse::bench {
namespace {

using app::Access;
using app::TenderFilter;

// 2026-07-01T00:00:00Z: "now" for the data and the stage filter.
constexpr Micros kNow = 1'782'864'000LL * kMicrosPerSecond;

struct Kind {
  std::string_view type;                 // procurement type
  std::vector<std::string_view> verbs;   // what is done
  std::vector<std::string_view> things;  // to what
};

const std::vector<Kind>& Kinds() {
  static const std::vector<Kind> kKinds = {
      {"konstruksi",
       {"Pembangunan", "Rehabilitasi", "Peningkatan", "Pemeliharaan Berkala", "Rekonstruksi",
        "Normalisasi", "Renovasi", "Pelebaran"},
       {"Jalan Poros Desa", "Jembatan Beton", "Saluran Irigasi", "Drainase Perkotaan",
        "Gedung Kantor Kecamatan", "Ruang Kelas SD Negeri", "Puskesmas Pembantu", "Pasar Tradisional",
        "Tanggul Sungai", "Talud Penahan Tanah", "Embung Desa", "Jalan Lingkungan Paving"}},
      {"barang",
       {"Pengadaan", "Belanja", "Penyediaan", "Pembelian"},
       {"Alat Kesehatan Puskesmas", "Laptop dan Printer", "Obat dan Bahan Medis Habis Pakai",
        "Kendaraan Dinas Roda Dua", "Meubelair Sekolah", "Seragam Petugas Linmas",
        "Makanan Pasien Rawat Inap", "Bibit Jagung Hibrida", "Pupuk Organik Cair",
        "Alat Pemadam Kebakaran", "Buku Perpustakaan Sekolah", "Ambulans Desa"}},
      {"konsultansi",
       {"Jasa Konsultansi Pengawasan", "Jasa Konsultansi Perencanaan", "Penyusunan",
        "Kajian Teknis"},
       {"Rehabilitasi Jalan", "Pembangunan Jembatan", "Detail Engineering Design Irigasi",
        "Rencana Detail Tata Ruang", "Masterplan Drainase", "Dokumen Lingkungan UKL-UPL",
        "Analisis Dampak Lalu Lintas", "Studi Kelayakan Pelabuhan Rakyat"}},
      {"jasa_lainnya",
       {"Jasa", "Penyelenggaraan", "Sewa", "Layanan"},
       {"Kebersihan Kantor", "Laundry Linen Rumah Sakit", "Keamanan Gedung", "Katering Rapat",
        "Pemeliharaan AC Gedung", "Asuransi Kendaraan Dinas", "Pengangkutan Sampah",
        "Event Hari Jadi Kabupaten", "Percetakan Dokumen", "Tenaga Pendukung Administrasi"}},
      {"konsultansi_perorangan",
       {"Tenaga Ahli", "Konsultan Individu", "Pendamping"},
       {"Pengelolaan Keuangan Desa", "Sistem Informasi", "Hukum Pengadaan", "Tata Kelola Rumah Sakit",
        "Perencanaan Pembangunan Daerah"}},
  };
  return kKinds;
}

const std::vector<std::string_view> kPlaces = {
    "Arosbaya", "Blega",     "Burneh",  "Galis",        "Geger",         "Kamal",
    "Klampis",  "Kokop",     "Konang",  "Kwanyar",      "Labang",        "Modung",
    "Sepulu",   "Socah",     "Tragah",  "Tanah Merah",  "Tanjung Bumi",  "Bangkalan"};
const std::vector<std::string_view> kVillages = {
    "Karanganyar", "Banyuajuh", "Sembilangan", "Tunjung",   "Kemayoran", "Mlajah",
    "Pangeranan",  "Kraton",    "Sukolilo",    "Telang",    "Petapan",   "Lajing",
    "Bilaporah",   "Tlokoh",    "Morkepek",    "Jaddih",    "Durjan",    "Kombangan"};
const std::vector<std::string_view> kDescriptions = {
    "Dana Alokasi Khusus bidang jalan.", "Sesuai spesifikasi teknis terlampir.",
    "Termasuk pengiriman dan pemasangan.", "Pekerjaan dilaksanakan bertahap.",
    "Bantuan keuangan provinsi.", "Prioritas RPJMD tahun berjalan.",
    "Lokasi tersebar di beberapa desa.", "Garansi purna jual minimal satu tahun."};
const std::vector<std::string_view> kAgencies = {
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Kesehatan", "Dinas Pendidikan",
    "Dinas Perhubungan", "Dinas Pertanian dan Ketahanan Pangan", "Dinas Lingkungan Hidup",
    "Dinas Perumahan Rakyat dan Kawasan Permukiman", "Badan Penanggulangan Bencana Daerah",
    "Dinas Sosial", "Dinas Pemuda dan Olahraga", "Sekretariat Daerah", "Sekretariat DPRD",
    "Dinas Komunikasi dan Informatika", "Dinas Perikanan", "Satuan Polisi Pamong Praja",
    "RSUD Syarifah Ambami Rato Ebu", "Badan Perencanaan Pembangunan Daerah",
    "Dinas Perindustrian dan Tenaga Kerja", "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Pengelolaan Keuangan dan Aset Daerah"};
const std::vector<std::string_view> kSatkers = {"Bidang Bina Marga", "Bidang Sumber Daya Air",
                                                 "UPT Puskesmas", "UPT Pengelolaan", "Bagian Umum",
                                                 "Bidang Sarana dan Prasarana"};
const std::vector<std::string_view> kProcedures = {"tender-pasca-satu-file", "tender-pra-dua-file",
                                                    "pengadaan-langsung", "seleksi-pra-dua-file"};
const std::vector<std::string_view> kStages = {"pengumuman",   "download_dokumen",
                                                "penjelasan",   "upload_penawaran",
                                                "pembukaan",    "evaluasi",
                                                "penetapan",    "pengumuman_pemenang",
                                                "sanggah",      "kontrak"};

template <typename T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

[[noreturn]] void Die(const Status& s, std::string_view what) {
  std::fprintf(stderr, "search_bench: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               s.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Check(StatusOr<T> v, std::string_view what) {
  if (!v.ok()) Die(v.status(), what);
  return std::move(*v);
}

struct Setup {
  std::vector<std::int64_t> skpd, satker;  // satker[i] belongs to skpd[i % skpd.size()]
  std::int64_t ppk = 0;
};

Setup MakeAgencies(app::Store& store) {
  Setup s;
  auto tx = Check(store.Begin(Access::kWrite), "begin");
  const std::string run = std::to_string(std::random_device()() % 1'000'000);
  for (size_t i = 0; i < kAgencies.size(); ++i) {
    domain::Agency a;
    a.kind = domain::AgencyKind::kSkpd;
    a.code = "B" + run + "-" + std::to_string(i);
    a.name = std::string(kAgencies[i]);
    s.skpd.push_back(Check(tx->agencies().Insert(a), "agency"));
  }
  for (size_t i = 0; i < kAgencies.size() * 3; ++i) {
    domain::Agency a;
    a.kind = domain::AgencyKind::kSatker;
    a.code = "B" + run + "-S" + std::to_string(i);
    a.name = std::string(kSatkers[i % kSatkers.size()]) + " " + std::string(kPlaces[i % kPlaces.size()]);
    a.parent_id = s.skpd[i % s.skpd.size()];
    s.satker.push_back(Check(tx->agencies().Insert(a), "satker"));
  }
  domain::User u;
  u.username = "bench.ppk." + run;
  u.full_name = "PPK Benchmark";
  u.email = u.username + "@bangkalankab.go.id";
  u.roles = {domain::Role::kPpk};
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = kNow;
  s.ppk = Check(tx->users().Insert(u), "user");
  if (Status c = tx->Commit(); !c.ok()) Die(c, "commit");
  return s;
}

// One published tender (or, every 50th, also a draft beside it) with its
// RUP item and package. Publication dates spread over four years before
// kNow; most are finished, about one in twelve still runs.
void AddTender(app::Tx& tx, const Setup& s, std::mt19937_64& rng, int n) {
  const Kind& kind = Pick(rng, Kinds());
  const size_t agency_index = std::uniform_int_distribution<size_t>(0, s.satker.size() - 1)(rng);
  const std::int64_t satker = s.satker[agency_index];
  const std::int64_t skpd = s.skpd[agency_index % s.skpd.size()];
  const std::string place(Pick(rng, kPlaces));
  std::string name = std::string(Pick(rng, kind.verbs)) + " " + std::string(Pick(rng, kind.things));
  name += (n % 3 == 0 ? " Desa " + std::string(Pick(rng, kVillages)) : "") + " Kecamatan " + place;
  const Micros published =
      kNow - std::uniform_int_distribution<Micros>(0, 4 * 365 * kMicrosPerDay)(rng) +
      30 * kMicrosPerDay;  // a few are announced for the coming weeks
  const int year = 2022 + static_cast<int>((published - (kNow - 4 * 365 * kMicrosPerDay)) /
                                           (365 * kMicrosPerDay));

  domain::RupItem item;
  item.agency_id = satker;
  item.name = name;
  item.fiscal_year = std::clamp(year, 2022, 2027);
  item.pagu = Money::FromRupiah(std::uniform_int_distribution<std::int64_t>(50, 20'000)(rng) * 1'000'000);
  item.funding = "APBD";
  item.procurement_type = std::string(kind.type);
  item.method = "tender";
  item.selection_from = 2;
  item.selection_to = 3;
  item.work_from = 4;
  item.work_to = 11;
  item.location = "Kec. " + place;
  item.description = std::string(Pick(rng, kDescriptions));
  item.status = domain::RupStatus::kPublished;
  item.created_by = s.ppk;
  item.created_at = published;
  item.updated_at = published;
  item.published_at = published;
  const std::int64_t rup = Check(tx.rup().Insert(item), "rup");

  domain::Package p;
  p.agency_id = skpd;
  p.ppk_id = s.ppk;
  p.name = name;
  p.rup_ids = {rup};
  p.contract_type = "harga_satuan";
  p.qualification = "kecil";
  p.hps = {{"Pekerjaan utama", "LS", 100, Money::FromSen(item.pagu.sen() * 9 / 10)}};
  p.status = domain::PackageStatus::kAssigned;
  p.created_at = published;
  p.updated_at = published;
  const std::int64_t package = Check(tx.packages().Insert(p, item.fiscal_year), "package");

  domain::Tender t;
  t.package_id = package;
  t.procedure_code = std::string(Pick(rng, kProcedures));
  t.evaluation = "harga_terendah_gugur";
  t.created_by = s.ppk;
  t.created_at = published - kMicrosPerDay;
  Micros at = published;
  for (std::string_view stage : kStages) {
    const Micros days = std::uniform_int_distribution<Micros>(1, 7)(rng) * kMicrosPerDay;
    t.schedule.push_back({std::string(stage), at, at + days});
    t.changes.push_back(0);
    at += days;
  }
  if (n % 50 == 0) Check(tx.tenders().Insert(t), "draft tender");
  const int roll = std::uniform_int_distribution<int>(0, 99)(rng);
  if (at > kNow) {
    t.status = domain::TenderStatus::kRunning;
  } else {
    t.status = roll < 90 ? domain::TenderStatus::kDone
                         : (roll < 95 ? domain::TenderStatus::kFailed : domain::TenderStatus::kCancelled);
  }
  t.published_at = published;
  t.published_by = s.ppk;
  Check(tx.tenders().Insert(t), "tender");
}

void Fill(app::Store& store, int tenders) {
  std::mt19937_64 rng(20260701);
  const Setup s = MakeAgencies(store);
  constexpr int kBatch = 2000;
  const auto start = std::chrono::steady_clock::now();
  for (int done = 0; done < tenders;) {
    auto tx = Check(store.Begin(Access::kWrite), "begin");
    const int end = std::min(tenders, done + kBatch);
    for (; done < end; ++done) AddTender(*tx, s, rng, done);
    if (Status c = tx->Commit(); !c.ok()) Die(c, "commit");
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\rfilled %d/%d tenders (%.0f s)", done, tenders, secs);
  }
  std::fprintf(stderr, "\n");
}

struct QueryKind {
  std::string name;
  std::function<TenderFilter(std::mt19937_64&)> make;
};

std::vector<QueryKind> QueryKinds(const std::vector<domain::Agency>& agencies) {
  const std::vector<std::string_view> one = {"jembatan", "jalan", "puskesmas", "laptop",
                                             "irigasi", "kebersihan", "blega", "konsultansi",
                                             "drainase", "obat"};
  const std::vector<std::string_view> two = {"jemb beton", "rehab jal", "peng alat", "jasa keb",
                                             "pemb gedung", "sal iri", "keca aros", "desa karang",
                                             "pusk pemb", "bel meub"};
  return {
      {"browse (no filter), page 1", [](auto&) { return TenderFilter{}; }},
      {"browse, page 40",
       [](auto&) {
         TenderFilter f;
         f.offset = 39 * 25;
         return f;
       }},
      {"one word", [one](auto& rng) {
         TenderFilter f;
         f.text = std::string(Pick(rng, one));
         return f;
       }},
      {"two word prefixes", [two](auto& rng) {
         TenderFilter f;
         f.text = std::string(Pick(rng, two));
         return f;
       }},
      {"word + category + year", [one](auto& rng) {
         TenderFilter f;
         f.text = std::string(Pick(rng, one));
         f.procurement_type = std::string(Pick(rng, Kinds()).type);
         f.fiscal_year = std::uniform_int_distribution<int>(2023, 2026)(rng);
         return f;
       }},
      {"category + year", [](auto& rng) {
         TenderFilter f;
         f.procurement_type = std::string(Pick(rng, Kinds()).type);
         f.fiscal_year = std::uniform_int_distribution<int>(2023, 2026)(rng);
         return f;
       }},
      {"agency (SKPD or satker)", [agencies](auto& rng) {
         TenderFilter f;
         const domain::Agency& a = Pick(rng, agencies);
         if (a.kind == domain::AgencyKind::kSatker) {
           f.satker_id = a.id;
         } else {
           f.agency_id = a.id;
         }
         return f;
       }},
      {"stage now", [](auto& rng) {
         TenderFilter f;
         f.stage = std::string(Pick(rng, kStages));
         f.now = kNow;
         return f;
       }},
      {"stage now + word", [one](auto& rng) {
         TenderFilter f;
         f.stage = std::string(Pick(rng, kStages));
         f.now = kNow;
         f.text = std::string(Pick(rng, one));
         return f;
       }},
      {"no results", [](auto&) {
         TenderFilter f;
         f.text = "zzyzx qwerty";
         return f;
       }},
  };
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

int Main(int argc, char** argv) {
  std::string url;
  int tenders = 100'000, runs = 300;
  bool fill_only = false, no_fill = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--db" && i + 1 < argc) url = argv[++i];
    else if (a == "--tenders" && i + 1 < argc) tenders = std::atoi(argv[++i]);
    else if (a == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (a == "--fill-only") fill_only = true;
    else if (a == "--no-fill") no_fill = true;
    else {
      std::fprintf(stderr,
                   "usage: spse_search_bench --db URL [--tenders N] [--runs N] [--fill-only] "
                   "[--no-fill]\n");
      return 2;
    }
  }
  if (url.empty()) {
    std::fprintf(stderr, "search_bench: --db is required\n");
    return 2;
  }
  if (Status s = crypto::Init(); !s.ok()) Die(s, "crypto");
  Check(storage::Migrate(url), "migrate");
  auto store = Check(storage::OpenStore(url, {1}), "open");

  std::int64_t listed = 0;
  {
    auto tx = Check(store->Begin(Access::kRead), "begin");
    listed = Check(tx->tenders().CountPublic(TenderFilter{}), "count");
  }
  if (!no_fill && listed < tenders) {
    Fill(*store, tenders - static_cast<int>(listed));
  }
  if (fill_only) return 0;

  std::vector<domain::Agency> agencies;
  {
    auto tx = Check(store->Begin(Access::kRead), "begin");
    listed = Check(tx->tenders().CountPublic(TenderFilter{}), "count");
    agencies = Check(tx->agencies().List(), "agencies");
  }
  std::printf("%s: %lld published tenders, %d runs per kind (after %d warm-up runs)\n\n",
              store->dialect() == "sqlite" ? "SQLite" : "PostgreSQL",
              static_cast<long long>(listed), runs, runs / 10);
  std::printf("| query | p50 ms | p95 ms | p99 ms | max ms | mean results |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  std::mt19937_64 rng(42);
  for (const QueryKind& kind : QueryKinds(agencies)) {
    std::vector<double> ms;
    double results = 0;
    for (int i = 0; i < runs + runs / 10; ++i) {
      TenderFilter f = kind.make(rng);
      f.limit = 25;
      const auto start = std::chrono::steady_clock::now();
      auto tx = Check(store->Begin(Access::kRead), "begin");
      const std::int64_t total = Check(tx->tenders().CountPublic(f), "count");
      const auto page = Check(tx->tenders().SearchPublic(f), "search");
      tx.reset();
      const double elapsed =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (i < runs / 10) continue;
      if (page.size() > 25 || (total > f.offset && page.empty())) {
        std::fprintf(stderr, "search_bench: %s: %zu rows of %lld\n", kind.name.c_str(), page.size(),
                     static_cast<long long>(total));
        return 1;
      }
      ms.push_back(elapsed);
      results += static_cast<double>(total);
    }
    std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.0f |\n", kind.name.c_str(), Percentile(ms, 0.50),
                Percentile(ms, 0.95), Percentile(ms, 0.99), Percentile(ms, 1.0),
                results / static_cast<double>(ms.size()));
  }
  return 0;
}

}  // namespace
}  // namespace spse::bench

int main(int argc, char** argv) { return spse::bench::Main(argc, argv); }
