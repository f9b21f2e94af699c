// The LPSE's working calendar as Admin Sistem keeps it, and as the use cases
// that count working days get it (issue 4, item 3).
#include "app/calendar_service.h"

#include "app/app_fixture.h"
#include "catalog/catalogue_loader.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::Holiday;
using domain::Role;
using domain::RoleSet;

constexpr int kWib = 7 * 60;
Micros Wib(const char* date, int hour, int minute = 0) {
  return FromLocal(date, hour * 60 + minute, kWib);
}

class CalendarServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto loaded = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) +
                                         "/web/catalogue/procedures.toml");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    catalogue_ = std::move(*loaded);
    calendar_ = std::make_unique<CalendarService>(*store_, clock_, spse::kWib, catalogue_);
  }
  void TearDown() override {
    calendar_.reset();
    AppTest::TearDown();
  }

  Actor SignedIn(Role role) {
    Actor a;
    a.who.user_id = 77;
    a.who.username = "someone";
    a.who.roles = RoleSet{role};
    a.client_addr = "10.0.0.9";
    return a;
  }

  domain::Catalogue catalogue_;
  std::unique_ptr<CalendarService> calendar_;
};

TEST_F(CalendarServiceTest, AnEmptyDatabaseWorksMondayToFridayEightToFourWithoutHolidays) {
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar c, calendar_->Current());
  EXPECT_EQ(c.offset_minutes, kWib);
  EXPECT_EQ(c.day_start, 8 * 60);
  EXPECT_EQ(c.day_end, 16 * 60);
  EXPECT_EQ(c.working_weekdays, (std::array<bool, 7>{true, true, true, true, true, false, false}));
  EXPECT_TRUE(c.holidays.empty());
  ASSERT_OK_AND_ASSIGN(CalendarOverview o, calendar_->Overview(AdminActor()));
  EXPECT_FALSE(o.configured);
}

TEST_F(CalendarServiceTest, AddedHolidaysAreInTheCalendarUseCasesGetAndAreAudited) {
  ASSERT_OK(calendar_->AddHoliday(AdminActor(), {"2027-03-09", "Hari Suci Nyepi"}));
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar c, calendar_->Current());
  EXPECT_EQ(c.holidays, (std::set<std::string>{"2027-03-09"}));
  EXPECT_FALSE(c.IsWorkingDay("2027-03-09"));
  EXPECT_EQ(AuditCount("calendar.holiday_add"), 1);

  // The same through a use case's own transaction.
  auto tx = store_->Begin(Access::kRead);
  ASSERT_TRUE(tx.ok());
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar in_tx, calendar_->Current(**tx));
  EXPECT_EQ(in_tx.holidays, c.holidays);
}

TEST_F(CalendarServiceTest, ADateHasOneHolidayAndBadDatesAreRefused) {
  ASSERT_OK(calendar_->AddHoliday(AdminActor(), {"2027-03-09", "Hari Suci Nyepi"}));
  EXPECT_THAT(calendar_->AddHoliday(AdminActor(), {"2027-03-09", "Nyepi lagi"}),
              StatusIs(Code::kAlreadyExists, "calendar.holiday_exists"));
  EXPECT_THAT(calendar_->AddHoliday(AdminActor(), {"2027-02-29", "Tidak ada"}),
              StatusIs(Code::kInvalidArgument, "calendar.holiday_invalid"));
  EXPECT_THAT(calendar_->AddHoliday(AdminActor(), {"2027-04-01", ""}),
              StatusIs(Code::kInvalidArgument, "calendar.holiday_name_required"));
  EXPECT_EQ(AuditCount("calendar.holiday_add"), 1);
}

TEST_F(CalendarServiceTest, RemovingAHolidayMakesTheDayWorkAgain) {
  ASSERT_OK(calendar_->AddHoliday(AdminActor(), {"2027-03-09", "Hari Suci Nyepi"}));
  ASSERT_OK(calendar_->RemoveHoliday(AdminActor(), "2027-03-09"));
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar c, calendar_->Current());
  EXPECT_TRUE(c.IsWorkingDay("2027-03-09"));
  EXPECT_EQ(AuditCount("calendar.holiday_remove"), 1);
  EXPECT_THAT(calendar_->RemoveHoliday(AdminActor(), "2027-03-09"),
              StatusIs(Code::kNotFound, "calendar.holiday_not_found"));
}

TEST_F(CalendarServiceTest, AListIsStoredWhole) {
  ASSERT_OK_AND_ASSIGN(HolidayImport r, calendar_->ImportHolidays(
      AdminActor(), "2027-01-01 Tahun Baru 2027 Masehi\n2027-02-06 Tahun Baru Imlek\n"));
  EXPECT_EQ(r.added, 2);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_OK_AND_ASSIGN(CalendarOverview o, calendar_->Overview(AdminActor()));
  ASSERT_EQ(o.holidays.size(), 2u);
  EXPECT_EQ(o.holidays[1].name, "Tahun Baru Imlek");
  EXPECT_EQ(AuditCount("calendar.holiday_add"), 2);
}

