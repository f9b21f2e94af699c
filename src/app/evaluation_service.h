// Evaluation, qualification proof and award (issue 6, items 1-3 and 8).
// After the opening each Pokja member records their own judgement of every
// requirement for every bidder; the chair records the agreed result. The
// ranking follows the tender's evaluation method from the catalogue, with
// arithmetic correction of the priced bill of quantities. The best ranked
// are invited to the qualification proof (inbox and email) and its result
// recorded; the chair then decides the winner (penetapan, with the Berita
// Acara Hasil Pemilihan) and announces it (pengumuman): from then on the
// results are public, frozen as decided.
//
// Every step is appended with its audit entry in one transaction; a
// correction is a new, visible judgement.
#ifndef SPSE_APP_EVALUATION_SERVICE_H_
#define SPSE_APP_EVALUATION_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/evaluation.h"

namespace spse::app {

struct EvaluationConfig {
  std::string lpse_name;
  Zone zone;
  std::string base_url;  // for links in notices: "https://lpse.example.go.id"
};

// One criterion of one bidder: each member's current view and the agreed result.
struct CriterionJudgements {
  const domain::Criterion* criterion = nullptr;
  std::vector<domain::Judgement> views;  // members' own, current, by member
  std::optional<domain::Judgement> agreed;
  // The chair's suggestion from the members' views: the majority (pass/fail),
  // or the median (score, amount). nullopt when no member has a view.
  std::optional<domain::Judgement> suggestion;
};

struct BidderEvaluation {
  std::int64_t vendor_id = 0;
  std::string company_name;
  std::int64_t bid_id = 0;  // the bid judged (tunggal or teknis)
  Micros submitted_at = 0;
  std::optional<domain::PriceCorrection> price;
  int vendor_data_version = 0;  // the data penyedia frozen when the bid was sealed
  Micros vendor_data_at = 0;
  std::vector<CriterionJudgements> criteria;  // in the method's order
  std::optional<domain::ProofInvitation> invitation;  // the latest
  std::optional<domain::ProofResult> proof;           // the latest
  domain::BidderResult result;
};

struct PokjaMemberName {
  std::int64_t user_id = 0;
  std::string name;
};

struct EvaluationView {
  domain::Tender tender;
  const domain::ProcedureSpec* procedure = nullptr;
  const domain::EvaluationSpec* method = nullptr;
  std::string package_name;
  std::string contract_type;
  Money hps;
  Money pagu;
  std::vector<PokjaMemberName> members;  // who judges (the chair first)
  std::int64_t chair_id = 0;
  bool runs = false;       // the reader is of the tender's Pokja (or its official)
  bool is_chair = false;   // records the agreed results, decides, announces
  bool opened = false;     // the envelope with the material to judge is opened
  bool price_opened = false;
  Status may_judge;        // OK while judging is possible
  Status may_decide;
  Status may_announce;
  std::vector<BidderEvaluation> bidders;  // in the outcome's order
  domain::EvaluationOutcome outcome;
  std::vector<domain::Judgement> history;  // every judgement, newest first
  std::optional<domain::AwardDecision> decision;  // the one in force (not revoked)
  std::vector<domain::AwardDecision> decisions;   // all, oldest first
  // Qualification is judged in this evaluation (pascakualifikasi, non-tender).
  bool judges_qualification = false;
  // Klarifikasi dan negosiasi: the procedure has the stage; with whom (the
  // decided winner, else the evaluation's candidate); the latest one with
  // that vendor; every one, oldest first.
  bool negotiates = false;
  std::optional<std::int64_t> candidate_vendor_id;
  std::optional<domain::Negotiation> negotiation;
  std::vector<domain::Negotiation> negotiations;
  Status may_negotiate;
};

// What the public results page shows, once announced.
struct ResultsView {
  domain::Tender tender;
  const domain::EvaluationSpec* method = nullptr;
  std::string package_name;
  Money hps;
  domain::AwardDecision decision;
  std::string winner_name;
  // A reverse auction's (Tender Cepat): ranked by each vendor's lowest
  // price alone, with no document evaluation.
  bool auction = false;
};

// A member's judgement of one criterion, as entered in a form.
struct JudgementInput {
  std::string criterion;
  bool pass = true;
  int score = 0;
  std::int64_t amount_rupiah = 0;
  std::string reason;
};

class EvaluationService {
 public:
  EvaluationService(Store& store, BlobPort& blobs, DocumentPrinter& printer,
                    EnvelopeOpenerPort& opener, MailComposer& composer, const Clock& clock,
                    const domain::Catalogue& catalogue, EvaluationConfig config)
      : store_(store), blobs_(blobs), printer_(printer), opener_(opener), composer_(composer),
        clock_(clock), catalogue_(catalogue), config_(std::move(config)) {}

