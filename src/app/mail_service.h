// Mail: messages are composed from templates and queued in the outbox in the
// transaction of the change that causes them (so a rolled-back change sends
// nothing); a worker delivers them with retries and backoff.
#ifndef SPSE_APP_MAIL_SERVICE_H_
#define SPSE_APP_MAIL_SERVICE_H_

#include <string>
#include <utility>
#include <vector>

#include "app/ports.h"
#include "base/clock.h"

namespace spse::app {

using MailValues = std::vector<std::pair<std::string, std::string>>;

// Composes template `name` with `values` and queues it to `to` through `tx`.
Status QueueMail(Tx& tx, MailComposer& composer, const Clock& clock, std::string_view to,
                 std::string_view name, const MailValues& values);

class MailDelivery {
 public:
  MailDelivery(Store& store, MailSender& sender, const Clock& clock)
      : store_(store), sender_(sender), clock_(clock) {}

  // Sends what is due now, at most `limit` messages; returns how many were
  // sent. A failed send is retried after domain::MailRetryDelay and given
  // up after domain::kMailMaxAttempts attempts.
  StatusOr<int> DeliverDue(int limit);

 private:
  Store& store_;
  MailSender& sender_;
  const Clock& clock_;
};

}  // namespace spse::app

#endif  // SPSE_APP_MAIL_SERVICE_H_
