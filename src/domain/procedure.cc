#include "domain/procedure.h"

#include <algorithm>
#include <map>
#include <set>

namespace spse::domain {
namespace {

constexpr std::string_view kMethods[] = {"tender", "seleksi", "tender_cepat", "pengadaan_langsung",
                                         "penunjukan_langsung"};
constexpr std::string_view kQualifications[] = {"prakualifikasi", "pascakualifikasi", ""};
constexpr std::string_view kEnvelopes[] = {"satu_file", "dua_file", "dua_tahap"};
constexpr std::string_view kTypes[] = {"barang", "konstruksi", "konsultansi",
                                       "konsultansi_perorangan", "jasa_lainnya"};

template <size_t N>
bool OneOf(const std::string_view (&words)[N], std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

bool NeedsRef(RuleKind k) {
  return k != RuleKind::kMinDuration && k != RuleKind::kWorkingHours &&
         k != RuleKind::kEndInWorkingHours;
}

Micros Offset(const WorkingCalendar& cal, Micros t, int days, bool working) {
  return working ? cal.AddWorkingDays(t, days) : t + days * kMicrosPerDay;
}

const StagePeriod* Find(const Schedule& s, std::string_view stage) {
  for (const StagePeriod& p : s) {
    if (p.stage == stage) return &p;
  }
  return nullptr;
}

Micros PointOf(const StagePeriod& p, RefPoint point) {
  return point == RefPoint::kStart ? p.start : p.end;
}

// Whether `rule` holds for `me` in schedule `s`.
bool Holds(const ScheduleRule& rule, const StagePeriod& me, const Schedule& s,
           const WorkingCalendar& cal) {
  const StagePeriod* ref = NeedsRef(rule.kind) ? Find(s, rule.ref) : nullptr;
  if (NeedsRef(rule.kind) && !ref) return false;
  switch (rule.kind) {
    case RuleKind::kMinDuration:
      return me.end >= Offset(cal, me.start, rule.days, rule.working_days);
    case RuleKind::kStartAfter:
      return me.start >= Offset(cal, PointOf(*ref, rule.point), rule.days, rule.working_days);
    case RuleKind::kStartWithin:
      return me.start <= Offset(cal, PointOf(*ref, rule.point), rule.days, rule.working_days);
    case RuleKind::kEndAfter:
      return me.end >= Offset(cal, PointOf(*ref, rule.point), rule.days, rule.working_days);
    case RuleKind::kSameStart:
      return me.start == ref->start;
    case RuleKind::kEndsWith:
      return me.end == ref->end;
    case RuleKind::kWorkingHours:
      return cal.IsWorkingTime(me.start) && cal.IsWorkingTime(me.end);
    case RuleKind::kEndInWorkingHours:
      return cal.IsWorkingTime(me.end);
  }
  return false;
}

Status Bad(std::string reason, const ProcedureSpec& p, std::string_view where = {}) {
  std::string detail = p.code;
  if (!where.empty()) detail += "/" + std::string(where);
  return InvalidArgument(std::move(reason), detail);
}

Status BadEvaluation(std::string reason, const EvaluationSpec& e, std::string_view where = {}) {
  std::string detail = "evaluation " + e.code;
  if (!where.empty()) detail += "/" + std::string(where);
  return InvalidArgument(std::move(reason), detail);
}

bool IsScoredKind(EvaluationKind k) {
  return k != EvaluationKind::kLowestPrice && k != EvaluationKind::kLifeCycle;
}

Status ValidateEvaluation(const EvaluationSpec& e) {
  if (e.name_id.empty() || e.name_en.empty()) return BadEvaluation("catalogue.name_required", e);
  if (e.criteria.empty()) return BadEvaluation("catalogue.evaluation_invalid", e, "criteria");
  if (e.pass_mark < 0 || e.pass_mark > 100) return BadEvaluation("catalogue.evaluation_invalid", e, "pass_mark");
  if (e.kind == EvaluationKind::kCombined && (e.technical_weight < 1 || e.technical_weight > 99)) {
    return BadEvaluation("catalogue.evaluation_invalid", e, "technical_weight");
  }
  if (e.qualified_ranks < 1) return BadEvaluation("catalogue.evaluation_invalid", e, "qualified_ranks");
  std::set<std::string> codes;
  int weights = 0, amounts = 0;
  for (const Criterion& c : e.criteria) {
    if (c.code.empty() || !codes.insert(c.code).second) {
      return BadEvaluation("catalogue.criterion_repeated", e, c.code);
    }
    if (c.text_id.empty() || c.text_en.empty()) return BadEvaluation("catalogue.text_required", e, c.code);
    // Only a scored method's technical criteria carry weights, 1..100 each.
    const bool weighed = IsScoredKind(e.kind) && c.stage == EvalStage::kTechnical;
    if (weighed ? (c.weight < 1 || c.weight > 100) : c.weight != 0) {
      return BadEvaluation("catalogue.weights_invalid", e, c.code);
    }
    weights += c.weight;
    // Amounts are the price stage's criteria, and its only ones.
    if (c.amount != (c.stage == EvalStage::kPrice)) {
      return BadEvaluation("catalogue.evaluation_invalid", e, c.code);
    }
    if (c.amount) ++amounts;
  }
  if (IsScoredKind(e.kind) && weights != 100) return BadEvaluation("catalogue.weights_invalid", e);
  if ((e.kind == EvaluationKind::kLifeCycle) != (amounts > 0)) {
    return BadEvaluation("catalogue.evaluation_invalid", e, "amount");
  }
  return OkStatus();
}

}  // namespace

std::string_view EvaluationKindWord(EvaluationKind k) {
  switch (k) {
    case EvaluationKind::kLowestPrice: return "harga_terendah";
    case EvaluationKind::kThreshold: return "ambang_batas";
    case EvaluationKind::kCombined: return "nilai";
    case EvaluationKind::kQuality: return "kualitas";
    case EvaluationKind::kBudgetCeiling: return "pagu_anggaran";
    case EvaluationKind::kLifeCycle: return "umur_ekonomis";
  }
  return "harga_terendah";
}

std::optional<EvaluationKind> ParseEvaluationKind(std::string_view word) {
  for (EvaluationKind k : {EvaluationKind::kLowestPrice, EvaluationKind::kThreshold,
                           EvaluationKind::kCombined, EvaluationKind::kQuality,
                           EvaluationKind::kBudgetCeiling, EvaluationKind::kLifeCycle}) {
    if (EvaluationKindWord(k) == word) return k;
  }
  return std::nullopt;
}

std::string_view EvalStageWord(EvalStage s) {
  switch (s) {
    case EvalStage::kAdministration: return "administrasi";
    case EvalStage::kTechnical: return "teknis";
    case EvalStage::kQualification: return "kualifikasi";
    case EvalStage::kPrice: return "harga";
  }
  return "administrasi";
}

std::optional<EvalStage> ParseEvalStage(std::string_view word) {
  for (EvalStage s : {EvalStage::kAdministration, EvalStage::kTechnical, EvalStage::kQualification,
                      EvalStage::kPrice}) {
    if (EvalStageWord(s) == word) return s;
  }
  return std::nullopt;
}

std::string_view TieBreakWord(TieBreak t) {
  switch (t) {
    case TieBreak::kTechnicalScore: return "technical_score";
    case TieBreak::kEarlierSubmission: return "earlier_submission";
  }
  return "earlier_submission";
}

std::optional<TieBreak> ParseTieBreak(std::string_view word) {
  for (TieBreak t : {TieBreak::kTechnicalScore, TieBreak::kEarlierSubmission}) {
    if (TieBreakWord(t) == word) return t;
  }
  return std::nullopt;
}

bool EvaluationSpec::Scored() const {
  return std::any_of(criteria.begin(), criteria.end(), [](const Criterion& c) {
    return c.stage == EvalStage::kTechnical && c.weight > 0;
  });
}

const Criterion* EvaluationSpec::FindCriterion(std::string_view criterion) const {
  for (const Criterion& c : criteria) {
    if (c.code == criterion) return &c;
  }
  return nullptr;
}

const ProcedureSpec* Catalogue::Find(std::string_view code) const {
  for (const ProcedureSpec& p : procedures) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

const EvaluationSpec* Catalogue::FindEvaluation(std::string_view code) const {
  for (const EvaluationSpec& e : evaluations) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

namespace {

// SGH-*: the objection fields fit the procedure (see ValidateCatalogue).
Status ValidateObjectionRules(const ProcedureSpec& p) {
  const bool objections = std::any_of(p.stages.begin(), p.stages.end(),
                                      [](const StageSpec& st) { return st.code == "sanggah"; });
  if (!objections) {
    if (p.objection_answer_working_days != 0 || !p.appeal_types.empty() || p.appeal_days != 0 ||
        p.appeal_guarantee_permille != 0) {
      return Bad("catalogue.objection_invalid", p, "no sanggah stage");
    }
    return OkStatus();
  }
  if (p.objection_answer_working_days < 1 || p.objection_answer_working_days > 30) {
    return Bad("catalogue.objection_invalid", p, "objection_answer_working_days");
  }
  for (const auto& t : p.appeal_types) {
    if (!OneOf(kTypes, t)) return Bad("catalogue.objection_invalid", p, "appeal_types " + t);
  }
  if (p.appeal_types.empty()) {
    if (p.appeal_days != 0 || p.appeal_guarantee_permille != 0) {
      return Bad("catalogue.objection_invalid", p, "appeal without appeal_types");
    }
  } else if (p.appeal_days < 1 || p.appeal_days > 30 || p.appeal_guarantee_permille < 1 ||
             p.appeal_guarantee_permille > 1000) {
    return Bad("catalogue.objection_invalid", p, "appeal_days, appeal_guarantee_permille");
  }
  return OkStatus();
}

// INV-*: the invitation fields fit the procedure (see ValidateCatalogue).
Status ValidateInvitationRules(const ProcedureSpec& p) {
  if (!p.invitation_only) {
    if (p.max_invitees != 0 || !p.invitation_until.empty()) {
      return Bad("catalogue.invitation_invalid", p, "not invitation_only");
    }
    return OkStatus();
  }
  if (p.max_invitees < 0 || p.max_invitees > 1000) {
    return Bad("catalogue.invitation_invalid", p, "max_invitees");
  }
  if (!p.invitation_until.empty() &&
      std::none_of(p.stages.begin(), p.stages.end(),
                   [&](const StageSpec& st) { return st.code == p.invitation_until; })) {
    return Bad("catalogue.invitation_invalid", p, "invitation_until " + p.invitation_until);
  }
  return OkStatus();
}

}  // namespace

Status ValidateCatalogue(const Catalogue& c) {
  if (c.procedures.empty()) return InvalidArgument("catalogue.empty");
  std::set<std::string> methods;
  for (const EvaluationSpec& e : c.evaluations) {
    if (e.code.empty() || !methods.insert(e.code).second) {
      return BadEvaluation("catalogue.code_duplicate", e);
    }
    if (Status s = ValidateEvaluation(e); !s.ok()) return s;
  }
  std::set<std::string> codes, rule_ids;
  for (const ProcedureSpec& p : c.procedures) {
    if (p.code.empty() || !codes.insert(p.code).second) return Bad("catalogue.code_duplicate", p);
    if (p.name_id.empty() || p.name_en.empty()) return Bad("catalogue.name_required", p);
    if (!OneOf(kMethods, p.method)) return Bad("catalogue.method_unknown", p, p.method);
    if (!OneOf(kQualifications, p.qualification)) {
      return Bad("catalogue.qualification_unknown", p, p.qualification);
    }
    if (!OneOf(kEnvelopes, p.envelope)) return Bad("catalogue.envelope_unknown", p, p.envelope);
    // Prakualifikasi cannot use satu file; pascakualifikasi cannot use dua tahap.
    if ((p.qualification == "prakualifikasi" && p.envelope == "satu_file") ||
        (p.qualification == "pascakualifikasi" && p.envelope == "dua_tahap")) {
      return Bad("catalogue.combination_forbidden", p);
    }
    if (p.types.empty()) return Bad("catalogue.types_required", p);
    for (const auto& t : p.types) {
      if (!OneOf(kTypes, t)) return Bad("catalogue.type_unknown", p, t);
    }
    if (p.evaluations.empty()) return Bad("catalogue.evaluations_required", p);
    for (const auto& e : p.evaluations) {
      if (!c.FindEvaluation(e)) return Bad("catalogue.evaluation_unknown", p, e);
    }
    if (p.stages.empty()) return Bad("catalogue.stages_required", p);
    if (Status s = ValidateObjectionRules(p); !s.ok()) return s;
    if (Status s = ValidateInvitationRules(p); !s.ok()) return s;
    std::map<std::string, size_t> position;
    for (size_t i = 0; i < p.stages.size(); ++i) {
      const StageSpec& st = p.stages[i];
      if (st.code.empty() || !position.emplace(st.code, i).second) {
        return Bad("catalogue.stage_duplicate", p, st.code);
      }
      if (st.name_id.empty() || st.name_en.empty()) return Bad("catalogue.name_required", p, st.code);
      if (st.default_days < 0 || st.default_days > 365) return Bad("catalogue.days_invalid", p, st.code);
    }
    if (!p.award_stage.empty() || !p.announce_stage.empty()) {
      auto award = position.find(p.award_stage);
      auto announce = position.find(p.announce_stage);
      if (award == position.end() || announce == position.end() ||
          announce->second < award->second) {
        return Bad("catalogue.award_stage_invalid", p, p.award_stage + "/" + p.announce_stage);
      }
    }
    for (size_t i = 0; i < p.stages.size(); ++i) {
      const StageSpec& st = p.stages[i];
      for (const ScheduleRule& r : st.rules) {
        const std::string where = st.code + "/" + r.id;
        if (r.id.empty() || !rule_ids.insert(r.id).second) {
          return Bad("catalogue.rule_id_duplicate", p, where);
        }
        if (r.text_id.empty() || r.text_en.empty()) return Bad("catalogue.rule_text_required", p, where);
        if (r.days < 0 || r.days > 365) return Bad("catalogue.days_invalid", p, where);
        if (!NeedsRef(r.kind)) continue;
        auto ref = position.find(r.ref);
        if (ref == position.end() || ref->second == i) return Bad("catalogue.ref_unknown", p, where);
        // What a stage waits for must come before it; only "ends with" may
        // look ahead (Download Dokumen ends with Upload Penawaran).
        if (r.kind != RuleKind::kEndsWith && ref->second > i) {
          return Bad("catalogue.ref_later", p, where);
        }
      }
    }
  }
  return OkStatus();
}

std::vector<Violation> CheckSchedule(const ProcedureSpec& p, const Schedule& s,
                                     const WorkingCalendar& cal) {
  std::vector<Violation> out;
  if (s.size() != p.stages.size()) {
    for (const StageSpec& st : p.stages) {
      if (!Find(s, st.code)) out.push_back({"", st.code, "schedule.stage_missing"});
    }
    if (out.empty()) out.push_back({"", "", "schedule.stage_missing"});
    return out;
  }
  for (size_t i = 0; i < p.stages.size(); ++i) {
    const StageSpec& st = p.stages[i];
    const StagePeriod& me = s[i];
    if (me.stage != st.code) {
      out.push_back({"", st.code, "schedule.stage_missing"});
      continue;
    }
    if (me.end <= me.start) out.push_back({"", st.code, "schedule.end_before_start"});
    if (i > 0 && me.start < s[i - 1].start) out.push_back({"", st.code, "schedule.order"});
    for (const ScheduleRule& r : st.rules) {
      if (!Holds(r, me, s, cal)) out.push_back({r.id, st.code, "schedule.rule"});
    }
  }
  return out;
}

Schedule ProposeSchedule(const ProcedureSpec& p, Micros start, const WorkingCalendar& cal) {
  Schedule s;
  for (size_t i = 0; i < p.stages.size(); ++i) {
    const StageSpec& st = p.stages[i];
    Micros lower = i == 0 ? start : s[i - 1].start;
    std::optional<Micros> same;
    bool hours = false, end_hours = false;
    for (const ScheduleRule& r : st.rules) {
      const StagePeriod* ref = NeedsRef(r.kind) ? Find(s, r.ref) : nullptr;
      if (r.kind == RuleKind::kStartAfter && ref) {
        lower = std::max(lower, Offset(cal, PointOf(*ref, r.point), r.days, r.working_days));
      } else if (r.kind == RuleKind::kSameStart && ref) {
        same = ref->start;
      } else if (r.kind == RuleKind::kWorkingHours) {
        hours = true;
      } else if (r.kind == RuleKind::kEndInWorkingHours) {
        end_hours = true;
      }
    }
    StagePeriod me;
    me.stage = st.code;
    me.start = same ? *same : (hours ? cal.NextWorkingTime(lower) : lower);
    Micros end = Offset(cal, me.start, std::max(st.default_days, 0), st.default_working);
    for (const ScheduleRule& r : st.rules) {
      const StagePeriod* ref = NeedsRef(r.kind) ? Find(s, r.ref) : nullptr;
      if (r.kind == RuleKind::kMinDuration) {
        end = std::max(end, Offset(cal, me.start, r.days, r.working_days));
      } else if (r.kind == RuleKind::kEndAfter && ref) {
        end = std::max(end, Offset(cal, PointOf(*ref, r.point), r.days, r.working_days));
      }
    }
    if (end <= me.start) end = me.start + kMicrosPerHour;
    if (hours || end_hours) {
      // Within office hours: the working day's closing time, or later.
      end = cal.NextWorkingTime(end);
      const LocalTime l = ToLocal(end, cal.offset_minutes);
      end = std::max(end, FromLocal(l.date, cal.day_end, cal.offset_minutes));
      if (!cal.IsWorkingTime(end)) end = cal.NextWorkingTime(end);
    }
    me.end = end;
    s.push_back(me);
  }
  // "Ends with" looks ahead: set once the later stage is placed.
  for (size_t i = 0; i < p.stages.size(); ++i) {
    for (const ScheduleRule& r : p.stages[i].rules) {
      if (r.kind != RuleKind::kEndsWith) continue;
      if (const StagePeriod* ref = Find(s, r.ref)) s[i].end = ref->end;
    }
  }
  return s;
}

}  // namespace spse::domain
