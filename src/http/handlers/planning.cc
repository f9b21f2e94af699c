// Planning pages (issue 4, items 1-2; Pasal 4(1)a-b): the public RUP, the
// PA/KPA's RUP (form and CSV import), the PPK's packages (HPS, documents,
// hand-over), and the packages handed to a Pokja or a Pejabat Pengadaan.
#include <fstream>
#include <sstream>

#include "app/contract_service.h"
#include "app/planning_service.h"
#include "base/money.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

using domain::RupItem;

constexpr int kPageSize = 25;

std::string Rupiah(Money m) { return m.Format(); }

// A money amount as the form shows it back: "1.250.000.000".
std::string MoneyInput(Money m) {
  std::string s = m.Format();
  if (s.rfind("Rp ", 0) == 0) s = s.substr(3);
  if (s.size() > 3 && s.substr(s.size() - 3) == ",00") s.resize(s.size() - 3);
  return s;
}

std::string Months(const Context& ctx, int from, int to) {
  const std::string a = Label(ctx, "plan.month.", std::to_string(from));
  return from == to ? a : a + " – " + Label(ctx, "plan.month.", std::to_string(to));
}

data Options(const Context& ctx, std::span<const std::string_view> codes, const std::string& prefix,
             const std::string& selected) {
  data list = List();
  for (std::string_view c : codes) {
    data o;
    o.set("value", std::string(c));
    o.set("label", prefix.empty() ? std::string(c) : Label(ctx, prefix, c));
    o.set("selected", c == selected);
    list.push_back(o);
  }
  return list;
}

data MonthOptions(const Context& ctx, const std::string& selected) {
  data list = List();
  for (int m = 1; m <= 12; ++m) {
    data o;
    o.set("value", std::to_string(m));
    o.set("label", Label(ctx, "plan.month.", std::to_string(m)));
    o.set("selected", std::to_string(m) == selected);
    list.push_back(o);
  }
  return list;
}

// Every field of a RUP item, for the detail pages.
data RupData(const Context& ctx, const app::RupView& v) {
  const RupItem& it = v.item;
  data d;
  d.set("id", std::to_string(it.id));
  d.set("code", it.code);
  d.set("name", it.name);
  d.set("agency", v.agency.name);
  d.set("agency_code", v.agency.code);
  d.set("year", std::to_string(it.fiscal_year));
  d.set("pagu", Rupiah(it.pagu));
  d.set("funding", it.funding);
  d.set("type", Label(ctx, "plan.type.", it.procurement_type));
  d.set("method", Label(ctx, "plan.method.", it.method));
  d.set("selection", Months(ctx, it.selection_from, it.selection_to));
  d.set("work", Months(ctx, it.work_from, it.work_to));
  d.set("location", it.location);
  d.set("description", it.description);
  d.set("has_description", !it.description.empty());
  d.set("status", Label(ctx, "plan.status.", domain::RupStatusCode(it.status)));
  d.set("status_code", std::string(domain::RupStatusCode(it.status)));
  d.set("draft", it.status == domain::RupStatus::kDraft);
  d.set("published", it.status == domain::RupStatus::kPublished);
  d.set("cancelled", it.status == domain::RupStatus::kCancelled);
  d.set("cancel_reason", it.cancel_reason);
  if (it.published_at) d.set("published_at", ctx.FormatTime(*it.published_at));
  if (v.package_code) d.set("package_code", *v.package_code);
  return d;
}

// The RUP form's fields, filled from `f` (what was typed, or the item).
data RupFormData(const Context& ctx, const app::RupFields& f,
                 const std::vector<domain::Agency>& agencies) {
  auto get = [&](const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
  };
  data d;
  for (const std::string& c : app::RupColumns()) d.set("v_" + c, get(c.c_str()));
  data ag = List();
  for (const auto& a : agencies) {
    data o;
    o.set("value", a.code);
    o.set("label", a.name);
    o.set("selected", a.code == get("kode_instansi"));
    ag.push_back(o);
  }
  d.set("agency_options", ag);
  d.set("funding_options", Options(ctx, domain::FundingSources(), "", get("sumber_dana")));
  d.set("type_options", Options(ctx, domain::ProcurementTypes(), "plan.type.", get("jenis_pengadaan")));
  d.set("method_options", Options(ctx, domain::ProcurementMethods(), "plan.method.", get("metode")));
  d.set("sel_from_options", MonthOptions(ctx, get("pemilihan_mulai")));
  d.set("sel_to_options", MonthOptions(ctx, get("pemilihan_selesai")));
  d.set("work_from_options", MonthOptions(ctx, get("pelaksanaan_mulai")));
  d.set("work_to_options", MonthOptions(ctx, get("pelaksanaan_selesai")));
  return d;
}

