// Objections (sanggah) and appeals (sanggah banding), issue 6, items 4 and
// 8. During the Masa Sanggah a bidder of the announced award files its
// objection with reasons and PDF attachments; the Pokja is told. The chair
// answers by the deadline (a later answer is kept and marked late); an
// upheld objection revokes the award decision (the Pokja evaluates again)
// or fails the tender, and every participant is told. Where the catalogue
// allows it the objector appeals a rejection to the PA/KPA of the package's
// agency, with a guarantee; the PA/KPA's answer has the same consequences.
//
// Every step is one write transaction with its audit entry (who, when,
// what); nothing answered is changed afterwards.
#ifndef SPSE_APP_OBJECTION_SERVICE_H_
#define SPSE_APP_OBJECTION_SERVICE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/mail_service.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/objection.h"

namespace spse::app {

struct ObjectionConfig {
  Zone zone;
  std::string base_url;  // for links in notices: "https://lpse.example.go.id"
};

// One objection as the reader may see it.
struct ObjectionEntry {
  domain::Objection objection;   // reasons and attachments emptied unless `full`
  std::string company_name;      // the objector
  bool full = false;             // the reader sees the reasons and attachments
  bool mine = false;             // the reader filed it
  std::string answered_by_name;  // of the answer, and of the appeal's answer
  std::string appeal_answered_by_name;
  Micros appeal_until = 0;  // the appeal may be filed before this (rejected, appeals allowed)
  Status may_answer;        // OK when the reader may answer it now
  Status may_appeal;
  Status may_answer_appeal;
};

struct ObjectionsView {
  domain::Tender tender;
  const domain::ProcedureSpec* procedure = nullptr;
  std::string package_name;
  std::string procurement_type;
  Money hps;
  std::optional<domain::AwardDecision> decision;  // announced and in force
  std::optional<domain::StagePeriod> period;      // the sanggah stage
  std::optional<Micros> answer_deadline;          // SGH-02
  bool appeal_allowed = false;                    // SGH-04: for this package's type
  std::int64_t minimum_guarantee_rupiah = 0;
  bool runs = false;      // the reader runs the tender
  bool is_chair = false;  // answers objections
  bool is_pa_kpa = false; // the PA/KPA of the package's agency: answers appeals
  Status may_file;        // OK when the reader may file an objection now
  std::vector<ObjectionEntry> objections;  // by id
};

struct AppealInput {
  std::string reasons;
  domain::AppealGuarantee guarantee;
};

class ObjectionService {
 public:
  using CalendarSource = std::function<domain::WorkingCalendar()>;
  ObjectionService(Store& store, MailComposer& composer, const Clock& clock,
                   const domain::Catalogue& catalogue, CalendarSource calendar,
                   ObjectionConfig config)
      : store_(store), composer_(composer), clock_(clock), catalogue_(catalogue),
        calendar_(std::move(calendar)), config_(std::move(config)) {}

  // Public for published tenders: every objection with its answers; the
  // reasons and attachments only for the objector, those who run the
  // tender, auditors and the PA/KPA of the package's agency.
  StatusOr<ObjectionsView> View(const Actor& actor, std::int64_t tender_id);

  // SGH-01: files the actor's objection to the announced decision in force
  // (the attachments are already in the blob store); the Pokja is told.
  // Returns its id. Reasons: CheckObjection's, "tender.not_found".
  StatusOr<std::int64_t> File(const Actor& actor, std::int64_t tender_id,
                              std::string_view reasons,
                              std::vector<domain::Attachment> attachments);

  // SGH-02, SGH-03: the chair answers once; upheld, `consequence`
  // ("evaluasi_ulang" or "gagal") is applied at once and every participant
  // told; the objector is told in any case. Reasons: "objection.chair_only",
  // "objection.not_found", "objection.already_answered", CheckAnswer's,
  // "tender.not_running" (upheld on a tender no longer running).
  Status Answer(const Actor& actor, std::int64_t tender_id, std::int64_t objection_id,
                bool upheld, std::string_view text, std::string_view consequence);

  // SGH-04: the objector appeals the rejection; the PA/KPA is told.
  // Returns the appeal's id. Reasons: "objection.not_found", CheckAppeal's.
  StatusOr<std::int64_t> Appeal(const Actor& actor, std::int64_t tender_id,
                                std::int64_t objection_id, const AppealInput& in);

  // SGH-05: the PA/KPA of the package's agency answers the appeal once,
  // with the consequences of Answer; a rejection forfeits the guarantee.
  // Reasons: "appeal.pa_kpa_only", "objection.not_found", "appeal.not_filed",
  // "appeal.already_answered", CheckAnswer's, "tender.not_running".
  Status AnswerAppeal(const Actor& actor, std::int64_t tender_id, std::int64_t objection_id,
                      bool upheld, std::string_view text, std::string_view consequence);

  // An attachment of an objection, for those who see its reasons.
  // "objection.not_found" otherwise.
  StatusOr<domain::Attachment> AttachmentOf(const Actor& actor, std::int64_t tender_id,
                                            std::int64_t objection_id, size_t index);

  // SGH-05: whether an objection of the tender still holds the award back
  // (domain::ObjectionPending at this service's clock): the SPPBJ waits.
  StatusOr<bool> HasPendingObjection(Tx& tx, std::int64_t tender_id);

 private:
  struct Loaded;
  StatusOr<Loaded> Load(Tx& tx, const Actor& actor, std::int64_t tender_id);
  StatusOr<ObjectionsView> Build(Tx& tx, const Actor& actor, Loaded& ld);
  // Applies an upheld answer's consequence and tells every participant.
  Status Apply(Tx& tx, const Actor& actor, Loaded& ld, const domain::Objection& o,
               domain::Consequence consequence, std::string_view text, bool appeal);

  Store& store_;
  MailComposer& composer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  CalendarSource calendar_;
  ObjectionConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_OBJECTION_SERVICE_H_
