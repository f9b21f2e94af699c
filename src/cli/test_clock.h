// The server's clock, which end-to-end tests may shift: when the environment
// names SPSE_TEST_CLOCK_FILE, "now" is the wall clock plus the number of
// seconds written in that file (re-read whenever the file changes), so a
// test can move a running server into a tender's later stages. The server
// says so loudly at start and on /healthz; production never sets it.
#ifndef SPSE_CLI_TEST_CLOCK_H_
#define SPSE_CLI_TEST_CLOCK_H_

#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>

#include "base/clock.h"

namespace spse::cli {

class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}

  Micros Now() const override {
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
      const std::int64_t stamp =
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
      std::lock_guard<std::mutex> lock(mu_);
      if (stamp != stamp_ || st.st_size != size_) {
        stamp_ = stamp;
        size_ = st.st_size;
        std::ifstream in(path_);
        long long seconds = 0;
        if (in >> seconds) offset_ = seconds * kMicrosPerSecond;
      }
      return SystemClock::Get().Now() + offset_;
    }
    std::lock_guard<std::mutex> lock(mu_);
    return SystemClock::Get().Now() + offset_;
  }

 private:
  std::string path_;
  mutable std::mutex mu_;
  mutable std::int64_t stamp_ = -1;
  mutable off_t size_ = -1;
  mutable Micros offset_ = 0;
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
