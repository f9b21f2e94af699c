#include "app/login_guard.h"

#include <algorithm>

#include "domain/login_throttle.h"

namespace spse::app {

GuessKeys KeysFor(std::string_view username, std::string_view client_addr) {
  return GuessKeys{"user:" + std::string(username), "addr:" + std::string(client_addr)};
}

StatusOr<Micros> CountGuess(Tx& tx, const GuessKeys& keys, Micros now, bool known_device) {
  SPSE_ASSIGN_OR_RETURN(const domain::FailureRecord by_addr, tx.throttle().Get(keys.address));
  SPSE_ASSIGN_OR_RETURN(const domain::FailureRecord by_account, tx.throttle().Get(keys.account));
  // A device that signed in to this very account before is its owner's:
  // neither a flood on the account nor one from a shared address (an office
  // behind one NAT) holds it back.
  if (!known_device) {
    const Micros next = std::max(domain::NextAttemptAt(by_addr, domain::kAddressThrottle),
                                 domain::NextAttemptAt(by_account, domain::kAccountThrottle));
    if (next > now) return next - now;
  }
  SPSE_RETURN_IF_ERROR(tx.throttle().Put(
      keys.account, domain::AfterFailure(by_account, now, domain::kAccountThrottle)));
  SPSE_RETURN_IF_ERROR(tx.throttle().Put(
      keys.address, domain::AfterFailure(by_addr, now, domain::kAddressThrottle)));
  return Micros{0};
}

Status TakeBackGuess(Tx& tx, const GuessKeys& keys) {
  for (const std::string& key : {keys.account, keys.address}) {
    SPSE_ASSIGN_OR_RETURN(domain::FailureRecord record, tx.throttle().Get(key));
    if (record.failures > 0) {
      record.failures -= 1;
      SPSE_RETURN_IF_ERROR(tx.throttle().Put(key, record));
    }
  }
  return OkStatus();
}

}  // namespace spse::app