app::RupFields RupFieldsFromForm(const Context& ctx) {
  app::RupFields f;
  for (const std::string& c : app::RupColumns()) f[c] = ctx.req.form.Get(c);
  return f;
}

app::RupFields RupFieldsOf(const RupItem& it, const std::string& agency_code) {
  return {{"nama_paket", it.name},
          {"kode_instansi", agency_code},
          {"tahun_anggaran", std::to_string(it.fiscal_year)},
          {"pagu", MoneyInput(it.pagu)},
          {"sumber_dana", it.funding},
          {"jenis_pengadaan", it.procurement_type},
          {"metode", it.method},
          {"pemilihan_mulai", std::to_string(it.selection_from)},
          {"pemilihan_selesai", std::to_string(it.selection_to)},
          {"pelaksanaan_mulai", std::to_string(it.work_from)},
          {"pelaksanaan_selesai", std::to_string(it.work_to)},
          {"lokasi", it.location},
          {"uraian", it.description}};
}

// An error about one column: "Pagu: ...".
void SetFieldError(Context& ctx, data& view, const Status& s) {
  SetError(ctx, view, s);
  if (!s.message().empty() && ctx.site.catalogue().Has("plan.col." + s.message())) {
    view.set("error", ctx.T("plan.col." + s.message()) + ": " + ctx.ErrorText(s));
    view.set("error_column", s.message());
  }
}

data RupRows(const Context& ctx, const std::vector<app::RupView>& items, bool own) {
  data rows = List();
  for (const auto& v : items) {
    data r = RupData(ctx, v);
    r.set("url", own ? "/perencanaan/rup/" + std::to_string(v.item.id) : "/rup/" + v.item.code);
    rows.push_back(r);
  }
  return rows;
}

// The public and the own list share their filters: ?tahun=&instansi=&jenis=&metode=&dana=&q=.
app::RupFilter FilterFromQuery(const Context& ctx, data& view, std::string& base) {
  app::RupFilter f;
  const auto& q = ctx.req.query;
  base = "?";
  auto keep = [&](const char* name, const std::string& v) {
    view.set(std::string("f_") + name, v);
    if (!v.empty()) base += std::string(name) + "=" + UrlEncode(v) + "&";
  };
  const std::string year = q.Get("tahun");
  if (auto y = ParseId(year); y && *y < 3000) f.fiscal_year = static_cast<int>(*y);
  keep("tahun", f.fiscal_year ? std::to_string(*f.fiscal_year) : "");
  const std::string agency = q.Get("instansi");
  if (auto a = ParseId(agency)) f.agency_ids.push_back(*a);
  keep("instansi", f.agency_ids.empty() ? "" : std::to_string(f.agency_ids.front()));
  f.procurement_type = q.Get("jenis");
  f.method = q.Get("metode");
  f.funding = q.Get("dana");
  f.text = q.Get("q").substr(0, 100);
  keep("jenis", f.procurement_type);
  keep("metode", f.method);
  keep("dana", f.funding);
  keep("q", f.text);
  Paging p = PageOf(ctx, kPageSize);
  f.limit = p.size;
  f.offset = p.offset;
  base += "hal=";
  view.set("type_options", Options(ctx, domain::ProcurementTypes(), "plan.type.", f.procurement_type));
  view.set("method_options", Options(ctx, domain::ProcurementMethods(), "plan.method.", f.method));
  view.set("funding_options", Options(ctx, domain::FundingSources(), "", f.funding));
  return f;
}

