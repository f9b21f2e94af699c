#include "app/objection_service.h"

#include <algorithm>

#include "app/inbox_service.h"
#include "domain/permission.h"
#include "domain/planning.h"

namespace spse::app {

using domain::Consequence;
using domain::Objection;
using domain::Permission;

namespace {

std::string ConsequenceText(Consequence c) {
  switch (c) {
    case Consequence::kReEvaluation: return "evaluasi ulang";
    case Consequence::kFail: return "tender dinyatakan gagal";
    case Consequence::kNone: break;
  }
  return "-";
}

std::string ConsequenceTextEn(Consequence c) {
  switch (c) {
    case Consequence::kReEvaluation: return "re-evaluation";
    case Consequence::kFail: return "the tender fails";
    case Consequence::kNone: break;
  }
  return "-";
}

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

}  // namespace

struct ObjectionService::Loaded {
  LoadedTender l;
  std::optional<domain::PokjaGroup> group;
  std::int64_t chair_id = 0;
  bool auditor = false;
  bool pa_kpa = false;  // the PA/KPA of the package's agency
  std::string procurement_type;
  Money hps;
  std::vector<domain::AwardDecision> decisions;
  std::vector<Objection> objections;
  const domain::AwardDecision* in_force = nullptr;  // announced, not revoked

