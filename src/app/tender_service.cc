#include "app/tender_service.h"

#include <algorithm>

#include "app/inbox_service.h"
#include "base/civil.h"
#include "domain/permission.h"
#include "domain/tender_documents.h"

namespace spse::app {

using domain::Permission;
using domain::Tender;
using domain::TenderStatus;

namespace {

// What the stages that moved were, for the public list of changes.
std::string MovedStages(const domain::ProcedureSpec& p, const domain::Schedule& was,
                        const domain::Schedule& now) {
  std::string out;
  for (size_t i = 0; i < was.size() && i < now.size(); ++i) {
    if (was[i].start == now[i].start && was[i].end == now[i].end) continue;
    if (!out.empty()) out += ", ";
    out += i < p.stages.size() ? p.stages[i].name_id : was[i].stage;
  }
  return out;
}

std::string BrokenIds(const std::vector<domain::Violation>& broken) {
  std::string ids;
  for (const auto& v : broken) {
    if (!ids.empty()) ids += ",";
    ids += v.rule_id.empty() ? v.reason + ":" + v.stage : v.rule_id;
  }
  return ids;
}

}  // namespace

StatusOr<bool> RunsPackage(Tx& tx, const Actor& actor, const domain::Package& p) {
  if (!domain::Authorize(actor.who, Permission::kRunSelections).ok()) return false;
  if (p.official_id && *p.official_id == actor.who.user_id) return true;
  if (!p.pokja_group_id) return false;
  SPSE_ASSIGN_OR_RETURN(auto group, tx.pokja().FindById(*p.pokja_group_id));
  if (!group || !group->active) return false;
  return std::find(group->member_ids.begin(), group->member_ids.end(), actor.who.user_id) !=
         group->member_ids.end();
}

Status NotifyParticipants(Tx& tx, MailComposer& composer, const Clock& clock,
                          const domain::Tender& t, std::string_view package_name,
                          std::string_view name, const MailValues& values) {
  SPSE_ASSIGN_OR_RETURN(auto participants, tx.participation().Participants(t.id));
  for (const auto& p : participants) {
    SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(p.vendor_user_id));
    if (!user || !user->active) continue;
    MailValues all = {{"name", user->full_name},
                      {"code", t.code},
                      {"package", std::string(package_name)}};
    all.insert(all.end(), values.begin(), values.end());
    SPSE_RETURN_IF_ERROR(Notify(tx, composer, clock, *user, name, all));
  }
  return OkStatus();
}

StatusOr<LoadedTender> LoadTender(Tx& tx, const Actor& actor, const domain::Catalogue& catalogue,
                                  std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tender, tx.tenders().FindById(tender_id));
  if (!tender) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(auto package, tx.packages().FindById(tender->package_id));
  if (!package) return Internal("tender.package_missing", std::to_string(tender->package_id));
  LoadedTender l;
  l.procedure = catalogue.Find(tender->procedure_code);
  if (!l.procedure) return Internal("tender.procedure_missing", tender->procedure_code);
  SPSE_ASSIGN_OR_RETURN(l.runs, RunsPackage(tx, actor, *package));
  if (tender->status == TenderStatus::kDraft && !l.runs) return NotFound("tender.not_found");
  l.tender = std::move(*tender);
  l.package = std::move(*package);
  return l;
}

StatusOr<bool> TenderService::Runs(Tx& tx, const Actor& actor, const domain::Package& p) {
  return RunsPackage(tx, actor, p);
}

StatusOr<domain::PackageTerms> TenderService::TermsOf(Tx& tx, const domain::Package& p) {
  std::vector<domain::RupItem> items;
  for (std::int64_t id : p.rup_ids) {
    SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
    if (item) items.push_back(*item);
  }
  if (items.empty()) return FailedPrecondition("paket.rup_required");
  return domain::PackageTerms{items.front().procurement_type, domain::PackageMethod(items)};
}

