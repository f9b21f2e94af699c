// Data penyedia pages (issue 3, item 4): the vendor edits its own record
// section by section, each save a new version; the Verifikator and auditors
// read any vendor's record, now or as it was at a chosen moment.
#include <algorithm>

#include "app/vendor_data_service.h"
#include "base/money.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

using domain::FieldKind;
using domain::FieldSpec;
using domain::SectionSpec;
using domain::VendorRow;

constexpr std::string_view kOwnBase = "/penyedia/data";

// A stored value as people read it.
std::string Display(const Context& ctx, const FieldSpec& f, const std::string& v) {
  if (v.empty()) return "—";
  switch (f.kind) {
    case FieldKind::kDate: {
      auto t = ParseInputDateTime(v + "T12:00", ctx.site.config().zone);
      return t ? FormatDate(*t, ctx.site.config().zone, ctx.lang) : v;
    }
    case FieldKind::kMoney: {
      auto sen = ParseId(v);
      return sen ? Money::FromSen(*sen).Format() : (v == "0" ? Money().Format() : v);
    }
    case FieldKind::kPercent:
      return v + " %";
    default:
      return v;
  }
}

// A stored value as an edit form shows it back.
std::string InputValue(const FieldSpec& f, const std::string& v) {
  if (f.kind == FieldKind::kMoney && !v.empty()) {
    auto sen = ParseId(v);
    std::string s = sen ? Money::FromSen(*sen).Format() : std::string("0");
    if (s.rfind("Rp ", 0) == 0) s = s.substr(3);
    if (s.size() > 3 && s.substr(s.size() - 3) == ",00") s.resize(s.size() - 3);
    return s;
  }
  return v;
}

std::string FieldLabel(const Context& ctx, const FieldSpec& f) {
  return ctx.T("vendor.field." + std::string(f.key));
}

std::string SectionTitle(const Context& ctx, const SectionSpec& s) {
  return ctx.T("vendor.section." + std::string(s.key));
}

void SetRecordHeader(Context& ctx, data& view, const app::VendorDataView& v) {
  const auto& rec = v.record;
  view.set("vendor_name", v.vendor.full_name);
  view.set("vendor_username", v.vendor.username);
  view.set("data_version", std::to_string(rec.version));
  view.set("has_version", rec.version > 0);
  view.set("latest", v.latest);
  if (rec.version > 0) {
    view.set("saved_at", ctx.FormatTime(rec.created_at));
    view.set("saved_by", rec.created_by_name);
  }
  view.set("has_expired", !v.expired.empty());
  view.set("has_expiring", !v.expiring.empty());
}

// Every section of a record, as cards; `edit_base` empty for read-only.
data Sections(Context& ctx, const app::VendorDataView& v, bool editable) {
  data sections = List();
  for (const SectionSpec& s : domain::VendorSections()) {
    data sec;
    const std::string key(s.key);
    sec.set("key", key);
    sec.set("title", SectionTitle(ctx, s));
    sec.set("single", s.single);
    sec.set("editable", editable);
    data heads = List();
    for (const FieldSpec& f : s.fields) {
      data h;
      h.set("label", FieldLabel(ctx, f));
      heads.push_back(h);
    }
    sec.set("heads", heads);
    const auto& rows = v.record.data.Rows(s.key);
    data list = List();
    for (size_t i = 0; i < rows.size(); ++i) {
      data r;
      r.set("no", std::to_string(i + 1));
      data cells = List();
      for (const FieldSpec& f : s.fields) {
        data c;
        auto it = rows[i].find(std::string(f.key));
        c.set("label", FieldLabel(ctx, f));
        c.set("value", Display(ctx, f, it == rows[i].end() ? std::string() : it->second));
        cells.push_back(c);
      }
      r.set("cells", cells);
      if (s.key == "izin_usaha") {
        r.set("expired", std::find(v.expired.begin(), v.expired.end(), i) != v.expired.end());
        r.set("expiring", std::find(v.expiring.begin(), v.expiring.end(), i) != v.expiring.end());
      }
      r.set("section", key);
      r.set("editable", editable);
      list.push_back(r);
    }
    sec.set("rows", list);
    sec.set("empty", rows.empty());
    sec.set("count", std::to_string(rows.size()));
    sections.push_back(sec);
  }
  return sections;
}