  Objection* Find(std::int64_t id) {
    for (auto& o : objections) {
      if (o.id == id) return &o;
    }
    return nullptr;
  }
  std::string CompanyOf(std::int64_t vendor_id) const {
    for (const auto& d : decisions) {
      for (const auto& r : d.results) {
        if (r.vendor_id == vendor_id) return r.company_name;
      }
    }
    return std::to_string(vendor_id);
  }
};

StatusOr<ObjectionService::Loaded> ObjectionService::Load(Tx& tx, const Actor& actor,
                                                          std::int64_t tender_id) {
  Loaded ld;
  SPSE_ASSIGN_OR_RETURN(ld.l, LoadTender(tx, actor, catalogue_, tender_id));
  if (ld.l.tender.status == domain::TenderStatus::kDraft) return NotFound("tender.not_found");
  ld.auditor = domain::Authorize(actor.who, Permission::kViewAudit).ok();
  ld.pa_kpa = actor.who.signed_in() && actor.who.roles.Has(domain::Role::kPaKpa) &&
              actor.who.agency_id == ld.l.package.agency_id &&
              domain::Authorize(actor.who, Permission::kManagePlans).ok();
  if (ld.l.package.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(ld.group, tx.pokja().FindById(*ld.l.package.pokja_group_id));
    if (ld.group) ld.chair_id = ld.group->chair_id;
  } else if (ld.l.package.official_id) {
    ld.chair_id = *ld.l.package.official_id;
  }
  for (std::int64_t id : ld.l.package.rup_ids) {
    SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
    if (item && ld.procurement_type.empty()) ld.procurement_type = item->procurement_type;
  }
  SPSE_ASSIGN_OR_RETURN(ld.hps, domain::HpsTotal(ld.l.package.hps));
  SPSE_ASSIGN_OR_RETURN(ld.decisions, tx.evaluation().DecisionsOf(tender_id));
  for (const auto& d : ld.decisions) {
    if (!d.revoked_at && d.announced_at) ld.in_force = &d;
  }
  SPSE_ASSIGN_OR_RETURN(ld.objections, tx.objections().OfTender(tender_id));
  return ld;
}

StatusOr<ObjectionsView> ObjectionService::Build(Tx& tx, const Actor& actor, Loaded& ld) {
  const domain::ProcedureSpec& p = *ld.l.procedure;
  const Micros now = clock_.Now();
  ObjectionsView v;
  v.procedure = &p;
  v.package_name = ld.l.package.name;
  v.procurement_type = ld.procurement_type;
  v.hps = ld.hps;
  if (ld.in_force) v.decision = *ld.in_force;
  for (size_t i = 0; i < p.stages.size() && i < ld.l.tender.schedule.size(); ++i) {
    if (p.stages[i].code == "sanggah") v.period = ld.l.tender.schedule[i];
  }
  v.answer_deadline = domain::AnswerDeadline(ld.l.tender, p, calendar_());
  v.appeal_allowed = domain::AppealAllowed(p, ld.procurement_type);
  v.minimum_guarantee_rupiah = domain::MinimumGuaranteeRupiah(p, ld.hps);
  v.runs = ld.l.runs;
  v.is_chair = ld.l.runs && ld.chair_id == actor.who.user_id;
  v.is_pa_kpa = ld.pa_kpa;
  const bool insider = ld.l.runs || ld.auditor || ld.pa_kpa;

  if (!domain::Authorize(actor.who, Permission::kJoinTenders).ok()) {
    v.may_file = PermissionDenied("objection.not_bidder");
  } else {
    Objection probe;
    probe.tender_id = ld.l.tender.id;
    probe.decision_id = ld.in_force ? ld.in_force->id : 0;
    probe.vendor_id = actor.who.user_id;
    probe.reasons = "-";
    v.may_file = domain::CheckObjection(ld.l.tender, p, ld.in_force, ld.objections, probe, now);
  }

  for (const Objection& o : ld.objections) {
    ObjectionEntry e;
    e.objection = o;
    e.company_name = ld.CompanyOf(o.vendor_id);
    e.mine = actor.who.signed_in() && o.vendor_id == actor.who.user_id;
    e.full = e.mine || insider;
    if (!e.full) {
      e.objection.reasons.clear();
      e.objection.attachments.clear();
      if (e.objection.appeal) {
        e.objection.appeal->reasons.clear();
        e.objection.appeal->guarantee = {};
      }
    }
    if (o.answer) {
      SPSE_ASSIGN_OR_RETURN(auto u, tx.users().FindById(o.answer->answered_by));
      e.answered_by_name = u ? u->full_name : "";
      if (!o.answer->upheld && v.appeal_allowed) {
        e.appeal_until = o.answer->at + p.appeal_days * kMicrosPerDay;
      }
    }
    if (o.appeal_answer) {
      SPSE_ASSIGN_OR_RETURN(auto u, tx.users().FindById(o.appeal_answer->answered_by));
      e.appeal_answered_by_name = u ? u->full_name : "";
    }
    if (!v.is_chair) {
      e.may_answer = PermissionDenied("objection.chair_only");
    } else if (o.answer) {
      e.may_answer = AlreadyExists("objection.already_answered");
    }
    if (!e.mine) {
      e.may_appeal = PermissionDenied("appeal.not_objector");
    } else {
      domain::Appeal probe;
      probe.vendor_id = o.vendor_id;
      probe.reasons = "-";
      probe.guarantee = {"-", "-", v.minimum_guarantee_rupiah, now + 1};
      e.may_appeal = domain::CheckAppeal(p, ld.procurement_type, o, probe, ld.hps, now);
    }
    if (!v.is_pa_kpa) {
      e.may_answer_appeal = PermissionDenied("appeal.pa_kpa_only");
    } else if (!o.appeal) {
      e.may_answer_appeal = FailedPrecondition("appeal.not_filed");
    } else if (o.appeal_answer) {
      e.may_answer_appeal = AlreadyExists("appeal.already_answered");
    }
    v.objections.push_back(std::move(e));
  }
  v.tender = ld.l.tender;
  return v;
}

StatusOr<ObjectionsView> ObjectionService::View(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  return Build(*tx, actor, ld);
}

StatusOr<std::int64_t> ObjectionService::File(const Actor& actor, std::int64_t tender_id,
                                              std::string_view reasons,
                                              std::vector<domain::Attachment> attachments) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  const Micros now = clock_.Now();
  Objection o;
  o.tender_id = tender_id;
  o.decision_id = ld.in_force ? ld.in_force->id : 0;
  o.vendor_id = actor.who.user_id;
  o.filed_at = now;
  o.reasons = std::string(reasons);
  o.attachments = std::move(attachments);
  SPSE_RETURN_IF_ERROR(
      domain::CheckObjection(ld.l.tender, *ld.l.procedure, ld.in_force, ld.objections, o, now));
  SPSE_ASSIGN_OR_RETURN(o.id, tx->objections().Insert(o));
  const std::string company = ld.CompanyOf(o.vendor_id);
  std::string summary = ld.l.tender.code + ": sanggah #" + std::to_string(o.id) + " dari " +
                        company + " atas " + ld.in_force->minutes_number;
  for (const auto& a : o.attachments) summary += "\nlampiran " + a.filename + " (sha256 " + a.sha256 + ")";
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "objection.filed", "tender",
                                  std::to_string(tender_id), summary));
  std::vector<std::int64_t> pokja;
  if (ld.group) {
    pokja = ld.group->member_ids;
  } else if (ld.chair_id != 0) {
    pokja.push_back(ld.chair_id);
  }
  const auto deadline = domain::AnswerDeadline(ld.l.tender, *ld.l.procedure, calendar_());
  for (std::int64_t id : pokja) {
    SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
    if (!user || !user->active) continue;
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, *user, "objection_filed",
        {{"name", user->full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"company", company},
         {"deadline", deadline ? FormatDateTime(*deadline, config_.zone, Lang::kId) : "-"},
         {"deadline_en", deadline ? FormatDateTime(*deadline, config_.zone, Lang::kEn) : "-"},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/sanggah"}}));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return o.id;
}

Status ObjectionService::Apply(Tx& tx, const Actor& actor, Loaded& ld, const Objection& o,
                               Consequence consequence, std::string_view text, bool appeal) {
  const Micros now = clock_.Now();
  const std::string what = appeal ? "Sanggah banding diterima" : "Sanggah diterima";
  const std::string tender_id = std::to_string(ld.l.tender.id);
  if (consequence == Consequence::kReEvaluation) {
    for (const auto& d : ld.decisions) {
      if (d.id != o.decision_id || d.revoked_at) continue;
      SPSE_RETURN_IF_ERROR(tx.evaluation().Revoke(d.id, now, actor.who.user_id,
                                                  what + ": " + std::string(text)));
      SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock_, actor, "evaluation.revoked", "tender", tender_id,
                                      ld.l.tender.code + ": " + d.minutes_number +
                                          " dibatalkan, evaluasi ulang (" + what + " #" +
                                          std::to_string(o.id) + ")"));
    }
  } else if (consequence == Consequence::kFail) {
    SPSE_ASSIGN_OR_RETURN(ld.l.tender.status,
                          domain::NextTenderStatus(ld.l.tender.status, domain::TenderEvent::kFail));
    ld.l.tender.end_reason = what + ": " + std::string(text);
    SPSE_RETURN_IF_ERROR(tx.tenders().Update(ld.l.tender));
    SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock_, actor, "tender.fail", "tender", tender_id,
                                    ld.l.tender.code + " gagal: " + ld.l.tender.end_reason));
  }
  return NotifyParticipants(
      tx, composer_, clock_, ld.l.tender, ld.l.package.name, "objection_upheld",
      {{"what", what},
       {"what_en", appeal ? "An appeal was upheld" : "An objection was upheld"},
       {"consequence", ConsequenceText(consequence)},
       {"consequence_en", ConsequenceTextEn(consequence)},
       {"answer", std::string(text)},
       {"link", config_.base_url + "/tender/" + tender_id + "/sanggah"}});
}

