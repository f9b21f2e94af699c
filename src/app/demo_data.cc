#include "app/demo_data.h"

#include "base/time_format.h"

#include "app/actor.h"

namespace spse::app {
namespace {

using domain::AgencyKind;
using domain::AnnouncementKind;
using domain::Role;

struct DemoAgency {
  const char* code;
  AgencyKind kind;
  const char* name;
  const char* parent;  // code of the SKPD, for a satker
  const char* address;
};

constexpr DemoAgency kAgencies[] = {
    {"SETDA", AgencyKind::kSkpd, "Sekretariat Daerah Kabupaten Bangkalan", nullptr,
     "Jl. Soekarno Hatta No. 2, Bangkalan"},
    {"DPUPR", AgencyKind::kSkpd, "Dinas Pekerjaan Umum dan Penataan Ruang", nullptr,
     "Jl. Halim Perdana Kusuma No. 5, Bangkalan"},
    {"DINKES", AgencyKind::kSkpd, "Dinas Kesehatan", nullptr, "Jl. Soekarno Hatta No. 33, Bangkalan"},
    {"DISDIK", AgencyKind::kSkpd, "Dinas Pendidikan", nullptr, "Jl. Letnan Abdullah No. 2, Bangkalan"},
    {"DISHUB", AgencyKind::kSkpd, "Dinas Perhubungan", nullptr, "Jl. Raya Tangkel, Burneh, Bangkalan"},
    {"BAPPEDA", AgencyKind::kSkpd, "Badan Perencanaan Pembangunan Daerah", nullptr,
     "Jl. Kartini No. 1, Bangkalan"},
    {"BPKAD", AgencyKind::kSkpd, "Badan Pengelolaan Keuangan dan Aset Daerah", nullptr,
     "Jl. Soekarno Hatta No. 2, Bangkalan"},
    {"SETDA-BPBJ", AgencyKind::kSatker, "Bagian Pengadaan Barang/Jasa", "SETDA",
     "Gedung Setda Lt. 2, Jl. Soekarno Hatta No. 2, Bangkalan"},
    {"DPUPR-BM", AgencyKind::kSatker, "Bidang Bina Marga", "DPUPR",
     "Jl. Halim Perdana Kusuma No. 5, Bangkalan"},
    {"DINKES-RSUD", AgencyKind::kSatker, "RSUD Syarifah Ambami Rato Ebu", "DINKES",
     "Jl. Pemuda Kaffa No. 9, Bangkalan"},
    {"DINKES-PKM-BKL", AgencyKind::kSatker, "UPT Puskesmas Bangkalan", "DINKES",
     "Jl. Teuku Umar, Bangkalan"},
    {"PDAM-BKL", AgencyKind::kInstitution, "Perumda Air Minum Sumber Pocong (BUMD)", nullptr,
     "Jl. KH. Moh. Kholil No. 2, Bangkalan"},
    {"KEMENAG-BKL", AgencyKind::kInstitution, "Kantor Kementerian Agama Kabupaten Bangkalan",
     nullptr, "Jl. Soekarno Hatta No. 14, Bangkalan"},
};

struct DemoUser {
  const char* username;
  const char* full_name;
  Role role;
  const char* agency;  // code, or nullptr
  const char* description;
};

constexpr DemoUser kUsers[] = {
    {"admin", "Rudi Hartono, S.Kom.", Role::kAdminSistem, nullptr, "Admin Sistem LPSE"},
    {"helpdesk", "Siti Aminah", Role::kHelpdesk, nullptr, "Helpdesk LPSE"},
    {"verifikator", "Ahmad Fauzi", Role::kVerifikator, nullptr, "Verifikator LPSE"},
    {"kepala", "Drs. H. Moh. Hasan, M.Si.", Role::kKepalaLpse, nullptr, "Kepala LPSE"},
    {"auditor", "Ir. Lilik Suryani (Inspektorat)", Role::kAuditor, nullptr, "Auditor"},
    {"lkpp", "Pemantau LKPP", Role::kPemantauLkpp, nullptr, "Pemantau LKPP"},
    {"pakpa.dpupr", "Ir. Abdul Rachman, M.T.", Role::kPaKpa, "DPUPR", "PA/KPA DPUPR"},
    {"ppk.dpupr", "Bambang Sutrisno, S.T.", Role::kPpk, "DPUPR-BM", "PPK Bidang Bina Marga"},
    {"pokja1", "Nur Hidayah, S.E.", Role::kPokja, "SETDA-BPBJ", "Anggota Pokja (ketua)"},
    {"pokja2", "Agus Salim, S.T.", Role::kPokja, "SETDA-BPBJ", "Anggota Pokja"},
    {"pokja3", "Fitriani, S.H.", Role::kPokja, "SETDA-BPBJ", "Anggota Pokja"},
    {"pp.dinkes", "dr. Yusuf Maulana", Role::kPejabatPengadaan, "DINKES", "Pejabat Pengadaan Dinkes"},
    {"pakpa.dinkes", "dr. Hj. Nurul Aini, M.Kes.", Role::kPaKpa, "DINKES", "PA/KPA Dinkes"},
    {"ppk.dinkes", "Slamet Riyadi, S.K.M.", Role::kPpk, "DINKES", "PPK Dinkes"},
    {"ppk.disdik", "Hj. Khoirun Nisa, S.Pd., M.M.", Role::kPpk, "DISDIK", "PPK Dinas Pendidikan"},
    {"ppk.dishub", "Moh. Syaiful Bahri, S.T.", Role::kPpk, "DISHUB", "PPK Dinas Perhubungan"},
    {"cv.madura", "CV Madura Jaya Konstruksi", Role::kPenyedia, nullptr, "Penyedia"},
    {"cv.sumber", "CV Sumber Rejeki Abadi", Role::kPenyedia, nullptr, "Penyedia"},
    {"pt.karya", "PT Bangkalan Karya Mandiri", Role::kPenyedia, nullptr,
     "Penyedia (dinonaktifkan Verifikator)"},
    {"cv.arosbaya", "CV Arosbaya Teknik", Role::kPenyedia, nullptr, "Penyedia (Daftar Hitam)"},
};

struct DemoAnnouncement {
  AnnouncementKind kind;
  const char* title;
  const char* body;
  Micros starts_offset;                // from now
  std::optional<Micros> ends_offset;   // from now
};

const DemoAnnouncement kAnnouncements[] = {
    {AnnouncementKind::kNews, "Selamat datang di SPSE LPSE Kabupaten Bangkalan",
     "Layanan Pengadaan Secara Elektronik Kabupaten Bangkalan melayani seluruh SKPD, satker dan "
     "instansi lain di wilayah Kabupaten Bangkalan. Penyedia dapat mendaftar secara daring dan "
     "melakukan verifikasi dokumen di kantor LPSE, Gedung Setda Lt. 2, pada hari kerja pukul "
     "08.00-15.00 WIB.",
     -30 * kMicrosPerDay, std::nullopt},
    {AnnouncementKind::kNews, "Pelatihan penggunaan SPSE bagi penyedia",
     "LPSE Kabupaten Bangkalan mengadakan pelatihan penggunaan SPSE bagi penyedia barang/jasa "
     "setiap hari Kamis pukul 09.00 WIB di ruang pelatihan LPSE. Peserta membawa laptop dan "
     "dokumen perusahaan. Pendaftaran melalui Helpdesk LPSE.",
     -3 * kMicrosPerDay, std::nullopt},
    {AnnouncementKind::kMaintenance, "Pemeliharaan server SPSE",
     "Dalam rangka pemeliharaan rutin perangkat server, layanan SPSE dapat mengalami gangguan "
     "singkat pada hari Sabtu pukul 22.00-24.00 WIB. Jadwal tender yang terdampak akan "
     "disesuaikan oleh Pokja Pemilihan.",
     -kMicrosPerHour, 3 * kMicrosPerDay},
    {AnnouncementKind::kProblem, "Gangguan koneksi internet telah teratasi",
     "Gangguan koneksi internet pada server SPSE yang terjadi pada pukul 10.15-11.40 WIB telah "
     "teratasi. Laporan gangguan telah disampaikan kepada LKPP.",
     -10 * kMicrosPerDay, -10 * kMicrosPerDay + 2 * kMicrosPerHour},
};

}  // namespace

std::vector<DemoLogin> DemoLogins() {
  std::vector<DemoLogin> out;
  for (const DemoUser& d : kUsers) {
    out.push_back({d.username, std::string(domain::RoleCode(d.role)), d.description});
  }
  return out;
}

domain::Principal SystemPrincipal(std::string_view name) {
  domain::Principal p;
  p.user_id = -1;
  p.username = std::string(name);
  p.full_name = std::string(name);
  p.roles = domain::RoleSet{Role::kAdminSistem};
  return p;
}

StatusOr<DemoReport> LoadDemoData(Store& store, AuthService& auth, const Clock& clock) {
  DemoReport report;
  report.logins = DemoLogins();
  const Micros now = clock.Now();
  const Actor actor{SystemPrincipal("system:demo"), "local"};
  SPSE_ASSIGN_OR_RETURN(std::string hash, auth.HashPassword(kDemoPassword));

  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kWrite));
  for (const DemoAgency& d : kAgencies) {
    SPSE_ASSIGN_OR_RETURN(auto existing, tx->agencies().FindByCode(d.code));
    if (existing) continue;
    domain::Agency a;
    a.code = d.code;
    a.kind = d.kind;
    a.name = d.name;
    a.address = d.address;
    if (d.parent) {
      SPSE_ASSIGN_OR_RETURN(auto parent, tx->agencies().FindByCode(d.parent));
      if (!parent) return Internal("demo.parent_missing", d.parent);
      a.parent_id = parent->id;
    }
    SPSE_RETURN_IF_ERROR(domain::ValidateAgency(a));
    SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->agencies().Insert(a));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "agency.create", "agency",
                                    std::to_string(id), std::string("demo agency ") + d.code));
    ++report.agencies_added;
  }

  std::int64_t admin_id = 0;
  for (const DemoUser& d : kUsers) {
    SPSE_ASSIGN_OR_RETURN(auto existing, tx->users().FindByUsername(d.username));
    if (existing) {
      if (d.role == Role::kAdminSistem) admin_id = existing->id;
      continue;
    }
    domain::User u;
    u.username = d.username;
    u.full_name = d.full_name;
    u.email = std::string(d.username) + "@demo.lpse.bangkalankab.go.id";
    u.roles.Add(d.role);
    u.password_hash = hash;
    u.created_at = now;
    if (d.agency) {
      SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindByCode(d.agency));
      if (!agency) return Internal("demo.agency_missing", d.agency);
      u.agency_id = agency->id;
    }
    SPSE_RETURN_IF_ERROR(domain::ValidateUser(u));
    SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->users().Insert(u));
    if (d.role == Role::kAdminSistem) admin_id = id;
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "user.create", "user", std::to_string(id),
                                    std::string("demo account '") + d.username + "' (" +
                                        std::string(domain::RoleCode(d.role)) + ")"));
    ++report.users_added;
  }

  // A vendor deactivated under Pasal 9(4), and one on the Daftar Hitam.
  SPSE_ASSIGN_OR_RETURN(auto karya, tx->users().FindByUsername("pt.karya"));
  if (karya && karya->active && karya->created_at == now) {
    karya->active = false;
    karya->deactivation_reason =
        "Pelanggaran ketentuan penggunaan SPSE: akun dipakai bersama oleh dua perusahaan";
    SPSE_RETURN_IF_ERROR(tx->users().Update(*karya));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "user.deactivate", "user",
                                    std::to_string(karya->id),
                                    "demo: deactivated 'pt.karya' (pelanggaran)"));
  }
  SPSE_ASSIGN_OR_RETURN(auto arosbaya, tx->users().FindByUsername("cv.arosbaya"));
  if (arosbaya) {
    SPSE_ASSIGN_OR_RETURN(auto entries, tx->blacklist().ForUser(arosbaya->id));
    if (entries.empty()) {
      domain::BlacklistEntry e;
      e.user_id = arosbaya->id;
      e.vendor_name = arosbaya->full_name;
      e.sk_number = "188/27/KEP/433.013/2026";
      e.violation = "Menyampaikan dokumen penawaran yang tidak benar pada tender rehabilitasi jalan";
      e.starts_at = now - 40 * kMicrosPerDay;
      e.ends_at = now + 325 * kMicrosPerDay;
      e.created_by = admin_id;
      e.created_at = e.starts_at;
      SPSE_RETURN_IF_ERROR(domain::ValidateBlacklistEntry(e));
      SPSE_RETURN_IF_ERROR(tx->blacklist().Insert(e).status());
      SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "blacklist.add", "user",
                                      std::to_string(arosbaya->id),
                                      "demo: Daftar Hitam, SK " + e.sk_number));
    }
  }

  SPSE_ASSIGN_OR_RETURN(auto groups, tx->pokja().List());
  if (groups.empty()) {
    domain::PokjaGroup g;
    g.name = "Pokja Pemilihan 1 Tahun 2026";
    g.created_at = now;
    SPSE_ASSIGN_OR_RETURN(auto bpbj, tx->agencies().FindByCode("SETDA-BPBJ"));
    if (!bpbj) return Internal("demo.agency_missing", "SETDA-BPBJ");
    g.agency_id = bpbj->id;
    for (const char* name : {"pokja1", "pokja2", "pokja3"}) {
      SPSE_ASSIGN_OR_RETURN(auto member, tx->users().FindByUsername(name));
      if (!member) return Internal("demo.user_missing", name);
      g.member_ids.push_back(member->id);
      if (std::string_view(name) == "pokja1") g.chair_id = member->id;
    }
    SPSE_RETURN_IF_ERROR(domain::ValidatePokjaGroup(g));
    SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->pokja().Insert(g));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "pokja.create", "pokja", std::to_string(id),
                                    "demo committee '" + g.name + "'"));
  }

  SPSE_ASSIGN_OR_RETURN(std::int64_t count, tx->announcements().Count());
  if (count == 0) {
    for (const DemoAnnouncement& d : kAnnouncements) {
      domain::Announcement a;
      a.kind = d.kind;
      a.title = d.title;
      a.body = d.body;
      a.starts_at = now + d.starts_offset;
      if (d.ends_offset) a.ends_at = now + *d.ends_offset;
      a.author_id = admin_id;
      a.created_at = a.starts_at;
      SPSE_RETURN_IF_ERROR(domain::ValidateAnnouncement(a));
      SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->announcements().Insert(a));
      SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "announcement.post", "announcement",
                                      std::to_string(id), std::string("demo: ") + d.title));
      ++report.announcements_added;
    }
  }
  SPSE_RETURN_IF_ERROR(
      LoadDemoVendorData(*tx, clock, actor, FormatInputDateTime(now, kWib).substr(0, 10)).status());
  SPSE_RETURN_IF_ERROR(LoadDemoHolidays(*tx, clock, actor).status());
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace spse::app
