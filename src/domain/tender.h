// A tender (or non-tender selection) as the Pokja sets it up from a package
// and runs it (issue 4, items 4, 5, 8): which catalogue procedure it follows
// and whether that procedure fits the package, who may publish it, and the
// states it goes through.
#ifndef SPSE_DOMAIN_TENDER_H_
#define SPSE_DOMAIN_TENDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/procedure.h"

namespace spse::domain {

// draft (the Pokja prepares it) -> berjalan (published, stages run by the
// clock) -> selesai; or batal (cancelled with a reason) / gagal (failed,
// may be re-tendered from the same package).
enum class TenderStatus { kDraft, kRunning, kDone, kCancelled, kFailed };
std::string_view TenderStatusCode(TenderStatus s);  // "draft", "berjalan", "selesai", "batal", "gagal"
std::optional<TenderStatus> ParseTenderStatus(std::string_view code);

enum class TenderEvent { kPublish, kFinish, kCancel, kFail };
// Reasons: "tender.illegal_transition" (detail "from -> event").
StatusOr<TenderStatus> NextTenderStatus(TenderStatus from, TenderEvent event);

// What the package says about the selection, for the fit check.
struct PackageTerms {
  std::string procurement_type;  // catalogue `types` word: barang, konstruksi, ...
  std::string method;            // catalogue `method` word planned in the RUP
};

// Whether procedure `p` with evaluation method `evaluation` may run this
// package. Reasons: "tender.method_mismatch" (the RUP planned another
// method), "tender.type_not_allowed", "tender.evaluation_not_allowed".
Status CheckProcedureFits(const ProcedureSpec& p, std::string_view evaluation,
                          const PackageTerms& package);

// The procedures of the catalogue that fit the package, in catalogue order.
std::vector<const ProcedureSpec*> FittingProcedures(const Catalogue& c, const PackageTerms& package);

// "Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur": the
// method text the announcement shows, from the procedure and the
// evaluation method chosen.
std::string MethodText(const ProcedureSpec& p, std::string_view evaluation);
// The evaluation method's name: "harga_terendah_gugur" -> "Harga Terendah Sistem Gugur".
std::string_view EvaluationName(std::string_view evaluation);

// Publishing needs the Pokja chair (issue 4, item 4): "tender.chair_required".
Status CheckMayPublish(std::int64_t actor_id, std::int64_t chair_id);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_TENDER_H_
