// The LPSE's working calendar (Admin Sistem) and the public procedure
// catalogue with its "coba jadwal" tool (issue 4, item 3).
#include <cstdio>

#include "app/calendar_service.h"
#include "domain/tender.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

constexpr const char* kWeekdayKeys[] = {"weekday.1", "weekday.2", "weekday.3", "weekday.4",
                                        "weekday.5", "weekday.6", "weekday.7"};

std::string Hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

// "08:00" -> 480; "24:00" is the end of the day. nullopt when malformed.
std::optional<int> ParseHhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1; };
  const int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
  const int h = h1 * 10 + h2, m = m1 * 10 + m2;
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

// The catalogue label of `prefix + code`, or the code itself when it has none.
bool English(const Context& ctx) { return ctx.lang == Lang::kEn; }

struct CalendarForm {
  domain::WorkWeek week;
  domain::Holiday holiday;
  std::string lines;
  std::vector<domain::HolidayLineError> line_errors;
};

StatusOr<Response> RenderCalendar(Context& ctx, int status, const Status& error,
                                  const CalendarForm* draft) {
  auto& calendar = ctx.site.services().calendar;
  SPSE_ASSIGN_OR_RETURN(app::CalendarOverview overview, calendar.Overview(ctx.actor()));
  const domain::WorkWeek& week = draft ? draft->week : overview.week;
  data view;
  view.set("title", ctx.T("calendar.title"));
  view.set("zone", std::string(calendar.zone().name));
  view.set("day_start", Hhmm(week.day_start));
  view.set("day_end", Hhmm(week.day_end));
  view.set("configured", overview.configured);
  data days = List();
  for (size_t i = 0; i < week.weekdays.size(); ++i) {
    data d;
    d.set("value", std::to_string(i + 1));
    d.set("label", ctx.T(kWeekdayKeys[i]));
    d.set("checked", week.weekdays[i]);
    days.push_back(d);
  }
  view.set("weekdays", days);
  data rows = List();
  for (const domain::Holiday& h : overview.holidays) {
    data r;
    r.set("date", h.date);
    r.set("weekday", ctx.T(kWeekdayKeys[WeekdayOf(h.date) - 1]));
    r.set("name", h.name);
    rows.push_back(r);
  }
  view.set("holidays", rows);
  view.set("has_holidays", !overview.holidays.empty());
  view.set("holiday_count", std::to_string(overview.holidays.size()));
  if (draft) {
    view.set("form_date", draft->holiday.date);
    view.set("form_name", draft->holiday.name);
    view.set("form_lines", draft->lines);
    data errors = List();
    for (const auto& e : draft->line_errors) {
      data r;
      r.set("line", std::to_string(e.line));
      r.set("text", e.text);
      r.set("reason", e.reason);
      r.set("message", ctx.ErrorText(InvalidArgument(e.reason)));
      errors.push_back(r);
    }
    view.set("line_errors", errors);
    view.set("has_line_errors", !draft->line_errors.empty());
  }
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("admin_kalender", view, status);
}

bool IsUserError(const Status& s) { return HttpStatusFor(s.code()) < 500; }

}  // namespace

StatusOr<Response> CalendarPage(Context& ctx) { return RenderCalendar(ctx, 200, OkStatus(), nullptr); }

StatusOr<Response> CalendarWeek(Context& ctx) {
  CalendarForm form;
  form.week.weekdays.fill(false);
  for (const std::string& v : ctx.req.form.GetAll("weekdays")) {
    if (v.size() == 1 && v[0] >= '1' && v[0] <= '7') form.week.weekdays[static_cast<size_t>(v[0] - '1')] = true;
  }
  const auto start = ParseHhmm(Field(ctx, "day_start"));
  const auto end = ParseHhmm(Field(ctx, "day_end"));
  Status error;
  if (!start || !end) {
    error = InvalidArgument("calendar.hours_invalid");
  } else {
    form.week.day_start = *start;
    form.week.day_end = *end;
    error = ctx.site.services().calendar.SetWeek(ctx.actor(), form.week);
  }
  if (error.ok()) return Response::Redirect("/admin/kalender?ok=calendar_week_saved");
  if (!IsUserError(error)) return error;
  return RenderCalendar(ctx, HttpStatusFor(error.code()), error, &form);
}

StatusOr<Response> HolidayAdd(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(app::CalendarOverview overview,
                        ctx.site.services().calendar.Overview(ctx.actor()));
  CalendarForm form;
  form.week = overview.week;
  form.holiday.date = Field(ctx, "date");
  form.holiday.name = Field(ctx, "name");
  Status error = ctx.site.services().calendar.AddHoliday(ctx.actor(), form.holiday);
  if (error.ok()) return Response::Redirect("/admin/kalender?ok=holiday_added#libur");
  if (!IsUserError(error)) return error;
  return RenderCalendar(ctx, HttpStatusFor(error.code()), error, &form);
}

