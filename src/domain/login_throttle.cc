#include "domain/login_throttle.h"

#include <algorithm>

namespace spse::domain {

Micros NextAttemptAt(const FailureRecord& record, const ThrottlePolicy& policy) {
  if (record.failures < policy.free_failures) return 0;
  const int exponent = std::min(record.failures - policy.free_failures, 30);
  const Micros delay = std::min(policy.base_delay << exponent, policy.max_delay);
  return record.last_failure + delay;
}

FailureRecord AfterFailure(const FailureRecord& record, Micros now, const ThrottlePolicy& policy) {
  FailureRecord next = record;
  if (now - record.last_failure >= policy.forget_after) next.failures = 0;
  next.failures += 1;
  next.last_failure = now;
  return next;
}

}  // namespace spse::domain
