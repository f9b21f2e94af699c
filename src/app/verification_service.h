// The Verifikator's work on accounts (Pasal 9(4)): deactivating and
// reactivating User IDs with a reason and its source, and the Daftar Hitam.
#ifndef SPSE_APP_VERIFICATION_SERVICE_H_
#define SPSE_APP_VERIFICATION_SERVICE_H_

#include <vector>

#include "app/actor.h"
#include "app/ports.h"

namespace spse::app {

struct AccountRecord {
  User user;
  std::vector<domain::BlacklistEntry> blacklist;  // newest first
};

class VerificationService {
 public:
  VerificationService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  StatusOr<std::vector<User>> ListAccounts(const Actor& actor, const UserFilter& filter);
  StatusOr<AccountRecord> GetAccount(const Actor& actor, std::int64_t id);
  // Ends the account's sessions at once; the reason is shown to its owner
  // when they try to sign in. Reasons: ValidateDeactivation's,
  // "user.not_found", "user.cannot_disable_self".
  Status Deactivate(const Actor& actor, std::int64_t id, const domain::Deactivation& why);
  Status Reactivate(const Actor& actor, std::int64_t id, std::string_view reason);
  // Reasons: ValidateBlacklistEntry's, "blacklist.not_vendor" (only vendor
  // accounts are blacklisted), "user.not_found".
  StatusOr<std::int64_t> AddToBlacklist(const Actor& actor, std::int64_t user_id,
                                        domain::BlacklistEntry entry);
  // Public: the entries in force now.
  StatusOr<std::vector<domain::BlacklistEntry>> PublicBlacklist();

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace spse::app

#endif  // SPSE_APP_VERIFICATION_SERVICE_H_
