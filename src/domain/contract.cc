#include "domain/contract.h"

#include <algorithm>

#include "base/civil.h"

namespace spse::domain {
namespace {

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// `text` is given and not longer than `max`.
Status Required(std::string_view text, size_t max, const char* missing, const char* field) {
  if (Trim(text).empty()) return InvalidArgument(missing, field);
  if (text.size() > max) return InvalidArgument("contract.too_long", field);
  return OkStatus();
}

bool ValidNip(std::string_view nip) {
  int digits = 0;
  for (char c : nip) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return false;
    ++digits;
  }
  return digits == 18;
}

}  // namespace

Status CheckPackagePpk(const ContractActor& actor, const Package& package) {
  if (!actor.is_ppk || actor.user_id == 0 || actor.user_id != package.ppk_id) {
    return PermissionDenied("contract.ppk_only");
  }
  return OkStatus();
}

std::string_view SppbjAfterStage(const ProcedureSpec& p) {
  auto has = [&](std::string_view code) {
    return std::any_of(p.stages.begin(), p.stages.end(),
                       [&](const StageSpec& s) { return s.code == code; });
  };
  if (has("sanggah")) return "sanggah";
  if (has("penetapan")) return "penetapan";
  return "";
}

Status CheckSppbj(const SppbjFacts& f) {
  if (f.tender->status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  if (f.decision == nullptr || f.decision->revoked_at) {
    return FailedPrecondition("contract.no_decision");
  }
  if (!f.decision->announced_at) return FailedPrecondition("contract.not_announced");
  if (!f.decision->winner_vendor_id) return FailedPrecondition("contract.no_winner");
  if (f.sppbj_issued) return AlreadyExists("contract.sppbj_exists");
  const std::string_view stage = SppbjAfterStage(*f.procedure);
  for (size_t i = 0; i < f.procedure->stages.size() && i < f.tender->schedule.size(); ++i) {
    if (f.procedure->stages[i].code != stage) continue;
    if (f.now < f.tender->schedule[i].end) {
      return FailedPrecondition("contract.objection_period", std::string(stage));
    }
  }
  if (f.objection_pending) return FailedPrecondition("contract.objection_pending");
  if (f.negotiation_pending) return FailedPrecondition("contract.negotiation_pending");
  return OkStatus();
}

StatusOr<std::string> SppbjNumber(std::string_view typed, std::string_view tender_code, int n) {
  std::string number = Trim(typed);
  if (number.empty()) return "SPPBJ/" + std::string(tender_code) + "/" + std::to_string(n);
  if (number.size() > kMaxContractNumber) return InvalidArgument("contract.too_long", "number");
  return number;
}

Status CheckContract(const Contract& c, const Sppbj& sppbj, const ContractLimits& limits,
                     Micros now, int offset_minutes) {
  SPSE_RETURN_IF_ERROR(Required(c.number, kMaxContractNumber, "contract.number_required", "number"));
  SPSE_RETURN_IF_ERROR(
      Required(c.ppk_name, kMaxSignatoryText, "contract.signatory_required", "ppk_name"));
  SPSE_RETURN_IF_ERROR(
      Required(c.ppk_nip, kMaxSignatoryText, "contract.signatory_required", "ppk_nip"));
  if (!ValidNip(c.ppk_nip)) return InvalidArgument("contract.nip_invalid");
  SPSE_RETURN_IF_ERROR(Required(c.vendor_signatory, kMaxSignatoryText,
                                "contract.signatory_required", "vendor_signatory"));
  SPSE_RETURN_IF_ERROR(Required(c.vendor_position, kMaxSignatoryText,
                                "contract.signatory_required", "vendor_position"));

  // KTR-02: the dates, as the LPSE's calendar reads them.
  if (!IsCivilDate(c.signed_on)) return InvalidArgument("contract.date_invalid");
  if (c.signed_on < ToLocal(sppbj.issued_at, offset_minutes).date) {
    return InvalidArgument("contract.date_before_sppbj");
  }
  if (c.signed_on > ToLocal(now, offset_minutes).date) {
    return InvalidArgument("contract.date_future");
  }

  // KTR-03: the value.
  // At most 10^15 rupiah: far beyond any package, and safe to count in sen.
  if (c.value_rupiah <= 0 || c.value_rupiah > 1'000'000'000'000'000) {
    return InvalidArgument("contract.value_invalid");
  }
  if (c.value_rupiah > limits.award_price_rupiah) {
    return InvalidArgument("contract.above_award", Money::FromRupiah(limits.award_price_rupiah).Format());
  }
  const Money value = Money::FromRupiah(c.value_rupiah);
  const bool pagu_ceiling =
      limits.kind == EvaluationKind::kQuality || limits.kind == EvaluationKind::kBudgetCeiling;
  if (pagu_ceiling) {
    if (value.sen() > limits.pagu.sen()) {
      return InvalidArgument("contract.above_pagu", limits.pagu.Format());
    }
  } else if (value.sen() > limits.hps.sen()) {
    return InvalidArgument("contract.above_hps", limits.hps.Format());
  }
  if (c.duration_days < 1 || c.duration_days > kMaxContractDays) {
    return InvalidArgument("contract.duration_invalid");
  }

  // KTR-04: a correction says why.
  if (c.version > 1) {
    SPSE_RETURN_IF_ERROR(
        Required(c.reason, kMaxCorrectionReason, "contract.reason_required", "reason"));
  }
  return OkStatus();
}

}  // namespace spse::domain