data AgencyFilterOptions(const std::vector<domain::Agency>& agencies, const app::RupFilter& f) {
  data list = List();
  for (const auto& a : agencies) {
    data o;
    o.set("value", std::to_string(a.id));
    o.set("label", a.name);
    o.set("selected", !f.agency_ids.empty() && f.agency_ids.front() == a.id);
    list.push_back(o);
  }
  return list;
}

// ---------------------------------------------------------------- PA/KPA pages

StatusOr<Response> RenderPlanList(Context& ctx, const app::RupFields& typed, int status,
                                  const Status& error, const app::ImportReport* report) {
  auto& svc = ctx.site.services().planning;
  SPSE_ASSIGN_OR_RETURN(auto agencies, svc.PlanningAgencies(ctx.actor()));
  data view;
  std::string base;
  app::RupFilter f = FilterFromQuery(ctx, view, base);
  SPSE_ASSIGN_OR_RETURN(auto page, svc.OwnRupList(ctx.actor(), f));
  view.set("title", ctx.T("plan.own_title"));
  view.set("own", true);
  view.set("filter_action", std::string("/perencanaan/rup"));
  view.set("items", RupRows(ctx, page.items, true));
  view.set("count", std::to_string(page.total));
  view.set("empty", page.items.empty());
  view.set("agency_filter", AgencyFilterOptions(agencies, f));
  SetPager(view, PageOf(ctx, kPageSize), page.total, "/perencanaan/rup" + base);
  app::RupFields defaults = typed;
  if (defaults.empty()) {
    defaults["tahun_anggaran"] = "2027";
    if (!agencies.empty()) defaults["kode_instansi"] = agencies.front().code;
  }
  view.set("form", RupFormData(ctx, defaults, agencies));
  std::string columns;
  for (const std::string& c : app::RupColumns()) columns += (columns.empty() ? "" : ";") + c;
  view.set("csv_columns", columns);
  view.set("max_rows", std::to_string(app::kMaxImportRows));
  if (!error.ok()) SetFieldError(ctx, view, error);
  if (report) {
    data errs = List();
    for (const auto& e : report->errors) {
      data r;
      r.set("row", std::to_string(e.row));
      r.set("column", e.column.empty() ? "—" : e.column);
      r.set("message", ctx.ErrorText(e.error));
      errs.push_back(r);
    }
    view.set("import_errors", errs);
    view.set("import_failed", true);
    view.set("import_rows", std::to_string(report->rows));
  }
  SetNotice(ctx, view);
  return ctx.Page("perencanaan_rup", view, status);
}

StatusOr<Response> RenderPlanItem(Context& ctx, std::int64_t id, const app::RupFields* typed,
                                  int status, const Status& error) {
  auto& svc = ctx.site.services().planning;
  SPSE_ASSIGN_OR_RETURN(auto v, svc.OwnRup(ctx.actor(), id));
  SPSE_ASSIGN_OR_RETURN(auto agencies, svc.PlanningAgencies(ctx.actor()));
  data view;
  view.set("title", v.item.name);
  view.set("item", RupData(ctx, v));
  view.set("form", RupFormData(ctx, typed ? *typed : RupFieldsOf(v.item, v.agency.code), agencies));
  view.set("reason", ctx.req.form.Get("alasan"));
  if (!error.ok()) SetFieldError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("perencanaan_rup_detail", view, status);
}

StatusOr<Response> AfterPlanChange(Context& ctx, std::int64_t id, const Status& s,
                                   std::string_view ok, const app::RupFields* typed) {
  if (s.ok()) return Response::Redirect("/perencanaan/rup/" + std::to_string(id) + "?ok=" + std::string(ok));
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderPlanItem(ctx, id, typed, HttpStatusFor(s.code()), s);
}

// ---------------------------------------------------------------- packages

data PackageRows(const Context& ctx, const std::vector<app::PackageView>& list,
                 const std::string& base) {
  data rows = List();
  for (const auto& v : list) {
    data r;
    r.set("id", std::to_string(v.package.id));
    r.set("code", v.package.code);
    r.set("name", v.package.name);
    r.set("agency", v.agency.name);
    r.set("method", Label(ctx, "plan.method.", v.method));
    r.set("pagu", Rupiah(v.pagu));
    r.set("hps", Rupiah(v.hps_total));
    r.set("status", Label(ctx, "plan.pkg_status.", domain::PackageStatusCode(v.package.status)));
    r.set("url", base + std::to_string(v.package.id));
    rows.push_back(r);
  }
  return rows;
}

