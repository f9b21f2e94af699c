// Setting up and running tenders (issue 4, items 4, 5, 8): the Pokja of the
// package (or its Pejabat Pengadaan, for non-tender methods) picks a
// catalogue procedure, gets a schedule that meets every rule on the LPSE's
// calendar and adjusts it; the Pokja chair publishes; a published schedule
// changes only with a reason, counted and shown; a tender is cancelled with
// a reason.
#ifndef SPSE_APP_TENDER_SERVICE_H_
#define SPSE_APP_TENDER_SERVICE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/mail_service.h"
#include "app/ports.h"
#include "domain/planning.h"
#include "domain/tender.h"
#include "domain/tender_schedule.h"

namespace spse::app {

// Whether `actor` runs the selections of package `p`: a member of its active
// Pokja group, or its Pejabat Pengadaan (with kRunSelections).
StatusOr<bool> RunsPackage(Tx& tx, const Actor& actor, const domain::Package& p);

// NTC-01: delivers notice `name` (a web/mail template) to every participant
// of `t` through `tx` (inbox, and mail for those who want it), with `values`
// after name, code and package.
Status NotifyParticipants(Tx& tx, MailComposer& composer, const Clock& clock,
                          const domain::Tender& t, std::string_view package_name,
                          std::string_view name, const MailValues& values);

// A tender with its package and catalogue procedure, as every tender use
// case reads it: "tender.not_found" for a missing tender, and for a draft
// unless `actor` runs it (a draft is its Pokja's business alone).
struct LoadedTender {
  domain::Tender tender;
  domain::Package package;
  const domain::ProcedureSpec* procedure = nullptr;
  bool runs = false;  // RunsPackage
};
StatusOr<LoadedTender> LoadTender(Tx& tx, const Actor& actor, const domain::Catalogue& catalogue,
                                  std::int64_t tender_id);

// Another tender of the same package, as a link.
struct TenderLink {
  std::int64_t id = 0;
  std::string code;
};

struct TenderView {
  domain::Tender tender;
  const domain::ProcedureSpec* procedure = nullptr;
  domain::Package package;
  std::vector<domain::RupItem> rup;
  std::optional<domain::PokjaGroup> group;
  std::string method_text;
  domain::CurrentStage current;
  std::vector<domain::ScheduleChangeRecord> changes;
  // The stage starts and ends the server clock has passed, as recorded.
  std::vector<domain::RecordedStageEvent> stage_events;
  bool may_manage = false;   // the actor runs this tender
  bool may_publish = false;  // ... and is the chair (or the Pejabat Pengadaan)
  std::int64_t participants = 0;  // vendors that joined
  // Invitation-only procedures (INV-01): whether the reading vendor is
  // invited (false for everyone else).
  bool invited = false;
  // Tender ulang: the failed tender this one re-tenders, and the tender
  // that re-tenders this failed one (published, or a draft for those who
  // run it).
  std::optional<TenderLink> retender_of;
  std::optional<TenderLink> retendered_as;
};

// One row of the public search (Cari Paket).
struct TenderListing {
  domain::Tender tender;
  std::string name;          // the package's
  std::string procurement_type;
  int fiscal_year = 0;
  Money hps;
  std::string method_text;
  std::optional<size_t> current_stage;  // index into the procedure's stages
  const domain::ProcedureSpec* procedure = nullptr;
};

struct TenderSearch {
  std::vector<TenderListing> rows;
  std::int64_t total = 0;
};

// The newest running tenders of one procurement type, for the Beranda.
struct TenderShelf {
  std::string procurement_type;
  std::vector<TenderListing> rows;
};

class TenderService {
 public:
  using CalendarSource = std::function<domain::WorkingCalendar()>;
  // The participants are told of schedule changes and cancellation through
  // `composer`; `public_url` starts the links in those notices.
  TenderService(Store& store, const Clock& clock, const domain::Catalogue& catalogue,
                CalendarSource calendar, MailComposer& composer, std::string public_url)
      : store_(store), clock_(clock), catalogue_(catalogue), calendar_(std::move(calendar)),
        composer_(composer), public_url_(std::move(public_url)) {}

  const domain::Catalogue& catalogue() const { return catalogue_; }
  // The LPSE's working calendar, as the schedules count it.
  domain::WorkingCalendar Calendar() const { return calendar_(); }

  // The procedures that fit the package ("tender.not_assigned_to_you").
  StatusOr<std::vector<const domain::ProcedureSpec*>> Choices(const Actor& actor,
                                                              std::int64_t package_id);
  // The package's tenders, oldest first, for those who run it.
  StatusOr<std::vector<domain::Tender>> OfPackage(const Actor& actor, std::int64_t package_id);
  // A draft following `procedure_code` with `evaluation`, its schedule
  // proposed from the next working morning and the qualification
  // requirements from domain::DefaultRequirements. Reasons: CheckProcedureFits's,
  // "tender.procedure_unknown", "tender.already_running" (the package has a
  // draft or running tender), "tender.not_assigned_to_you".
  StatusOr<std::int64_t> CreateDraft(const Actor& actor, std::int64_t package_id,
                                     std::string_view procedure_code, std::string_view evaluation);
  // Draft only. "schedule.rules_broken" (detail: the rule ids), "tender.not_draft".
  Status SetDraftSchedule(const Actor& actor, std::int64_t tender_id, const domain::Schedule& s);
  // The chair publishes: "tender.chair_required", "tender.schedule_past" (the
  // first stage would start before now: adjust it first), "schedule.rules_broken",
  // "tender.document_required" (DOC-01: no Dokumen Pemilihan uploaded).
  Status Publish(const Actor& actor, std::int64_t tender_id);
  // A running tender's schedule: domain::ChangeSchedule's reasons. Every
  // participant is told (NTC-01). After an upheld objection revoked the
  // award decision (SGH-03), the stages after the last opening (the
  // evaluation onwards) may be planned again although they began or ended.
  Status ChangeSchedule(const Actor& actor, std::int64_t tender_id, const domain::Schedule& s,
                        std::string_view reason);
  // Running -> batal, with its reason (shown publicly); every participant is told.
  Status Cancel(const Actor& actor, std::int64_t tender_id, std::string_view reason);
  // Published tenders for everyone (never drafts), newest publication first;
  // a stage filter means the stage each is in now, by this service's clock.
  StatusOr<TenderSearch> Search(TenderFilter filter);
  // For each procurement type, in domain::ProcurementTypes() order, its
  // `per_type` most recently published running tenders.
  StatusOr<std::vector<TenderShelf>> Latest(int per_type);
  // Published tenders are public; drafts only for those who run them
  // ("tender.not_found" otherwise).
  StatusOr<TenderView> Get(const Actor& actor, std::int64_t tender_id);

 private:
  StatusOr<bool> Runs(Tx& tx, const Actor& actor, const domain::Package& p);
  // The procurement type and method the package's RUP items planned.
  StatusOr<domain::PackageTerms> TermsOf(Tx& tx, const domain::Package& p);
  TenderListing ListingOf(PublicTender found, Micros now) const;

  Store& store_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  CalendarSource calendar_;
  MailComposer& composer_;
  std::string public_url_;
};

}  // namespace spse::app

#endif  // SPSE_APP_TENDER_SERVICE_H_
