#include "app/participation_service.h"

#include "app/stored_file.h"
#include "app/tender_service.h"
#include "domain/invitation.h"
#include "domain/permission.h"
#include "domain/tender_schedule.h"

namespace spse::app {

using domain::Permission;
using domain::TenderStatus;

namespace {

std::string StageName(const domain::ProcedureSpec& p, std::string_view code) {
  for (const auto& s : p.stages) {
    if (s.code == code) return s.name_id;
  }
  return std::string(code);
}

// Vendors must be active, verified and off the Daftar Hitam (Pasal 9(4)).
Status CheckVendorInGoodStanding(Tx& tx, std::int64_t user_id, Micros now) {
  SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(user_id));
  if (!user || !user->active) return PermissionDenied("auth.account_disabled");
  SPSE_ASSIGN_OR_RETURN(auto entries, tx.blacklist().ForUser(user_id));
  for (const auto& e : entries) {
    if (domain::InForce(e, now)) return PermissionDenied("auth.blacklisted", e.sk_number);
  }
  return OkStatus();
}

// INV-01: an invitation-only procedure (Tender Cepat, Pengadaan Langsung,
// Penunjukan Langsung) takes only the vendors invited to the tender.
Status CheckInvitedIfRequired(Tx& tx, const LoadedTender& l, std::int64_t vendor_id) {
  if (!l.procedure->invitation_only) return OkStatus();
  SPSE_ASSIGN_OR_RETURN(bool invited, tx.auction().IsInvited(l.tender.id, vendor_id));
  return domain::CheckInvited(*l.procedure, invited);
}

}  // namespace

StatusOr<std::string> ParticipationService::PactFor(Tx& tx, const Actor& actor, const LoadedTender& l) {
  SPSE_ASSIGN_OR_RETURN(auto vendor, tx.vendors().FindByUser(actor.who.user_id));
  if (!vendor) return FailedPrecondition("participation.vendor_data_missing");
  return domain::PaktaIntegritasText(vendor->company_name, vendor->responsible_name,
                                     vendor->responsible_position, l.tender.code, l.package.name);
}

StatusOr<JoinView> ParticipationService::ToJoin(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  JoinView v;
  SPSE_ASSIGN_OR_RETURN(v.joined, tx->participation().Find(tender_id, actor.who.user_id));
  auto pact = PactFor(*tx, actor, l);
  if (pact.ok()) {
    v.pact = std::move(*pact);
    v.may_join = domain::CheckMayJoin(l.tender, *l.procedure, clock_.Now());
    if (v.may_join.ok()) v.may_join = CheckInvitedIfRequired(*tx, l, actor.who.user_id);
  } else {
    v.may_join = pact.status();
  }
  v.package_name = l.package.name;
  v.tender = std::move(l.tender);
  return v;
}

Status ParticipationService::Join(const Actor& actor, std::int64_t tender_id, bool pact_accepted) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  if (!pact_accepted) return InvalidArgument("participation.pact_required");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  const Micros now = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::CheckMayJoin(l.tender, *l.procedure, now));
  SPSE_RETURN_IF_ERROR(CheckInvitedIfRequired(*tx, l, actor.who.user_id));
  SPSE_RETURN_IF_ERROR(CheckVendorInGoodStanding(*tx, actor.who.user_id, now));
  SPSE_ASSIGN_OR_RETURN(std::string pact, PactFor(*tx, actor, l));
  domain::Participant p;
  p.tender_id = tender_id;
  p.vendor_user_id = actor.who.user_id;
  p.joined_at = now;
  p.pact_sha256 = crypto_.Sha256Hex(pact);
  p.client_addr = actor.client_addr;
  SPSE_RETURN_IF_ERROR(tx->participation().Join(p));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.join", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": Pakta Integritas disetujui (sha256 " +
                                      p.pact_sha256 + ")"));
  return tx->Commit();
}

StatusOr<std::vector<domain::Tender>> ParticipationService::Joined(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto ids, tx->participation().TendersOf(actor.who.user_id));
  std::vector<domain::Tender> out;
  for (std::int64_t id : ids) {
    SPSE_ASSIGN_OR_RETURN(auto t, tx->tenders().FindById(id));
    if (t) out.push_back(std::move(*t));
  }
  return out;
}

