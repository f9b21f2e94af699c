// The in-application inbox of every user (issue 3, item 8): notices land
// here, and also in the user's mail when they want that.
#ifndef SPSE_APP_INBOX_SERVICE_H_
#define SPSE_APP_INBOX_SERVICE_H_

#include <vector>

#include "app/actor.h"
#include "app/mail_service.h"
#include "app/ports.h"

namespace spse::app {

// Delivers template `name` to `user`'s inbox and, when user.notify_email,
// queues it by mail too, all through `tx`.
Status Notify(Tx& tx, MailComposer& composer, const Clock& clock, const User& user,
              std::string_view name, const MailValues& values);

struct InboxPage {
  std::vector<domain::InboxMessage> messages;
  std::int64_t total = 0;
  std::int64_t unread = 0;
  bool notify_email = true;
};

class InboxService {
 public:
  InboxService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  StatusOr<InboxPage> List(const Actor& actor, int limit, int offset);
  // Opens one of the actor's own messages and marks it read. Another user's
  // message is "inbox.not_found", exactly like a missing one.
  StatusOr<domain::InboxMessage> Open(const Actor& actor, std::int64_t id);
  StatusOr<std::int64_t> Unread(const Actor& actor);
  Status SetMailPreference(const Actor& actor, bool notify_email);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace spse::app

#endif  // SPSE_APP_INBOX_SERVICE_H_