  // For the tender's Pokja (or official), and read-only for auditors.
  StatusOr<EvaluationView> View(const Actor& actor, std::int64_t tender_id);

  // EVL-01, EVL-02: records the actor's own view (agreed = false) or, for
  // the chair, the Pokja's agreed result, of the given criteria for one
  // bidder. Only entries that differ from the current ones are stored.
  // Returns how many were stored. Reasons: "tender.not_found",
  // "evaluation.not_opened", "evaluation.decided", "evaluation.chair_only",
  // "evaluation.bidder_unknown", CheckJudgement's.
  StatusOr<int> Judge(const Actor& actor, std::int64_t tender_id, std::int64_t vendor_id,
                      bool agreed, const std::vector<JudgementInput>& inputs);

  // EVL-11: invites a bidder to the qualification proof (inbox and email).
  // Reasons: CheckProofInvitation's, "evaluation.bidder_unknown", "evaluation.decided".
  StatusOr<std::int64_t> InviteProof(const Actor& actor, std::int64_t tender_id,
                                     std::int64_t vendor_id, Micros at, std::string_view place,
                                     std::string_view notes);
  // The proof's result, by the chair. Reasons: "evaluation.chair_only",
  // "evaluation.not_invited", "evaluation.reason_required".
  Status RecordProof(const Actor& actor, std::int64_t tender_id, std::int64_t vendor_id,
                     bool passed, std::string_view reason);

  // EVL-12, EVL-13: the chair decides the winner in the penetapan stage when
  // the evaluation is complete: the results are frozen and the Berita Acara
  // Hasil Pemilihan issued. Without a winner the selection fails (gagal).
  // Returns the decision's id. Reasons: "evaluation.chair_only",
  // "evaluation.incomplete", "evaluation.decided", CheckStageWindow's, "pdf.error".
  StatusOr<std::int64_t> Decide(const Actor& actor, std::int64_t tender_id);
  // EVL-14: the chair announces the decision in the pengumuman stage;
  // every bidder is told (inbox and email) and the results become public.
  // Reasons: "evaluation.chair_only", "evaluation.not_decided",
  // "evaluation.already_announced", CheckStageWindow's.
  Status Announce(const Actor& actor, std::int64_t tender_id);

  // NEG-01: the chair (or the Pejabat Pengadaan) records the clarification
  // and negotiation with the candidate, with the Berita Acara Negosiasi; a
  // second one corrects the first, visibly. Returns its id. Reasons:
  // "evaluation.chair_only", "negotiation.no_candidate", CheckNegotiation's, "pdf.error".
  StatusOr<std::int64_t> RecordNegotiation(const Actor& actor, std::int64_t tender_id,
                                           std::int64_t agreed_rupiah, std::string_view notes);

  // The announced results: public. "evaluation.not_announced" before.
  StatusOr<ResultsView> Results(const Actor& actor, std::int64_t tender_id);

  struct MinutesFile {
    std::string path;
    std::string filename;
  };
  // The BA Hasil Pemilihan of a decision: for the Pokja, auditors, and
  // everyone once it is announced.
  StatusOr<MinutesFile> MinutesPdf(const Actor& actor, std::int64_t tender_id,
                                   std::int64_t decision_id);
  // A BA Negosiasi: for the Pokja (or official), auditors and the vendor negotiated with.
  StatusOr<MinutesFile> NegotiationPdf(const Actor& actor, std::int64_t tender_id,
                                       std::int64_t negotiation_id);

 private:
  struct Loaded;
  StatusOr<Loaded> Load(Tx& tx, const Actor& actor, std::int64_t tender_id);
  StatusOr<EvaluationView> Build(Tx& tx, const Actor& actor, Loaded& ld);
  StatusOr<MinutesFile> StoredMinutes(std::string_view sha256, std::string number);
  // Renders `doc` and keeps it in the blob store.
  Status AnnounceIn(Tx& tx, const Actor& actor, const LoadedTender& l,
                    const domain::AwardDecision& d);

  Store& store_;
  BlobPort& blobs_;
  DocumentPrinter& printer_;
  EnvelopeOpenerPort& opener_;
  MailComposer& composer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  EvaluationConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_EVALUATION_SERVICE_H_