Status ObjectionService::Answer(const Actor& actor, std::int64_t tender_id,
                                std::int64_t objection_id, bool upheld, std::string_view text,
                                std::string_view consequence_word) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs || ld.chair_id != actor.who.user_id) {
    return PermissionDenied("objection.chair_only");
  }
  const Objection* o = ld.Find(objection_id);
  if (o == nullptr) return NotFound("objection.not_found");
  if (o->answer) return AlreadyExists("objection.already_answered");
  auto consequence = domain::ParseConsequence(consequence_word);
  if (!consequence) return InvalidArgument("objection.consequence_invalid");
  if (!upheld) consequence = Consequence::kNone;
  SPSE_RETURN_IF_ERROR(domain::CheckAnswer(upheld, text, *consequence));
  if (upheld && ld.l.tender.status != domain::TenderStatus::kRunning) {
    return FailedPrecondition("tender.not_running");
  }
  const Micros now = clock_.Now();
  domain::ObjectionAnswer a;
  a.objection_id = objection_id;
  a.upheld = upheld;
  a.text = std::string(text);
  a.consequence = *consequence;
  a.answered_by = actor.who.user_id;
  a.at = now;
  const auto deadline = domain::AnswerDeadline(ld.l.tender, *ld.l.procedure, calendar_());
  // SGH-02: a late answer still counts, marked late for everyone to see.
  a.late = deadline && now > *deadline;
  SPSE_RETURN_IF_ERROR(tx->objections().Answer(a));
  const std::string company = ld.CompanyOf(o->vendor_id);
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "objection.answered", "tender", std::to_string(tender_id),
      ld.l.tender.code + ": sanggah #" + std::to_string(objection_id) + " dari " + company + " " +
          (upheld ? "diterima, " + ConsequenceText(a.consequence) : std::string("ditolak")) +
          (a.late ? " (TERLAMBAT)" : "") + ": " + a.text));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(o->vendor_id));
  if (user && user->active) {
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, *user, "objection_answered",
        {{"name", user->full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"result", upheld ? "DITERIMA (" + ConsequenceText(a.consequence) + ")" : "DITOLAK"},
         {"result_en", upheld ? "UPHELD (" + ConsequenceTextEn(a.consequence) + ")" : "REJECTED"},
         {"answer", a.text},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/sanggah"}}));
  }
  if (upheld) SPSE_RETURN_IF_ERROR(Apply(*tx, actor, ld, *o, a.consequence, a.text, false));
  return tx->Commit();
}