StatusOr<std::vector<domain::Participant>> ParticipationService::Participants(
    const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  return tx->participation().Participants(tender_id);
}

StatusOr<ExplanationView> ParticipationService::Explanation(const Actor& actor,
                                                            std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  const Micros now = clock_.Now();
  ExplanationView v;
  v.runs = l.runs;
  auto open = domain::OpenExplanationStage(l.tender, *l.procedure, now);
  if (open.ok()) v.open_stage = *open;
  if (open.ok() && actor.who.signed_in() &&
      domain::Authorize(actor.who, Permission::kJoinTenders).ok()) {
    SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
    v.may_ask = joined.has_value();
  }
  v.may_answer = open.ok() && l.runs;
  SPSE_ASSIGN_OR_RETURN(auto questions, tx->participation().Questions(tender_id));
  for (auto& q : questions) {
    QuestionView qv;
    qv.mine = actor.who.signed_in() && q.asked_by == actor.who.user_id;
    qv.stage_name = StageName(*l.procedure, q.stage);
    q.asked_by = 0;
    q.answered_by = 0;
    qv.question = std::move(q);
    v.questions.push_back(std::move(qv));
  }
  SPSE_ASSIGN_OR_RETURN(v.minutes, tx->participation().Minutes(tender_id));
  if (l.runs) {
    for (const auto& s : l.tender.schedule) {
      if (!domain::CheckMayIssueMinutes(l.tender, s.stage, now).ok()) continue;
      bool issued = false;
      for (const auto& m : v.minutes) issued = issued || m.stage == s.stage;
      if (!issued) v.issuable.push_back(s.stage);
    }
  }
  v.package_name = l.package.name;
  v.tender = std::move(l.tender);
  return v;
}

StatusOr<std::int64_t> ParticipationService::Ask(const Actor& actor, std::int64_t tender_id,
                                                 std::string_view text) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(std::string question, domain::CleanQandaText(text));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
  if (!joined) return FailedPrecondition("participation.not_joined");
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(size_t stage, domain::OpenExplanationStage(l.tender, *l.procedure, now));
  SPSE_RETURN_IF_ERROR(CheckVendorInGoodStanding(*tx, actor.who.user_id, now));
  domain::TenderQuestion q;
  q.tender_id = tender_id;
  q.stage = l.tender.schedule[stage].stage;
  q.asked_by = actor.who.user_id;
  q.asked_at = now;
  q.question = std::move(question);
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->participation().AddQuestion(q));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "aanwijzing.ask", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": pertanyaan #" + std::to_string(id)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Status ParticipationService::Answer(const Actor& actor, std::int64_t tender_id,
                                    std::int64_t question_id, std::string_view text) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(std::string answer, domain::CleanQandaText(text));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(auto q, tx->participation().FindQuestion(question_id));
  if (!q || q->tender_id != tender_id) return NotFound("aanwijzing.question_not_found");
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(size_t stage, domain::OpenExplanationStage(l.tender, *l.procedure, now));
  if (l.tender.schedule[stage].stage != q->stage) return FailedPrecondition("aanwijzing.not_open");
  SPSE_RETURN_IF_ERROR(tx->participation().Answer(question_id, answer, actor.who.user_id, now));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "aanwijzing.answer", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": jawaban pertanyaan #" +
                                      std::to_string(question_id)));
  return tx->Commit();
}

