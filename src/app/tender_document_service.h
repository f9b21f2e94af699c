// What a tender asks of vendors and hands them (issue 4, items 4, 6, 8): the
// Pokja edits the qualification requirements and uploads the Dokumen
// Pemilihan and its companion files while the tender is a draft; once it is
// published each change is a numbered addendum with a reason, issued only
// until the bids are in, and every participant is told. Participants (and
// the Pokja) download any version; every download is logged.
#ifndef SPSE_APP_TENDER_DOCUMENT_SERVICE_H_
#define SPSE_APP_TENDER_DOCUMENT_SERVICE_H_

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "domain/records.h"
#include "domain/tender_documents.h"

namespace spse::app {

struct TenderDocumentsView {
  domain::Tender tender;
  std::string package_name;
  std::vector<domain::Requirement> requirements;
  // The versions the reader sees, by kind then version: every one for the
  // Pokja, domain::PublishedVersions for everyone else.
  std::vector<domain::TenderDocument> documents;
  std::vector<domain::TenderAddendum> addenda;
  std::vector<domain::DocumentDownload> downloads;  // the latest, for the Pokja only
  std::int64_t download_count = 0;                  // for the Pokja only
  bool runs = false;          // the reader runs the tender
  bool joined = false;        // the reader is a participant
  bool may_download = false;  // runs or joined
  bool may_change = false;    // runs, and a draft or an addendum may be issued now
  bool addendum = false;      // published: a change is an addendum and needs a reason
};

class TenderDocumentService {
 public:
  // `public_url` starts the links in the notices ("https://spse.example").
  TenderDocumentService(Store& store, MailComposer& composer, const Clock& clock,
                        const domain::Catalogue& catalogue, std::string public_url)
      : store_(store), composer_(composer), clock_(clock), catalogue_(catalogue),
        public_url_(std::move(public_url)) {}

  // Published tenders are public; drafts only for those who run them
  // ("tender.not_found" otherwise).
  StatusOr<TenderDocumentsView> Get(const Actor& actor, std::int64_t tender_id);

  // DOC-02 in a draft; ADD-01, ADD-02 once published (an addendum, told to
  // every participant). Reasons: "tender.not_found", CleanRequirements's,
  // CleanAddendumReason's, CheckMayIssueAddendum's, "requirement.unchanged".
  Status SetRequirements(const Actor& actor, std::int64_t tender_id,
                         std::vector<domain::Requirement> list, std::string_view reason);

  // A new version of the tender's `kind` document (the file is already in
  // the blob store): in a draft it replaces the one before; once published
  // it is an addendum as for SetRequirements. Reasons: "tender.not_found",
  // "document.kind_invalid", CleanAddendumReason's, CheckMayIssueAddendum's.
  StatusOr<domain::TenderDocument> AddDocument(const Actor& actor, std::int64_t tender_id,
                                               std::string_view kind,
                                               const domain::Attachment& file,
                                               std::string_view reason);

  // DOC-03: one version for a participant or the Pokja, the download logged
  // with its audit entry. Reasons: "tender.not_found", "document.not_found",
  // "participation.not_joined" (kPermissionDenied).
  StatusOr<domain::TenderDocument> Download(const Actor& actor, std::int64_t tender_id,
                                            std::int64_t document_id);

 private:
  // Checks that a change may be made now; for a published tender, records
  // the addendum (number returned) with its audit entry and tells every
  // participant. 0 for a draft.
  StatusOr<int> RecordChange(Tx& tx, const Actor& actor, const LoadedTender& l, std::string_view reason,
                             const std::string& summary);

  Store& store_;
  MailComposer& composer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  std::string public_url_;
};

}  // namespace spse::app

#endif  // SPSE_APP_TENDER_DOCUMENT_SERVICE_H_