TEST_F(CalendarServiceTest, AListWithABadLineStoresNothingAndSaysWhichLines) {
  ASSERT_OK(calendar_->AddHoliday(AdminActor(), {"2027-01-01", "Tahun Baru"}));
  ASSERT_OK_AND_ASSIGN(HolidayImport r, calendar_->ImportHolidays(
      AdminActor(),
      "2027-02-06 Tahun Baru Imlek\n2027-01-01 Tahun Baru (sudah ada)\n2027-13-01 Bulan 13\n"));
  EXPECT_EQ(r.added, 0);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].reason, "calendar.holiday_exists");
  EXPECT_EQ(r.errors[1].line, 3);
  EXPECT_EQ(r.errors[1].reason, "calendar.holiday_invalid");
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar c, calendar_->Current());
  EXPECT_EQ(c.holidays, (std::set<std::string>{"2027-01-01"}));
  EXPECT_EQ(AuditCount("calendar.holiday_add"), 1);
  EXPECT_THAT(calendar_->ImportHolidays(AdminActor(), "\n# nothing\n").status(),
              StatusIs(Code::kInvalidArgument, "calendar.import_empty"));
}

TEST_F(CalendarServiceTest, WorkingHoursAreValidatedStoredAndAudited) {
  domain::WorkWeek week;
  week.day_start = 16 * 60;
  week.day_end = 8 * 60;
  EXPECT_THAT(calendar_->SetWeek(AdminActor(), week),
              StatusIs(Code::kInvalidArgument, "calendar.hours_invalid"));
  week = domain::WorkWeek{};
  week.weekdays.fill(false);
  EXPECT_THAT(calendar_->SetWeek(AdminActor(), week),
              StatusIs(Code::kInvalidArgument, "calendar.no_working_day"));
  EXPECT_EQ(AuditCount("calendar.week"), 0);

  week = domain::WorkWeek{};
  week.weekdays[5] = true;  // Saturday
  week.day_start = 7 * 60 + 30;
  week.day_end = 15 * 60 + 30;
  ASSERT_OK(calendar_->SetWeek(AdminActor(), week));
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar c, calendar_->Current());
  EXPECT_TRUE(c.IsWorkingDay("2027-03-13"));  // a Saturday
  EXPECT_EQ(c.day_start, 7 * 60 + 30);
  EXPECT_EQ(c.day_end, 15 * 60 + 30);
  EXPECT_EQ(AuditCount("calendar.week"), 1);
}

TEST_F(CalendarServiceTest, OnlyAdminSistemManagesTheCalendar) {
  for (Role r : {Role::kHelpdesk, Role::kPokja, Role::kPenyedia, Role::kAuditor}) {
    EXPECT_THAT(calendar_->AddHoliday(SignedIn(r), {"2027-03-09", "Nyepi"}),
                StatusIs(Code::kPermissionDenied, "auth.forbidden"));
    EXPECT_THAT(calendar_->Overview(SignedIn(r)).status(),
                StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  }
  EXPECT_THAT(calendar_->SetWeek(Actor{}, domain::WorkWeek{}),
              StatusIs(Code::kUnauthenticated, "auth.required"));
}

// EVIDENCE-OF: JDW-P1-04, JDW-P1-05 on the LPSE's calendar: published on a
// Monday, the clarification (+3 calendar days, on a working day) moves off a
// holiday on the Thursday to the Friday morning.
TEST_F(CalendarServiceTest, TheProposalAvoidsTheLpsesHolidays) {
  const Micros monday = Wib("2028-02-07", 9);
  auto stage = [](const domain::Schedule& s, const std::string& code) {
    for (const auto& p : s) {
      if (p.stage == code) return p;
    }
    return domain::StagePeriod{};
  };
  ASSERT_OK_AND_ASSIGN(domain::Schedule before, calendar_->Propose("tender-pasca-satu-file", monday));
  EXPECT_EQ(stage(before, "penjelasan").start, Wib("2028-02-10", 9));

  ASSERT_OK(calendar_->AddHoliday(AdminActor(), {"2028-02-10", "Libur uji"}));
  ASSERT_OK_AND_ASSIGN(domain::Schedule after, calendar_->Propose("tender-pasca-satu-file", monday));
  EXPECT_EQ(stage(after, "penjelasan").start, Wib("2028-02-11", 8));
  ASSERT_OK_AND_ASSIGN(domain::WorkingCalendar c, calendar_->Current());
  EXPECT_TRUE(domain::CheckSchedule(*catalogue_.Find("tender-pasca-satu-file"), after, c).empty());

  EXPECT_THAT(calendar_->Propose("tender-tanpa-nama", monday).status(),
              StatusIs(Code::kNotFound, "procedure.not_found"));
}

}  // namespace
}  // namespace spse::app
