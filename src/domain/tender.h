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
#include "base/clock.h"
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

// A tender as stored: what it follows, where it stands, its schedule.
struct Tender {
  std::int64_t id = 0;
  std::string code;  // "TDR-000042", set when stored
  std::int64_t package_id = 0;
  std::string procedure_code;  // the catalogue procedure
  std::string evaluation;      // one of the procedure's evaluation methods
  TenderStatus status = TenderStatus::kDraft;
  std::optional<std::int64_t> pokja_group_id;  // tender, seleksi, tender cepat
  std::optional<std::int64_t> official_id;     // the Pejabat Pengadaan (non-tender)
  std::int64_t created_by = 0;
  Micros created_at = 0;
  std::optional<Micros> published_at;
  std::int64_t published_by = 0;
  std::string end_reason;  // why it was cancelled (batal) or failed (gagal)
  std::optional<std::int64_t> previous_tender_id;  // tender ulang: the failed one
  Schedule schedule;          // in the procedure's stage order
  std::vector<int> changes;   // per stage: how many times it was changed after publishing
};

// One change of a published schedule, shown publicly with its reason.
struct ScheduleChangeRecord {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  Micros at = 0;
  std::int64_t by_id = 0;
  std::string by_name;
  std::string reason;
  std::string summary;  // the stages that moved
};

// Publishing needs the Pokja chair (issue 4, item 4): "tender.chair_required".
Status CheckMayPublish(std::int64_t actor_id, std::int64_t chair_id);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_TENDER_H_