PrintedDocument ParticipationService::BuildMinutes(
    const LoadedTender& l, std::string_view stage, std::string_view number,
    const std::vector<domain::TenderQuestion>& questions, std::int64_t participants,
    const std::vector<std::string>& pokja, Micros now) const {
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "BERITA ACARA PEMBERIAN PENJELASAN";
  doc.subtitle = std::string("Nomor: ") + std::string(number);
  const domain::StagePeriod* period = nullptr;
  for (const auto& s : l.tender.schedule) {
    if (s.stage == stage) period = &s;
  }
  PrintedSection head{"A. Paket",
                      {{"Kode tender", l.tender.code},
                       {"Nama paket", l.package.name},
                       {"Metode", domain::MethodText(*l.procedure, l.tender.evaluation)},
                       {"Tahap", StageName(*l.procedure, stage)},
                       {"Mulai", period ? FormatDateTime(period->start, config_.zone, Lang::kId) : ""},
                       {"Selesai", period ? FormatDateTime(period->end, config_.zone, Lang::kId) : ""},
                       {"Jumlah peserta", std::to_string(participants)}},
                      {}};
  doc.sections.push_back(std::move(head));
  PrintedSection qa{"B. Pertanyaan dan Jawaban", {}, {}};
  int n = 0;
  for (const auto& q : questions) {
    if (q.stage != stage) continue;
    ++n;
    qa.paragraphs.push_back("Pertanyaan " + std::to_string(n) + " (" +
                            FormatDateTime(q.asked_at, config_.zone, Lang::kId) + "):\n" +
                            q.question);
    qa.paragraphs.push_back(
        "Jawaban " + std::to_string(n) +
        (q.answered_at ? " (" + FormatDateTime(*q.answered_at, config_.zone, Lang::kId) + "):\n" +
                             q.answer
                       : ":\n(tidak dijawab dalam tahap ini)"));
  }
  if (n == 0) qa.paragraphs.push_back("Tidak ada pertanyaan dari peserta pada tahap ini.");
  doc.sections.push_back(std::move(qa));
  doc.sections.push_back(PrintedSection{
      "C. Penutup",
      {},
      {"Identitas penanya tidak dicantumkan. Penjelasan dalam Berita Acara ini merupakan bagian "
       "yang tidak terpisahkan dari Dokumen Pemilihan. Berita Acara ini dibuat pada " +
       FormatDateTime(now, config_.zone, Lang::kId) + " untuk dipergunakan sebagaimana mestinya."}});
  for (const auto& name : pokja) {
    doc.signatures.push_back(PrintedSignature{"Pokja Pemilihan", name, ""});
  }
  return doc;
}

StatusOr<std::int64_t> ParticipationService::IssueMinutes(const Actor& actor,
                                                          std::int64_t tender_id,
                                                          std::string_view stage) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  const Micros now = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::CheckMayIssueMinutes(l.tender, stage, now));
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->participation().Minutes(tender_id));
  for (const auto& m : existing) {
    if (m.kind == "penjelasan" && m.stage == stage) {
      return AlreadyExists("minutes.already_issued");
    }
  }
  SPSE_ASSIGN_OR_RETURN(auto questions, tx->participation().Questions(tender_id));
  SPSE_ASSIGN_OR_RETURN(std::int64_t participants,
                        tx->participation().CountParticipants(tender_id));
  std::vector<std::string> pokja;
  if (l.tender.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx->pokja().FindById(*l.tender.pokja_group_id));
    if (group) {
      for (std::int64_t id : group->member_ids) {
        SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindById(id));
        if (u) pokja.push_back(u->full_name + (id == group->chair_id ? " (Ketua)" : ""));
      }
    }
  } else if (l.tender.official_id) {
    SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindById(*l.tender.official_id));
    if (u) pokja.push_back(u->full_name);
  }
  const std::string number = "BA-PP/" + l.tender.code + "/" + std::to_string(existing.size() + 1);
  SPSE_ASSIGN_OR_RETURN(
      BlobInfo blob,
      StorePrinted(printer_, blobs_, BuildMinutes(l, stage, number, questions, participants, pokja, now)));
  domain::TenderMinutes m;
  m.tender_id = tender_id;
  m.kind = "penjelasan";
  m.stage = std::string(stage);
  m.number = number;
  m.issued_at = now;
  m.issued_by = actor.who.user_id;
  m.blob_sha256 = blob.sha256;
  m.size = blob.size;
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->participation().AddMinutes(m));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "aanwijzing.minutes", "tender",
                                  std::to_string(tender_id),
                                  number + " diterbitkan (sha256 " + blob.sha256 + ")"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

StatusOr<ParticipationService::MinutesFile> ParticipationService::MinutesPdf(
    const Actor& actor, std::int64_t tender_id, std::int64_t minutes_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  SPSE_ASSIGN_OR_RETURN(auto all, tx->participation().Minutes(tender_id));
  for (const auto& m : all) {
    if (m.id != minutes_id) continue;
    MinutesFile f;
    SPSE_ASSIGN_OR_RETURN(f.path, blobs_.FileOf(m.blob_sha256));
    std::string name = m.number;
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    f.filename = name + ".pdf";
    f.size = m.size;
    return f;
  }
  return NotFound("minutes.not_found");
}

}  // namespace spse::app
