#include "catalog/catalogue_loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml.hpp>

namespace spse::catalog {
namespace {

using domain::RefPoint;
using domain::RuleKind;

struct Bad {
  std::string what;
};

const toml::value& Need(const toml::value& v, const std::string& key, const std::string& where) {
  if (!v.is_table() || !v.contains(key)) throw Bad{where + ": " + key + " missing"};
  return v.at(key);
}

std::string Str(const toml::value& v, const std::string& key, const std::string& where,
                bool required = true) {
  if (!v.contains(key)) {
    if (required) throw Bad{where + ": " + key + " missing"};
    return "";
  }
  const auto& x = v.at(key);
  if (!x.is_string()) throw Bad{where + ": " + key + " must be text"};
  return x.as_string().str;
}

int Int(const toml::value& v, const std::string& key, const std::string& where, int fallback) {
  if (!v.contains(key)) return fallback;
  const auto& x = v.at(key);
  if (!x.is_integer()) throw Bad{where + ": " + key + " must be a whole number"};
  return static_cast<int>(x.as_integer());
}

bool Bool(const toml::value& v, const std::string& key, const std::string& where,
          bool fallback = false) {
  if (!v.contains(key)) return fallback;
  const auto& x = v.at(key);
  if (!x.is_boolean()) throw Bad{where + ": " + key + " must be true or false"};
  return x.as_boolean();
}

std::vector<std::string> Strs(const toml::value& v, const std::string& key, const std::string& where) {
  std::vector<std::string> out;
  const auto& x = Need(v, key, where);
  if (!x.is_array()) throw Bad{where + ": " + key + " must be a list"};
  for (const auto& e : x.as_array()) {
    if (!e.is_string()) throw Bad{where + ": " + key + " must list text"};
    out.push_back(e.as_string().str);
  }
  return out;
}

RuleKind KindOf(const std::string& word, const std::string& where) {
  static const std::pair<const char*, RuleKind> kKinds[] = {
      {"min_duration", RuleKind::kMinDuration},   {"start_after", RuleKind::kStartAfter},
      {"start_within", RuleKind::kStartWithin},   {"end_after", RuleKind::kEndAfter},
      {"same_start", RuleKind::kSameStart},       {"ends_with", RuleKind::kEndsWith},
      {"working_hours", RuleKind::kWorkingHours}, {"end_in_working_hours", RuleKind::kEndInWorkingHours},
  };
  for (const auto& [w, k] : kKinds) {
    if (word == w) return k;
  }
  throw Bad{where + ": kind \"" + word + "\" unknown"};
}

domain::ScheduleRule RuleOf(const toml::value& v, const std::string& where) {
  domain::ScheduleRule r;
  r.id = Str(v, "id", where);
  const std::string at = where + "/" + r.id;
  r.kind = KindOf(Str(v, "kind", at), at);
  r.ref = Str(v, "ref", at, false);
  const std::string point = Str(v, "point", at, false);
  if (point.empty() || point == "start") {
    r.point = RefPoint::kStart;
  } else if (point == "end") {
    r.point = RefPoint::kEnd;
  } else {
    throw Bad{at + ": point must be \"start\" or \"end\""};
  }
  r.days = Int(v, "days", at, 0);
  r.working_days = Bool(v, "working_days", at);
  r.text_id = Str(v, "text", at);
  r.text_en = Str(v, "text_en", at);
  return r;
}

// A catalogue word of one of the domain's enums: `parse` knows them.
template <typename Parse>
auto Word(const toml::value& v, const std::string& key, const std::string& where, Parse parse) {
  const std::string word = Str(v, key, where);
  auto parsed = parse(word);
  if (!parsed) throw Bad{where + ": " + key + " \"" + word + "\" unknown"};
  return *parsed;
}

domain::EvaluationSpec EvaluationOf(const toml::value& v) {
  domain::EvaluationSpec e;
  e.code = Str(v, "code", "evaluation");
  const std::string where = "evaluation " + e.code;
  e.name_id = Str(v, "name", where);
  e.name_en = Str(v, "name_en", where);
  e.kind = Word(v, "kind", where, domain::ParseEvaluationKind);
  e.pass_mark = Int(v, "pass_mark", where, 0);
  e.technical_weight = Int(v, "technical_weight", where, 0);
  e.price_above_hps_fails = Bool(v, "price_above_hps_fails", where, true);
  e.qualified_ranks = Int(v, "qualified_ranks", where, 3);
  if (v.contains("tie_break")) {
    for (const std::string& word : Strs(v, "tie_break", where)) {
      auto t = domain::ParseTieBreak(word);
      if (!t) throw Bad{where + ": tie_break \"" + word + "\" unknown"};
      e.tie_break.push_back(*t);
    }
  }
  if (v.contains("criterion")) {
    const auto& list = v.at("criterion");
    if (!list.is_array()) throw Bad{where + ": [[evaluation.criterion]] must be a list"};
    for (const auto& cv : list.as_array()) {
      domain::Criterion c;
      c.code = Str(cv, "code", where + " criterion");
      const std::string at = where + "/" + c.code;
      c.stage = Word(cv, "stage", at, domain::ParseEvalStage);
      c.text_id = Str(cv, "text", at);
      c.text_en = Str(cv, "text_en", at);
      c.weight = Int(cv, "weight", at, 0);
      c.amount = Bool(cv, "amount", at);
      e.criteria.push_back(std::move(c));
    }
  }
  return e;
}

domain::Catalogue Build(const toml::value& root) {
  domain::Catalogue c;
  const auto& list = Need(root, "procedure", "catalogue");
  if (!list.is_array()) throw Bad{"catalogue: [[procedure]] must be a list"};
  for (const auto& pv : list.as_array()) {
    domain::ProcedureSpec p;
    p.code = Str(pv, "code", "procedure");
    const std::string where = "procedure " + p.code;
    p.method = Str(pv, "method", where);
    p.qualification = Str(pv, "qualification", where, false);
    p.envelope = Str(pv, "envelope", where);
    p.name_id = Str(pv, "name", where);
    p.name_en = Str(pv, "name_en", where);
    p.types = Strs(pv, "types", where);
    p.evaluations = Strs(pv, "evaluations", where);
    p.auction_min_decrement_permille = Int(pv, "auction_min_decrement_permille", where, 0);
    if (p.auction_min_decrement_permille < 0 || p.auction_min_decrement_permille > 1000) {
      throw Bad{where + ": auction_min_decrement_permille must be 0..1000"};
    }
    p.objection_answer_working_days = Int(pv, "objection_answer_working_days", where, 0);
    if (pv.contains("appeal_types")) p.appeal_types = Strs(pv, "appeal_types", where);
    p.appeal_days = Int(pv, "appeal_days", where, 0);
    p.appeal_guarantee_permille = Int(pv, "appeal_guarantee_permille", where, 0);
    p.invitation_only = Bool(pv, "invitation_only", where);
    p.max_invitees = Int(pv, "max_invitees", where, 0);
    p.invitation_until = Str(pv, "invitation_until", where, false);
    const auto& stages = Need(pv, "stage", where);
    if (!stages.is_array()) throw Bad{where + ": [[procedure.stage]] must be a list"};
    for (const auto& sv : stages.as_array()) {
      domain::StageSpec s;
      s.code = Str(sv, "code", where + " stage");
      const std::string at = where + "/" + s.code;
      s.name_id = Str(sv, "name", at);
      s.name_en = Str(sv, "name_en", at);
      s.default_days = Int(sv, "default_days", at, 1);
      s.default_working = Bool(sv, "default_working_days", at);
      if (sv.contains("rule")) {
        const auto& rules = sv.at("rule");
        if (!rules.is_array()) throw Bad{at + ": [[procedure.stage.rule]] must be a list"};
        for (const auto& rv : rules.as_array()) s.rules.push_back(RuleOf(rv, at));
      }
      p.stages.push_back(std::move(s));
    }
    // The award and announcement stages: as named, else "penetapan" and
    // "pengumuman_pemenang" where the procedure has them (announced with
    // the decision when it has no announcement stage of its own).
    auto has = [&](std::string_view code) {
      return std::any_of(p.stages.begin(), p.stages.end(),
                         [&](const domain::StageSpec& st) { return st.code == code; });
    };
    p.award_stage = pv.contains("award_stage") ? Str(pv, "award_stage", where)
                    : has("penetapan")          ? "penetapan"
                                                : "";
    p.announce_stage = pv.contains("announce_stage") ? Str(pv, "announce_stage", where)
                       : has("pengumuman_pemenang")  ? "pengumuman_pemenang"
                                                     : p.award_stage;
    c.procedures.push_back(std::move(p));
  }
  if (root.contains("evaluation")) {
    const auto& methods = root.at("evaluation");
    if (!methods.is_array()) throw Bad{"catalogue: [[evaluation]] must be a list"};
    for (const auto& ev : methods.as_array()) c.evaluations.push_back(EvaluationOf(ev));
  }
  return c;
}

}  // namespace

StatusOr<domain::Catalogue> ParseCatalogue(std::string_view toml_text, const std::string& name) {
  domain::Catalogue c;
  try {
    std::istringstream in{std::string(toml_text)};
    const toml::value root = toml::parse(in, name);
    c = Build(root);
  } catch (const Bad& b) {
    return InvalidArgument("catalogue.field_invalid", name + ": " + b.what);
  } catch (const std::exception& e) {
    return InvalidArgument("catalogue.unreadable", e.what());
  }
  Status valid = domain::ValidateCatalogue(c);
  if (!valid.ok()) return InvalidArgument(valid.reason(), name + ": " + valid.message());
  return c;
}

StatusOr<domain::Catalogue> LoadCatalogue(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("catalogue.unreadable", path + ": cannot be opened");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCatalogue(text.str(), path);
}

}  // namespace spse::catalog