// ?versi=N or ?pada=YYYY-MM-DDTHH:MM, else the current record.
StatusOr<app::VendorDataView> Pick(Context& ctx, std::int64_t vendor_id, data& view) {
  auto& svc = ctx.site.services().vendor_data;
  const std::string versi = ctx.req.query.Get("versi");
  const std::string pada = ctx.req.query.Get("pada");
  if (!versi.empty()) {
    auto n = ParseId(versi);
    if (!n || *n > 1'000'000) return NotFound("vendor_data.version_not_found");
    return svc.Version(ctx.actor(), vendor_id, static_cast<int>(*n));
  }
  if (!pada.empty()) {
    auto at = ParseInputDateTime(pada, ctx.site.config().zone);
    if (!at) return InvalidArgument("vendor_data.moment_invalid");
    view.set("as_of", ctx.FormatTime(*at));
    view.set("pada", pada);
    return svc.AsOf(ctx.actor(), vendor_id, *at);
  }
  return svc.Current(ctx.actor(), vendor_id);
}

StatusOr<Response> RenderRecord(Context& ctx, std::int64_t vendor_id, bool own) {
  data view;
  SPSE_ASSIGN_OR_RETURN(app::VendorDataView v, Pick(ctx, vendor_id, view));
  const std::string base = own ? std::string(kOwnBase) : "/data-penyedia/" + std::to_string(vendor_id);
  view.set("title", own ? ctx.T("vendor.my_data") : ctx.T("vendor.data_of") + " " + v.vendor.full_name);
  view.set("own", own);
  view.set("base", base);
  view.set("history_url", own ? std::string("/penyedia/riwayat-data") : base + "/riwayat");
  SetRecordHeader(ctx, view, v);
  view.set("sections", Sections(ctx, v, own && v.latest));
  SetNotice(ctx, view);
  return ctx.Page("data_penyedia", view);
}

StatusOr<Response> RenderHistory(Context& ctx, std::int64_t vendor_id, bool own) {
  SPSE_ASSIGN_OR_RETURN(auto items, ctx.site.services().vendor_data.History(ctx.actor(), vendor_id));
  const std::string base = own ? std::string(kOwnBase) : "/data-penyedia/" + std::to_string(vendor_id);
  data view;
  view.set("title", ctx.T("vendor.history"));
  view.set("base", base);
  data rows = List();
  for (const auto& it : items) {
    data r;
    r.set("number", std::to_string(it.version));
    r.set("at", ctx.FormatTime(it.created_at));
    r.set("by", it.created_by_name);
    r.set("summary", it.summary);
    r.set("url", base + "?versi=" + std::to_string(it.version));
    rows.push_back(r);
  }
  view.set("versions", rows);
  view.set("empty", items.empty());
  view.set("now", FormatInputDateTime(ctx.site.services().clock.Now(), ctx.site.config().zone));
  return ctx.Page("data_penyedia_riwayat", view);
}

// The row number in the path ("/penyedia/data/izin_usaha/2"), 1-based.
std::optional<size_t> RowIndex(const Context& ctx) {
  auto no = ParseId(ctx.req.params.at("no"));
  if (!no || *no > 100000) return std::nullopt;
  return static_cast<size_t>(*no - 1);
}

// The add/edit form of one section's row, filled from `values`.
StatusOr<Response> RenderRowForm(Context& ctx, const SectionSpec& s, std::optional<size_t> index,
                                 const VendorRow& values, int version, int status,
                                 const Status& error) {
  data view;
  const std::string key(s.key);
  const std::string title = SectionTitle(ctx, s);
  view.set("section_title", title);
  view.set("title", title);
  view.set("editing", index.has_value() || s.single);
  view.set("data_version", std::to_string(version));
  std::string action = std::string(kOwnBase) + "/" + key;
  if (index && !s.single) action += "/" + std::to_string(*index + 1);
  view.set("action", action);
  data fields = List();
  for (const FieldSpec& f : s.fields) {
    data d;
    const std::string fk(f.key);
    auto it = values.find(fk);
    const std::string v = it == values.end() ? std::string() : it->second;
    d.set("name", "f_" + fk);
    d.set("label", FieldLabel(ctx, f));
    d.set("required", f.required);
    d.set("locked", f.locked);
    d.set("value", f.locked ? Display(ctx, f, v) : InputValue(f, v));
    d.set("invalid", !error.ok() && error.message() == fk);
    const bool choice = f.kind == FieldKind::kChoice;
    d.set("is_choice", choice);
    d.set("is_long", f.kind == FieldKind::kLongText);
    d.set("is_date", f.kind == FieldKind::kDate);
    d.set("is_plain", !choice && f.kind != FieldKind::kLongText && f.kind != FieldKind::kDate);
    const bool numeric = f.kind == FieldKind::kInteger || f.kind == FieldKind::kYear ||
                         f.kind == FieldKind::kNik || f.kind == FieldKind::kMoney;
    d.set("numeric", numeric);
    if (ctx.site.catalogue().Has("vendor.help." + fk)) d.set("help", ctx.T("vendor.help." + fk));
    if (choice) {
      data opts = List();
      for (std::string_view c : f.choices) {
        data o;
        o.set("value", std::string(c));
        o.set("selected", c == v);
        opts.push_back(o);
      }
      d.set("options", opts);
    }
    fields.push_back(d);
  }
  view.set("fields", fields);
  if (!error.ok()) {
    SetError(ctx, view, error);
    for (const FieldSpec& f : s.fields) {
      if (error.message() == f.key) view.set("error", FieldLabel(ctx, f) + ": " + ctx.ErrorText(error));
    }
  }
  return ctx.Page("data_penyedia_form", view, status);
}

