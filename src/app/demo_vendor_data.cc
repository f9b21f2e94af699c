// Demo data penyedia: the demo vendors' records, built up over several
// versions in the past, so that the history, "as of" views and licence flags
// have something to show.
#include "app/demo_data.h"

namespace spse::app {
namespace {

using domain::VendorRow;

struct DemoEdit {
  int days_ago;
  const char* section;
  VendorRow row;
};

struct DemoRecord {
  const char* username;
  std::vector<DemoEdit> edits;  // oldest first; one version each
};

// Dates relative to the demo's "today" are written as offsets in days.
std::string DaysFrom(const std::string& today, int days) { return AddDays(today, days); }

std::vector<DemoRecord> Records(const std::string& today) {
  return {
      {"cv.madura",
       {
           {180, "identitas",
            {{"nama", "CV Madura Jaya Konstruksi"}, {"bentuk_usaha", "CV"},
             {"npwp", "012345678608000"}, {"pkp", "Ya"},
             {"alamat", "Jl. Raya Arosbaya No. 12"}, {"kabupaten_kota", "Bangkalan"},
             {"provinsi", "Jawa Timur"}, {"kode_pos", "69121"}, {"telepon", "031-3096512"},
             {"email", "admin@madurajaya.co.id"}}},
           {179, "izin_usaha",
            {{"jenis", "NIB"}, {"nomor", "9120103471852"}, {"instansi_pemberi", "Lembaga OSS"},
             {"kualifikasi", "Kecil"}, {"klasifikasi", "42101 Konstruksi Gedung Jalan"}}},
           {179, "izin_usaha",
            {{"jenis", "SBU"}, {"nomor", "SBU-BG004-2-35260-2024"},
             {"berlaku_sampai", DaysFrom(today, 20)},
             {"instansi_pemberi", "LPJK Provinsi Jawa Timur"}, {"kualifikasi", "Kecil"},
             {"klasifikasi", "BS001 Jalan raya (kecuali jalan layang), jalan, rel kereta api"}}},
           {178, "akta",
            {{"jenis", "Pendirian"}, {"nomor", "12"}, {"tanggal", "2015-04-06"},
             {"notaris", "Moh. Hasan, S.H., M.Kn."}, {"pengesahan", "AHU-0018842.AH.01.14"}}},
           {178, "pemilik",
            {{"nama", "H. Moh. Rofiq"}, {"nik", "3526011203780001"}, {"saham_persen", "70"}}},
           {178, "pemilik",
            {{"nama", "Hj. Siti Aminah"}, {"nik", "3526015507780001"}, {"saham_persen", "30"}}},
           {178, "pengurus",
            {{"nama", "H. Moh. Rofiq"}, {"nik", "3526011203780001"}, {"jabatan", "Direktur"},
             {"mulai", "2015-04-06"}}},
           {170, "tenaga_ahli",
            {{"nama", "Ir. Abd. Wahid"}, {"pendidikan", "S1 Teknik Sipil"},
             {"keahlian", "Ahli Muda Teknik Jalan"}, {"pengalaman_tahun", "9"},
             {"sertifikat", "SKK 1.6.2.2.3.01"}, {"status_kepegawaian", "Tetap"}}},
           {170, "peralatan",
            {{"nama", "Asphalt Finisher"}, {"jumlah", "1"}, {"kapasitas", "10 ton/jam"},
             {"merk_tipe", "Sumitomo HA60W"}, {"tahun_pembuatan", "2016"}, {"kondisi", "Baik"},
             {"status_kepemilikan", "Milik sendiri"}, {"lokasi", "Burneh"}}},
           {170, "peralatan",
            {{"nama", "Dump Truck"}, {"jumlah", "3"}, {"kapasitas", "8 m3"},
             {"merk_tipe", "Mitsubishi FE 74"}, {"tahun_pembuatan", "2019"}, {"kondisi", "Baik"},
             {"status_kepemilikan", "Sewa"}, {"lokasi", "Bangkalan"}}},
           {160, "pengalaman",
            {{"nama_paket", "Peningkatan Jalan Ruas Burneh - Tanah Merah"},
             {"bidang", "Jalan"}, {"lokasi", "Kabupaten Bangkalan"},
             {"pemberi_tugas", "Dinas PUPR Kabupaten Bangkalan"},
             {"nomor_kontrak", "027/112/433.108/2025"}, {"tanggal_kontrak", "2025-05-12"},
             {"nilai_kontrak", "1.487.350.000"}, {"selesai", "2025-10-30"}}},
           {90, "pajak",
            {{"jenis", "SPT Tahunan"}, {"masa", "2025"}, {"nomor_bukti", "BPE-0184471/2026"},
             {"tanggal", DaysFrom(today, -240)}}},
       }},
      {"cv.sumber",
       {
           {120, "identitas",
            {{"nama", "CV Sumber Rejeki Abadi"}, {"bentuk_usaha", "CV"},
             {"npwp", "023456789608000"}, {"pkp", "Tidak"},
             {"alamat", "Jl. Trunojoyo No. 40"}, {"kabupaten_kota", "Bangkalan"},
             {"provinsi", "Jawa Timur"}, {"telepon", "031-3091188"},
             {"email", "sumberrejeki@gmail.com"}}},
           {119, "akta",
            {{"jenis", "Pendirian"}, {"nomor", "3"}, {"tanggal", "2019-09-02"},
             {"notaris", "Nur Hidayati, S.H."}}},
       }},
      {"cv.arosbaya",
       {
           {400, "identitas",
            {{"nama", "CV Arosbaya Teknik"}, {"bentuk_usaha", "CV"}, {"npwp", "045678901608000"},
             {"alamat", "Jl. Raya Arosbaya No. 3"}, {"kabupaten_kota", "Bangkalan"},
             {"provinsi", "Jawa Timur"}, {"telepon", "031-3097021"},
             {"email", "arosbayateknik@yahoo.co.id"}}},
           // Expired: the Verifikator sees it flagged.
           {399, "izin_usaha",
            {{"jenis", "SIUP"}, {"nomor", "503/0871/SIUP-K/433.205/2021"},
             {"berlaku_sampai", DaysFrom(today, -45)},
             {"instansi_pemberi", "DPMPTSP Kabupaten Bangkalan"}, {"kualifikasi", "Kecil"}}},
       }},
  };
}

}  // namespace

StatusOr<int> LoadDemoVendorData(Tx& tx, const Clock& clock, const Actor& actor,
                                 const std::string& today) {
  int added = 0;
  const Micros now = clock.Now();
  for (const DemoRecord& r : Records(today)) {
    SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindByUsername(r.username));
    if (!user) continue;
    SPSE_ASSIGN_OR_RETURN(auto latest, tx.vendor_data().Latest(user->id));
    if (latest.version != 0) continue;  // already has data: leave it alone
    domain::VendorDataVersion v;
    v.vendor_id = user->id;
    v.created_by = user->id;
    v.created_by_name = user->username;
    for (const DemoEdit& e : r.edits) {
      const domain::SectionSpec* section = domain::FindSection(e.section);
      if (!section) return Internal("demo.section_unknown", e.section);
      SPSE_ASSIGN_OR_RETURN(VendorRow row, domain::NormaliseRow(*section, e.row));
      if (auto npwp = e.row.find("npwp"); npwp != e.row.end()) row["npwp"] = npwp->second;
      auto& rows = v.data.sections[e.section];
      if (section->single) rows.clear();
      rows.push_back(std::move(row));
      SPSE_RETURN_IF_ERROR(domain::ValidateSection(*section, rows));
      ++v.version;
      v.created_at = now - e.days_ago * kMicrosPerDay;
      v.summary = std::string(e.section) + " tambah #" + std::to_string(rows.size());
      SPSE_RETURN_IF_ERROR(tx.vendor_data().Append(v));
      ++added;
    }
    SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock, actor, "vendor_data.seed", "vendor",
                                    std::to_string(user->id),
                                    "demo: " + std::to_string(v.version) + " versi data penyedia"));
  }
  return added;
}

}  // namespace spse::app
