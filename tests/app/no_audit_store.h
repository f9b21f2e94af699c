// A Store whose audit trail cannot be written: every change must then fail
// whole, leaving no trace (a change never commits without its audit entry).
#ifndef SPSE_TESTS_APP_NO_AUDIT_STORE_H_
#define SPSE_TESTS_APP_NO_AUDIT_STORE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "app/ports.h"

namespace spse::app {

class NoAuditStore final : public Store {
 public:
  explicit NoAuditStore(Store& inner) : inner_(inner) {}
  StatusOr<std::unique_ptr<Tx>> Begin(Access access) override {
    SPSE_ASSIGN_OR_RETURN(auto tx, inner_.Begin(access));
    return std::unique_ptr<Tx>(std::make_unique<FaultyTx>(std::move(tx)));
  }
  std::string_view dialect() const override { return inner_.dialect(); }

 private:
  class FailingAudit final : public AuditRepo {
   public:
    StatusOr<std::int64_t> Append(const AuditEntry&) override {
      return Unavailable("storage.error", "injected: audit disk full");
    }
    StatusOr<std::vector<AuditEntry>> Query(const AuditFilter&) override {
      return std::vector<AuditEntry>{};
    }
    StatusOr<std::int64_t> Count(const AuditFilter&) override { return 0; }
  };
  class FaultyTx final : public Tx {
   public:
    explicit FaultyTx(std::unique_ptr<Tx> inner) : inner_(std::move(inner)) {}
    UserRepo& users() override { return inner_->users(); }
    SessionRepo& sessions() override { return inner_->sessions(); }
    ThrottleRepo& throttle() override { return inner_->throttle(); }
    AgencyRepo& agencies() override { return inner_->agencies(); }
    AnnouncementRepo& announcements() override { return inner_->announcements(); }
    AuditRepo& audit() override { return audit_; }
    SettingsRepo& settings() override { return inner_->settings(); }
    OutboxRepo& outbox() override { return inner_->outbox(); }
    PasswordResetRepo& password_resets() override { return inner_->password_resets(); }
    InboxRepo& inbox() override { return inner_->inbox(); }
    PokjaRepo& pokja() override { return inner_->pokja(); }
    BlacklistRepo& blacklist() override { return inner_->blacklist(); }
    VendorDataRepo& vendor_data() override { return inner_->vendor_data(); }
    TenderRepo& tenders() override { return inner_->tenders(); }
    ParticipationRepo& participation() override { return inner_->participation(); }
    StageEventRepo& stage_events() override { return inner_->stage_events(); }
    TenderDocumentRepo& tender_documents() override { return inner_->tender_documents(); }
    BidRepo& bids() override { return inner_->bids(); }
    EvaluationRepo& evaluation() override { return inner_->evaluation(); }
    ContractRepo& contracts() override { return inner_->contracts(); }
    AuctionRepo& auction() override { return inner_->auction(); }
    ObjectionRepo& objections() override { return inner_->objections(); }
    SecondFactorRepo& second_factor() override { return inner_->second_factor(); }
    LoginChallengeRepo& login_challenges() override { return inner_->login_challenges(); }
    RegistrationRepo& registrations() override { return inner_->registrations(); }
    VendorRepo& vendors() override { return inner_->vendors(); }
    AccountDocumentRepo& documents() override { return inner_->documents(); }
    CalendarRepo& calendar() override { return inner_->calendar(); }
    RupRepo& rup() override { return inner_->rup(); }
    PackageRepo& packages() override { return inner_->packages(); }
    Status Commit() override { return inner_->Commit(); }

   private:
    std::unique_ptr<Tx> inner_;
    FailingAudit audit_;
  };
  Store& inner_;
};

}  // namespace spse::app

#endif  // SPSE_TESTS_APP_NO_AUDIT_STORE_H_
