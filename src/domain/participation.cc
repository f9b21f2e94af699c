#include "domain/participation.h"

#include "domain/tender_schedule.h"

namespace spse::domain {

std::optional<size_t> JoinDeadlineStage(const ProcedureSpec& p) {
  for (size_t i = 0; i < p.stages.size(); ++i) {
    if (p.stages[i].code == "kirim_kualifikasi" || p.stages[i].code == "upload_penawaran" ||
        p.stages[i].code == "pendaftaran") {
      return i;
    }
  }
  if (p.stages.empty()) return std::nullopt;
  return p.stages.size() - 1;
}

Status CheckMayJoin(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const auto last = JoinDeadlineStage(p);
  if (!last || *last >= t.schedule.size() || now >= t.schedule[*last].end) {
    return FailedPrecondition("participation.closed");
  }
  return OkStatus();
}

bool IsExplanationStage(std::string_view code) {
  return code == "penjelasan" || code == "penjelasan_kualifikasi";
}

StatusOr<size_t> OpenExplanationStage(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  for (size_t i = 0; i < t.schedule.size() && i < p.stages.size(); ++i) {
    if (!IsExplanationStage(t.schedule[i].stage)) continue;
    if (t.schedule[i].start <= now && now < t.schedule[i].end) return i;
  }
  return FailedPrecondition("aanwijzing.not_open");
}

Status CheckMayIssueMinutes(const Tender& t, std::string_view stage, Micros now) {
  if (!IsExplanationStage(stage)) return InvalidArgument("aanwijzing.stage_unknown");
  for (const auto& s : t.schedule) {
    if (s.stage != stage) continue;
    if (now < s.end) return FailedPrecondition("aanwijzing.not_ended");
    return OkStatus();
  }
  return InvalidArgument("aanwijzing.stage_unknown");
}

StatusOr<std::string> CleanQandaText(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return InvalidArgument("aanwijzing.text_required");
  const auto last = text.find_last_not_of(" \t\r\n");
  std::string out(text.substr(first, last - first + 1));
  if (out.size() < 5) return InvalidArgument("aanwijzing.text_required");
  if (out.size() > 4000) return InvalidArgument("aanwijzing.text_too_long");
  return out;
}

std::string PaktaIntegritasText(std::string_view company, std::string_view responsible,
                                std::string_view position, std::string_view tender_code,
                                std::string_view package_name) {
  std::string s;
  s += "PAKTA INTEGRITAS\n\n";
  s += "Saya yang bertanda tangan di bawah ini, ";
  s += responsible;
  s += " (";
  s += position;
  s += ") bertindak untuk dan atas nama ";
  s += company;
  s += ", dalam rangka pengadaan paket ";
  s += package_name;
  s += " (";
  s += tender_code;
  s += "), dengan ini menyatakan bahwa saya:\n";
  s += "1. tidak akan melakukan praktik Korupsi, Kolusi, dan Nepotisme (KKN);\n";
  s += "2. akan melaporkan kepada APIP Kementerian/Lembaga/Perangkat Daerah/Institusi dan/atau "
       "LKPP apabila mengetahui ada indikasi KKN di dalam proses pengadaan ini;\n";
  s += "3. akan mengikuti proses pengadaan secara bersih, transparan, dan profesional untuk "
       "memberikan hasil kerja terbaik sesuai ketentuan peraturan perundang-undangan; dan\n";
  s += "4. apabila melanggar hal-hal yang dinyatakan dalam angka 1, 2 dan/atau 3 maka bersedia "
       "menerima sanksi sesuai dengan peraturan perundang-undangan.\n";
  return s;
}

}  // namespace spse::domain
