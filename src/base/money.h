// Money: an integer amount of sen (1/100 rupiah). Never a floating point.
#ifndef SPSE_BASE_MONEY_H_
#define SPSE_BASE_MONEY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spse {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromSen(std::int64_t sen) { return Money(sen); }
  static constexpr Money FromRupiah(std::int64_t rupiah) { return Money(rupiah * 100); }
  // Parses "1.250.000.000,00", "1250000000" or "1250000000,5" (Indonesian
  // separators). Returns nullopt on anything else or on overflow.
  static std::optional<Money> Parse(std::string_view text);

  constexpr std::int64_t sen() const { return sen_; }
  // "Rp 1.250.000.000,00"
  std::string Format() const;

  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t sen) : sen_(sen) {}
  std::int64_t sen_ = 0;
};

}  // namespace spse

#endif  // SPSE_BASE_MONEY_H_
