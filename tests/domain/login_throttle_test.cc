#include "domain/login_throttle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "base/clock.h"

namespace spse::domain {
namespace {

constexpr Micros kStart = 1'767'225'600 * kMicrosPerSecond;  // 2026-01-01T00:00:00Z

// The record after `n` failures `spacing` apart, the last one at `last`.
FailureRecord AfterFailures(int n, Micros last, Micros spacing = 0) {
  FailureRecord record;
  for (int i = n - 1; i >= 0; --i) {
    record = AfterFailure(record, last - i * spacing, kAccountThrottle);
  }
  return record;
}

// How long the next attempt must wait after the last failure.
Micros DelayAfter(const FailureRecord& record) {
  return std::max<Micros>(0, NextAttemptAt(record, kAccountThrottle) - record.last_failure);
}

TEST(AccountThrottle, NoRecordMeansNoWait) {
  EXPECT_LE(NextAttemptAt(FailureRecord(), kAccountThrottle), kStart);
}

TEST(AccountThrottle, FiveFreeTriesThenOneSecond) {
  for (int n = 1; n <= 4; ++n) {
    EXPECT_LE(NextAttemptAt(AfterFailures(n, kStart), kAccountThrottle), kStart) << n;
  }
  EXPECT_EQ(NextAttemptAt(AfterFailures(5, kStart), kAccountThrottle), kStart + kMicrosPerSecond);
}

TEST(AccountThrottle, DelayDoublesAfterEachFurtherFailure) {
  EXPECT_EQ(DelayAfter(AfterFailures(5, kStart)), 1 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(AfterFailures(6, kStart)), 2 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(AfterFailures(7, kStart)), 4 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(AfterFailures(8, kStart)), 8 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(AfterFailures(9, kStart)), 16 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(AfterFailures(10, kStart)), 32 * kMicrosPerSecond);
}

TEST(AccountThrottle, DelayIsCappedAtSixtySeconds) {
  EXPECT_EQ(DelayAfter(AfterFailures(11, kStart)), 60 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(AfterFailures(50, kStart)), 60 * kMicrosPerSecond);
  EXPECT_EQ(DelayAfter(FailureRecord{1'000'000, kStart}), 60 * kMicrosPerSecond);
}

TEST(AccountThrottle, EachFailureCountsAndIsTimestamped) {
  const FailureRecord record = AfterFailure(FailureRecord{3, kStart}, kStart + 5, kAccountThrottle);
  EXPECT_EQ(record.failures, 4);
  EXPECT_EQ(record.last_failure, kStart + 5);
}

TEST(AccountThrottle, AnHourOfQuietForgetsEarlierFailures) {
  const FailureRecord many = AfterFailures(20, kStart);
  const FailureRecord just_before =
      AfterFailure(many, kStart + kMicrosPerHour - 1, kAccountThrottle);
  EXPECT_EQ(just_before.failures, 21);
  const FailureRecord after_an_hour = AfterFailure(many, kStart + kMicrosPerHour, kAccountThrottle);
  EXPECT_EQ(after_an_hour.failures, 1);
  EXPECT_LE(NextAttemptAt(after_an_hour, kAccountThrottle), kStart + kMicrosPerHour);
}

// The moments an attacker who guesses as soon as the policy allows gets a
// guess evaluated, from kStart until `until`.
std::vector<Micros> AttackerAttempts(Micros until) {
  FakeClock clock(kStart);
  FailureRecord record;
  std::vector<Micros> attempts;
  while (true) {
    clock.Set(std::max(clock.Now(), NextAttemptAt(record, kAccountThrottle)));
    if (clock.Now() >= until) break;
    attempts.push_back(clock.Now());
    record = AfterFailure(record, clock.Now(), kAccountThrottle);
  }
  return attempts;
}

// ASVS 4.0.3 2.2.1: no more than 100 failed attempts per hour are possible
// on a single account.
TEST(Asvs221, AtMostOneHundredEvaluatedFailuresInTheFirstHour) {
  const std::vector<Micros> attempts = AttackerAttempts(kStart + kMicrosPerHour);
  EXPECT_GT(attempts.size(), 5u);
  EXPECT_LE(attempts.size(), 100u);
}

TEST(Asvs221, AtMostOneHundredEvaluatedFailuresInAnyHourOfADay) {
  const std::vector<Micros> attempts = AttackerAttempts(kStart + 24 * kMicrosPerHour);
  size_t most = 0;
  size_t first = 0;
  for (size_t last = 0; last < attempts.size(); ++last) {
    while (attempts[last] - attempts[first] >= kMicrosPerHour) ++first;
    most = std::max(most, last - first + 1);
  }
  EXPECT_LE(most, 100u);
}

TEST(Asvs221, TheVictimNeverWaitsMoreThanAMinute) {
  FakeClock clock(kStart);
  FailureRecord record;
  Micros longest_wait = 0;
  for (int i = 0; i < 10'000; ++i) {
    clock.Set(std::max(clock.Now(), NextAttemptAt(record, kAccountThrottle)));
    record = AfterFailure(record, clock.Now(), kAccountThrottle);
    // The victim arrives right after the attacker's latest failure.
    longest_wait = std::max(longest_wait, NextAttemptAt(record, kAccountThrottle) - clock.Now());
  }
  EXPECT_EQ(longest_wait, 60 * kMicrosPerSecond);
}

TEST(AddressThrottle, TwentyFreeTriesThenDoublingUpToFiveMinutes) {
  FailureRecord record;
  for (int i = 0; i < 19; ++i) record = AfterFailure(record, kStart, kAddressThrottle);
  EXPECT_LE(NextAttemptAt(record, kAddressThrottle), kStart);
  record = AfterFailure(record, kStart, kAddressThrottle);
  EXPECT_EQ(NextAttemptAt(record, kAddressThrottle), kStart + kMicrosPerSecond);
  record = AfterFailure(record, kStart, kAddressThrottle);
  EXPECT_EQ(NextAttemptAt(record, kAddressThrottle), kStart + 2 * kMicrosPerSecond);
  for (int i = 0; i < 20; ++i) record = AfterFailure(record, kStart, kAddressThrottle);
  EXPECT_EQ(NextAttemptAt(record, kAddressThrottle), kStart + 5 * kMicrosPerMinute);
}

}  // namespace
}  // namespace spse::domain