data ChoiceOptions(const Context& ctx, const app::PackageChoices& c,
                   const std::vector<std::int64_t>& chosen) {
  data list = List();
  for (const auto& it : c.rup) {
    data o;
    o.set("value", std::to_string(it.id));
    o.set("label", it.code + " — " + it.name + " (" + Rupiah(it.pagu) + ", " +
                       Label(ctx, "plan.method.", it.method) + ")");
    o.set("checked", std::find(chosen.begin(), chosen.end(), it.id) != chosen.end());
    list.push_back(o);
  }
  return list;
}

std::vector<std::int64_t> IdsFromForm(const Context& ctx, std::string_view name) {
  std::vector<std::int64_t> out;
  for (const std::string& v : ctx.req.form.GetAll(name)) {
    if (auto id = ParseId(v)) out.push_back(*id);
  }
  return out;
}

app::PackageFields PackageFieldsFromForm(const Context& ctx) {
  app::PackageFields f;
  f.name = Field(ctx, "nama");
  f.rup_ids = IdsFromForm(ctx, "rup");
  f.contract_type = Field(ctx, "jenis_kontrak");
  f.qualification = Field(ctx, "kualifikasi");
  return f;
}

void SetPackageFormChoices(const Context& ctx, data& view, const app::PackageFields& f) {
  view.set("contract_options", Options(ctx, domain::ContractTypes(), "plan.contract.", f.contract_type));
  view.set("qualification_options",
           Options(ctx, domain::Qualifications(), "plan.qual.", f.qualification));
  view.set("v_nama", f.name);
}

StatusOr<Response> RenderPackageList(Context& ctx, const app::PackageFields& typed, int status,
                                     const Status& error) {
  auto& svc = ctx.site.services().planning;
  SPSE_ASSIGN_OR_RETURN(auto list, svc.PpkPackages(ctx.actor()));
  SPSE_ASSIGN_OR_RETURN(auto choices, svc.Choices(ctx.actor()));
  data view;
  view.set("title", ctx.T("package.own_title"));
  view.set("packages", PackageRows(ctx, list, "/paket/"));
  view.set("empty", list.empty());
  view.set("rup_options", ChoiceOptions(ctx, choices, typed.rup_ids));
  view.set("no_rup", choices.rup.empty());
  SetPackageFormChoices(ctx, view, typed);
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("paket", view, status);
}

