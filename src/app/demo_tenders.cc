// Demo tenders (issue 4, item 10): packages made from RUP items of 2026 and
// 2027 and tendered in every category, for several agencies, with schedules
// placed around the moment of loading so that they stand in different
// stages (announcement, clarification, bid upload, opening and evaluation,
// all over), one cancelled, one with a changed schedule, and two drafts.
// Beranda and Cari Paket then look like a working LPSE's.
#include <algorithm>

#include "app/actor.h"
#include "app/demo_data.h"
#include "base/civil.h"
#include "domain/tender_schedule.h"

namespace spse::app {
namespace {

using domain::Schedule;
using domain::TenderStatus;

constexpr std::string_view kLoadedKey = "demo.tenders_loaded";

// RUP items of fiscal year 2026 this loader adds (the 2027 plan is
// demo_planning.cc's): tenders of the running year, further along.
struct DemoRup2026 {
  const char* agency;
  const char* name;
  std::int64_t pagu_rupiah;
  const char* type;
  const char* method;
  const char* location;
};

// clang-format off
constexpr DemoRup2026 kRup2026[] = {
  {"DPUPR-BM", "Rekonstruksi Jalan Raya Socah - Kamal", 3'250'000'000, "konstruksi", "tender", "Kec. Socah dan Kec. Kamal"},
  {"DINKES-RSUD", "Pengadaan Bahan Habis Pakai Laboratorium RSUD", 1'150'000'000, "barang", "tender", "RSUD Syarifah Ambami Rato Ebu"},
  {"DISDIK", "Pengadaan Alat Peraga Pendidikan Sekolah Dasar", 890'000'000, "barang", "tender", "45 SD Negeri se-Kabupaten Bangkalan"},
  {"DINKES", "Pengadaan Obat dan Bahan Medis Habis Pakai Puskesmas", 760'000'000, "barang", "tender", "22 Puskesmas se-Kabupaten Bangkalan"},
  {"DINKES", "Pengadaan Ambulans Puskesmas Keliling", 1'350'000'000, "barang", "tender", "Puskesmas Arosbaya, Klampis dan Kokop"},
  {"DINKES-RSUD", "Pengadaan Alat Tulis Kantor dan Barang Cetakan RSUD", 190'000'000, "barang", "pengadaan_langsung", "RSUD Syarifah Ambami Rato Ebu"},
  {"DPUPR-BM", "Pengadaan Material Paving Block Jalan Lingkungan", 620'000'000, "barang", "tender_cepat", "Kec. Burneh dan Kec. Arosbaya"},
};
// clang-format on

struct DemoLine {
  const char* description;
  const char* unit;
  std::int64_t quantity;  // hundredths
  std::int64_t unit_price_rupiah;
};

// kRetender: a second tender (tender ulang) of the package of the entry
// before it with the same RUP item, which the demo history fails.
enum class Fate { kRunning, kChanged, kCancelled, kDraft, kRetender };

struct DemoTender {
  const char* rup_name;
  int year;  // of the RUP item
  const char* ppk;
  const char* contract_type;
  const char* qualification;
  std::vector<DemoLine> lines;
  const char* assignee;  // "pokja" or the Pejabat Pengadaan's username
  const char* procedure;
  const char* evaluation;
  // Current at the moment of loading: any of these; empty when the whole
  // schedule is over. Drafts start the next working morning instead.
  std::vector<std::string_view> stages;
  Fate fate = Fate::kRunning;
  const char* reason = "";  // of the cancellation or the schedule change
  // The schedule is placed as if loaded this many days earlier: a tender
  // over before its tender ulang began.
  int days_earlier = 0;
};

std::vector<DemoTender> Tenders() {
  return {
      {"Pemeliharaan Berkala Jalan Kabupaten Wilayah Barat", 2027, "ppk.dpupr", "harga_satuan", "kecil",
       {{"Penambalan lubang (patching) AC-WC", "m2", 480000, 185'000},
        {"Pembersihan saluran samping", "m", 1250000, 22'500}},
       "pokja", "tender-cepat", "harga_terendah_gugur", {"pendaftaran", "undangan"}},
      {"Pengawasan Teknis Rehabilitasi Jalan Burneh - Tanah Merah", 2027, "ppk.dpupr", "lumsum", "kecil",
       {{"Tenaga ahli pengawas jalan", "OB", 600, 18'500'000},
        {"Inspektor lapangan (2 orang)", "OB", 1200, 7'500'000},
        {"Biaya langsung non-personel", "LS", 100, 24'000'000}},
       "pokja", "seleksi-pra-dua-file", "kualitas_biaya", {"pengumuman", "download_kualifikasi"}},
      {"Penyusunan Rencana Detail Tata Ruang Kawasan Perkotaan Bangkalan", 2027, "ppk.dpupr", "lumsum", "kecil",
       {{"Tenaga ahli perencanaan wilayah", "OB", 2400, 21'000'000},
        {"Survei dan pemetaan", "LS", 100, 95'000'000}},
       "pokja", "seleksi-pra-dua-file", "kualitas", {"kirim_kualifikasi", "evaluasi_kualifikasi"}},
      {"Pembangunan Puskesmas Modung", 2027, "ppk.dinkes", "gabungan", "kecil",
       {{"Pekerjaan struktur gedung puskesmas", "m2", 120000, 3'250'000},
        {"Mekanikal, elektrikal dan plumbing", "LS", 100, 780'000'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"penjelasan"}},
      {"Jasa Laundry Linen Rumah Sakit", 2027, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Pencucian linen", "kg", 6000000, 6'500}, {"Pengantaran dan penjemputan", "bulan", 1200, 2'750'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"upload_penawaran"}, Fate::kChanged,
       "Adendum dokumen pemilihan: penambahan volume linen ruang isolasi"},
      {"Pengadaan Makanan Pasien Rawat Inap", 2027, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Makan pasien kelas III (3 kali sehari)", "porsi", 5400000, 27'500}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"pengumuman"}},
      {"Renovasi Ruang Bersalin Puskesmas Bangkalan", 2027, "ppk.dinkes", "lumsum", "kecil",
       {{"Pembongkaran dan perbaikan lantai", "m2", 8500, 675'000}, {"Instalasi air bersih dan sanitasi", "LS", 100, 48'000'000}},
       "pp.dinkes", "pengadaan-langsung", "harga_terendah_gugur", {"upload_penawaran"}},
      {"Rehabilitasi Ruang Kelas SD Negeri (12 sekolah)", 2027, "ppk.disdik", "harga_satuan", "kecil",
       {{"Rehabilitasi ruang kelas", "ruang", 3600, 92'500'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"upload_penawaran"}},
      {"Pengadaan Meubelair Sekolah Menengah Pertama", 2027, "ppk.disdik", "harga_satuan", "kecil",
       {{"Meja dan kursi siswa", "set", 216000, 575'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"penjelasan"}, Fate::kCancelled,
       "Spesifikasi teknis meubelair disesuaikan dengan standar sarana prasarana terbaru; paket akan ditender ulang"},
      {"Pengadaan Rambu Lalu Lintas dan Marka Jalan", 2027, "ppk.dishub", "harga_satuan", "kecil",
       {{"Rambu lalu lintas tiang tunggal", "unit", 18000, 1'850'000}, {"Marka jalan thermoplastic", "m2", 260000, 115'000}},
       "pokja", "tender-cepat", "harga_terendah_gugur", {"penawaran_harga"}},
      {"Rekonstruksi Jalan Raya Socah - Kamal", 2026, "ppk.dpupr", "harga_satuan", "kecil",
       {{"Perkerasan beton semen t=25 cm", "m3", 190000, 1'520'000}, {"Mobilisasi", "LS", 100, 55'000'000}},
       // A week further back: the SPPBJ waits for the sanggah banding period.
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {}, Fate::kRunning, "", 7},
      {"Pengadaan Bahan Habis Pakai Laboratorium RSUD", 2026, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Reagen hematologi", "kit", 42000, 1'950'000}, {"Tabung vakum dan jarum", "box", 120000, 185'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"evaluasi", "pembuktian"}},
      {"Pengadaan Alat Peraga Pendidikan Sekolah Dasar", 2026, "ppk.disdik", "harga_satuan", "kecil",
       {{"Paket alat peraga matematika dan IPA", "paket", 4500, 17'500'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"pembukaan", "evaluasi"}},
      {"Pengadaan CT Scan 128 Slice RSUD Syamrabu", 2027, "ppk.dinkes", "harga_satuan", "kecil",
       {{"CT Scan 128 slice dengan instalasi dan pelatihan", "unit", 100, 14'250'000'000}},
       "pokja", "tender-pra-dua-file", "sistem_nilai", {}, Fate::kDraft},
      {"Pengadaan dan Pemasangan Lampu Penerangan Jalan Umum Tenaga Surya", 2027, "ppk.dishub", "harga_satuan", "kecil",
       {{"PJU tenaga surya 60 W terpasang", "titik", 12000, 16'750'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {}, Fate::kDraft},
      // Over: the demo history (src/cli/demo_history.cc) evaluates, awards
      // and contracts them, fails the first ambulance tender, and runs the
      // Pengadaan Langsung's negotiation and the Tender Cepat's auction.
      {"Pengadaan Obat dan Bahan Medis Habis Pakai Puskesmas", 2026, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Amoksisilin kapsul 500 mg", "box", 240000, 68'000},
        {"Parasetamol tablet 500 mg", "box", 300000, 42'500},
        {"Kasa steril 16 x 16 cm", "box", 180000, 95'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {}},
      {"Pengadaan Ambulans Puskesmas Keliling", 2026, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Ambulans roda empat dengan peralatan medis", "unit", 300, 415'000'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {}, Fate::kRunning, "", 24},
      {"Pengadaan Ambulans Puskesmas Keliling", 2026, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Ambulans roda empat dengan peralatan medis", "unit", 300, 415'000'000}},
       "pokja", "tender-pasca-satu-file", "harga_terendah_gugur", {"download_dokumen", "penjelasan"},
       Fate::kRetender, "Tender gagal: seluruh penawaran di atas HPS"},
      {"Pengadaan Alat Tulis Kantor dan Barang Cetakan RSUD", 2026, "ppk.dinkes", "harga_satuan", "kecil",
       {{"Kertas HVS A4 80 gram", "rim", 120000, 58'000},
        {"Map dan ordner", "buah", 250000, 17'500},
        {"Formulir rekam medis cetak", "lembar", 6000000, 850}},
       "pp.dinkes", "pengadaan-langsung", "harga_terendah_gugur", {}},
      {"Pengadaan Material Paving Block Jalan Lingkungan", 2026, "ppk.dpupr", "harga_satuan", "kecil",
       {{"Paving block K-300 tebal 8 cm", "m2", 1800000, 29'500}},
       "pokja", "tender-cepat", "harga_terendah_gugur", {}},
  };
}

// The procedure's default schedule, started far enough in the past that one
// of `stages` is running at `now` (with none given: every stage is over by
// a day). Starts are tried hour by hour back from `now`, so it holds on any
// calendar. When none fits (outside working hours a stage held in them
// cannot be running), the schedule where such a stage ended last before `now`.
StatusOr<Schedule> PlacedSchedule(const domain::ProcedureSpec& p,
                                  const std::vector<std::string_view>& stages, Micros now,
                                  const domain::WorkingCalendar& cal) {
  std::optional<Schedule> fallback;
  Micros fallback_end = 0;
  for (int hours = 1; hours <= 150 * 24; ++hours) {
    const Micros start = cal.NextWorkingTime(now - hours * kMicrosPerHour);
    if (start > now) continue;
    Schedule s = domain::ProposeSchedule(p, start, cal);
    if (stages.empty()) {
      const bool over = std::all_of(s.begin(), s.end(), [&](const domain::StagePeriod& x) {
        return x.end < now - kMicrosPerDay;
      });
      if (over) return s;
      continue;
    }
    const domain::CurrentStage current = domain::CurrentStageAt(s, now);
    auto wanted = [&](const domain::StagePeriod& x) {
      return std::find(stages.begin(), stages.end(), x.stage) != stages.end();
    };
    if (current.running && wanted(s[*current.index])) return s;
    for (const domain::StagePeriod& x : s) {
      if (wanted(x) && x.end <= now && (!fallback || x.end > fallback_end)) {
        fallback = s;
        fallback_end = x.end;
      }
    }
  }
  if (fallback) return *std::move(fallback);
  return Internal("demo.schedule_unplaced", p.code);
}

// The change a Pokja makes when an addendum needs more time: from the bid
// upload on, everything a week (or two, should a holiday be in the way)
// later; the download runs until the new deadline.
StatusOr<domain::ScheduleChange> Postponed(const domain::ProcedureSpec& p, const Schedule& s,
                                           std::string_view reason, Micros at,
                                           const domain::WorkingCalendar& cal) {
  size_t upload = 0, download = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].stage == "upload_penawaran") upload = i;
    if (s[i].stage == "download_dokumen") download = i;
  }
  Status last = Internal("demo.schedule_unchanged");
  for (int weeks = 1; weeks <= 4; ++weeks) {
    Schedule next = s;
    for (size_t i = upload; i < next.size(); ++i) {
      if (i != upload) next[i].start += weeks * 7 * kMicrosPerDay;
      next[i].end += weeks * 7 * kMicrosPerDay;
    }
    next[download].end = next[upload].end;
    auto change = domain::ChangeSchedule(p, s, std::vector<int>(s.size(), 0), next, reason, at, cal);
    if (change.ok()) return change;
    last = change.status();
  }
  return last;
}

}  // namespace

StatusOr<int> LoadDemoTenders(Store& store, const domain::Catalogue& catalogue, const Clock& clock,
                              const domain::WorkingCalendar& cal) {
  const Actor actor{SystemPrincipal("system:demo"), "local"};
  const Micros now = clock.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto loaded, tx->settings().Get(kLoadedKey));
  if (loaded) return 0;

  auto user = [&](const char* username) -> StatusOr<domain::User> {
    SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindByUsername(username));
    if (!u) return Internal("demo.user_missing", username);
    return *u;
  };
  SPSE_ASSIGN_OR_RETURN(domain::User chair, user("pokja1"));
  SPSE_ASSIGN_OR_RETURN(domain::User pakpa_dpupr, user("pakpa.dpupr"));
  SPSE_ASSIGN_OR_RETURN(auto groups, tx->pokja().List());
  std::optional<std::int64_t> group;
  for (const auto& g : groups) {
    if (g.name == "Pokja Pemilihan 1 Tahun 2026") group = g.id;
  }
  if (!group) return Internal("demo.pokja_missing");

  // The 2026 items, published months ago.
  for (const DemoRup2026& d : kRup2026) {
    SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindByCode(d.agency));
    if (!agency) return Internal("demo.agency_missing", d.agency);
    domain::RupItem item;
    item.agency_id = agency->id;
    item.name = d.name;
    item.fiscal_year = 2026;
    item.pagu = Money::FromRupiah(d.pagu_rupiah);
    item.funding = "APBD";
    item.procurement_type = d.type;
    item.method = d.method;
    item.selection_from = 9;
    item.selection_to = 11;
    item.work_from = 11;
    item.work_to = 12;
    item.location = d.location;
    item.created_by = pakpa_dpupr.id;
    item.created_at = item.updated_at = now - 240 * kMicrosPerDay;
    item.status = domain::RupStatus::kPublished;
    item.published_at = item.created_at;
    SPSE_RETURN_IF_ERROR(domain::ValidateRupItem(item));
    SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->rup().Insert(item));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "rup.publish", "rup", std::to_string(id),
                                    std::string("demo: ") + d.name));
  }

  int added = 0;
  for (const DemoTender& d : Tenders()) {
    RupFilter by_name;
    by_name.fiscal_year = d.year;
    by_name.text = d.rup_name;
    SPSE_ASSIGN_OR_RETURN(auto items, tx->rup().Search(by_name));
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const domain::RupItem& r) { return r.name == d.rup_name; });
    if (item == items.end()) return Internal("demo.rup_missing", d.rup_name);
    SPSE_ASSIGN_OR_RETURN(auto taken, tx->packages().PackageOfRup(item->id));
    // A tender ulang takes the package of the tender it follows; otherwise
    // a package someone made already is left alone.
    std::optional<domain::Tender> previous;
    if (d.fate == Fate::kRetender) {
      if (!taken) return Internal("demo.package_missing", d.rup_name);
      SPSE_ASSIGN_OR_RETURN(auto earlier, tx->tenders().ForPackage(*taken));
      if (earlier.size() != 1) continue;
      previous = earlier.front();
    } else if (taken) {
      continue;
    }
    const domain::ProcedureSpec* p = catalogue.Find(d.procedure);
    if (!p) return Internal("demo.procedure_missing", d.procedure);
    SPSE_RETURN_IF_ERROR(domain::CheckProcedureFits(*p, d.evaluation, {item->procurement_type, item->method}));

    // The schedule first: the package and the tender are dated from it.
    Schedule schedule;
    if (d.fate == Fate::kDraft) {
      const LocalTime today = ToLocal(now, cal.offset_minutes);
      schedule = domain::ProposeSchedule(
          *p, cal.NextWorkingTime(FromLocal(AddDays(today.date, 1), cal.day_start, cal.offset_minutes)), cal);
    } else {
      SPSE_ASSIGN_OR_RETURN(schedule, PlacedSchedule(*p, d.stages, now - d.days_earlier * kMicrosPerDay, cal));
    }
    if (previous && schedule.front().start <= previous->schedule.back().end) {
      return Internal("demo.retender_overlaps", d.rup_name);
    }
    const std::vector<domain::Violation> broken = domain::CheckSchedule(*p, schedule, cal);
    if (!broken.empty()) return Internal("demo.schedule_broken", d.rup_name);
    const Micros published_at = std::min(now, schedule.front().start) - 2 * kMicrosPerHour;
    const Micros set_up_at = published_at - 3 * kMicrosPerDay;

    domain::Package pkg;
    if (previous) {
      SPSE_ASSIGN_OR_RETURN(auto same, tx->packages().FindById(previous->package_id));
      if (!same) return Internal("demo.package_missing", d.rup_name);
      pkg = *std::move(same);
    } else {
      pkg.name = d.rup_name;
      pkg.rup_ids = {item->id};
      pkg.contract_type = d.contract_type;
      pkg.qualification = d.qualification;
      SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindById(item->agency_id));
      pkg.agency_id = agency->parent_id.value_or(agency->id);
      SPSE_ASSIGN_OR_RETURN(domain::User ppk, user(d.ppk));
      pkg.ppk_id = ppk.id;
      for (const DemoLine& l : d.lines) {
        pkg.hps.push_back({l.description, l.unit, l.quantity, Money::FromRupiah(l.unit_price_rupiah)});
      }
      SPSE_RETURN_IF_ERROR(domain::ValidatePackage(pkg));
      SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(pkg.hps));
      SPSE_RETURN_IF_ERROR(domain::CheckHpsWithinPagu(hps, item->pagu));
      pkg.status = domain::PackageStatus::kAssigned;
      if (std::string_view(d.assignee) == "pokja") {
        pkg.pokja_group_id = group;
      } else {
        SPSE_ASSIGN_OR_RETURN(domain::User official, user(d.assignee));
        pkg.official_id = official.id;
      }
      pkg.created_at = pkg.updated_at = set_up_at - 7 * kMicrosPerDay;
      pkg.assigned_at = set_up_at - kMicrosPerDay;
      SPSE_ASSIGN_OR_RETURN(pkg.id, tx->packages().Insert(pkg, item->fiscal_year));
      SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "package.create", "package",
                                      std::to_string(pkg.id), std::string("demo: ") + d.rup_name));
      SPSE_RETURN_IF_ERROR(tx->packages().Update(pkg));
      SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "package.assign", "package",
                                      std::to_string(pkg.id), std::string("demo: ") + d.rup_name));
    }

    domain::Tender t;
    t.package_id = pkg.id;
    t.procedure_code = p->code;
    t.evaluation = d.evaluation;
    t.pokja_group_id = pkg.pokja_group_id;
    t.official_id = pkg.official_id;
    t.created_by = pkg.official_id.value_or(chair.id);
    t.created_at = set_up_at;
    t.schedule = schedule;
    t.changes.assign(schedule.size(), 0);
    if (previous) t.previous_tender_id = previous->id;
    SPSE_ASSIGN_OR_RETURN(t.id, tx->tenders().Insert(t));
    SPSE_ASSIGN_OR_RETURN(auto stored, tx->tenders().FindById(t.id));
    if (!stored) return Internal("demo.tender_missing", d.rup_name);
    t = *std::move(stored);
    const std::string method = domain::MethodText(*p, d.evaluation);
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "tender.create", "tender",
                                    std::to_string(t.id),
                                    "demo: " + t.code + " " + method +
                                        (previous ? " (tender ulang " + previous->code + ": " + d.reason + ")" : "")));
    ++added;
    if (d.fate == Fate::kDraft) continue;

    t.status = TenderStatus::kRunning;
    t.published_at = published_at;
    t.published_by = t.created_by;
    SPSE_RETURN_IF_ERROR(tx->tenders().Update(t));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "tender.publish", "tender",
                                    std::to_string(t.id), "demo: " + t.code + " diumumkan: " + method));
    if (d.fate == Fate::kChanged) {
      const Micros at = now - 2 * kMicrosPerHour;
      auto postponed = Postponed(*p, t.schedule, d.reason, at, cal);
      // Loaded at an hour when the bid upload is already over: no change then.
      if (!postponed.ok()) continue;
      domain::ScheduleChange change = *std::move(postponed);
      t.schedule = std::move(change.next);
      t.changes = std::move(change.changes);
      SPSE_RETURN_IF_ERROR(tx->tenders().Update(t));
      domain::ScheduleChangeRecord record;
      record.tender_id = t.id;
      record.at = at;
      record.by_id = chair.id;
      record.by_name = chair.username;
      record.reason = d.reason;
      record.summary = "Upload Dokumen Penawaran dan tahap sesudahnya";
      SPSE_RETURN_IF_ERROR(tx->tenders().AddChange(record).status());
      SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "tender.schedule_change", "tender",
                                      std::to_string(t.id), "demo: " + t.code + " (alasan: " + d.reason + ")"));
    }
    if (d.fate == Fate::kCancelled) {
      SPSE_ASSIGN_OR_RETURN(t.status, domain::NextTenderStatus(t.status, domain::TenderEvent::kCancel));
      t.end_reason = d.reason;
      SPSE_RETURN_IF_ERROR(tx->tenders().Update(t));
      SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "tender.cancel", "tender",
                                      std::to_string(t.id), "demo: " + t.code + " dibatalkan: " + d.reason));
    }
  }
  SPSE_RETURN_IF_ERROR(tx->settings().Put(kLoadedKey, std::to_string(now)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return added;
}

}  // namespace spse::app
