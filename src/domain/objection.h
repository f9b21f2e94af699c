// Objections to the announced award (sanggah) and appeals (sanggah
// banding), issue 6, items 4 and 8; Pasal 4(1)c. During the Masa Sanggah a
// bidder objects with its reasons and attachments; the Pokja chair answers
// within the procedure's working days; an upheld objection sends the tender
// back to evaluation or fails it. Where the catalogue allows it (Perpres
// 16/2018: construction), the objector may appeal a rejection to the PA/KPA
// with a guarantee. Rules SGH-* in docs/rules.md.
//
// Nothing recorded is changed: an objection, an answer, an appeal and its
// answer are each written once and stay visible with who and when.
#ifndef SPSE_DOMAIN_OBJECTION_H_
#define SPSE_DOMAIN_OBJECTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/money.h"
#include "base/status.h"
#include "domain/calendar.h"
#include "domain/evaluation.h"
#include "domain/procedure.h"
#include "domain/records.h"
#include "domain/tender.h"

namespace spse::domain {

inline constexpr size_t kMaxObjectionText = 5000;
inline constexpr size_t kMaxObjectionAttachments = 5;

// What an upheld objection or appeal does to the tender.
enum class Consequence {
  kNone,          // rejected: nothing
  kReEvaluation,  // "evaluasi_ulang": the award decision is revoked, the Pokja evaluates again
  kFail,          // "gagal": the tender fails
};
std::string_view ConsequenceWord(Consequence c);  // "", "evaluasi_ulang", "gagal"
std::optional<Consequence> ParseConsequence(std::string_view word);

struct ObjectionAnswer {
  std::int64_t objection_id = 0;
  bool upheld = false;
  std::string text;
  Consequence consequence = Consequence::kNone;
  std::int64_t answered_by = 0;
  Micros at = 0;
  bool late = false;  // after the answer deadline (SGH-02)
};

// The guarantee of an appeal (jaminan sanggah banding).
struct AppealGuarantee {
  std::string issuer;  // the bank or insurer
  std::string number;
  std::int64_t amount_rupiah = 0;
  Micros valid_until = 0;
};

struct Appeal {
  std::int64_t id = 0;
  std::int64_t objection_id = 0;
  std::int64_t vendor_id = 0;
  Micros filed_at = 0;
  std::string reasons;
  AppealGuarantee guarantee;
};

struct AppealAnswer {
  std::int64_t appeal_id = 0;
  bool upheld = false;
  std::string text;
  Consequence consequence = Consequence::kNone;
  std::int64_t answered_by = 0;
  Micros at = 0;
  // A rejected appeal forfeits its guarantee (to the state treasury).
  bool guarantee_forfeited() const { return !upheld; }
};

struct Objection {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t decision_id = 0;  // the announced award decision objected to
  std::int64_t vendor_id = 0;
  Micros filed_at = 0;
  std::string reasons;
  std::vector<Attachment> attachments;  // PDFs, in the order filed
  std::optional<ObjectionAnswer> answer;
  std::optional<Appeal> appeal;
  std::optional<AppealAnswer> appeal_answer;
};

// SGH-01: an objection is filed only while the tender runs and its
// "sanggah" stage runs (start <= now < end), against the announced decision
// in force (`decision`: not revoked), by a vendor whose counting bid was
// evaluated in it (a row of its results), once per vendor and decision
// (`earlier`: the tender's objections), with its reasons (at most 5000
// characters) and at most 5 attachments, each a PDF of at most
// kMaxDocumentBytes. Reasons: "tender.not_running", "objection.no_stage",
// "objection.period_not_started", "objection.period_over",
// "objection.not_announced", "objection.not_bidder",
// "objection.already_filed", "objection.reasons_required",
// "objection.too_long", "objection.too_many_attachments",
// "objection.attachment_invalid".
Status CheckObjection(const Tender& t, const ProcedureSpec& p, const AwardDecision* decision,
                      const std::vector<Objection>& earlier, const Objection& o, Micros now);

// SGH-02: the answer is due by the end of the "sanggah" stage plus the
// procedure's objection_answer_working_days working days on `cal` (the
// same time of day). nullopt when the procedure has no sanggah stage.
std::optional<Micros> AnswerDeadline(const Tender& t, const ProcedureSpec& p,
                                     const WorkingCalendar& cal);

// SGH-02, SGH-05: an answer (to an objection or an appeal) gives its text
// (at most 5000 characters); upheld, it names its consequence; rejected, it
// has none. Reasons: "objection.answer_required", "objection.too_long",
// "objection.consequence_required", "objection.consequence_invalid".
Status CheckAnswer(bool upheld, std::string_view text, Consequence consequence);

// SGH-04: an appeal is allowed only where `procurement_type` is one of the
// procedure's appeal_types, by the objector, after its objection was
// rejected, within appeal_days calendar days of that answer, once, with
// reasons and a guarantee (issuer and number given) of at least
// appeal_guarantee_permille of the HPS, valid after `now`. Reasons:
// "appeal.not_allowed", "appeal.not_objector", "appeal.not_rejected",
// "appeal.period_over", "appeal.already_filed", "appeal.reasons_required",
// "appeal.too_long", "appeal.guarantee_required", "appeal.guarantee_too_low",
// "appeal.guarantee_expired".
Status CheckAppeal(const ProcedureSpec& p, std::string_view procurement_type, const Objection& o,
                   const Appeal& a, Money hps, Micros now);

// Whether procedure `p` allows appeals for `procurement_type`.
bool AppealAllowed(const ProcedureSpec& p, std::string_view procurement_type);

// The least guarantee: permille x HPS, rounded up to the rupiah.
std::int64_t MinimumGuaranteeRupiah(const ProcedureSpec& p, Money hps);

// SGH-05: whether `o` still holds the award back: unanswered, or rejected
// while an appeal is possible (allowed for the type and its period open at
// `now`), or appealed and the appeal unanswered.
bool ObjectionPending(const ProcedureSpec& p, std::string_view procurement_type, const Objection& o,
                      Micros now);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_OBJECTION_H_
