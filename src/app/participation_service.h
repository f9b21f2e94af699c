// Vendors in a tender (issue 4, items 6 and 7): joining by accepting the
// Pakta Integritas; the Pemberian Penjelasan, where participants ask, the
// Pokja answers, everyone reads the questions but never who asked; and the
// Berita Acara Pemberian Penjelasan the Pokja issues once the stage is over,
// a PDF fixed when issued.
#ifndef SPSE_APP_PARTICIPATION_SERVICE_H_
#define SPSE_APP_PARTICIPATION_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/participation.h"

namespace spse::app {

// A tender as a vendor sees it before and after joining.
struct JoinView {
  domain::Tender tender;
  std::string package_name;
  std::string pact;           // the exact text to accept
  std::optional<domain::Participant> joined;
  Status may_join;            // OK, or why not (closed, not running, no vendor data)
};

// One question as shown to a reader: never who asked.
struct QuestionView {
  domain::TenderQuestion question;  // asked_by and answered_by cleared
  std::string stage_name;
  bool mine = false;  // the reader asked it
};

struct ExplanationView {
  domain::Tender tender;
  std::string package_name;
  std::optional<size_t> open_stage;  // the penjelasan stage running now
  std::vector<QuestionView> questions;
  std::vector<domain::TenderMinutes> minutes;
  std::vector<std::string> issuable;  // penjelasan stages ended without a Berita Acara
  bool may_ask = false;     // a participant, and a penjelasan stage runs
  bool may_answer = false;  // runs the tender, and a penjelasan stage runs
  bool runs = false;
};

struct ParticipationConfig {
  std::string lpse_name;
  Zone zone;
};

class ParticipationService {
 public:
  ParticipationService(Store& store, CryptoPort& crypto, BlobPort& blobs, DocumentPrinter& printer,
                       const Clock& clock, const domain::Catalogue& catalogue,
                       ParticipationConfig config)
      : store_(store), crypto_(crypto), blobs_(blobs), printer_(printer), clock_(clock),
        catalogue_(catalogue), config_(std::move(config)) {}

  // What the vendor accepts to join ("tender.not_found" for drafts).
  StatusOr<JoinView> ToJoin(const Actor& actor, std::int64_t tender_id);
  // PRT-01..03. Reasons: "participation.pact_required", CheckMayJoin's,
  // "participation.vendor_data_missing", "auth.blacklisted",
  // "participation.already_joined"; for an invitation-only procedure
  // (INV-01) only an invited vendor: "invitation.not_invited".
  Status Join(const Actor& actor, std::int64_t tender_id, bool pact_accepted);
  // The tenders the vendor joined, newest first.
  StatusOr<std::vector<domain::Tender>> Joined(const Actor& actor);
  // For those who run the tender: the vendors in it ("tender.not_found" otherwise).
  StatusOr<std::vector<domain::Participant>> Participants(const Actor& actor,
                                                          std::int64_t tender_id);

  // The Pemberian Penjelasan page: public for a published tender.
  StatusOr<ExplanationView> Explanation(const Actor& actor, std::int64_t tender_id);
  // ANW-01, ANW-04: a participant asks while a penjelasan stage runs.
  // Reasons: "participation.not_joined", OpenExplanationStage's, CleanQandaText's.
  StatusOr<std::int64_t> Ask(const Actor& actor, std::int64_t tender_id, std::string_view text);
  // ANW-01: the Pokja answers while the stage the question was asked in runs.
  // Reasons: "aanwijzing.question_not_found", "aanwijzing.not_open",
  // "aanwijzing.already_answered", CleanQandaText's.
  Status Answer(const Actor& actor, std::int64_t tender_id, std::int64_t question_id,
                std::string_view text);
  // ANW-03: the Berita Acara of penjelasan stage `stage`, once it ended,
  // rendered and stored for good. Returns its id. Reasons:
  // CheckMayIssueMinutes's, "minutes.already_issued", "pdf.error".
  StatusOr<std::int64_t> IssueMinutes(const Actor& actor, std::int64_t tender_id,
                                      std::string_view stage);
  // The stored PDF of a Berita Acara, for download: its file and name.
  struct MinutesFile {
    std::string path;
    std::string filename;
    std::uint64_t size = 0;
  };
  StatusOr<MinutesFile> MinutesPdf(const Actor& actor, std::int64_t tender_id,
                                   std::int64_t minutes_id);

  const domain::Catalogue& catalogue() const { return catalogue_; }

 private:
  StatusOr<std::string> PactFor(Tx& tx, const Actor& actor, const LoadedTender& l);
  PrintedDocument BuildMinutes(const LoadedTender& l, std::string_view stage, std::string_view number,
                               const std::vector<domain::TenderQuestion>& questions,
                               std::int64_t participants, const std::vector<std::string>& pokja,
                               Micros now) const;

  Store& store_;
  CryptoPort& crypto_;
  BlobPort& blobs_;
  DocumentPrinter& printer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  ParticipationConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_PARTICIPATION_SERVICE_H_
