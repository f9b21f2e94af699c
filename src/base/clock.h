// Clock: the only source of "now" in SPSE. Time inside the system is UTC,
// counted in microseconds since the Unix epoch; a zone is applied only when
// showing a time to a person (see time_format.h).
#ifndef SPSE_BASE_CLOCK_H_
#define SPSE_BASE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace spse {

// Microseconds since 1970-01-01T00:00:00Z.
using Micros = std::int64_t;
inline constexpr Micros kMicrosPerSecond = 1'000'000;
inline constexpr Micros kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr Micros kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr Micros kMicrosPerDay = 24 * kMicrosPerHour;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Micros Now() const = 0;
};

// The server's wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Micros Now() const override;
  static const SystemClock& Get();
};

// A clock tests set and advance by hand. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Micros start) : now_(start) {}
  Micros Now() const override { return now_.load(); }
  void Set(Micros t) { now_.store(t); }
  void Advance(Micros d) { now_.fetch_add(d); }

 private:
  std::atomic<Micros> now_;
};

}  // namespace spse

#endif  // SPSE_BASE_CLOCK_H_
