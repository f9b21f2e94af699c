#include "app/tender_document_service.h"

#include <algorithm>

#include "app/tender_service.h"
#include "domain/permission.h"

namespace spse::app {

using domain::Permission;
using domain::TenderStatus;

namespace {

constexpr int kDownloadLogRows = 200;

}  // namespace

StatusOr<TenderDocumentsView> TenderDocumentService::Get(const Actor& actor,
                                                         std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  TenderDocumentsView v;
  v.runs = l.runs;
  SPSE_ASSIGN_OR_RETURN(v.requirements, tx->tender_documents().Requirements(tender_id));
  SPSE_ASSIGN_OR_RETURN(auto docs, tx->tender_documents().Documents(tender_id));
  v.documents = l.runs ? std::move(docs) : domain::PublishedVersions(docs);
  SPSE_ASSIGN_OR_RETURN(v.addenda, tx->tender_documents().Addenda(tender_id));
  if (l.runs) {
    SPSE_ASSIGN_OR_RETURN(v.downloads,
                          tx->tender_documents().Downloads(tender_id, kDownloadLogRows));
    SPSE_ASSIGN_OR_RETURN(v.download_count, tx->tender_documents().CountDownloads(tender_id));
  }
  if (actor.who.signed_in()) {
    SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
    v.joined = joined.has_value();
  }
  v.may_download = v.runs || v.joined;
  v.addendum = l.tender.status != TenderStatus::kDraft;
  v.may_change = l.runs && (l.tender.status == TenderStatus::kDraft ||
                            domain::CheckMayIssueAddendum(l.tender, *l.procedure, clock_.Now()).ok());
  v.package_name = l.package.name;
  v.tender = std::move(l.tender);
  return v;
}

StatusOr<int> TenderDocumentService::RecordChange(Tx& tx, const Actor& actor, const LoadedTender& l,
                                                  std::string_view reason,
                                                  const std::string& summary) {
  if (l.tender.status == TenderStatus::kDraft) return 0;
  SPSE_RETURN_IF_ERROR(domain::CheckMayIssueAddendum(l.tender, *l.procedure, clock_.Now()));
  SPSE_ASSIGN_OR_RETURN(std::string why, domain::CleanAddendumReason(reason));
  domain::TenderAddendum a;
  a.tender_id = l.tender.id;
  a.issued_at = clock_.Now();
  a.issued_by = actor.who.user_id;
  a.reason = why;
  a.summary = summary;
  SPSE_RETURN_IF_ERROR(tx.tender_documents().AddAddendum(a).status());
  const std::string title = "Adendum " + std::to_string(a.number);
  SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock_, actor, "tender.addendum", "tender",
                                  std::to_string(l.tender.id),
                                  l.tender.code + ": " + title + " (" + summary +
                                      "; alasan: " + why + ")"));
  SPSE_RETURN_IF_ERROR(NotifyParticipants(
      tx, composer_, clock_, l.tender, l.package.name, "tender_addendum",
      {{"addendum", title}, {"summary", summary}, {"reason", why},
       {"link", public_url_ + "/tender/" + std::to_string(l.tender.id)}}));
  return a.number;
}

Status TenderDocumentService::SetRequirements(const Actor& actor, std::int64_t tender_id,
                                              std::vector<domain::Requirement> list,
                                              std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(auto clean, domain::CleanRequirements(std::move(list)));
  SPSE_ASSIGN_OR_RETURN(auto current, tx->tender_documents().Requirements(tender_id));
  if (clean == current) return FailedPrecondition("requirement.unchanged");
  SPSE_ASSIGN_OR_RETURN(int addendum, RecordChange(*tx, actor, l, reason,
                                                   "Persyaratan kualifikasi (" +
                                                       std::to_string(clean.size()) + " butir)"));
  SPSE_RETURN_IF_ERROR(tx->tender_documents().ReplaceRequirements(tender_id, clean));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.requirements", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": " + std::to_string(clean.size()) +
                                      " persyaratan kualifikasi" +
                                      (addendum ? " (Adendum " + std::to_string(addendum) + ")"
                                                : std::string())));
  return tx->Commit();
}

StatusOr<domain::TenderDocument> TenderDocumentService::AddDocument(
    const Actor& actor, std::int64_t tender_id, std::string_view kind,
    const domain::Attachment& file, std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  const auto kinds = domain::TenderDocumentKinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    return InvalidArgument("document.kind_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->tender_documents().Documents(tender_id));
  int next = 1;
  for (const auto& d : existing) {
    if (d.kind == kind) next = std::max(next, d.version + 1);
  }
  const std::string summary = std::string(domain::TenderDocumentName(kind)) + " versi " +
                              std::to_string(next) + ": " + file.filename;
  domain::TenderDocument doc;
  SPSE_ASSIGN_OR_RETURN(doc.addendum, RecordChange(*tx, actor, l, reason, summary));
  doc.tender_id = tender_id;
  doc.kind = std::string(kind);
  doc.sha256 = file.sha256;
  doc.filename = file.filename;
  doc.content_type = file.content_type;
  doc.size = file.size;
  doc.uploaded_at = clock_.Now();
  doc.uploaded_by = actor.who.user_id;
  SPSE_RETURN_IF_ERROR(tx->tender_documents().AddDocument(doc).status());
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.document", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": " + doc.kind + " versi " +
                                      std::to_string(doc.version) + ": " + doc.filename +
                                      " (sha256 " + doc.sha256 + ")"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return doc;
}

StatusOr<domain::TenderDocument> TenderDocumentService::Download(const Actor& actor,
                                                                 std::int64_t tender_id,
                                                                 std::int64_t document_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  SPSE_ASSIGN_OR_RETURN(auto all, tx->tender_documents().Documents(tender_id));
  const auto visible = l.runs ? all : domain::PublishedVersions(all);
  auto it = std::find_if(visible.begin(), visible.end(),
                         [&](const domain::TenderDocument& d) { return d.id == document_id; });
  if (it == visible.end()) return NotFound("document.not_found");
  if (!l.runs) {
    SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
    if (!joined) return PermissionDenied("participation.not_joined");
  }
  domain::DocumentDownload d;
  d.tender_id = tender_id;
  d.document_id = document_id;
  d.user_id = actor.who.user_id;
  d.at = clock_.Now();
  d.client_addr = actor.client_addr;
  SPSE_RETURN_IF_ERROR(tx->tender_documents().LogDownload(d));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.download", "tender",
                                  std::to_string(tender_id),
                                  l.tender.code + ": " + it->kind + " versi " +
                                      std::to_string(it->version) + " diunduh (sha256 " +
                                      it->sha256 + ")"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return *it;
}

}  // namespace spse::app