StatusOr<std::vector<const domain::ProcedureSpec*>> TenderService::Choices(
    const Actor& actor, std::int64_t package_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().FindById(package_id));
  if (!package) return NotFound("paket.not_found");
  SPSE_ASSIGN_OR_RETURN(bool runs, Runs(*tx, actor, *package));
  if (!runs) return NotFound("paket.not_found");
  SPSE_ASSIGN_OR_RETURN(domain::PackageTerms terms, TermsOf(*tx, *package));
  return domain::FittingProcedures(catalogue_, terms);
}

StatusOr<std::vector<Tender>> TenderService::OfPackage(const Actor& actor,
                                                      std::int64_t package_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().FindById(package_id));
  if (!package) return NotFound("paket.not_found");
  SPSE_ASSIGN_OR_RETURN(bool runs, Runs(*tx, actor, *package));
  if (!runs) return NotFound("paket.not_found");
  return tx->tenders().ForPackage(package_id);
}

StatusOr<std::int64_t> TenderService::CreateDraft(const Actor& actor, std::int64_t package_id,
                                                  std::string_view procedure_code,
                                                  std::string_view evaluation) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  const domain::ProcedureSpec* p = catalogue_.Find(procedure_code);
  if (!p) return InvalidArgument("tender.procedure_unknown", std::string(procedure_code));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().FindById(package_id));
  if (!package) return NotFound("paket.not_found");
  SPSE_ASSIGN_OR_RETURN(bool runs, Runs(*tx, actor, *package));
  if (!runs) return NotFound("paket.not_found");
  if (package->status != domain::PackageStatus::kAssigned) {
    return FailedPrecondition("tender.package_not_assigned");
  }
  SPSE_ASSIGN_OR_RETURN(domain::PackageTerms terms, TermsOf(*tx, *package));
  SPSE_RETURN_IF_ERROR(domain::CheckProcedureFits(*p, evaluation, terms));
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->tenders().ForPackage(package_id));
  for (const Tender& t : existing) {
    if (t.status == TenderStatus::kDraft || t.status == TenderStatus::kRunning ||
        t.status == TenderStatus::kDone) {
      return FailedPrecondition("tender.already_running", t.code);
    }
  }
  const domain::WorkingCalendar cal = calendar_();
  Tender t;
  t.package_id = package_id;
  t.procedure_code = p->code;
  t.evaluation = std::string(evaluation);
  t.pokja_group_id = package->pokja_group_id;
  t.official_id = package->official_id;
  t.created_by = actor.who.user_id;
  t.created_at = clock_.Now();
  // A re-tender (tender ulang) follows the last failed one.
  for (const Tender& e : existing) {
    if (e.status == TenderStatus::kFailed) t.previous_tender_id = e.id;
  }
  // From the next working morning: the Pokja adjusts it before publishing.
  const LocalTime today = ToLocal(t.created_at, cal.offset_minutes);
  const Micros start = cal.NextWorkingTime(
      FromLocal(AddDays(today.date, 1), cal.day_start, cal.offset_minutes));
  t.schedule = domain::ProposeSchedule(*p, start, cal);
  t.changes.assign(t.schedule.size(), 0);
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->tenders().Insert(t));
  SPSE_RETURN_IF_ERROR(tx->tender_documents().ReplaceRequirements(
      id, domain::DefaultRequirements(terms.procurement_type, package->qualification)));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.create", "tender",
                                  std::to_string(id),
                                  "paket " + package->code + ": " +
                                      domain::MethodText(*p, evaluation)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Status TenderService::SetDraftSchedule(const Actor& actor, std::int64_t tender_id,
                                       const domain::Schedule& s) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  if (l.tender.status != TenderStatus::kDraft) return FailedPrecondition("tender.not_draft");
  const auto broken = domain::CheckSchedule(*l.procedure, s, calendar_());
  if (!broken.empty()) return InvalidArgument("schedule.rules_broken", BrokenIds(broken));
  l.tender.schedule = s;
  l.tender.changes.assign(s.size(), 0);
  SPSE_RETURN_IF_ERROR(tx->tenders().Update(l.tender));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.schedule", "tender",
                                  std::to_string(tender_id), "jadwal draf " + l.tender.code));
  return tx->Commit();
}

