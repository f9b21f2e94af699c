#include "base/money.h"

#include <limits>

namespace spse {

std::optional<Money> Money::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  std::int64_t whole = 0;
  std::int64_t frac = 0;
  int frac_digits = -1;  // -1 while in the whole part
  bool any_digit = false;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 100;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      any_digit = true;
      if (frac_digits < 0) {
        if (whole > (kMax - (ch - '0')) / 10) return std::nullopt;
        whole = whole * 10 + (ch - '0');
      } else {
        if (++frac_digits > 2) return std::nullopt;
        frac = frac * 10 + (ch - '0');
      }
    } else if (ch == '.' && frac_digits < 0) {
      continue;  // thousands separator
    } else if (ch == ',' && frac_digits < 0) {
      frac_digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  if (whole > (std::numeric_limits<std::int64_t>::max() - frac) / 100) return std::nullopt;
  const std::int64_t sen = whole * 100 + frac;
  return Money(negative ? -sen : sen);
}

std::string Money::Format() const {
  const bool negative = sen_ < 0;
  // Work in unsigned to stay defined for the minimum value.
  const std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(sen_)
                                     : static_cast<std::uint64_t>(sen_);
  const std::string digits = std::to_string(abs / 100);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  const unsigned cents = static_cast<unsigned>(abs % 100);
  std::string out = negative ? "-Rp " : "Rp ";
  out += grouped;
  out += ',';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

}  // namespace spse
