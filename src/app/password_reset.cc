#include "app/password_reset.h"

#include "app/inbox_service.h"

#include "domain/login_throttle.h"
#include "domain/password_policy.h"

namespace spse::app {
namespace {

// At most a few reset mails an hour from one address.
constexpr domain::ThrottlePolicy kResetThrottle{5, kMicrosPerMinute, 30 * kMicrosPerMinute,
                                                kMicrosPerHour};

}  // namespace

Status PasswordResetService::Request(std::string_view username, const std::string& client_addr) {
  const Micros now = clock_.Now();
  const std::string key = "reset:" + client_addr;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(domain::FailureRecord record, tx->throttle().Get(key));
  if (domain::NextAttemptAt(record, kResetThrottle) > now) return ResourceExhausted("auth.throttled");
  SPSE_RETURN_IF_ERROR(tx->throttle().Put(key, domain::AfterFailure(record, now, kResetThrottle)));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindByUsername(username));
  if (user && user->active) {
    const std::string token = crypto_.RandomToken(32);
    PasswordReset reset;
    reset.token_hash = crypto_.Sha256Hex(token);
    reset.user_id = user->id;
    reset.created_at = now;
    reset.expires_at = now + kLinkLifetime;
    SPSE_RETURN_IF_ERROR(tx->password_resets().Insert(reset));
    SPSE_RETURN_IF_ERROR(QueueMail(*tx, composer_, clock_, user->email, "password_reset",
                                   {{"name", user->full_name},
                                    {"username", user->username},
                                    {"link", public_url_ + "/akun/reset?token=" + token},
                                    {"minutes", "60"}}));
    Actor actor{domain::Principal{}, client_addr};
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "auth.reset_requested", "user",
                                    std::to_string(user->id), "password reset link emailed"));
  }
  return tx->Commit();
}

Status PasswordResetService::Check(std::string_view token) {
  if (token.empty() || token.size() > 64) return InvalidArgument("reset.invalid");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto reset, tx->password_resets().Find(crypto_.Sha256Hex(token)));
  if (!reset || reset->used_at || reset->expires_at <= clock_.Now()) {
    return InvalidArgument("reset.invalid");
  }
  return OkStatus();
}

Status PasswordResetService::Complete(std::string_view token, std::string_view new_password,
                                      const std::string& client_addr) {
  SPSE_RETURN_IF_ERROR(Check(token));
  const std::string hash = crypto_.Sha256Hex(token);
  std::optional<User> user;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(auto reset, tx->password_resets().Find(hash));
    if (!reset) return InvalidArgument("reset.invalid");
    SPSE_ASSIGN_OR_RETURN(user, tx->users().FindById(reset->user_id));
  }
  if (!user || !user->active) return InvalidArgument("reset.invalid");
  SPSE_RETURN_IF_ERROR(domain::CheckNewPassword(new_password, user->username));
  SPSE_ASSIGN_OR_RETURN(std::string phc, auth_.HashPassword(new_password));

  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  // Single use, also against two tabs racing: only one MarkUsed succeeds.
  if (Status used = tx->password_resets().MarkUsed(hash, clock_.Now()); !used.ok()) {
    return InvalidArgument("reset.invalid");
  }
  SPSE_ASSIGN_OR_RETURN(user, tx->users().FindById(user->id));
  if (!user) return InvalidArgument("reset.invalid");
  user->password_hash = phc;
  user->must_change_password = false;
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(user->id, ""));
  Actor actor{domain::Principal{}, client_addr};
  actor.who.user_id = user->id;
  actor.who.username = user->username;
  actor.who.roles = user->roles;
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "auth.password_reset", "user",
                                  std::to_string(user->id),
                                  "password set through an emailed link; sessions ended"));
  // ASVS 2.2.3: tell the owner their password changed, by mail whatever
  // their preference (it is a security notice) and in the inbox.
  SPSE_RETURN_IF_ERROR(QueueMail(*tx, composer_, clock_, user->email, "password_changed",
                                 {{"name", user->full_name}, {"username", user->username}}));
  User inbox_only = *user;
  inbox_only.notify_email = false;
  SPSE_RETURN_IF_ERROR(Notify(*tx, composer_, clock_, inbox_only, "password_changed",
                              {{"name", user->full_name}, {"username", user->username}}));
  return tx->Commit();
}

}  // namespace spse::app