StatusOr<std::int64_t> ObjectionService::Appeal(const Actor& actor, std::int64_t tender_id,
                                                std::int64_t objection_id, const AppealInput& in) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  const Objection* o = ld.Find(objection_id);
  if (o == nullptr) return NotFound("objection.not_found");
  const Micros now = clock_.Now();
  domain::Appeal a;
  a.objection_id = objection_id;
  a.vendor_id = actor.who.user_id;
  a.filed_at = now;
  a.reasons = in.reasons;
  a.guarantee = in.guarantee;
  SPSE_RETURN_IF_ERROR(
      domain::CheckAppeal(*ld.l.procedure, ld.procurement_type, *o, a, ld.hps, now));
  SPSE_ASSIGN_OR_RETURN(a.id, tx->objections().InsertAppeal(a));
  const std::string company = ld.CompanyOf(o->vendor_id);
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "appeal.filed", "tender", std::to_string(tender_id),
      ld.l.tender.code + ": sanggah banding atas sanggah #" + std::to_string(objection_id) +
          " dari " + company + "; jaminan " + a.guarantee.issuer + " " + a.guarantee.number +
          " " + Rupiah(a.guarantee.amount_rupiah) + " berlaku sampai " +
          FormatDateTime(a.guarantee.valid_until, config_.zone, Lang::kId)));
  UserFilter pa;
  pa.agency_id = ld.l.package.agency_id;
  pa.role = domain::Role::kPaKpa;
  SPSE_ASSIGN_OR_RETURN(auto holders, tx->users().List(pa));
  for (const auto& user : holders) {
    if (!user.active) continue;
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, user, "appeal_filed",
        {{"name", user.full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"company", company},
         {"guarantee", a.guarantee.issuer + " " + a.guarantee.number + ", " +
                           Rupiah(a.guarantee.amount_rupiah)},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/sanggah"}}));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return a.id;
}

Status ObjectionService::AnswerAppeal(const Actor& actor, std::int64_t tender_id,
                                      std::int64_t objection_id, bool upheld,
                                      std::string_view text, std::string_view consequence_word) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.pa_kpa) return PermissionDenied("appeal.pa_kpa_only");
  const Objection* o = ld.Find(objection_id);
  if (o == nullptr) return NotFound("objection.not_found");
  if (!o->appeal) return FailedPrecondition("appeal.not_filed");
  if (o->appeal_answer) return AlreadyExists("appeal.already_answered");
  auto consequence = domain::ParseConsequence(consequence_word);
  if (!consequence) return InvalidArgument("objection.consequence_invalid");
  if (!upheld) consequence = Consequence::kNone;
  SPSE_RETURN_IF_ERROR(domain::CheckAnswer(upheld, text, *consequence));
  if (upheld && ld.l.tender.status != domain::TenderStatus::kRunning) {
    return FailedPrecondition("tender.not_running");
  }
  domain::AppealAnswer a;
  a.appeal_id = o->appeal->id;
  a.upheld = upheld;
  a.text = std::string(text);
  a.consequence = *consequence;
  a.answered_by = actor.who.user_id;
  a.at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->objections().AnswerAppeal(a));
  const std::string company = ld.CompanyOf(o->vendor_id);
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "appeal.answered", "tender", std::to_string(tender_id),
      ld.l.tender.code + ": sanggah banding " + company + " " +
          (upheld ? "diterima, " + ConsequenceText(a.consequence)
                  : "ditolak, jaminan " + o->appeal->guarantee.number + " dicairkan") +
          ": " + a.text));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(o->vendor_id));
  if (user && user->active) {
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, *user, "appeal_answered",
        {{"name", user->full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"result", upheld ? "DITERIMA (" + ConsequenceText(a.consequence) + ")"
                           : "DITOLAK; jaminan sanggah banding dicairkan"},
         {"result_en", upheld ? "UPHELD (" + ConsequenceTextEn(a.consequence) + ")"
                              : "REJECTED; the appeal guarantee is forfeited"},
         {"answer", a.text},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/sanggah"}}));
  }
  if (upheld) SPSE_RETURN_IF_ERROR(Apply(*tx, actor, ld, *o, a.consequence, a.text, true));
  return tx->Commit();
}

