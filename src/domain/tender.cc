#include "domain/tender.h"

#include <algorithm>

namespace spse::domain {
namespace {

struct EvaluationWord {
  std::string_view code;
  std::string_view name;
};
constexpr EvaluationWord kEvaluations[] = {
    {"harga_terendah_gugur", "Harga Terendah Sistem Gugur"},
    {"harga_terendah_ambang_batas", "Harga Terendah Ambang Batas"},
    {"sistem_nilai", "Sistem Nilai"},
    {"kualitas_biaya", "Kualitas dan Biaya"},
    {"kualitas", "Kualitas"},
    {"pagu_anggaran", "Pagu Anggaran"},
    {"biaya_terendah", "Biaya Terendah"},
    {"umur_ekonomis", "Penilaian Biaya Selama Umur Ekonomis"},
};

bool Contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

std::string_view TenderStatusCode(TenderStatus s) {
  switch (s) {
    case TenderStatus::kDraft: return "draft";
    case TenderStatus::kRunning: return "berjalan";
    case TenderStatus::kDone: return "selesai";
    case TenderStatus::kCancelled: return "batal";
    case TenderStatus::kFailed: return "gagal";
  }
  return "";
}

std::optional<TenderStatus> ParseTenderStatus(std::string_view code) {
  for (TenderStatus s : {TenderStatus::kDraft, TenderStatus::kRunning, TenderStatus::kDone,
                         TenderStatus::kCancelled, TenderStatus::kFailed}) {
    if (TenderStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

StatusOr<TenderStatus> NextTenderStatus(TenderStatus from, TenderEvent event) {
  switch (event) {
    case TenderEvent::kPublish:
      if (from == TenderStatus::kDraft) return TenderStatus::kRunning;
      break;
    case TenderEvent::kFinish:
      if (from == TenderStatus::kRunning) return TenderStatus::kDone;
      break;
    case TenderEvent::kCancel:
      // A draft is simply not published; a running tender is cancelled
      // publicly with its reason.
      if (from == TenderStatus::kRunning) return TenderStatus::kCancelled;
      break;
    case TenderEvent::kFail:
      if (from == TenderStatus::kRunning) return TenderStatus::kFailed;
      break;
  }
  static constexpr std::string_view kEvents[] = {"publish", "finish", "cancel", "fail"};
  return FailedPrecondition("tender.illegal_transition",
                            std::string(TenderStatusCode(from)) + " -> " +
                                std::string(kEvents[static_cast<int>(event)]));
}

Status CheckProcedureFits(const ProcedureSpec& p, std::string_view evaluation,
                          const PackageTerms& package) {
  if (p.method != package.method) return FailedPrecondition("tender.method_mismatch", p.method);
  if (!Contains(p.types, package.procurement_type)) {
    return FailedPrecondition("tender.type_not_allowed", package.procurement_type);
  }
  if (!Contains(p.evaluations, evaluation)) {
    return InvalidArgument("tender.evaluation_not_allowed", std::string(evaluation));
  }
  return OkStatus();
}

std::vector<const ProcedureSpec*> FittingProcedures(const Catalogue& c, const PackageTerms& package) {
  std::vector<const ProcedureSpec*> out;
  for (const ProcedureSpec& p : c.procedures) {
    if (p.method == package.method && Contains(p.types, package.procurement_type)) out.push_back(&p);
  }
  return out;
}

std::string_view EvaluationName(std::string_view evaluation) {
  for (const EvaluationWord& e : kEvaluations) {
    if (e.code == evaluation) return e.name;
  }
  return evaluation;
}

std::string MethodText(const ProcedureSpec& p, std::string_view evaluation) {
  return p.name_id + " - " + std::string(EvaluationName(evaluation));
}

Status CheckMayPublish(std::int64_t actor_id, std::int64_t chair_id) {
  if (actor_id != chair_id) return PermissionDenied("tender.chair_required");
  return OkStatus();
}

}  // namespace spse::domain