Status TenderService::Publish(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  if (l.tender.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx->pokja().FindById(*l.tender.pokja_group_id));
    if (!group) return Internal("tender.group_missing");
    SPSE_RETURN_IF_ERROR(domain::CheckMayPublish(actor.who.user_id, group->chair_id));
  }
  SPSE_ASSIGN_OR_RETURN(TenderStatus next,
                        domain::NextTenderStatus(l.tender.status, domain::TenderEvent::kPublish));
  const Micros now = clock_.Now();
  if (l.tender.schedule.empty() || l.tender.schedule.front().start < now - kMicrosPerMinute) {
    return FailedPrecondition("tender.schedule_past");
  }
  const auto broken = domain::CheckSchedule(*l.procedure, l.tender.schedule, calendar_());
  if (!broken.empty()) return InvalidArgument("schedule.rules_broken", BrokenIds(broken));
  SPSE_ASSIGN_OR_RETURN(auto documents, tx->tender_documents().Documents(tender_id));
  SPSE_RETURN_IF_ERROR(domain::CheckDocumentsForPublication(documents));
  l.tender.status = next;
  l.tender.published_at = now;
  l.tender.published_by = actor.who.user_id;
  SPSE_RETURN_IF_ERROR(tx->tenders().Update(l.tender));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.publish", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + " diumumkan: " +
                                      domain::MethodText(*l.procedure, l.tender.evaluation)));
  return tx->Commit();
}

Status TenderService::ChangeSchedule(const Actor& actor, std::int64_t tender_id,
                                     const domain::Schedule& s, std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  if (l.tender.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const Micros now = clock_.Now();
  // SGH-03: after an upheld objection revoked the award decision (and no
  // new one is taken yet), the stages after the last opening (the
  // evaluation onwards) are planned again.
  SPSE_ASSIGN_OR_RETURN(auto decisions, tx->evaluation().DecisionsOf(tender_id));
  std::string reopen;
  if (!decisions.empty() && decisions.back().revoked_at) {
    const auto& stages = l.procedure->stages;
    for (size_t i = 0; i + 1 < stages.size(); ++i) {
      if (stages[i].code.starts_with("pembukaan")) reopen = stages[i + 1].code;
    }
  }
  SPSE_ASSIGN_OR_RETURN(domain::ScheduleChange change,
                        domain::ChangeSchedule(*l.procedure, l.tender.schedule, l.tender.changes,
                                               s, reason, now, calendar_(), reopen));
  const std::string moved = MovedStages(*l.procedure, l.tender.schedule, change.next);
  l.tender.schedule = std::move(change.next);
  l.tender.changes = std::move(change.changes);
  SPSE_RETURN_IF_ERROR(tx->tenders().Update(l.tender));
  domain::ScheduleChangeRecord record;
  record.tender_id = tender_id;
  record.at = now;
  record.by_id = actor.who.user_id;
  record.by_name = actor.who.username;
  record.reason = std::string(reason);
  record.summary = moved;
  SPSE_RETURN_IF_ERROR(tx->tenders().AddChange(record).status());
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.schedule_change", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": " + moved + " (alasan: " +
                                      std::string(reason) + ")"));
  SPSE_RETURN_IF_ERROR(NotifyParticipants(
      *tx, composer_, clock_, l.tender, l.package.name, "tender_schedule_changed",
      {{"stages", moved},
       {"reason", std::string(reason)},
       {"link", public_url_ + "/tender/" + std::to_string(tender_id) + "/jadwal"}}));
  return tx->Commit();
}

Status TenderService::Cancel(const Actor& actor, std::int64_t tender_id, std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos || reason.size() > 2000) {
    return InvalidArgument("tender.reason_required");
  }
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(l.tender.status,
                        domain::NextTenderStatus(l.tender.status, domain::TenderEvent::kCancel));
  l.tender.end_reason = std::string(reason);
  SPSE_RETURN_IF_ERROR(tx->tenders().Update(l.tender));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.cancel", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + " dibatalkan: " + std::string(reason)));
  SPSE_RETURN_IF_ERROR(NotifyParticipants(
      *tx, composer_, clock_, l.tender, l.package.name, "tender_cancelled",
      {{"reason", std::string(reason)},
       {"link", public_url_ + "/tender/" + std::to_string(tender_id)}}));
  return tx->Commit();
}

