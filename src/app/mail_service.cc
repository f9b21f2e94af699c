#include "app/mail_service.h"

namespace spse::app {
namespace {

// A claimed message is invisible to other workers this long.
constexpr Micros kLease = 5 * kMicrosPerMinute;

}  // namespace

Status QueueMail(Tx& tx, MailComposer& composer, const Clock& clock, std::string_view to,
                 std::string_view name, const MailValues& values) {
  SPSE_ASSIGN_OR_RETURN(ComposedMail composed, composer.Compose(name, values));
  domain::OutgoingMail mail;
  mail.to = std::string(to);
  mail.subject = std::move(composed.subject);
  mail.body = std::move(composed.body);
  mail.created_at = clock.Now();
  mail.next_attempt_at = mail.created_at;
  return tx.outbox().Enqueue(mail).status();
}

StatusOr<int> MailDelivery::DeliverDue(int limit) {
  std::vector<domain::OutgoingMail> due;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    SPSE_ASSIGN_OR_RETURN(due, tx->outbox().ClaimDue(clock_.Now(), kLease, limit));
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  int sent = 0;
  for (const domain::OutgoingMail& mail : due) {
    const Status result = sender_.Send(mail);
    const Micros now = clock_.Now();
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    if (result.ok()) {
      SPSE_RETURN_IF_ERROR(tx->outbox().MarkSent(mail.id, now));
      ++sent;
    } else {
      const int attempts = mail.attempts + 1;
      // A malformed message never gets better: give it up at once.
      const bool give_up =
          attempts >= domain::kMailMaxAttempts || result.code() == Code::kInvalidArgument;
      SPSE_RETURN_IF_ERROR(tx->outbox().MarkFailedAttempt(
          mail.id, attempts, now + domain::MailRetryDelay(attempts), give_up, result.ToString()));
    }
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  return sent;
}

}  // namespace spse::app