StatusOr<Response> RenderPackage(Context& ctx, std::int64_t id, bool manage, int status,
                                 const Status& error) {
  auto& svc = ctx.site.services().planning;
  SPSE_ASSIGN_OR_RETURN(auto v, svc.GetPackage(ctx.actor(), id));
  const auto& p = v.package;
  data view;
  view.set("title", p.name);
  view.set("id", std::to_string(p.id));
  view.set("code", p.code);
  view.set("name", p.name);
  view.set("agency", v.agency.name);
  view.set("ppk", v.ppk.full_name);
  view.set("method", Label(ctx, "plan.method.", v.method));
  view.set("contract", Label(ctx, "plan.contract.", p.contract_type));
  view.set("qualification", Label(ctx, "plan.qual.", p.qualification));
  view.set("pagu", Rupiah(v.pagu));
  view.set("hps", Rupiah(v.hps_total));
  view.set("status", Label(ctx, "plan.pkg_status.", domain::PackageStatusCode(p.status)));
  view.set("editable", manage && v.editable);
  // The Pokja (or Pejabat Pengadaan) sets the selection up from here.
  view.set("selection", !manage);
  view.set("back", manage ? std::string("/paket") : std::string("/paket-tugas"));
  // The PPK reaches the SPPBJ and contract of the package's tenders from here.
  if (manage && ctx.site.services().contracts != nullptr) {
    SPSE_ASSIGN_OR_RETURN(auto tenders,
                          ctx.site.services().contracts->TendersOfPackage(ctx.actor(), p.id));
    data links = List();
    for (const auto& t : tenders) {
      data l;
      l.set("id", std::to_string(t.id));
      l.set("code", t.code);
      l.set("status", Label(ctx, "tender.status.", domain::TenderStatusCode(t.status)));
      links.push_back(l);
    }
    view.set("contract_tenders", links);
    view.set("has_contract_tenders", !tenders.empty());
  }
  data rup = List();
  for (const auto& it : v.rup) {
    data r;
    r.set("code", it.code);
    r.set("name", it.name);
    r.set("pagu", Rupiah(it.pagu));
    r.set("funding", it.funding + " " + std::to_string(it.fiscal_year));
    r.set("location", it.location);
    rup.push_back(r);
  }
  view.set("rup", rup);
  data lines = List();
  for (size_t i = 0; i < p.hps.size(); ++i) {
    const auto& l = p.hps[i];
    data r;
    r.set("no", std::to_string(i + 1));
    r.set("description", l.description);
    r.set("unit", l.unit);
    r.set("quantity", domain::FormatQuantity(l.quantity));
    r.set("unit_price", Rupiah(l.unit_price));
    auto total = domain::LineTotal(l);
    r.set("total", total ? Rupiah(*total) : "—");
    r.set("remove_url", "/paket/" + std::to_string(p.id) + "/hps/" + std::to_string(i + 1) + "/hapus");
    r.set("editable", manage && v.editable);
    lines.push_back(r);
  }
  view.set("lines", lines);
  view.set("no_lines", p.hps.empty());
  data docs = List();
  std::map<std::string, int> latest;
  for (const auto& d : v.documents) latest[d.kind] = std::max(latest[d.kind], d.version);
  for (const auto& d : v.documents) {
    data r;
    r.set("kind", Label(ctx, "plan.doc.", d.kind));
    r.set("version", std::to_string(d.version));
    r.set("current", latest[d.kind] == d.version);
    r.set("filename", d.filename);
    r.set("uploaded", ctx.FormatTime(d.uploaded_at));
    r.set("url", "/paket/dokumen/" + std::to_string(d.id));
    docs.push_back(r);
  }
  view.set("documents", docs);
  view.set("no_documents", v.documents.empty());
  view.set("kind_options", Options(ctx, domain::PackageDocumentKinds(), "plan.doc.", ""));
  if (v.pokja) view.set("assigned_pokja", v.pokja->name);
  if (v.official) view.set("assigned_official", v.official->full_name);
  if (manage && v.editable) {
    SetPackageFormChoices(ctx, view, {p.name, p.rup_ids, p.contract_type, p.qualification});
    const domain::Assignee needed = domain::AssigneeFor(v.method);
    view.set("needs_pokja", needed == domain::Assignee::kPokja);
    view.set("needs_official", needed == domain::Assignee::kPejabatPengadaan);
    SPSE_ASSIGN_OR_RETURN(auto choices, svc.Choices(ctx.actor()));
    data groups = List();
    for (const auto& g : choices.pokja) {
      data o;
      o.set("value", std::to_string(g.id));
      o.set("label", g.name);
      groups.push_back(o);
    }
    view.set("pokja_options", groups);
    data officials = List();
    for (const auto& u : choices.officials) {
      data o;
      o.set("value", std::to_string(u.id));
      o.set("label", u.full_name + " (" + u.username + ")");
      officials.push_back(o);
    }
    view.set("official_options", officials);
    // The package's own items plus the ones still free, for changing them.
    for (const auto& it : v.rup) choices.rup.insert(choices.rup.begin(), it);
    view.set("rup_options", ChoiceOptions(ctx, choices, p.rup_ids));
  }
  if (!error.ok()) SetFieldError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("paket_detail", view, status);
}

StatusOr<Response> AfterPackageChange(Context& ctx, std::int64_t id, const Status& s,
                                      std::string_view ok) {
  if (s.ok()) return Response::Redirect("/paket/" + std::to_string(id) + "?ok=" + std::string(ok));
  if (HttpStatusFor(s.code()) >= 500 || s.reason() == "paket.not_found") return s;
  return RenderPackage(ctx, id, true, HttpStatusFor(s.code()), s);
}

}  // namespace

// ---------------------------------------------------------------- public RUP