StatusOr<Response> HolidayImport(Context& ctx) {
  auto& calendar = ctx.site.services().calendar;
  SPSE_ASSIGN_OR_RETURN(app::CalendarOverview overview, calendar.Overview(ctx.actor()));
  CalendarForm form;
  form.week = overview.week;
  form.lines = ctx.req.form.Get("lines");
  auto imported = calendar.ImportHolidays(ctx.actor(), form.lines);
  Status error = imported.status();
  if (imported.ok() && imported->errors.empty()) {
    return Response::Redirect("/admin/kalender?ok=holidays_imported#libur");
  }
  if (imported.ok()) {
    form.line_errors = imported->errors;
    error = InvalidArgument("calendar.import_rejected");
  }
  if (!IsUserError(error)) return error;
  return RenderCalendar(ctx, HttpStatusFor(error.code()), error, &form);
}

StatusOr<Response> HolidayRemove(Context& ctx) {
  const std::string date = ctx.req.params["tanggal"];
  Status error = ctx.site.services().calendar.RemoveHoliday(ctx.actor(), date);
  if (error.ok()) return Response::Redirect("/admin/kalender?ok=holiday_removed#libur");
  if (!IsUserError(error)) return error;
  return RenderCalendar(ctx, HttpStatusFor(error.code()), error, nullptr);
}

StatusOr<Response> Procedures(Context& ctx) {
  auto& calendar = ctx.site.services().calendar;
  const domain::Catalogue& catalogue = calendar.catalogue();
  const bool en = English(ctx);
  const std::string chosen = ctx.req.query.Get("kode").substr(0, 100);
  const std::string start_text = ctx.req.query.Get("mulai").substr(0, 40);
  data view;
  view.set("title", ctx.T("procedures.title"));
  view.set("zone", std::string(calendar.zone().name));
  data procedures = List();
  data options = List();
  for (const domain::ProcedureSpec& p : catalogue.procedures) {
    data v;
    v.set("code", p.code);
    v.set("name", en ? p.name_en : p.name_id);
    v.set("method", Label(ctx, "procedure.method.", p.method));
    data types = List();
    for (const auto& t : p.types) types.push_back(data(Label(ctx, "procedure.type.", t)));
    v.set("types", types);
    data evaluations = List();
    for (const auto& e : p.evaluations) evaluations.push_back(data(Label(ctx, "procedure.evaluation.", e)));
    v.set("evaluations", evaluations);
    // How a tender following it is announced, per evaluation method.
    data announced = List();
    for (const auto& e : p.evaluations) announced.push_back(data(domain::MethodText(p, e)));
    v.set("announced", announced);
    data stages = List();
    int number = 0;
    for (const domain::StageSpec& st : p.stages) {
      data s;
      s.set("number", std::to_string(++number));
      s.set("code", st.code);
      s.set("name", en ? st.name_en : st.name_id);
      data rules = List();
      for (const domain::ScheduleRule& r : st.rules) {
        data rv;
        rv.set("id", r.id);
        rv.set("text", en ? r.text_en : r.text_id);
        rules.push_back(rv);
      }
      s.set("rules", rules);
      s.set("has_rules", !st.rules.empty());
      stages.push_back(s);
    }
    v.set("stages", stages);
    procedures.push_back(v);
    data o;
    o.set("code", p.code);
    o.set("name", en ? p.name_en : p.name_id);
    o.set("selected", p.code == chosen);
    options.push_back(o);
  }
  view.set("procedures", procedures);
  view.set("options", options);
  view.set("form_start", start_text);

  int status = 200;
  if (!chosen.empty() || !start_text.empty()) {
    Status error;
    const domain::ProcedureSpec* spec = catalogue.Find(chosen);
    const auto start = ParseInputDateTime(start_text, calendar.zone());
    if (spec == nullptr) {
      error = NotFound("procedure.not_found");
    } else if (!start) {
      error = InvalidArgument("schedule.start_invalid");
    } else {
      auto schedule = calendar.Propose(chosen, *start);
      if (!schedule.ok()) {
        if (!IsUserError(schedule.status())) return schedule.status();
        error = schedule.status();
      } else {
        data rows = List();
        for (size_t i = 0; i < schedule->size(); ++i) {
          const domain::StagePeriod& period = (*schedule)[i];
          const domain::StageSpec& st = spec->stages[i];
          data r;
          r.set("code", period.stage);
          r.set("name", en ? st.name_en : st.name_id);
          r.set("start", ctx.FormatTime(period.start));
          r.set("end", ctx.FormatTime(period.end));
          r.set("start_value", FormatInputDateTime(period.start, calendar.zone()));
          r.set("end_value", FormatInputDateTime(period.end, calendar.zone()));
          rows.push_back(r);
        }
        view.set("schedule", rows);
        view.set("schedule_name", en ? spec->name_en : spec->name_id);
        view.set("has_schedule", true);
      }
    }
    if (!error.ok()) {
      SetError(ctx, view, error);
      status = HttpStatusFor(error.code());
    }
  }
  return ctx.Page("prosedur", view, status);
}

}  // namespace spse::http::handlers
