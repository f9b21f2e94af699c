// The letter of award (SPPBJ, Surat Penunjukan Penyedia Barang/Jasa) and the
// contract record (issue 6, items 5 and 8; Pasal 4(1)c): after the
// objection period the package's PPK appoints the winner of the announced
// award decision, then records the contract signed with it: number, date,
// value, duration and the signatories of both sides.
//
// Nothing recorded is changed: an SPPBJ is issued once per decision, and a
// correction of the contract is a new version with its reason; earlier
// versions stay visible. Rules KTR-* in docs/rules.md.
#ifndef SPSE_DOMAIN_CONTRACT_H_
#define SPSE_DOMAIN_CONTRACT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/money.h"
#include "base/status.h"
#include "domain/evaluation.h"
#include "domain/planning.h"
#include "domain/procedure.h"
#include "domain/role.h"
#include "domain/tender.h"

namespace spse::domain {

// Text limits of the contract record.
inline constexpr size_t kMaxContractNumber = 100;
inline constexpr size_t kMaxSignatoryText = 200;
inline constexpr size_t kMaxCorrectionReason = 1000;
inline constexpr int kMaxContractDays = 3650;

// The letter of award, issued once per award decision.
struct Sppbj {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t decision_id = 0;  // the AwardDecision it follows
  std::int64_t vendor_id = 0;    // the winner (user id of the vendor account)
  std::string number;            // "SPPBJ/TDR-000042/1", or the one the PPK typed
  Micros issued_at = 0;
  std::int64_t price_rupiah = 0;  // the decided (evaluated) price
  std::int64_t issued_by = 0;
  std::string pdf_sha256;
  std::uint64_t pdf_size = 0;
};

// One version of the contract record. Version 1 is the contract as signed;
// each later version corrects the one before and says why.
struct Contract {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t sppbj_id = 0;
  int version = 1;
  std::string number;
  std::string signed_on;  // YYYY-MM-DD, in the LPSE's zone
  std::int64_t value_rupiah = 0;
  int duration_days = 0;
  std::string ppk_name;         // the PPK who signs
  std::string ppk_nip;          // the PPK's NIP (18 digits)
  std::string vendor_signatory; // who signs for the vendor
  std::string vendor_position;  // "Direktur", ...
  std::int64_t recorded_by = 0;
  Micros at = 0;
  std::string reason;  // versions > 1: why it was corrected
  std::string pdf_sha256;
  std::uint64_t pdf_size = 0;
};

// Who asks, as far as the contract rules care.
struct ContractActor {
  std::int64_t user_id = 0;
  bool is_ppk = false;  // holds the PPK role
};

// KTR-01, KTR-02: only the package's PPK (package.ppk_id, holding the PPK
// role) issues the SPPBJ and records the contract. "contract.ppk_only".
Status CheckPackagePpk(const ContractActor& actor, const Package& package);

// The stage whose end opens the SPPBJ: "sanggah" when the procedure has
// one, else "penetapan" when it has one, else "" (the announcement is enough).
std::string_view SppbjAfterStage(const ProcedureSpec& p);

// What the SPPBJ check needs to know.
struct SppbjFacts {
  const Tender* tender = nullptr;
  const ProcedureSpec* procedure = nullptr;
  const AwardDecision* decision = nullptr;  // the one in force (latest unrevoked), or null
  bool sppbj_issued = false;                // one exists for that decision
  // An objection (sanggah) or appeal (sanggah banding) is not answered yet.
  bool objection_pending = false;
  // The procedure negotiates with the winner after the award (seleksi) and
  // that negotiation is not recorded yet.
  bool negotiation_pending = false;
  Micros now = 0;
};

// KTR-01: the SPPBJ follows an announced, unrevoked decision with a winner,
// once per decision, after the stage SppbjAfterStage names has ended, and
// while no objection or appeal is pending. The PPK check is
// CheckPackagePpk. Reasons: "tender.not_running", "contract.no_decision",
// "contract.not_announced", "contract.no_winner",
// "contract.objection_period" (detail: the stage), "contract.objection_pending",
// "contract.negotiation_pending", "contract.sppbj_exists".
Status CheckSppbj(const SppbjFacts& facts);

// The SPPBJ's number: the one typed (trimmed), or "SPPBJ/<tender code>/<n>"
// for the tender's n-th SPPBJ when none is typed. Reasons:
// "contract.too_long" (detail "number").
StatusOr<std::string> SppbjNumber(std::string_view typed, std::string_view tender_code, int n);

// The ceilings of the contract value (KTR-03).
struct ContractLimits {
  std::int64_t award_price_rupiah = 0;  // the SPPBJ's price
  Money hps;
  Money pagu;
  EvaluationKind kind = EvaluationKind::kLowestPrice;
};

// KTR-02, KTR-03, KTR-04 for one version of the contract:
//   the number is given (at most 100 characters); both signatories are named
//   (at most 200 characters each) and the PPK's NIP has 18 digits (spaces
//   allowed);
//   signed_on is a date not before the SPPBJ's date and not after today,
//   both in the zone `offset_minutes` east of UTC;
//   the value is above zero, not above the award price (negotiation may lower
//   it), and not above the HPS, or for kQuality and kBudgetCeiling not above
//   the pagu; the duration is 1..3650 days;
//   a version after the first gives its reason (at most 1000 characters).
// Reasons: "contract.number_required", "contract.too_long" (detail: the
// field), "contract.signatory_required" (detail: the field),
// "contract.nip_invalid", "contract.date_invalid",
// "contract.date_before_sppbj", "contract.date_future",
// "contract.value_invalid", "contract.above_award", "contract.above_hps",
// "contract.above_pagu", "contract.duration_invalid",
// "contract.reason_required".
Status CheckContract(const Contract& c, const Sppbj& sppbj, const ContractLimits& limits,
                     Micros now, int offset_minutes);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_CONTRACT_H_
