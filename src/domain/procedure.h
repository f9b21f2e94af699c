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
};

struct Catalogue {
  std::vector<ProcedureSpec> procedures;
  const ProcedureSpec* Find(std::string_view code) const;
};

// A catalogue that can run: unique codes, known enum words, every rule with
// an id (unique across the catalogue), refs to stages of the same procedure,
// kSameStart/kStartAfter refs earlier in the order, no qualification +
// envelope combination the regulation forbids (prakualifikasi with satu
// file; pascakualifikasi with dua tahap). The error names what is wrong
// ("catalogue.ref_unknown", detail "tender-pasca-satu-file/penjelasan/JDW-..").
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
