#include "domain/tender_documents.h"

#include <algorithm>
#include <array>
#include <map>

#include "domain/participation.h"

namespace spse::domain {
namespace {

constexpr std::array<std::string_view, 6> kDocumentKinds = {
    "dokumen_pemilihan", "kak", "spesifikasi", "gambar", "rancangan_kontrak", "lainnya"};
constexpr std::array<std::string_view, 6> kRequirementKinds = {
    "izin_usaha", "pengalaman", "kemampuan_keuangan", "tenaga_ahli", "peralatan", "lainnya"};

constexpr size_t kMaxRequirements = 30;
constexpr size_t kMaxText = 2000;

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

}  // namespace

std::span<const std::string_view> TenderDocumentKinds() { return kDocumentKinds; }
std::span<const std::string_view> RequirementKinds() { return kRequirementKinds; }

std::string_view TenderDocumentName(std::string_view kind) {
  if (kind == "dokumen_pemilihan") return "Dokumen Pemilihan";
  if (kind == "kak") return "Kerangka Acuan Kerja";
  if (kind == "spesifikasi") return "Spesifikasi Teknis";
  if (kind == "gambar") return "Gambar";
  if (kind == "rancangan_kontrak") return "Rancangan Kontrak";
  return "Dokumen Lainnya";
}

// The usual terms of the standard Dokumen Pemilihan (Peraturan LKPP 12/2021):
// construction asks for NIB and SBU and four years of experience; goods and
// other services three; non-small packages add the Kemampuan Dasar and, for
// construction, the Sisa Kemampuan Paket.
std::vector<Requirement> DefaultRequirements(std::string_view procurement_type,
                                             std::string_view qualification) {
  const bool small = qualification != "non_kecil";
  std::vector<Requirement> out;
  if (procurement_type == "konstruksi") {
    out.push_back({"izin_usaha",
                   std::string("Memiliki Nomor Induk Berusaha (NIB), Sertifikat Badan Usaha (SBU) "
                               "jasa konstruksi dengan subklasifikasi sesuai pekerjaan dan "
                               "kualifikasi ") +
                       (small ? "Kecil" : "Menengah atau Besar") +
                       ", serta Izin Usaha Jasa Konstruksi (IUJK) yang masih berlaku."});
    out.push_back({"pengalaman",
                   "Memiliki pengalaman paling kurang 1 (satu) pekerjaan konstruksi dalam kurun "
                   "waktu 4 (empat) tahun terakhir, baik di lingkungan pemerintah maupun swasta, "
                   "termasuk pengalaman subkontrak."});
    if (!small) {
      out.push_back({"kemampuan_keuangan",
                     "Memiliki Kemampuan Dasar (KD = 3 x NPt) paling kurang sama dengan nilai HPS "
                     "dan Sisa Kemampuan Paket (SKP) yang mencukupi."});
    }
    out.push_back({"tenaga_ahli",
                   "Memiliki tenaga manajerial dan tenaga terampil bersertifikat kompetensi kerja "
                   "sesuai Dokumen Pemilihan."});
    out.push_back({"peralatan", "Memiliki atau menguasai peralatan utama sesuai Dokumen Pemilihan."});
  } else if (procurement_type == "konsultansi" || procurement_type == "konsultansi_perorangan") {
    out.push_back({"izin_usaha",
                   "Memiliki Nomor Induk Berusaha (NIB) dengan KBLI yang sesuai bidang jasa "
                   "konsultansi."});
    out.push_back({"pengalaman",
                   "Memiliki pengalaman paling kurang 1 (satu) pekerjaan jasa konsultansi dalam "
                   "kurun waktu 4 (empat) tahun terakhir."});
    out.push_back({"tenaga_ahli", "Memiliki tenaga ahli sesuai Kerangka Acuan Kerja (KAK)."});
  } else {
    out.push_back({"izin_usaha",
                   "Memiliki Nomor Induk Berusaha (NIB) dengan KBLI yang sesuai bidang pekerjaan."});
    out.push_back({"pengalaman",
                   small ? "Memiliki pengalaman paling kurang 1 (satu) pekerjaan dalam kurun waktu "
                           "3 (tiga) tahun terakhir (tidak berlaku bagi usaha kecil yang baru "
                           "berdiri kurang dari 3 tahun)."
                         : "Memiliki pengalaman paling kurang 1 (satu) pekerjaan sejenis dalam "
                           "kurun waktu 3 (tiga) tahun terakhir."});
    if (!small) {
      out.push_back({"kemampuan_keuangan",
                     "Memiliki Kemampuan Dasar (KD = 3 x NPt) paling kurang sama dengan nilai "
                     "HPS."});
    }
  }
  out.push_back({"lainnya",
                 "Memiliki NPWP dan telah memenuhi kewajiban perpajakan tahun pajak terakhir; "
                 "tidak masuk Daftar Hitam."});
  return out;
}

StatusOr<std::vector<Requirement>> CleanRequirements(std::vector<Requirement> list) {
  std::vector<Requirement> out;
  for (Requirement& r : list) {
    r.text = Trim(r.text);
    if (r.text.empty()) continue;
    if (std::find(kRequirementKinds.begin(), kRequirementKinds.end(), r.kind) ==
        kRequirementKinds.end()) {
      return InvalidArgument("requirement.kind_invalid", r.kind);
    }
    if (r.text.size() > kMaxText) return InvalidArgument("requirement.text_too_long");
    out.push_back(std::move(r));
  }
  if (out.size() > kMaxRequirements) return InvalidArgument("requirement.too_many");
  if (out.empty()) return InvalidArgument("requirement.required");
  return out;
}

StatusOr<std::string> CleanAddendumReason(std::string_view reason) {
  std::string out = Trim(reason);
  if (out.size() < 5 || out.size() > kMaxText) return InvalidArgument("addendum.reason_required");
  return out;
}

Status CheckMayIssueAddendum(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const auto last = JoinDeadlineStage(p);
  if (!last || *last >= t.schedule.size() || now >= t.schedule[*last].end) {
    return FailedPrecondition("addendum.closed");
  }
  return OkStatus();
}

Status CheckDocumentsForPublication(const std::vector<TenderDocument>& docs) {
  for (const auto& d : docs) {
    if (d.kind == "dokumen_pemilihan") return OkStatus();
  }
  return FailedPrecondition("tender.document_required");
}

std::vector<TenderDocument> PublishedVersions(const std::vector<TenderDocument>& docs) {
  std::map<std::string, int> last_original;
  for (const auto& d : docs) {
    if (d.addendum == 0) last_original[d.kind] = std::max(last_original[d.kind], d.version);
  }
  std::vector<TenderDocument> out;
  for (const auto& d : docs) {
    if (d.addendum > 0 || last_original[d.kind] == d.version) out.push_back(d);
  }
  return out;
}

}  // namespace spse::domain