StatusOr<const SectionSpec*> SectionOf(const Context& ctx) {
  const SectionSpec* s = domain::FindSection(ctx.req.params.at("section"));
  if (!s) return NotFound("vendor_data.section_unknown");
  return s;
}

VendorRow RowFromForm(const Context& ctx, const SectionSpec& s) {
  VendorRow row;
  for (const FieldSpec& f : s.fields) row[std::string(f.key)] = ctx.req.form.Get("f_" + std::string(f.key));
  return row;
}

int VersionField(const Context& ctx) {
  auto v = ParseId(ctx.req.form.Get("version"));
  return v && *v < 1'000'000 ? static_cast<int>(*v) : 0;
}

StatusOr<Response> AfterSave(Context& ctx, const SectionSpec& s, std::optional<size_t> index,
                             const StatusOr<int>& saved, const VendorRow& input) {
  if (saved.ok()) {
    return Response::Redirect(std::string(kOwnBase) + "?ok=vendor_data_saved#" + std::string(s.key));
  }
  const Status& e = saved.status();
  if (HttpStatusFor(e.code()) >= 500 || e.reason() == "vendor_data.row_not_found") return e;
  // Show the form again with what was typed; after a conflict, with the
  // version now current so a second save is deliberate.
  int version = VersionField(ctx);
  if (e.reason() == "vendor_data.conflict") {
    auto cur = ctx.site.services().vendor_data.Current(ctx.actor(), ctx.who.user_id);
    if (cur.ok()) version = cur->record.version;
  }
  return RenderRowForm(ctx, s, index, input, version, HttpStatusFor(e.code()), e);
}

}  // namespace

StatusOr<Response> VendorDataOwn(Context& ctx) { return RenderRecord(ctx, ctx.who.user_id, true); }

StatusOr<Response> VendorDataHistoryOwn(Context& ctx) {
  return RenderHistory(ctx, ctx.who.user_id, true);
}

StatusOr<Response> VendorDataOf(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "vendor"));
  return RenderRecord(ctx, id, false);
}

StatusOr<Response> VendorDataHistoryOf(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "vendor"));
  return RenderHistory(ctx, id, false);
}

StatusOr<Response> VendorRowForm(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(const SectionSpec* s, SectionOf(ctx));
  SPSE_ASSIGN_OR_RETURN(auto cur, ctx.site.services().vendor_data.Current(ctx.actor(), ctx.who.user_id));
  const auto& rows = cur.record.data.Rows(s->key);
  std::optional<size_t> index;
  if (ctx.req.params.count("no")) {
    index = RowIndex(ctx);
    if (!index || *index >= rows.size()) return NotFound("vendor_data.row_not_found");
  } else if (s->single && !rows.empty()) {
    index = 0;
  }
  const VendorRow values = index ? rows[*index] : VendorRow();
  return RenderRowForm(ctx, *s, index, values, cur.record.version, 200, OkStatus());
}

StatusOr<Response> VendorRowAdd(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(const SectionSpec* s, SectionOf(ctx));
  const VendorRow input = RowFromForm(ctx, *s);
  auto saved = ctx.site.services().vendor_data.SaveRow(ctx.actor(), s->key, std::nullopt, input,
                                                       VersionField(ctx));
  return AfterSave(ctx, *s, s->single ? std::optional<size_t>(0) : std::nullopt, saved, input);
}

StatusOr<Response> VendorRowSave(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(const SectionSpec* s, SectionOf(ctx));
  auto index = RowIndex(ctx);
  if (!index) return NotFound("vendor_data.row_not_found");
  const VendorRow input = RowFromForm(ctx, *s);
  auto saved = ctx.site.services().vendor_data.SaveRow(ctx.actor(), s->key, index, input,
                                                       VersionField(ctx));
  return AfterSave(ctx, *s, index, saved, input);
}

StatusOr<Response> VendorRowRemove(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(const SectionSpec* s, SectionOf(ctx));
  auto index = RowIndex(ctx);
  if (!index) return NotFound("vendor_data.row_not_found");
  auto removed = ctx.site.services().vendor_data.RemoveRow(ctx.actor(), s->key, *index,
                                                           VersionField(ctx));
  if (removed.ok()) {
    return Response::Redirect(std::string(kOwnBase) + "?ok=vendor_data_removed#" + std::string(s->key));
  }
  return removed.status();
}

}  // namespace spse::http::handlers
