// The login throttle applied to one guess: a password at sign-in, a code at
// the second-factor step or on the account page. Each guess is counted as a
// failure before it is checked, in the caller's write transaction, so that
// parallel guesses queue on the write lock and each sees the ones before it;
// a right guess takes its count back.
#ifndef SPSE_APP_LOGIN_GUARD_H_
#define SPSE_APP_LOGIN_GUARD_H_

#include <string>
#include <string_view>

#include "app/ports.h"
#include "base/clock.h"

namespace spse::app {

// The ThrottleRepo records a guess counts against.
struct GuessKeys {
  std::string account;  // "user:<username>"
  std::string address;  // "addr:<client address>"
};
GuessKeys KeysFor(std::string_view username, std::string_view client_addr);

// 0 when the guess may be checked now, and then it is counted as a failure
// on both records; otherwise how long to wait, and nothing is counted. A
// `known_device` (one that signed in to this account before) is held back
// by neither record.
StatusOr<Micros> CountGuess(Tx& tx, const GuessKeys& keys, Micros now, bool known_device);

// Takes back the one failure CountGuess counted. Earlier failures are kept
// (they fade after an hour): clearing them at each of the owner's sign-ins
// would hand an attacker fresh free guesses.
Status TakeBackGuess(Tx& tx, const GuessKeys& keys);

}  // namespace spse::app

#endif  // SPSE_APP_LOGIN_GUARD_H_
