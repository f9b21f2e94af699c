// The demo LPSE's holidays: Indonesia's national holidays and cuti bersama.
//
// The LPSE must check these every year against the Surat Keputusan Bersama
// (SKB) of the Minister of Religious Affairs, the Minister of Manpower and
// the Minister of Administrative Reform, which fixes them, and against any
// later amendment: the Islamic holidays follow the moon sighting (sidang
// isbat) and may move by a day.
//
// 2026: the SKB's list of national holidays and cuti bersama as published.
// 2027: no SKB was known when this list was written; the fixed-date holidays
// are certain, the others are astronomical estimates, and cuti bersama are
// left out until the SKB names them.
#include "app/demo_data.h"

namespace spse::app {
namespace {

struct DemoHoliday {
  const char* date;
  const char* name;
};

constexpr DemoHoliday kNationalHolidays[] = {
    // 2026, national holidays
    {"2026-01-01", "Tahun Baru 2026 Masehi"},
    {"2026-01-16", "Isra Mikraj Nabi Muhammad SAW"},
    {"2026-02-17", "Tahun Baru Imlek 2577 Kongzili"},
    {"2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948"},
    {"2026-03-21", "Hari Raya Idul Fitri 1447 Hijriah"},
    {"2026-03-22", "Hari Raya Idul Fitri 1447 Hijriah"},
    {"2026-04-03", "Wafat Yesus Kristus"},
    {"2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"},
    {"2026-05-01", "Hari Buruh Internasional"},
    {"2026-05-14", "Kenaikan Yesus Kristus"},
    {"2026-05-27", "Hari Raya Idul Adha 1447 Hijriah"},
    {"2026-05-31", "Hari Raya Waisak 2570 BE"},
    {"2026-06-01", "Hari Lahir Pancasila"},
    {"2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah"},
    {"2026-08-17", "Proklamasi Kemerdekaan Republik Indonesia"},
    {"2026-08-25", "Maulid Nabi Muhammad SAW"},
    {"2026-12-25", "Kelahiran Yesus Kristus (Natal)"},
    // 2026, cuti bersama
    {"2026-02-16", "Cuti bersama Tahun Baru Imlek 2577 Kongzili"},
    {"2026-03-18", "Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1948"},
    {"2026-03-20", "Cuti bersama Idul Fitri 1447 Hijriah"},
    {"2026-03-23", "Cuti bersama Idul Fitri 1447 Hijriah"},
    {"2026-03-24", "Cuti bersama Idul Fitri 1447 Hijriah"},
    {"2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"},
    {"2026-05-28", "Cuti bersama Idul Adha 1447 Hijriah"},
    {"2026-12-24", "Cuti bersama Kelahiran Yesus Kristus (Natal)"},
    // 2027, national holidays (see above: the moving ones are estimates)
    {"2027-01-01", "Tahun Baru 2027 Masehi"},
    {"2027-01-05", "Isra Mikraj Nabi Muhammad SAW"},
    {"2027-02-06", "Tahun Baru Imlek 2578 Kongzili"},
    {"2027-03-09", "Hari Suci Nyepi Tahun Baru Saka 1949"},
    {"2027-03-10", "Hari Raya Idul Fitri 1448 Hijriah"},
    {"2027-03-11", "Hari Raya Idul Fitri 1448 Hijriah"},
    {"2027-03-26", "Wafat Yesus Kristus"},
    {"2027-03-28", "Kebangkitan Yesus Kristus (Paskah)"},
    {"2027-05-01", "Hari Buruh Internasional"},
    {"2027-05-06", "Kenaikan Yesus Kristus"},
    {"2027-05-17", "Hari Raya Idul Adha 1448 Hijriah"},
    {"2027-05-20", "Hari Raya Waisak 2571 BE"},
    {"2027-06-01", "Hari Lahir Pancasila"},
    {"2027-06-06", "1 Muharam Tahun Baru Islam 1449 Hijriah"},
    {"2027-08-15", "Maulid Nabi Muhammad SAW"},
    {"2027-08-17", "Proklamasi Kemerdekaan Republik Indonesia"},
    {"2027-12-25", "Kelahiran Yesus Kristus (Natal)"},
};

}  // namespace

StatusOr<int> LoadDemoHolidays(Tx& tx, const Clock& clock, const Actor& actor) {
  int added = 0;
  for (const DemoHoliday& d : kNationalHolidays) {
    const domain::Holiday h{d.date, d.name};
    SPSE_ASSIGN_OR_RETURN(auto existing, tx.calendar().FindHoliday(h.date));
    if (existing) continue;
    SPSE_RETURN_IF_ERROR(domain::ValidateHoliday(h));
    SPSE_RETURN_IF_ERROR(tx.calendar().InsertHoliday(h, clock.Now(), actor.who.user_id));
    SPSE_RETURN_IF_ERROR(WriteAudit(tx, clock, actor, "calendar.holiday_add", "holiday", h.date,
                                    "demo: holiday " + h.date + " '" + h.name + "'"));
    ++added;
  }
  return added;
}

}  // namespace spse::app