StatusOr<domain::Attachment> ObjectionService::AttachmentOf(const Actor& actor,
                                                            std::int64_t tender_id,
                                                            std::int64_t objection_id,
                                                            size_t index) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  const Objection* o = ld.Find(objection_id);
  const bool may = o != nullptr && (ld.l.runs || ld.auditor || ld.pa_kpa ||
                                    (actor.who.signed_in() && o->vendor_id == actor.who.user_id));
  if (!may || index >= o->attachments.size()) return NotFound("objection.not_found");
  return o->attachments[index];
}

StatusOr<bool> ObjectionService::HasPendingObjection(Tx& tx, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tender, tx.tenders().FindById(tender_id));
  if (!tender) return NotFound("tender.not_found");
  const domain::ProcedureSpec* p = catalogue_.Find(tender->procedure_code);
  if (p == nullptr) return Internal("tender.procedure_missing", tender->procedure_code);
  SPSE_ASSIGN_OR_RETURN(auto package, tx.packages().FindById(tender->package_id));
  std::string type;
  if (package) {
    for (std::int64_t id : package->rup_ids) {
      SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
      if (item && type.empty()) type = item->procurement_type;
    }
  }
  SPSE_ASSIGN_OR_RETURN(auto objections, tx.objections().OfTender(tender_id));
  const Micros now = clock_.Now();
  return std::any_of(objections.begin(), objections.end(), [&](const Objection& o) {
    return domain::ObjectionPending(*p, type, o, now);
  });
}

}  // namespace spse::app
