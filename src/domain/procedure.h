// The procedure catalogue (DESIGN.md §3): procedures are data. Each
// procedure names its method, qualification, envelope system, the
// procurement types and evaluation methods it allows, and its ordered stages
// with the schedule rules each stage must meet. One checker and one
// proposer work for every procedure; a new regulation is a catalogue change.
//
// Every rule has an id ("JDW-PASCA1-01") that docs/rules.md lists and its
// tests cite.
#ifndef SPSE_DOMAIN_PROCEDURE_H_
#define SPSE_DOMAIN_PROCEDURE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/calendar.h"

namespace spse::domain {

// What one stage's schedule must satisfy.
enum class RuleKind {
  kMinDuration,       // end >= start + days (calendar, or working days)
  kStartAfter,        // start >= ref's start/end + days
  kStartWithin,       // start <= ref's start/end + days ("no later than")
  kEndAfter,          // end >= ref's start/end + days
  kSameStart,         // start == ref's start
  kEndsWith,          // end == ref's end
  kWorkingHours,      // start and end on working days within working hours
  kEndInWorkingHours, // end on a working day within working hours
};

enum class RefPoint { kStart, kEnd };

struct ScheduleRule {
  std::string id;        // "JDW-PASCA1-01"
  RuleKind kind = RuleKind::kMinDuration;
  std::string ref;       // the other stage (every kind but kMinDuration and the working hours)
  RefPoint point = RefPoint::kStart;
  int days = 0;
  bool working_days = false;  // count `days` as working days
  std::string text_id;   // the rule in words, Indonesian ...
  std::string text_en;   // ... and English
};

struct StageSpec {
  std::string code;     // "pengumuman", "penjelasan", ...
  std::string name_id;  // "Pemberian Penjelasan"
  std::string name_en;  // "Pre-bid clarification"
  int default_days = 1;       // the proposer's length when the rules allow any
  bool default_working = false;  // default_days counts working days
  std::vector<ScheduleRule> rules;
};

struct ProcedureSpec {
  std::string code;         // "tender-pasca-satu-file"
  std::string method;       // tender, seleksi, tender_cepat, pengadaan_langsung, penunjukan_langsung
  std::string qualification;  // prakualifikasi, pascakualifikasi, "" (non-tender)
  std::string envelope;     // satu_file, dua_file, dua_tahap
  std::string name_id;      // "Tender - Pascakualifikasi Satu File"
  std::string name_en;
  std::vector<std::string> types;        // barang, konstruksi, konsultansi, konsultansi_perorangan, jasa_lainnya
  std::vector<std::string> evaluations;  // harga_terendah_gugur, ...
  std::vector<StageSpec> stages;
  // The stage in which the winner is decided (penetapan) and the one in
  // which it is announced; the same one when the decision is announced at
  // once (non-tender, Tender Cepat). Empty: the procedure awards nothing.
  std::string award_stage;
  std::string announce_stage;
  // Reverse auctions (penawaran_harga): each new price of a vendor must be
  // lower than its previous one by at least this many thousandths of it
  // (and always by at least Rp 1). Catalogue key
  // `auction_min_decrement_permille`, 0..1000, default 0.
  int auction_min_decrement_permille = 0;
  // Objections (sanggah, SGH-* in docs/rules.md), for procedures with a
  // "sanggah" stage: the Pokja answers within this many working days after
  // the stage ends.
  int objection_answer_working_days = 0;
  // The procurement types whose objectors may appeal (sanggah banding), the
  // calendar days after the answer to file it, and the least guarantee in
  // permille of the HPS.
  std::vector<std::string> appeal_types;
  int appeal_days = 0;
  int appeal_guarantee_permille = 0;
  // Invitation-only procedures (INV-* in docs/rules.md, domain/invitation.h):
  // only vendors the Pokja or the Pejabat Pengadaan invited join and send
  // an offer. `max_invitees` > 0 caps the invitations (penunjukan langsung:
  // one); `invitation_until` names the stage at whose end invitations close
  // (empty: the stage joining closes with). Catalogue keys of the same names.
  bool invitation_only = false;
  int max_invitees = 0;
  std::string invitation_until;
};

// --- Evaluation methods (issue 6, item 1) ---
// How a method ranks the bids that pass:
enum class EvaluationKind {
  kLowestPrice,    // harga terendah sistem gugur: pass/fail stages, lowest evaluated price wins
  kThreshold,      // ambang batas / biaya terendah: technical score >= pass mark, lowest price wins
  kCombined,       // sistem nilai / kualitas dan biaya: weighted technical + price score, highest wins
  kQuality,        // kualitas: highest technical score wins; price only checked against the pagu
  kBudgetCeiling,  // pagu anggaran: price <= pagu, highest technical score wins
  kLifeCycle,      // biaya selama umur ekonomis: lowest price + life-cycle costs wins
};
// Catalogue words: "harga_terendah", "ambang_batas", "nilai", "kualitas",
// "pagu_anggaran", "umur_ekonomis".
std::string_view EvaluationKindWord(EvaluationKind k);
std::optional<EvaluationKind> ParseEvaluationKind(std::string_view word);

// The evaluation stages a criterion belongs to. kPrice criteria carry an
// amount (life-cycle costs), not a pass/fail.
enum class EvalStage { kAdministration, kTechnical, kQualification, kPrice };
// "administrasi", "teknis", "kualifikasi", "harga".
std::string_view EvalStageWord(EvalStage s);
std::optional<EvalStage> ParseEvalStage(std::string_view word);

// One requirement the Pokja judges for each bidder.
struct Criterion {
  std::string code;  // "adm-surat-penawaran": unique within its method
  EvalStage stage = EvalStage::kAdministration;
  std::string text_id;  // the requirement in words, Indonesian ...
  std::string text_en;  // ... and English
  // Technical criteria of a scored method: percent of the technical score
  // (the weights of a method's technical criteria add up to 100). 0: judged
  // pass/fail.
  int weight = 0;
  // kPrice criteria: an amount in rupiah the Pokja reads from the bid
  // (operating and maintenance costs over the economic life, less the
  // residual value: may be negative), added to the evaluated price.
  bool amount = false;
};

// How bidders equal on the method's ranking value are ordered, in turn.
enum class TieBreak {
  kTechnicalScore,     // "technical_score": the higher technical score first (scored methods)
  kEarlierSubmission,  // "earlier_submission": the bid that counted first
};
std::string_view TieBreakWord(TieBreak t);
std::optional<TieBreak> ParseTieBreak(std::string_view word);

struct EvaluationSpec {
  std::string code;     // "harga_terendah_gugur" (a procedure's `evaluations` word)
  std::string name_id;  // "Harga Terendah Sistem Gugur"
  std::string name_en;
  EvaluationKind kind = EvaluationKind::kLowestPrice;
  int pass_mark = 0;         // scored methods: the technical score (0..100) needed to pass
  int technical_weight = 0;  // kCombined: percent of the total score given to technical (1..99)
  // A (corrected) price above the HPS fails the bid (every method but
  // kQuality and kBudgetCeiling, which compare with the pagu instead).
  bool price_above_hps_fails = true;
  // Pascakualifikasi: qualification is judged for the best ranked bidders
  // until this many have passed (the winner and its reserves).
  int qualified_ranks = 3;
  std::vector<TieBreak> tie_break;
  std::vector<Criterion> criteria;  // in the order the pages show them