TenderListing TenderService::ListingOf(PublicTender found, Micros now) const {
  TenderListing row;
  row.name = std::move(found.package_name);
  row.procurement_type = std::move(found.procurement_type);
  row.fiscal_year = found.fiscal_year;
  row.hps = found.hps;
  row.procedure = catalogue_.Find(found.tender.procedure_code);
  if (row.procedure) row.method_text = domain::MethodText(*row.procedure, found.tender.evaluation);
  row.current_stage = domain::CurrentStageAt(found.tender.schedule, now).index;
  row.tender = std::move(found.tender);
  return row;
}

StatusOr<TenderSearch> TenderService::Search(TenderFilter filter) {
  filter.now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  TenderSearch out;
  SPSE_ASSIGN_OR_RETURN(out.total, tx->tenders().CountPublic(filter));
  SPSE_ASSIGN_OR_RETURN(auto found, tx->tenders().SearchPublic(filter));
  for (PublicTender& t : found) out.rows.push_back(ListingOf(std::move(t), filter.now));
  return out;
}

StatusOr<std::vector<TenderShelf>> TenderService::Latest(int per_type) {
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  std::vector<TenderShelf> out;
  for (std::string_view type : domain::ProcurementTypes()) {
    TenderFilter filter;
    filter.procurement_type = std::string(type);
    filter.running_only = true;
    filter.limit = per_type;
    SPSE_ASSIGN_OR_RETURN(auto found, tx->tenders().SearchPublic(filter));
    TenderShelf shelf;
    shelf.procurement_type = filter.procurement_type;
    for (PublicTender& t : found) shelf.rows.push_back(ListingOf(std::move(t), now));
    out.push_back(std::move(shelf));
  }
  return out;
}

StatusOr<TenderView> TenderService::Get(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  TenderView v;
  v.procedure = l.procedure;
  v.method_text = domain::MethodText(*l.procedure, l.tender.evaluation);
  v.current = domain::CurrentStageAt(l.tender.schedule, clock_.Now());
  SPSE_ASSIGN_OR_RETURN(v.changes, tx->tenders().Changes(tender_id));
  SPSE_ASSIGN_OR_RETURN(v.participants, tx->participation().CountParticipants(tender_id));
  SPSE_ASSIGN_OR_RETURN(v.stage_events, tx->stage_events().ForTender(tender_id));
  for (std::int64_t id : l.package.rup_ids) {
    SPSE_ASSIGN_OR_RETURN(auto item, tx->rup().FindById(id));
    if (item) v.rup.push_back(*item);
  }
  if (l.tender.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(v.group, tx->pokja().FindById(*l.tender.pokja_group_id));
  }
  SPSE_ASSIGN_OR_RETURN(auto siblings, tx->tenders().ForPackage(l.tender.package_id));
  for (const Tender& t : siblings) {
    if (l.tender.previous_tender_id == t.id) v.retender_of = TenderLink{t.id, t.code};
    if (t.previous_tender_id == l.tender.id && (t.status != TenderStatus::kDraft || l.runs)) {
      v.retendered_as = TenderLink{t.id, t.code};
    }
  }
  if (l.procedure->invitation_only && actor.who.signed_in() &&
      domain::Authorize(actor.who, Permission::kJoinTenders).ok()) {
    SPSE_ASSIGN_OR_RETURN(v.invited, tx->auction().IsInvited(tender_id, actor.who.user_id));
  }
  v.may_manage = l.runs;
  v.may_publish = l.runs && (!v.group || v.group->chair_id == actor.who.user_id);
  v.tender = std::move(l.tender);
  v.package = std::move(l.package);
  return v;
}

}  // namespace spse::app
