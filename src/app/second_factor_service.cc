#include "app/second_factor_service.h"

#include "app/login_guard.h"
#include "domain/second_factor.h"

namespace spse::app {
namespace {

using domain::Permission;

std::string UserId(std::int64_t id) { return std::to_string(id); }

}  // namespace

SecondFactorService::SecondFactorService(Store& store, CryptoPort& crypto, TotpPort& totp,
                                         const Clock& clock, std::string_view server_secret,
                                         std::string issuer)
    : store_(store), crypto_(crypto), clock_(clock), second_factor_(crypto, totp, server_secret),
      issuer_(std::move(issuer)) {}

StatusOr<SecondFactorOverview> SecondFactorService::OverviewIn(Tx& tx, const User& user) {
  SecondFactorOverview out;
  out.required = domain::RequiresSecondFactor(user.roles);
  SPSE_ASSIGN_OR_RETURN(auto credential, tx.second_factor().Find(user.id));
  if (credential) {
    out.enabled = true;
    out.enabled_at = credential->enabled_at;
    SPSE_ASSIGN_OR_RETURN(out.recovery_codes_left,
                          tx.second_factor().CountUnusedRecoveryCodes(user.id));
  }
  return out;
}

StatusOr<SecondFactorOverview> SecondFactorService::Overview(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(actor.who.user_id));
  if (!user) return NotFound("user.not_found");
  return OverviewIn(*tx, *user);
}

StatusOr<SecondFactorOverview> SecondFactorService::OverviewOf(const Actor& actor,
                                                               std::int64_t user_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(user_id));
  if (!user) return NotFound("user.not_found");
  return OverviewIn(*tx, *user);
}

StatusOr<Enrolment> SecondFactorService::BeginEnrolment(const Actor& actor,
                                                        std::string_view token) {
  SPSE_ASSIGN_OR_RETURN(const SecondFactorOverview now_state, Overview(actor));
  if (now_state.enabled) return FailedPrecondition("totp.already_enabled");
  const Micros now = clock_.Now();
  Enrolment out;
  std::optional<std::string> secret = second_factor_.OpenEnrolment(token, actor.who.user_id, now);
  if (secret) {
    out.token = std::string(token);
  } else {
    secret = crypto_.RandomBytes(domain::kTotpSecretBytes);
    out.token = second_factor_.SealEnrolment(actor.who.user_id, now, *secret);
  }
  out.secret_base32 = second_factor_.totp().Base32(*secret);
  out.uri = domain::OtpAuthUri(issuer_, actor.who.username, out.secret_base32);
  return out;
}

StatusOr<std::vector<std::string>> SecondFactorService::ConfirmEnrolment(const Actor& actor,
                                                                         std::string_view token,
                                                                         std::string_view code) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  if (domain::NormalizeCode(code).empty()) return InvalidArgument("totp.code_missing");
  const Micros now = clock_.Now();
  const std::optional<std::string> secret =
      second_factor_.OpenEnrolment(token, actor.who.user_id, now);
  if (!secret) return InvalidArgument("totp.enrolment_expired");
  const std::optional<std::int64_t> step = second_factor_.MatchStep(*secret, code, now);
  if (!step) return InvalidArgument("auth.otp_invalid");

  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  TotpCredential credential;
  credential.user_id = actor.who.user_id;
  credential.secret_sealed = second_factor_.SealSecret(*secret);
  // The confirming code counts as used: it cannot also open a sign-in.
  credential.last_step = *step;
  credential.enabled_at = now;
  Status inserted = tx->second_factor().Insert(credential);
  if (inserted.code() == Code::kAlreadyExists) return FailedPrecondition("totp.already_enabled");
  SPSE_RETURN_IF_ERROR(inserted);
  SPSE_ASSIGN_OR_RETURN(auto codes, IssueRecoveryCodes(*tx, actor.who.user_id, now));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "totp.enabled", "user",
                                  UserId(actor.who.user_id),
                                  "second factor enabled (authenticator app); " +
                                      std::to_string(codes.size()) + " recovery codes issued"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return codes;
}

Status SecondFactorService::SpendCode(Tx& tx, const Actor& actor, std::string_view code,
                                      Micros now) {
  if (domain::NormalizeCode(code).empty()) return InvalidArgument("totp.code_missing");
  const GuessKeys keys = KeysFor(actor.who.username, actor.client_addr);
  SPSE_ASSIGN_OR_RETURN(const Micros wait, CountGuess(tx, keys, now, false));
  if (wait > 0) return ResourceExhausted("auth.throttled");
  auto spent = second_factor_.Spend(tx, actor.who.user_id, code, now);
  if (spent.ok()) return TakeBackGuess(tx, keys);
  if (spent.status().code() != Code::kUnauthenticated) return spent.status();
  SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock_, actor, "totp.code_failed", "user",
                                  UserId(actor.who.user_id),
                                  "wrong second-factor code on the account page"));
  SPSE_RETURN_IF_ERROR(tx.Commit());
  return InvalidArgument(spent.status().reason());
}

StatusOr<std::vector<std::string>> SecondFactorService::IssueRecoveryCodes(Tx& tx,
                                                                           std::int64_t user_id,
                                                                           Micros now) {
  SecondFactor::RecoveryCodes codes = second_factor_.NewRecoveryCodes(user_id);
  SPSE_RETURN_IF_ERROR(tx.second_factor().ReplaceRecoveryCodes(user_id, codes.hashes, now));
  return std::move(codes.shown);
}

StatusOr<std::vector<std::string>> SecondFactorService::RenewRecoveryCodes(const Actor& actor,
                                                                           std::string_view code) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_RETURN_IF_ERROR(SpendCode(*tx, actor, code, now));
  SPSE_ASSIGN_OR_RETURN(auto codes, IssueRecoveryCodes(*tx, actor.who.user_id, now));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "totp.recovery_codes_renewed", "user",
                                  UserId(actor.who.user_id),
                                  std::to_string(codes.size()) +
                                      " new recovery codes; the old ones no longer work"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return codes;
}

Status SecondFactorService::Disable(const Actor& actor, std::string_view code) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kSignedIn));
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(actor.who.user_id));
  if (!user) return NotFound("user.not_found");
  if (domain::RequiresSecondFactor(user->roles)) return FailedPrecondition("totp.required");
  SPSE_RETURN_IF_ERROR(SpendCode(*tx, actor, code, now));
  SPSE_RETURN_IF_ERROR(tx->second_factor().Delete(user->id).status());
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "totp.disabled", "user", UserId(user->id),
                                  "second factor switched off by the account holder"));
  return tx->Commit();
}

Status SecondFactorService::Reset(const Actor& actor, std::int64_t user_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  if (user_id == actor.who.user_id) return FailedPrecondition("totp.reset_self");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(user_id));
  if (!user) return NotFound("user.not_found");
  SPSE_ASSIGN_OR_RETURN(const bool removed, tx->second_factor().Delete(user_id));
  if (!removed) return FailedPrecondition("totp.not_enabled");
  // Whoever holds one of its sessions must not be the one to enrol a new app.
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(user_id, ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "totp.reset", "user", UserId(user_id),
                                  "second factor of '" + user->username +
                                      "' removed (lost device); sessions ended"));
  return tx->Commit();
}

}  // namespace spse::app
