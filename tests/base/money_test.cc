#include "base/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <ostream>
#include <string>

namespace spse {

// Shows amounts in failure messages.
void PrintTo(Money money, std::ostream* os) {
  *os << money.Format() << " (" << money.sen() << " sen)";
}

namespace {

constexpr std::int64_t kMaxSen = std::numeric_limits<std::int64_t>::max();

TEST(MoneyParse, ReadsIndonesianThousandsAndDecimalSeparators) {
  EXPECT_EQ(Money::Parse("1.250.000.000,00"), Money::FromRupiah(1'250'000'000));
}

TEST(MoneyParse, ReadsPlainDigits) {
  EXPECT_EQ(Money::Parse("1250000000"), Money::FromRupiah(1'250'000'000));
  EXPECT_EQ(Money::Parse("0"), Money::FromSen(0));
}

TEST(MoneyParse, OneDecimalDigitIsTensOfSen) {
  EXPECT_EQ(Money::Parse("1,5"), Money::FromSen(150));
  EXPECT_EQ(Money::Parse("1,05"), Money::FromSen(105));
}

TEST(MoneyParse, RejectsMoreThanTwoDecimalDigits) {
  EXPECT_EQ(Money::Parse("1,555"), std::nullopt);
}

TEST(MoneyParse, ReadsNegativeAmounts) {
  EXPECT_EQ(Money::Parse("-1.500,25"), Money::FromSen(-150'025));
}

TEST(MoneyParse, RejectsAnythingButDigitsAndSeparators) {
  EXPECT_EQ(Money::Parse(""), std::nullopt);
  EXPECT_EQ(Money::Parse("-"), std::nullopt);
  EXPECT_EQ(Money::Parse("abc"), std::nullopt);
  EXPECT_EQ(Money::Parse("Rp 1.000"), std::nullopt);
  EXPECT_EQ(Money::Parse("1,000,00"), std::nullopt);
  EXPECT_EQ(Money::Parse("1e6"), std::nullopt);
  EXPECT_EQ(Money::Parse("--5"), std::nullopt);
}

TEST(MoneyParse, AcceptsTheLargestAmountAnInt64OfSenHolds) {
  EXPECT_EQ(Money::Parse("92.233.720.368.547.758,07"), Money::FromSen(kMaxSen));
  EXPECT_EQ(Money::Parse("-92.233.720.368.547.758,07"), Money::FromSen(-kMaxSen));
}

TEST(MoneyParse, RejectsOverflow) {
  EXPECT_EQ(Money::Parse("92.233.720.368.547.759"), std::nullopt);
  EXPECT_EQ(Money::Parse("99999999999999999999999"), std::nullopt);
  // One sen past the limit: the whole part fits, the decimals do not.
  EXPECT_EQ(Money::Parse("92.233.720.368.547.758,08"), std::nullopt);
  EXPECT_EQ(Money::Parse("92.233.720.368.547.758,99"), std::nullopt);
}

TEST(MoneyFormat, GroupsThousandsAndShowsTwoDecimals) {
  EXPECT_EQ(Money::FromRupiah(1'250'000'000).Format(), "Rp 1.250.000.000,00");
  EXPECT_EQ(Money::FromSen(150).Format(), "Rp 1,50");
  EXPECT_EQ(Money::FromSen(5).Format(), "Rp 0,05");
  EXPECT_EQ(Money::FromRupiah(999).Format(), "Rp 999,00");
  EXPECT_EQ(Money::FromRupiah(1000).Format(), "Rp 1.000,00");
  EXPECT_EQ(Money().Format(), "Rp 0,00");
}

TEST(MoneyFormat, ShowsNegativeAmountsWithALeadingMinus) {
  EXPECT_EQ(Money::FromSen(-150'025).Format(), "-Rp 1.500,25");
}

TEST(MoneyFormat, HandlesTheExtremes) {
  EXPECT_EQ(Money::FromSen(kMaxSen).Format(), "Rp 92.233.720.368.547.758,07");
  EXPECT_EQ(Money::FromSen(std::numeric_limits<std::int64_t>::min()).Format(),
            "-Rp 92.233.720.368.547.758,08");
}

TEST(Money, FormatThenParseGivesTheSameAmount) {
  for (const std::int64_t sen :
       std::initializer_list<std::int64_t>{0, 1, 99, 100, 123'456'789, -42, kMaxSen}) {
    const Money money = Money::FromSen(sen);
    const std::string text = money.Format();
    const std::string digits = text.substr(text.find("Rp ") + 3);
    EXPECT_EQ(Money::Parse((sen < 0 ? "-" : "") + digits), money) << text;
  }
}

TEST(Money, ComparesByAmount) {
  EXPECT_LT(Money::FromSen(99), Money::FromRupiah(1));
  EXPECT_EQ(Money::FromSen(100), Money::FromRupiah(1));
}

}  // namespace
}  // namespace spse
