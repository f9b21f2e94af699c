// The LPSE's working calendar over SOCI: one working_week row, and the
// holidays keyed by their local date.
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

std::string EncodeWeekdays(const std::array<bool, 7>& days) {
  std::string out;
  for (bool working : days) out += working ? '1' : '0';
  return out;
}

std::array<bool, 7> DecodeWeekdays(const std::string& text) {
  std::array<bool, 7> out{};
  for (size_t i = 0; i < out.size() && i < text.size(); ++i) out[i] = text[i] == '1';
  return out;
}

class SociCalendar final : public app::CalendarRepo {
 public:
  explicit SociCalendar(soci::session& sql) : sql_(sql) {}

  StatusOr<std::optional<domain::WorkWeek>> Week() override {
    return Guard("calendar.week", [&]() -> StatusOr<std::optional<domain::WorkWeek>> {
      std::string weekdays;
      domain::WorkWeek week;
      sql_ << "SELECT weekdays, day_start, day_end FROM working_week WHERE id = 1",
          soci::into(weekdays), soci::into(week.day_start), soci::into(week.day_end);
      if (!sql_.got_data()) return std::optional<domain::WorkWeek>();
      week.weekdays = DecodeWeekdays(weekdays);
      return std::optional<domain::WorkWeek>(week);
    });
  }

  Status PutWeek(const domain::WorkWeek& week) override {
    return Guard("calendar.put_week", [&]() -> Status {
      const std::string weekdays = EncodeWeekdays(week.weekdays);
      int start = week.day_start, end = week.day_end;
      sql_ << "INSERT INTO working_week (id, weekdays, day_start, day_end) VALUES (1, :w, :s, :e) "
              "ON CONFLICT (id) DO UPDATE SET weekdays = excluded.weekdays, "
              "day_start = excluded.day_start, day_end = excluded.day_end",
          soci::use(weekdays, "w"), soci::use(start, "s"), soci::use(end, "e");
      return OkStatus();
    });
  }

  Status InsertHoliday(const domain::Holiday& h, Micros created_at,
                       std::int64_t created_by) override {
    return Guard("calendar.insert_holiday", [&]() -> Status {
      long long at = created_at, by = created_by;
      try {
        sql_ << "INSERT INTO holidays (holiday_date, name, created_at, created_by) VALUES (:d, :n, :t, :b)",
            soci::use(h.date, "d"), soci::use(h.name, "n"), soci::use(at, "t"),
            soci::use(by, "b");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return AlreadyExists("calendar.holiday_exists", h.date);
        throw;
      }
      return OkStatus();
    });
  }

  StatusOr<bool> DeleteHoliday(std::string_view date) override {
    return Guard("calendar.delete_holiday", [&]() -> StatusOr<bool> {
      const std::string day(date);
      soci::statement st = (sql_.prepare << "DELETE FROM holidays WHERE holiday_date = :d", soci::use(day, "d"));
      st.execute(true);
      return st.get_affected_rows() > 0;
    });
  }

  StatusOr<std::optional<domain::Holiday>> FindHoliday(std::string_view date) override {
    return Guard("calendar.find_holiday", [&]() -> StatusOr<std::optional<domain::Holiday>> {
      const std::string day(date);
      domain::Holiday h;
      sql_ << "SELECT holiday_date, name FROM holidays WHERE holiday_date = :d", soci::use(day, "d"),
          soci::into(h.date), soci::into(h.name);
      if (!sql_.got_data()) return std::optional<domain::Holiday>();
      return std::optional<domain::Holiday>(h);
    });
  }

  StatusOr<std::vector<domain::Holiday>> Holidays() override {
    return Guard("calendar.holidays", [&]() -> StatusOr<std::vector<domain::Holiday>> {
      std::vector<domain::Holiday> out;
      domain::Holiday h;
      soci::statement st = (sql_.prepare << "SELECT holiday_date, name FROM holidays ORDER BY holiday_date",
                            soci::into(h.date), soci::into(h.name));
      st.execute();
      while (st.fetch()) out.push_back(h);
      return out;
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::CalendarRepo> NewCalendarRepo(soci::session& sql) {
  return std::make_unique<SociCalendar>(sql);
}

}  // namespace spse::storage
