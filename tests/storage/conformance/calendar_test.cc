// CalendarRepo through Store/Tx: the working week and the holidays.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/civil.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

// A date no other test or run uses (holidays are keyed by date): between
// 2100 and 2190.
std::string UniqueDate() {
  using spse::testing::unique_internal::NextSerial;
  using spse::testing::unique_internal::RunSeed;
  return AddDays("2100-01-01", static_cast<int>(RunSeed() % 30000 + NextSerial()));
}

std::vector<domain::Holiday> AllHolidays() {
  auto all = InReadTx([](app::Tx& tx) { return tx.calendar().Holidays(); });
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? *all : std::vector<domain::Holiday>{};
}

bool Listed(const std::string& date) {
  const auto all = AllHolidays();
  return std::any_of(all.begin(), all.end(), [&](const auto& h) { return h.date == date; });
}

TEST(Calendar, TheWeekIsStoredAndReplaced) {
  domain::WorkWeek week;
  week.weekdays = {true, true, true, true, true, true, false};
  week.day_start = 7 * 60 + 30;
  week.day_end = 15 * 60;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.calendar().PutWeek(week); }));
  ASSERT_OK_AND_ASSIGN(auto got, InReadTx([](app::Tx& tx) { return tx.calendar().Week(); }));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->weekdays, week.weekdays);
  EXPECT_EQ(got->day_start, 7 * 60 + 30);
  EXPECT_EQ(got->day_end, 15 * 60);

  const domain::WorkWeek standard;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.calendar().PutWeek(standard); }));
  ASSERT_OK_AND_ASSIGN(auto again, InReadTx([](app::Tx& tx) { return tx.calendar().Week(); }));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->weekdays, standard.weekdays);
  EXPECT_EQ(again->day_start, standard.day_start);
  EXPECT_EQ(again->day_end, standard.day_end);
}

TEST(Calendar, HolidaysAreFoundListedInDateOrderAndDeleted) {
  const std::string one = UniqueDate(), two = UniqueDate();
  const std::string earlier = std::min(one, two), later = std::max(one, two);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.calendar().InsertHoliday({later, "Hari Uji — café"}, 1, 7);
  }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.calendar().InsertHoliday({earlier, "Hari Uji Awal"}, 2, 7);
  }));
  ASSERT_OK_AND_ASSIGN(auto found,
                       InReadTx([&](app::Tx& tx) { return tx.calendar().FindHoliday(later); }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Hari Uji — café");

  const auto all = AllHolidays();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const auto& a, const auto& b) { return a.date < b.date; }));
  EXPECT_TRUE(Listed(earlier));
  EXPECT_TRUE(Listed(later));

  ASSERT_OK_AND_ASSIGN(bool removed,
                       InWriteTx([&](app::Tx& tx) { return tx.calendar().DeleteHoliday(later); }));
  EXPECT_TRUE(removed);
  ASSERT_OK_AND_ASSIGN(bool again,
                       InWriteTx([&](app::Tx& tx) { return tx.calendar().DeleteHoliday(later); }));
  EXPECT_FALSE(again);
  EXPECT_FALSE(Listed(later));
  ASSERT_OK_AND_ASSIGN(auto gone,
                       InReadTx([&](app::Tx& tx) { return tx.calendar().FindHoliday(later); }));
  EXPECT_FALSE(gone.has_value());
}

TEST(Calendar, ADateHoldsOneHoliday) {
  const std::string date = UniqueDate();
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.calendar().InsertHoliday({date, "Satu"}, 1, 7); }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.calendar().InsertHoliday({date, "Dua"}, 1, 7); }),
              StatusIs(Code::kAlreadyExists, "calendar.holiday_exists"));
  ASSERT_OK_AND_ASSIGN(auto found,
                       InReadTx([&](app::Tx& tx) { return tx.calendar().FindHoliday(date); }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Satu");
}

TEST(Calendar, AnUncommittedHolidayIsNotKept) {
  const std::string date = UniqueDate();
  {
    auto tx = TheStore().Begin(app::Access::kWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_OK((*tx)->calendar().InsertHoliday({date, "Batal"}, 1, 7));
  }
  EXPECT_FALSE(Listed(date));
}

}  // namespace
}  // namespace spse::storage::conformance