StatusOr<Response> RupPublic(Context& ctx) {
  auto& svc = ctx.site.services().planning;
  data view;
  std::string base;
  app::RupFilter f = FilterFromQuery(ctx, view, base);
  SPSE_ASSIGN_OR_RETURN(auto page, svc.SearchPublic(f));
  SPSE_ASSIGN_OR_RETURN(auto agencies, svc.Agencies());
  view.set("title", ctx.T("rup.title"));
  view.set("filter_action", std::string("/rup"));
  view.set("items", RupRows(ctx, page.items, false));
  view.set("count", std::to_string(page.total));
  view.set("empty", page.items.empty());
  view.set("agency_filter", AgencyFilterOptions(agencies, f));
  SetPager(view, PageOf(ctx, kPageSize), page.total, "/rup" + base);
  return ctx.Page("rup", view);
}

StatusOr<Response> RupPublicItem(Context& ctx) {
  const std::string code = ctx.req.params["code"];
  if (code.size() > 40) return NotFound("rup.not_found");
  SPSE_ASSIGN_OR_RETURN(auto v, ctx.site.services().planning.PublicItem(code));
  data view;
  view.set("title", v.item.name);
  view.set("item", RupData(ctx, v));
  return ctx.Page("rup_detail", view);
}

// ---------------------------------------------------------------- PA/KPA

StatusOr<Response> PlanList(Context& ctx) { return RenderPlanList(ctx, {}, 200, OkStatus(), nullptr); }

StatusOr<Response> PlanCreate(Context& ctx) {
  const app::RupFields f = RupFieldsFromForm(ctx);
  auto id = ctx.site.services().planning.CreateRup(ctx.actor(), f);
  if (id.ok()) return Response::Redirect("/perencanaan/rup/" + std::to_string(*id) + "?ok=rup_saved");
  if (HttpStatusFor(id.status().code()) >= 500) return id.status();
  return RenderPlanList(ctx, f, HttpStatusFor(id.status().code()), id.status(), nullptr);
}

StatusOr<Response> PlanItem(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "rup"));
  return RenderPlanItem(ctx, id, nullptr, 200, OkStatus());
}

StatusOr<Response> PlanUpdate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "rup"));
  const app::RupFields f = RupFieldsFromForm(ctx);
  return AfterPlanChange(ctx, id, ctx.site.services().planning.UpdateRup(ctx.actor(), id, f),
                         "rup_saved", &f);
}

StatusOr<Response> PlanPublish(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "rup"));
  return AfterPlanChange(ctx, id, ctx.site.services().planning.PublishRup(ctx.actor(), id),
                         "rup_published", nullptr);
}

StatusOr<Response> PlanCancel(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "rup"));
  return AfterPlanChange(
      ctx, id, ctx.site.services().planning.CancelRup(ctx.actor(), id, Field(ctx, "alasan")),
      "rup_cancelled", nullptr);
}

StatusOr<Response> PlanImport(Context& ctx) {
  auto& registration = ctx.site.services().registration;
  std::string csv;
  Status s;
  bool found = false;
  for (const UploadedFile& f : ctx.req.files) {
    if (f.field == "berkas" && !found && f.blob.size > 0) {
      found = true;
      if (f.blob.size > app::kMaxImportBytes) {
        s = InvalidArgument("rup_import.too_large");
      } else {
        auto path = ctx.site.services().blobs.FileOf(f.blob.sha256);
        if (path.ok()) {
          std::ifstream in(*path, std::ios::binary);
          std::ostringstream buf;
          buf << in.rdbuf();
          csv = buf.str();
        } else {
          s = path.status();
        }
      }
    }
    // The CSV is read once, here; its bytes are not kept.
    registration.DiscardUpload(f.blob.sha256);
  }
  if (!found && s.ok()) s = InvalidArgument("document.file_required");
  if (s.ok()) {
    auto report = ctx.site.services().planning.ImportCsv(ctx.actor(), csv, Field(ctx, "umumkan") == "1");
    if (report.ok() && report->errors.empty()) {
      return Response::Redirect("/perencanaan/rup?ok=rup_imported&jumlah=" + std::to_string(report->stored));
    }
    if (report.ok()) return RenderPlanList(ctx, {}, 400, InvalidArgument("rup_import.rows_invalid"), &*report);
    s = report.status();
  }
  if (HttpStatusFor(s.code()) >= 500) return s;
  Status shown = s;
  if (s.reason() == "rup_import.header") {
    shown = Status(s.code(), s.reason(), "");  // the column is named in the message below
  }
  app::ImportReport header;
  if (s.reason() == "rup_import.header") header.errors.push_back({1, s.message(), shown});
  return RenderPlanList(ctx, {}, HttpStatusFor(s.code()), shown,
                        header.errors.empty() ? nullptr : &header);
}

