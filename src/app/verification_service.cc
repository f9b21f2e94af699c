#include "app/verification_service.h"

namespace spse::app {

using domain::Permission;

StatusOr<std::vector<User>> VerificationService::ListAccounts(const Actor& actor,
                                                              const UserFilter& filter) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->users().List(filter);
}

StatusOr<AccountRecord> VerificationService::GetAccount(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  AccountRecord record{*user, {}};
  SPSE_ASSIGN_OR_RETURN(record.blacklist, tx->blacklist().ForUser(id));
  return record;
}

Status VerificationService::Deactivate(const Actor& actor, std::int64_t id,
                                       const domain::Deactivation& why) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  SPSE_RETURN_IF_ERROR(domain::ValidateDeactivation(why));
  if (id == actor.who.user_id) return FailedPrecondition("user.cannot_disable_self");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  user->active = false;
  user->deactivation_reason = why.reason;
  if (why.source == domain::DeactivationSource::kBlacklistRequest) {
    user->deactivation_reason += " (" + why.letter + ")";
  }
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(id, ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "user.deactivate", "user", std::to_string(id),
      "deactivated '" + user->username + "' (" + std::string(domain::DeactivationSourceCode(why.source)) +
          (why.letter.empty() ? "" : ", letter " + why.letter) + "): " + why.reason));
  return tx->Commit();
}

Status VerificationService::Reactivate(const Actor& actor, std::int64_t id,
                                       std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("deactivation.reason_required");
  }
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  user->active = true;
  user->deactivation_reason.clear();
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "user.reactivate", "user",
                                  std::to_string(id),
                                  "reactivated '" + user->username + "': " + std::string(reason)));
  return tx->Commit();
}

StatusOr<std::int64_t> VerificationService::AddToBlacklist(const Actor& actor,
                                                           std::int64_t user_id,
                                                           domain::BlacklistEntry entry) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kVerifyAccounts));
  entry.user_id = user_id;
  entry.created_by = actor.who.user_id;
  entry.created_at = clock_.Now();
  if (entry.starts_at == 0) entry.starts_at = entry.created_at;
  SPSE_RETURN_IF_ERROR(domain::ValidateBlacklistEntry(entry));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(user_id));
  if (!user) return NotFound("user.not_found");
  if (!user->roles.Has(domain::Role::kPenyedia)) return InvalidArgument("blacklist.not_vendor");
  entry.vendor_name = user->full_name;
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->blacklist().Insert(entry));
  // A blacklisted vendor cannot act: its sessions end now.
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(user_id, ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "blacklist.add", "user",
                                  std::to_string(user_id),
                                  "Daftar Hitam: '" + entry.vendor_name + "', SK " +
                                      entry.sk_number + ": " + entry.violation));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

StatusOr<std::vector<domain::BlacklistEntry>> VerificationService::PublicBlacklist() {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->blacklist().InForce(clock_.Now());
}

}  // namespace spse::app
