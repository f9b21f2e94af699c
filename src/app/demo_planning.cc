// The demo RUP of Kabupaten Bangkalan for fiscal year 2027 and packages made
// from it: enough for the public RUP page, the PPK's package list and the
// Pokja's and Pejabat Pengadaan's dashboards to look like a working LPSE's.
#include <cstdio>

#include "app/actor.h"
#include "app/demo_data.h"
#include "app/stored_file.h"

namespace spse::app {
namespace {

using domain::RupStatus;

constexpr int kYear = 2027;

struct DemoRup {
  const char* agency;
  const char* name;
  std::int64_t pagu_rupiah;
  const char* funding;
  const char* type;
  const char* method;
  int sel_from, sel_to, work_from, work_to;
  const char* location;
  const char* description;
};

// clang-format off
constexpr DemoRup kRup[] = {
  {"DPUPR-BM", "Rehabilitasi Jalan Poros Desa Burneh - Tanah Merah", 4'850'000'000, "APBD", "konstruksi", "tender", 2, 3, 4, 9, "Kec. Burneh dan Kec. Tanah Merah", "Rehabilitasi perkerasan aspal sepanjang 6,2 km termasuk drainase."},
  {"DPUPR-BM", "Pembangunan Jembatan Sungai Blega Desa Karanganyar", 6'200'000'000, "APBD", "konstruksi", "tender", 2, 4, 5, 11, "Kec. Blega", "Jembatan beton bentang 30 m."},
  {"DPUPR-BM", "Peningkatan Jalan Kokop - Tanjung Bumi", 3'975'000'000, "APBN", "konstruksi", "tender", 3, 4, 5, 10, "Kec. Kokop dan Kec. Tanjung Bumi", "Dana Alokasi Khusus bidang jalan."},
  {"DPUPR-BM", "Pemeliharaan Berkala Jalan Kabupaten Wilayah Barat", 1'450'000'000, "APBD", "konstruksi", "tender_cepat", 3, 3, 4, 8, "Kec. Kamal, Labang, Socah", ""},
  {"DPUPR-BM", "Pengawasan Teknis Rehabilitasi Jalan Burneh - Tanah Merah", 245'000'000, "APBD", "konsultansi", "seleksi", 2, 3, 4, 9, "Kec. Burneh dan Kec. Tanah Merah", "Jasa konsultansi pengawasan konstruksi."},
  {"DPUPR-BM", "Perencanaan Teknis Jembatan Sungai Blega", 185'000'000, "APBD", "konsultansi", "pengadaan_langsung", 1, 2, 2, 4, "Kec. Blega", "Detail Engineering Design."},
  {"DPUPR", "Rehabilitasi Saluran Irigasi D.I. Kemoning", 1'875'000'000, "APBD", "konstruksi", "tender", 3, 4, 5, 9, "Kec. Kedungdung", ""},
  {"DPUPR", "Penyusunan Rencana Detail Tata Ruang Kawasan Perkotaan Bangkalan", 650'000'000, "APBD", "konsultansi", "seleksi", 2, 4, 5, 11, "Kec. Bangkalan", "RDTR wilayah perkotaan."},
  {"DPUPR", "Pengadaan Alat Berat Excavator Mini", 1'200'000'000, "APBD", "barang", "e_purchasing", 4, 4, 5, 6, "Kantor DPUPR Bangkalan", "Melalui katalog elektronik."},
  {"DPUPR", "Pemeliharaan Rutin Gedung Kantor DPUPR", 175'000'000, "APBD", "jasa_lainnya", "pengadaan_langsung", 2, 2, 3, 12, "Jl. Halim Perdana Kusuma No. 5", ""},
  {"DPUPR", "Swakelola Pemeliharaan Drainase Perkotaan", 420'000'000, "APBD", "jasa_lainnya", "swakelola", 1, 1, 2, 12, "Kec. Bangkalan", "Dikerjakan oleh UPT Drainase."},
  {"DINKES", "Pengadaan Alat Kesehatan Puskesmas Kecamatan", 185'000'000, "APBD", "barang", "pengadaan_langsung", 2, 3, 3, 5, "22 Puskesmas se-Kabupaten Bangkalan", "Tensimeter digital, timbangan bayi, termometer."},
  {"DINKES", "Pengadaan Obat dan Bahan Medis Habis Pakai", 2'750'000'000, "APBN", "barang", "e_purchasing", 1, 2, 2, 12, "Gudang Farmasi Kabupaten", "DAK non fisik."},
  {"DINKES", "Pembangunan Puskesmas Modung", 5'400'000'000, "APBN", "konstruksi", "tender", 2, 4, 5, 11, "Kec. Modung", "DAK fisik bidang kesehatan."},
  {"DINKES", "Jasa Kebersihan Kantor Dinas Kesehatan", 190'000'000, "APBD", "jasa_lainnya", "penunjukan_langsung", 1, 1, 2, 12, "Jl. Soekarno Hatta No. 33", ""},
  {"DINKES-RSUD", "Pengadaan CT Scan 128 Slice RSUD Syamrabu", 14'500'000'000, "BLUD", "barang", "tender", 3, 5, 6, 9, "RSUD Syarifah Ambami Rato Ebu", ""},
  {"DINKES-RSUD", "Jasa Laundry Linen Rumah Sakit", 480'000'000, "BLUD", "jasa_lainnya", "tender", 1, 2, 3, 12, "RSUD Syarifah Ambami Rato Ebu", ""},
  {"DINKES-RSUD", "Pengadaan Makanan Pasien Rawat Inap", 1'650'000'000, "BLUD", "barang", "tender", 1, 2, 3, 12, "RSUD Syarifah Ambami Rato Ebu", ""},
  {"DINKES-PKM-BKL", "Renovasi Ruang Bersalin Puskesmas Bangkalan", 195'000'000, "APBD", "konstruksi", "pengadaan_langsung", 3, 3, 4, 6, "UPT Puskesmas Bangkalan", ""},
  {"DISDIK", "Rehabilitasi Ruang Kelas SD Negeri (12 sekolah)", 3'600'000'000, "APBN", "konstruksi", "tender", 3, 4, 6, 11, "12 SD Negeri se-Kabupaten Bangkalan", "DAK fisik pendidikan."},
  {"DISDIK", "Pengadaan Buku Perpustakaan Sekolah Dasar", 850'000'000, "APBD", "barang", "e_purchasing", 4, 5, 6, 8, "Dinas Pendidikan", ""},
  {"DISDIK", "Pengadaan Meubelair Sekolah Menengah Pertama", 1'320'000'000, "APBD", "barang", "tender", 3, 4, 5, 8, "18 SMP Negeri", ""},
  {"DISDIK", "Konsultan Pengawas Rehabilitasi Ruang Kelas SD", 160'000'000, "APBN", "konsultansi", "pengadaan_langsung", 3, 4, 6, 11, "12 SD Negeri", ""},
  {"DISHUB", "Pengadaan dan Pemasangan Lampu Penerangan Jalan Umum Tenaga Surya", 2'150'000'000, "APBD", "barang", "tender", 2, 3, 4, 9, "Jalan Nasional Lingkar Bangkalan", "120 titik PJU-TS."},
  {"DISHUB", "Pengadaan Rambu Lalu Lintas dan Marka Jalan", 640'000'000, "APBD", "barang", "tender_cepat", 3, 3, 4, 7, "Kec. Bangkalan, Burneh, Arosbaya", ""},
  {"SETDA", "Jasa Tenaga Ahli Penyusunan Naskah Akademik Ranperda", 95'000'000, "APBD", "konsultansi_perorangan", "pengadaan_langsung", 2, 2, 3, 6, "Bagian Hukum Setda", ""},
  {"SETDA", "Sewa Kendaraan Dinas Operasional", 720'000'000, "APBD", "jasa_lainnya", "tender", 1, 2, 2, 12, "Sekretariat Daerah", ""},
  {"SETDA-BPBJ", "Pelatihan Sertifikasi Pengadaan Barang/Jasa Tingkat Dasar", 150'000'000, "APBD", "jasa_lainnya", "pengadaan_langsung", 4, 4, 5, 6, "Bagian Pengadaan Barang/Jasa", ""},
  {"BAPPEDA", "Penyusunan Dokumen RPJMD Teknokratik 2029-2034", 480'000'000, "APBD", "konsultansi", "seleksi", 2, 3, 4, 10, "Bappeda Bangkalan", ""},
  {"BPKAD", "Pengadaan Perangkat Server Sistem Informasi Keuangan Daerah", 980'000'000, "APBD", "barang", "tender", 3, 4, 5, 7, "BPKAD Bangkalan", ""},
  {"BPKAD", "Penilaian Aset Tetap Tanah dan Bangunan", 350'000'000, "PHLN", "konsultansi", "seleksi", 3, 4, 5, 9, "Seluruh SKPD", "Hibah luar negeri program tata kelola aset."},
  {"PDAM-BKL", "Pemasangan Pipa Distribusi HDPE Zona Arosbaya", 2'300'000'000, "Lainnya", "konstruksi", "tender", 3, 4, 5, 10, "Kec. Arosbaya", "Dana internal BUMD."},
};
// clang-format on

// A one-page PDF with the given lines of text (Helvetica, ASCII): enough for
// a demo KAK or draft contract that opens in any viewer.
std::string TinyPdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 56 780 Td 16 TL";
  for (const std::string& l : lines) {
    std::string safe;
    for (char c : l) {
      if (c == '(' || c == ')' || c == '\\') safe += '\\';
      safe += (static_cast<unsigned char>(c) < 0x80) ? c : '?';
    }
    content += " (" + safe + ") Tj T*";
  }
  content += " ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
      ">> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

StatusOr<domain::Attachment> StorePdf(BlobPort& blobs, const std::string& filename,
                                      const std::vector<std::string>& lines) {
  SPSE_ASSIGN_OR_RETURN(BlobInfo info, StoreBytes(blobs, TinyPdf(lines)));
  return domain::Attachment{info.sha256, filename, "application/pdf", info.size};
}

struct DemoLine {
  const char* description;
  const char* unit;
  std::int64_t quantity;  // hundredths
  std::int64_t unit_price_rupiah;
};

struct DemoPackage {
  const char* rup_name;
  const char* name;
  const char* ppk;
  const char* contract_type;
  const char* qualification;
  std::vector<DemoLine> lines;
  const char* assignee;  // "pokja", a username, or "" (still a draft)
};

std::vector<DemoPackage> Packages() {
  return {
      {"Rehabilitasi Jalan Poros Desa Burneh - Tanah Merah",
       "Rehabilitasi Jalan Poros Desa Burneh - Tanah Merah", "ppk.dpupr", "harga_satuan", "non_kecil",
       {{"Mobilisasi dan demobilisasi", "LS", 100, 85'000'000},
        {"Galian untuk selokan drainase", "m3", 215050, 95'500},
        {"Lapis pondasi agregat kelas A", "m3", 372000, 610'000},
        {"Laston lapis aus (AC-WC)", "ton", 185025, 1'125'000},
        {"Keselamatan konstruksi (SMKK)", "LS", 100, 42'000'000}},
       "pokja"},
      {"Pembangunan Jembatan Sungai Blega Desa Karanganyar",
       "Pembangunan Jembatan Sungai Blega Desa Karanganyar", "ppk.dpupr", "gabungan", "non_kecil",
       {{"Pekerjaan persiapan", "LS", 100, 120'000'000},
        {"Tiang pancang beton pratekan 50x50", "m", 84000, 2'150'000},
        {"Beton struktur fc' 30 MPa", "m3", 46550, 3'450'000},
        {"Baja tulangan BjTS 420", "kg", 7200000, 18'500}},
       "pokja"},
      {"Peningkatan Jalan Kokop - Tanjung Bumi", "Peningkatan Jalan Kokop - Tanjung Bumi",
       "ppk.dpupr", "harga_satuan", "non_kecil",
       {{"Mobilisasi", "LS", 100, 65'000'000},
        {"Perkerasan beton semen (rigid) t=25 cm", "m3", 210000, 1'480'000}},
       ""},
      {"Pengadaan Alat Kesehatan Puskesmas Kecamatan", "Pengadaan Alat Kesehatan Puskesmas Kecamatan",
       "ppk.dinkes", "harga_satuan", "kecil",
       {{"Tensimeter digital lengan atas", "unit", 4400, 985'000},
        {"Timbangan bayi digital", "unit", 2200, 1'250'000},
        {"Termometer inframerah", "unit", 4400, 475'000},
        {"Ongkos kirim ke 22 puskesmas", "paket", 100, 4'500'000}},
       "pp.dinkes"},
      {"Jasa Kebersihan Kantor Dinas Kesehatan", "Jasa Kebersihan Kantor Dinas Kesehatan",
       "ppk.dinkes", "lumsum", "kecil",
       {{"Tenaga kebersihan (4 orang)", "OB", 4800, 3'100'000},
        {"Bahan dan alat kebersihan", "bulan", 1200, 2'350'000}},
       "pp.dinkes"},
  };
}

}  // namespace

StatusOr<int> LoadDemoPlanning(Store& store, BlobPort& blobs, const Clock& clock) {
  const Actor actor{SystemPrincipal("system:demo"), "local"};
  const Micros now = clock.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kWrite));
  RupFilter existing;
  existing.fiscal_year = kYear;
  SPSE_ASSIGN_OR_RETURN(std::int64_t count, tx->rup().Count(existing));
  if (count > 0) return 0;

  auto user_id = [&](const char* username) -> StatusOr<std::int64_t> {
    SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindByUsername(username));
    if (!u) return Internal("demo.user_missing", username);
    return u->id;
  };
  SPSE_ASSIGN_OR_RETURN(std::int64_t pakpa_dpupr, user_id("pakpa.dpupr"));
  SPSE_ASSIGN_OR_RETURN(std::int64_t pakpa_dinkes, user_id("pakpa.dinkes"));

  std::map<std::string, domain::RupItem> by_name;
  int added = 0;
  for (size_t i = 0; i < std::size(kRup); ++i) {
    const DemoRup& d = kRup[i];
    SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindByCode(d.agency));
    if (!agency) return Internal("demo.agency_missing", d.agency);
    domain::RupItem item;
    item.agency_id = agency->id;
    item.name = d.name;
    item.fiscal_year = kYear;
    item.pagu = Money::FromRupiah(d.pagu_rupiah);
    item.funding = d.funding;
    item.procurement_type = d.type;
    item.method = d.method;
    item.selection_from = d.sel_from;
    item.selection_to = d.sel_to;
    item.work_from = d.work_from;
    item.work_to = d.work_to;
    item.location = d.location;
    item.description = d.description;
    const std::string code(d.agency);
    item.created_by = code.rfind("DINKES", 0) == 0 ? pakpa_dinkes : pakpa_dpupr;
    item.created_at = item.updated_at = now - static_cast<Micros>(30 - i) * kMicrosPerDay;
    SPSE_RETURN_IF_ERROR(domain::ValidateRupItem(item));
    // Two of DPUPR's items are still drafts; everything else is published.
    const bool draft = std::string_view(d.name).find("Excavator") != std::string_view::npos ||
                       std::string_view(d.name).find("Irigasi") != std::string_view::npos;
    if (!draft) {
      item.status = RupStatus::kPublished;
      item.published_at = item.created_at;
    }
    SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->rup().Insert(item));
    item.id = id;
    SPSE_ASSIGN_OR_RETURN(auto stored, tx->rup().FindById(id));
    if (!stored) return Internal("demo.rup_missing", d.name);
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, draft ? "rup.create" : "rup.publish", "rup",
                                    std::to_string(id), "demo: " + stored->code + " " + d.name));
    by_name[d.name] = *stored;
    ++added;
  }

  SPSE_ASSIGN_OR_RETURN(auto groups, tx->pokja().List());
  std::optional<std::int64_t> group;
  for (const auto& g : groups) {
    if (g.name == "Pokja Pemilihan 1 Tahun 2026") group = g.id;
  }
  for (const DemoPackage& d : Packages()) {
    const domain::RupItem& item = by_name.at(d.rup_name);
    domain::Package p;
    p.name = d.name;
    p.rup_ids = {item.id};
    p.contract_type = d.contract_type;
    p.qualification = d.qualification;
    SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindById(item.agency_id));
    p.agency_id = agency->parent_id.value_or(agency->id);
    SPSE_ASSIGN_OR_RETURN(p.ppk_id, user_id(d.ppk));
    for (const DemoLine& l : d.lines) {
      p.hps.push_back({l.description, l.unit, l.quantity, Money::FromRupiah(l.unit_price_rupiah)});
    }
    SPSE_RETURN_IF_ERROR(domain::ValidatePackage(p));
    SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(p.hps));
    SPSE_RETURN_IF_ERROR(domain::CheckHpsWithinPagu(hps, item.pagu));
    p.created_at = p.updated_at = now - 5 * kMicrosPerDay;
    SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->packages().Insert(p, kYear));
    SPSE_ASSIGN_OR_RETURN(auto stored, tx->packages().FindById(id));
    if (!stored) return Internal("demo.package_missing", d.name);
    p = *std::move(stored);
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "package.create", "package",
                                    std::to_string(id), "demo: " + p.name));
    struct Doc {
      const char* kind;
      const char* file;
      const char* title;
    } docs[] = {{"kak", "KAK.pdf", "KERANGKA ACUAN KERJA"},
                {"rancangan_kontrak", "Rancangan-Kontrak.pdf", "RANCANGAN KONTRAK"}};
    for (const Doc& doc : docs) {
      SPSE_ASSIGN_OR_RETURN(auto file, StorePdf(blobs, doc.file,
                                                {doc.title, p.name, "Kode paket " + p.code,
                                                 "Tahun Anggaran 2027", "Kabupaten Bangkalan"}));
      domain::PackageDocument pd;
      pd.package_id = id;
      pd.kind = doc.kind;
      pd.sha256 = file.sha256;
      pd.filename = file.filename;
      pd.content_type = file.content_type;
      pd.size = file.size;
      pd.uploaded_at = p.created_at;
      pd.uploaded_by = p.ppk_id;
      SPSE_RETURN_IF_ERROR(tx->packages().AddDocument(pd).status());
    }
    const std::string assignee = d.assignee;
    if (assignee.empty()) continue;
    if (assignee == "pokja") {
      if (!group) return Internal("demo.pokja_missing");
      p.pokja_group_id = group;
    } else {
      SPSE_ASSIGN_OR_RETURN(std::int64_t official, user_id(d.assignee));
      p.official_id = official;
    }
    p.status = domain::PackageStatus::kAssigned;
    p.assigned_at = p.updated_at = now - 2 * kMicrosPerDay;
    SPSE_RETURN_IF_ERROR(tx->packages().Update(p));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "package.assign", "package",
                                    std::to_string(id), "demo: " + p.code + " -> " + assignee));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return added;
}

}  // namespace spse::app
