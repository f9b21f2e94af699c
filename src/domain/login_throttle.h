// Login throttling policy (ASVS 4.0.3 2.2.1 / 5.0 6.1.1): failed sign-ins
// slow further guesses exponentially, per account and per client address,
// with a short cap so that an attacker cannot lock a victim out for long.
// At most 100 failed attempts per hour can be evaluated on one account.
// Pure functions over a failure record; storage keeps the records.
#ifndef SPSE_DOMAIN_LOGIN_THROTTLE_H_
#define SPSE_DOMAIN_LOGIN_THROTTLE_H_

#include "base/clock.h"

namespace spse::domain {

struct ThrottlePolicy {
  int free_failures;    // failures allowed without any delay
  Micros base_delay;    // delay after the first counted failure
  Micros max_delay;     // the delay never grows beyond this
  Micros forget_after;  // a quiet period that resets the count
};

// Per account: 5 free tries, then 1 s, 2 s, 4 s ... capped at 60 s, so at most
// 5 + 60 guesses per hour, and a victim waits at most a minute.
inline constexpr ThrottlePolicy kAccountThrottle{5, kMicrosPerSecond, 60 * kMicrosPerSecond,
                                                 kMicrosPerHour};
// Per client address: 20 free tries, then doubling up to 5 minutes.
inline constexpr ThrottlePolicy kAddressThrottle{20, kMicrosPerSecond, 5 * kMicrosPerMinute,
                                                 kMicrosPerHour};

struct FailureRecord {
  int failures = 0;
  Micros last_failure = 0;
};

// The earliest time the next attempt may be evaluated; <= now means "go".
Micros NextAttemptAt(const FailureRecord& record, const ThrottlePolicy& policy);
// The record after one more failure at `now`.
FailureRecord AfterFailure(const FailureRecord& record, Micros now, const ThrottlePolicy& policy);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_LOGIN_THROTTLE_H_
