// The server's clock, which end-to-end tests may shift: when the environment
// names SPSE_TEST_CLOCK_FILE, "now" is the wall clock plus the number of
// seconds written in that file (read on every call), so a
// test can move a running server into a tender's later stages. The server
// says so loudly at start and on /healthz; production never sets it.
#ifndef SPSE_CLI_TEST_CLOCK_H_
#define SPSE_CLI_TEST_CLOCK_H_

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>

#include "base/clock.h"

namespace spse::cli {

class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}

  // Reads the file on every call (tests only): a change takes effect at once.
  Micros Now() const override {
    std::ifstream in(path_);
    long long seconds = 0;
    if (in >> seconds) offset_.store(seconds * kMicrosPerSecond);
    return SystemClock::Get().Now() + offset_.load();
  }

 private:
  std::string path_;
  mutable std::atomic<Micros> offset_{0};  // the last offset read, kept if the file is unreadable
};

// The clock every service of this process uses.
inline const Clock& ServerClock() {
  static const Clock* clock = [] () -> const Clock* {
    const char* file = std::getenv("SPSE_TEST_CLOCK_FILE");
    if (file == nullptr || *file == '\0') return &SystemClock::Get();
    return new OffsetFileClock(file);
  }();
  return *clock;
}

inline bool TestClockActive() { return &ServerClock() != &SystemClock::Get(); }

}  // namespace spse::cli

#endif  // SPSE_CLI_TEST_CLOCK_H_