// ---------------------------------------------------------------- PPK

StatusOr<Response> PackageList(Context& ctx) {
  return RenderPackageList(ctx, {}, 200, OkStatus());
}

StatusOr<Response> PackageCreate(Context& ctx) {
  const app::PackageFields f = PackageFieldsFromForm(ctx);
  auto id = ctx.site.services().planning.CreatePackage(ctx.actor(), f);
  if (id.ok()) return Response::Redirect("/paket/" + std::to_string(*id) + "?ok=package_saved");
  if (HttpStatusFor(id.status().code()) >= 500) return id.status();
  return RenderPackageList(ctx, f, HttpStatusFor(id.status().code()), id.status());
}

StatusOr<Response> PackagePage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  return RenderPackage(ctx, id, true, 200, OkStatus());
}

StatusOr<Response> PackageUpdate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  return AfterPackageChange(
      ctx, id, ctx.site.services().planning.UpdatePackage(ctx.actor(), id, PackageFieldsFromForm(ctx)),
      "package_saved");
}

StatusOr<Response> PackageHpsAdd(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  app::HpsLineFields f{Field(ctx, "uraian"), Field(ctx, "satuan"), Field(ctx, "volume"),
                       Field(ctx, "harga_satuan")};
  return AfterPackageChange(ctx, id, ctx.site.services().planning.AddHpsLine(ctx.actor(), id, f),
                            "hps_saved");
}

StatusOr<Response> PackageHpsRemove(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  auto no = ParseId(ctx.req.params["no"]);
  if (!no || *no > 100000) return NotFound("hps.line_not_found");
  return AfterPackageChange(
      ctx, id,
      ctx.site.services().planning.RemoveHpsLine(ctx.actor(), id, static_cast<size_t>(*no - 1)),
      "hps_saved");
}

StatusOr<Response> PackageUpload(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  auto file = UploadedDocument(ctx, "dokumen");
  Status s = file.status();
  if (s.ok() && !*file) s = InvalidArgument("document.file_required");
  if (s.ok()) {
    auto doc = ctx.site.services().planning.AddDocument(ctx.actor(), id, Field(ctx, "jenis"), **file);
    s = doc.status();
    if (!s.ok()) ctx.site.services().registration.DiscardUpload((*file)->sha256);
  }
  return AfterPackageChange(ctx, id, s, "document_uploaded");
}

StatusOr<Response> PackageAssign(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  return AfterPackageChange(
      ctx, id,
      ctx.site.services().planning.Assign(ctx.actor(), id, ParseId(Field(ctx, "pokja")),
                                          ParseId(Field(ctx, "pejabat"))),
      "package_assigned");
}

StatusOr<Response> PackageDocumentFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "document"));
  SPSE_ASSIGN_OR_RETURN(domain::PackageDocument doc,
                        ctx.site.services().planning.OpenDocument(ctx.actor(), id));
  SPSE_ASSIGN_OR_RETURN(std::string file, ctx.site.services().blobs.FileOf(doc.sha256));
  return StoredFile(std::move(file), doc.content_type, doc.filename, Disposition::kInline);
}

// ---------------------------------------------------------------- Pokja, Pejabat Pengadaan

StatusOr<Response> AssignedList(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(auto list, ctx.site.services().planning.AssignedPackages(ctx.actor()));
  data view;
  view.set("title", ctx.T("assigned.title"));
  view.set("packages", PackageRows(ctx, list, "/paket-tugas/"));
  view.set("empty", list.empty());
  return ctx.Page("paket_tugas", view);
}

StatusOr<Response> AssignedPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  return RenderPackage(ctx, id, false, 200, OkStatus());
}

}  // namespace spse::http::handlers
