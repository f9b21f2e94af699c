#include "app/inbox_service.h"

namespace spse::app {

using domain::Permission;

Status Notify(Tx& tx, MailComposer& composer, const Clock& clock, const User& user,
              std::string_view name, const MailValues& values) {
  SPSE_ASSIGN_OR_RETURN(ComposedMail composed, composer.Compose(name, values));
  domain::InboxMessage message;
  message.user_id = user.id;
  message.created_at = clock.Now();
  message.subject = composed.subject;
  message.body = composed.body;
  SPSE_RETURN_IF_ERROR(tx.inbox().Deliver(message).status());
  if (!user.notify_email) return OkStatus();
  domain::OutgoingMail mail;
  mail.to = user.email;
  mail.subject = std::move(composed.subject);
  mail.body = std::move(composed.body);
  mail.created_at = message.created_at;
  mail.next_attempt_at = message.created_at;
  return tx.outbox().Enqueue(mail).status();
}

StatusOr<InboxPage> InboxService::List(const Actor& actor, int limit, int offset) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  InboxPage page;
  SPSE_ASSIGN_OR_RETURN(page.messages, tx->inbox().List(actor.who.user_id, limit, offset));
  SPSE_ASSIGN_OR_RETURN(page.total, tx->inbox().Count(actor.who.user_id));
  SPSE_ASSIGN_OR_RETURN(page.unread, tx->inbox().CountUnread(actor.who.user_id));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(actor.who.user_id));
  page.notify_email = !user || user->notify_email;
  return page;
}

StatusOr<domain::InboxMessage> InboxService::Open(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto message, tx->inbox().Find(actor.who.user_id, id));
  if (!message) return NotFound("inbox.not_found");
  if (!message->read_at) {
    SPSE_RETURN_IF_ERROR(tx->inbox().MarkRead(actor.who.user_id, id, clock_.Now()));
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  return *message;
}

StatusOr<std::int64_t> InboxService::Unread(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->inbox().CountUnread(actor.who.user_id);
}

Status InboxService::SetMailPreference(const Actor& actor, bool notify_email) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(actor.who.user_id));
  if (!user) return NotFound("user.not_found");
  if (user->notify_email == notify_email) return OkStatus();
  user->notify_email = notify_email;
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "user.notify_email", "user",
                                  std::to_string(user->id),
                                  notify_email ? "notices also by mail" : "notices in the inbox only"));
  return tx->Commit();
}

}  // namespace spse::app