  // Whether the technical criteria are scored (they have weights).
  bool Scored() const;
  const Criterion* FindCriterion(std::string_view code) const;
};

struct Catalogue {
  std::vector<ProcedureSpec> procedures;
  std::vector<EvaluationSpec> evaluations;
  const ProcedureSpec* Find(std::string_view code) const;
  const EvaluationSpec* FindEvaluation(std::string_view code) const;
};

// A catalogue that can run: unique codes, known enum words, every rule with
// an id (unique across the catalogue), refs to stages of the same procedure,
// kSameStart/kStartAfter refs earlier in the order, no qualification +
// envelope combination the regulation forbids (prakualifikasi with satu
// file; pascakualifikasi with dua tahap). The error names what is wrong
// ("catalogue.ref_unknown", detail "tender-pasca-satu-file/penjelasan/JDW-..").
// Evaluation methods: unique codes, every procedure's evaluation word
// defined ("catalogue.evaluation_unknown"), at least one criterion, unique
// criterion codes ("catalogue.criterion_repeated"), text in both languages;
// a scored method's technical weights add up to 100 and each is 1..100,
// pass/fail methods have no weights ("catalogue.weights_invalid"); pass
// mark 0..100, kCombined's technical weight 1..99, qualified ranks >= 1
// ("catalogue.evaluation_invalid"); kLifeCycle has an amount criterion and
// no other method has one; amount criteria are kPrice and the only kPrice ones.
// A procedure's award and announcement stages, when it has them, are its
// own stages, the announcement not before the award
// ("catalogue.award_stage_invalid").
// Objections: a procedure with a "sanggah" stage answers within 1..30
// working days, and one without sets none of the objection fields; appeal
// types are procurement types of the catalogue; with appeal types, the
// appeal days are 1..30 and the permille 1..1000; without, both are 0
// ("catalogue.objection_invalid").
// Invitations: max_invitees is 0..1000 and invitation_until a stage of the
// procedure; both only for an invitation-only procedure
// ("catalogue.invitation_invalid").
Status ValidateCatalogue(const Catalogue& c);

// One stage's planned period.
struct StagePeriod {
  std::string stage;
  Micros start = 0;
  Micros end = 0;
  friend bool operator==(const StagePeriod&, const StagePeriod&) = default;
};
using Schedule = std::vector<StagePeriod>;  // in the procedure's stage order

struct Violation {
  std::string rule_id;  // "" for the structural checks below
  std::string stage;
  std::string reason;   // "schedule.rule", "schedule.end_before_start", "schedule.order",
                        // "schedule.stage_missing"
};

// Every rule the schedule breaks (empty: it is valid). Also checked for every
// stage: start < end, stages in order (each starts no earlier than the one
// before), one period per stage of the procedure.
std::vector<Violation> CheckSchedule(const ProcedureSpec& p, const Schedule& s,
                                     const WorkingCalendar& cal);

// A schedule that meets every rule, starting with the first stage at
// `start`: each stage as early and as short as its rules allow, at least its
// default length. CheckSchedule of the result is empty.
Schedule ProposeSchedule(const ProcedureSpec& p, Micros start, const WorkingCalendar& cal);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_PROCEDURE_H_
