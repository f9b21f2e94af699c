// Names and moments used by no other test, in this process or any other: for
// tests whose rows share a database with other tests and earlier runs. Needs no
// database: a random id per process and an atomic counter.
#ifndef SPSE_TESTS_TESTING_UNIQUE_H_
#define SPSE_TESTS_TESTING_UNIQUE_H_

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace spse::testing {

namespace unique_internal {

// Random per process, so that names and epochs differ between runs.
inline std::uint64_t RunSeed() {
  static const std::uint64_t seed = [] {
    std::random_device random;
    return (std::uint64_t{random()} << 32) | random();
  }();
  return seed;
}

inline std::uint64_t NextSerial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

inline std::string ToBase36(std::uint64_t n) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[n % 36]);
    n /= 36;
  } while (n > 0);
  return out;
}

}  // namespace unique_internal

// This process's random id in lower-case letters and digits, e.g. for the
// name of a temporary folder.
inline std::string RunId() { return unique_internal::ToBase36(unique_internal::RunSeed()); }

// A name used by no other test or run: `prefix` + lower-case letters and
// digits, e.g. "budi" -> "budi7f3a9c01x4".
inline std::string Unique(std::string_view prefix) {
  using unique_internal::NextSerial;
  using unique_internal::RunSeed;
  using unique_internal::ToBase36;
  return std::string(prefix) + ToBase36(RunSeed() % 2'176'782'336) + "x" + ToBase36(NextSerial());
}

// The same in upper case, for agency codes: "DPU" -> "DPU7F3A9C01X5".
inline std::string UniqueCode(std::string_view prefix) {
  std::string out = Unique(prefix);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// A moment far in the future, at least a day away from any other call's in
// this and other runs, so time-window queries meet no other test's rows.
inline Micros UniqueEpoch() {
  constexpr Micros kYear2100 = 4'102'444'800 * kMicrosPerSecond;
  // Runs differ in the first term (1000 days apart), calls within a run in the second.
  const auto run = static_cast<Micros>(unique_internal::RunSeed() % 10'000);
  return kYear2100 +
         (run * 1000 + static_cast<Micros>(unique_internal::NextSerial())) * kMicrosPerDay;
}

}  // namespace spse::testing

#endif  // SPSE_TESTS_TESTING_UNIQUE_H_
