// Tender pages (issue 4, items 4, 5, 8): the Pokja sets a tender up from a
// package handed to it (procedure, evaluation method, schedule), the chair
// publishes it, a published schedule changes only with a reason; anyone reads
// the announcement (Pengumuman) and the schedule (Jadwal) with its changes.
// The qualification requirements and the documents are set up with the
// tender; after publication each change is an addendum; participants
// download the documents, and every download is logged for the Pokja.
#include <algorithm>
#include <map>

#include "app/bid_service.h"
#include "app/planning_service.h"
#include "app/tender_document_service.h"
#include "app/tender_service.h"
#include "base/money.h"
#include "domain/planning.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

std::string StageName(const Context& ctx, const domain::ProcedureSpec& p, size_t i) {
  if (i >= p.stages.size()) return "";
  return ctx.lang == Lang::kEn ? p.stages[i].name_en : p.stages[i].name_id;
}

std::string RuleText(const Context& ctx, const domain::ProcedureSpec& p, std::string_view id) {
  for (const auto& st : p.stages) {
    for (const auto& r : st.rules) {
      if (r.id == id) return std::string(id) + ": " + (ctx.lang == Lang::kEn ? r.text_en : r.text_id);
    }
  }
  return std::string(id);
}

// The broken rules of a "schedule.rules_broken" status, as lines to show.
data BrokenRules(const Context& ctx, const domain::ProcedureSpec& p, const Status& s) {
  data list = List();
  if (s.reason() != "schedule.rules_broken") return list;
  const std::string& ids = s.message();
  size_t from = 0;
  while (from <= ids.size()) {
    const size_t comma = ids.find(',', from);
    const std::string id = ids.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    if (!id.empty()) list.push_back(data(RuleText(ctx, p, id)));
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return list;
}

// Stage rows with their periods, for the public schedule and the Pokja's form.
data StageRows(Context& ctx, const app::TenderView& v) {
  data rows = List();
  const auto& s = v.tender.schedule;
  for (size_t i = 0; i < s.size(); ++i) {
    data r;
    r.set("no", std::to_string(i + 1));
    r.set("code", s[i].stage);
    r.set("index", std::to_string(i));
    r.set("name", StageName(ctx, *v.procedure, i));
    r.set("start", ctx.FormatTime(s[i].start));
    r.set("end", ctx.FormatTime(s[i].end));
    r.set("start_iso", FormatRfc3339(s[i].start));
    r.set("end_iso", FormatRfc3339(s[i].end));
    r.set("start_input", FormatInputDateTime(s[i].start, ctx.site.config().zone));
    r.set("end_input", FormatInputDateTime(s[i].end, ctx.site.config().zone));
    r.set("changes", std::to_string(i < v.tender.changes.size() ? v.tender.changes[i] : 0));
    r.set("current", v.current.index && *v.current.index == i && v.current.running);
    rows.push_back(r);
  }
  return rows;
}

void SetTenderHeader(Context& ctx, data& view, const app::TenderView& v) {
  const auto& t = v.tender;
  view.set("id", std::to_string(t.id));
  view.set("code", t.code);
  view.set("name", v.package.name);
  view.set("package_code", v.package.code);
  view.set("method_text", v.method_text);
  view.set("status", Label(ctx, "tender.status.", domain::TenderStatusCode(t.status)));
  view.set("status_code", std::string(domain::TenderStatusCode(t.status)));
  view.set("draft", t.status == domain::TenderStatus::kDraft);
  view.set("running", t.status == domain::TenderStatus::kRunning);
  view.set("cancelled", t.status == domain::TenderStatus::kCancelled);
  view.set("end_reason", t.end_reason);
  if (v.current.index) {
    view.set("current_stage", StageName(ctx, *v.procedure, *v.current.index));
    view.set("current_running", v.current.running);
  }
  view.set("title", v.package.name);
}

// The schedule as the form posts it: start_N / end_N per stage.
StatusOr<domain::Schedule> ScheduleFromForm(const Context& ctx, const domain::Schedule& current) {
  domain::Schedule s = current;
  for (size_t i = 0; i < s.size(); ++i) {
    const std::string n = std::to_string(i);
    auto start = ParseInputDateTime(Field(ctx, "start_" + n), ctx.site.config().zone);
    auto end = ParseInputDateTime(Field(ctx, "end_" + n), ctx.site.config().zone);
    if (!start || !end) return InvalidArgument("schedule.time_invalid", s[i].stage);
    s[i].start = *start;
    s[i].end = *end;
  }
  return s;
}

std::string SizeText(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
  const std::uint64_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

data KindOptions(const Context& ctx, std::span<const std::string_view> kinds,
                 const std::string& prefix, std::string_view selected) {
  data list = List();
  for (std::string_view k : kinds) {
    data o;
    o.set("value", std::string(k));
    o.set("label", Label(ctx, prefix, k));
    o.set("selected", k == selected);
    list.push_back(o);
  }
  return list;
}

// Requirements, documents, addenda (and, for the Pokja, the editing forms and
// the download log) on the manage page and the announcement.
void SetDocuments(Context& ctx, data& view, const app::TenderDocumentsView& v, bool manage) {
  const std::string id = std::to_string(v.tender.id);
  data reqs = List();
  for (size_t i = 0; i < v.requirements.size(); ++i) {
    data r;
    r.set("no", std::to_string(i + 1));
    r.set("kind", Label(ctx, "requirement.kind.", v.requirements[i].kind));
    r.set("text", v.requirements[i].text);
    reqs.push_back(r);
  }
  view.set("requirements", reqs);
  view.set("no_requirements", v.requirements.empty());
  std::map<std::string, int> latest;
  for (const auto& d : v.documents) latest[d.kind] = std::max(latest[d.kind], d.version);
  std::map<std::int64_t, std::string> names;
  data docs = List();
  for (const auto& d : v.documents) {
    data r;
    r.set("kind", Label(ctx, "tender.doc.", d.kind));
    r.set("version", std::to_string(d.version));
    r.set("current", latest[d.kind] == d.version);
    // An empty string would still open {{#addendum}}: false for a document of the draft.
    if (d.addendum > 0) {
      r.set("addendum", std::to_string(d.addendum));
    } else {
      r.set("addendum", false);
    }
    r.set("filename", d.filename);
    r.set("size", SizeText(d.size));
    r.set("sha256", d.sha256);
    r.set("uploaded", ctx.FormatTime(d.uploaded_at));
    r.set("url", "/tender/" + id + "/dokumen/" + std::to_string(d.id));
    r.set("may_download", v.may_download);
    docs.push_back(r);
    names[d.id] = Label(ctx, "tender.doc.", d.kind) + " v" + std::to_string(d.version);
  }
  view.set("documents", docs);
  view.set("no_documents", v.documents.empty());
  view.set("may_download", v.may_download);
  view.set("joined", v.joined);
  data addenda = List();
  for (const auto& a : v.addenda) {
    data r;
    r.set("number", std::to_string(a.number));
    r.set("at", ctx.FormatTime(a.issued_at));
    r.set("summary", a.summary);
    r.set("reason", a.reason);
    addenda.push_back(r);
  }
  view.set("addenda", addenda);
  view.set("has_addenda", !v.addenda.empty());
  view.set("addenda_count", std::to_string(v.addenda.size()));
  if (!manage) return;
  view.set("may_change", v.may_change);
  view.set("addendum_needed", v.addendum);
  view.set("doc_kind_options", KindOptions(ctx, domain::TenderDocumentKinds(), "tender.doc.",
                                           Field(ctx, "jenis")));
  // The current list and three empty rows to add to it.
  data rows = List();
  const size_t n = v.requirements.size() + 3;
  for (size_t i = 0; i < n; ++i) {
    const domain::Requirement r = i < v.requirements.size() ? v.requirements[i] : domain::Requirement{};
    data row;
    row.set("index", std::to_string(i));
    row.set("no", std::to_string(i + 1));
    row.set("text", r.text);
    row.set("kind_options", KindOptions(ctx, domain::RequirementKinds(), "requirement.kind.",
                                        r.kind.empty() ? "lainnya" : r.kind));
    rows.push_back(row);
  }
  view.set("requirement_rows", rows);
  data log = List();
  for (const auto& d : v.downloads) {
    data r;
    r.set("at", ctx.FormatTime(d.at));
    r.set("user", d.username);
    r.set("document", names.count(d.document_id) ? names[d.document_id] : std::to_string(d.document_id));
    r.set("addr", d.client_addr);
    log.push_back(r);
  }
  view.set("downloads", log);
  view.set("no_downloads", v.downloads.empty());
  view.set("download_count", std::to_string(v.download_count));
}

// The requirement rows as the form posts them: kind_N / text_N.
std::vector<domain::Requirement> RequirementsFromForm(const Context& ctx) {
  std::vector<domain::Requirement> out;
  for (size_t i = 0; i < 64; ++i) {
    const std::string n = std::to_string(i);
    if (!ctx.req.form.Has("text_" + n)) break;
    out.push_back({Field(ctx, "kind_" + n), Field(ctx, "text_" + n)});
  }
  return out;
}

StatusOr<Response> RenderManage(Context& ctx, std::int64_t id, int status, const Status& error,
                                const domain::Schedule* typed) {
  SPSE_ASSIGN_OR_RETURN(app::TenderView v, ctx.site.services().tenders.Get(ctx.actor(), id));
  if (!v.may_manage) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(app::TenderDocumentsView docs,
                        ctx.site.services().tender_documents.Get(ctx.actor(), id));
  data view;
  SetTenderHeader(ctx, view, v);
  SetDocuments(ctx, view, docs, true);
  if (typed) v.tender.schedule = *typed;  // show back what was typed
  view.set("stages", StageRows(ctx, v));
  view.set("may_publish", v.may_publish && v.tender.status == domain::TenderStatus::kDraft);
  view.set("auction", v.procedure->method == "tender_cepat");
  view.set("invitations", v.procedure->invitation_only);
  view.set("reason", Field(ctx, "reason"));
  // Sealed bids: the tender key must be set before the bid stage starts.
  if (app::BidService* bids = ctx.site.services().bids) {
    auto keys = bids->TenderKeySetup(ctx.actor(), id);
    view.set("bid_keys", keys.ok());
    view.set("key_missing", keys.ok() && keys->keys.size() < keys->envelopes.size());
  }
  if (!error.ok()) {
    SetError(ctx, view, error);
    view.set("broken", BrokenRules(ctx, *v.procedure, error));
  }
  SetNotice(ctx, view);
  return ctx.Page("tender_kelola", view, status);
}

StatusOr<Response> AfterAction(Context& ctx, std::int64_t id, const Status& s, const char* notice,
                               const domain::Schedule* typed = nullptr) {
  if (s.ok()) return Response::Redirect("/pokja/tender/" + std::to_string(id) + "?ok=" + notice);
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderManage(ctx, id, HttpStatusFor(s.code()), s, typed);
}

StatusOr<Response> RenderNew(Context& ctx, std::int64_t package_id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(auto choices, ctx.site.services().tenders.Choices(ctx.actor(), package_id));
  data view;
  view.set("title", ctx.T("tender.new"));
  view.set("package_id", std::to_string(package_id));
  data options = List();
  for (const auto* p : choices) {
    for (const std::string& e : p->evaluations) {
      data o;
      o.set("value", p->code + "|" + e);
      o.set("label", domain::MethodText(*p, e));
      options.push_back(o);
    }
  }
  SPSE_ASSIGN_OR_RETURN(auto existing, ctx.site.services().tenders.OfPackage(ctx.actor(), package_id));
  data tenders = List();
  bool active = false;
  for (const auto& t : existing) {
    data r;
    r.set("id", std::to_string(t.id));
    r.set("code", t.code);
    r.set("status", Label(ctx, "tender.status.", domain::TenderStatusCode(t.status)));
    tenders.push_back(r);
    active = active || t.status == domain::TenderStatus::kDraft ||
             t.status == domain::TenderStatus::kRunning || t.status == domain::TenderStatus::kDone;
  }
  view.set("tenders", tenders);
  view.set("has_tenders", !existing.empty());
  view.set("options", options);
  view.set("has_options", !choices.empty() && !active);
  view.set("no_options", choices.empty());
  if (!error.ok()) SetError(ctx, view, error);
  return ctx.Page("tender_baru", view, status);
}

}  // namespace

StatusOr<Response> TenderNewForm(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "paket"));
  return RenderNew(ctx, id, 200, OkStatus());
}

StatusOr<Response> TenderCreate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t package_id, PathId(ctx, "paket"));
  const std::string choice = Field(ctx, "procedure");
  const size_t bar = choice.find('|');
  const std::string procedure = bar == std::string::npos ? choice : choice.substr(0, bar);
  const std::string evaluation = bar == std::string::npos ? "" : choice.substr(bar + 1);
  auto id = ctx.site.services().tenders.CreateDraft(ctx.actor(), package_id, procedure, evaluation);
  if (id.ok()) return Response::Redirect("/pokja/tender/" + std::to_string(*id) + "?ok=tender_created");
  const Status& s = id.status();
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderNew(ctx, package_id, HttpStatusFor(s.code()), s);
}

StatusOr<Response> TenderManage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderManage(ctx, id, 200, OkStatus(), nullptr);
}

StatusOr<Response> TenderScheduleSave(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto& tenders = ctx.site.services().tenders;
  SPSE_ASSIGN_OR_RETURN(app::TenderView v, tenders.Get(ctx.actor(), id));
  if (!v.may_manage) return NotFound("tender.not_found");
  auto s = ScheduleFromForm(ctx, v.tender.schedule);
  if (!s.ok()) return AfterAction(ctx, id, s.status(), "");
  const Status saved = v.tender.status == domain::TenderStatus::kDraft
                           ? tenders.SetDraftSchedule(ctx.actor(), id, *s)
                           : tenders.ChangeSchedule(ctx.actor(), id, *s, Field(ctx, "reason"));
  return AfterAction(ctx, id, saved, "schedule_saved", &*s);
}

StatusOr<Response> TenderPublish(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  const Status s = ctx.site.services().tenders.Publish(ctx.actor(), id);
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "?ok=tender_published");
  return AfterAction(ctx, id, s, "");
}

StatusOr<Response> TenderCancel(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  const Status s = ctx.site.services().tenders.Cancel(ctx.actor(), id, Field(ctx, "reason"));
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "?ok=tender_cancelled");
  return AfterAction(ctx, id, s, "");
}

StatusOr<Response> TenderRequirementsSave(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  const Status s = ctx.site.services().tender_documents.SetRequirements(
      ctx.actor(), id, RequirementsFromForm(ctx), Field(ctx, "alasan"));
  return AfterAction(ctx, id, s, "requirements_saved");
}

StatusOr<Response> TenderUpload(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto file = UploadedDocument(ctx, "dokumen");
  Status s = file.status();
  if (s.ok() && !*file) s = InvalidArgument("document.file_required");
  if (s.ok()) {
    auto doc = ctx.site.services().tender_documents.AddDocument(ctx.actor(), id, Field(ctx, "jenis"),
                                                                **file, Field(ctx, "alasan"));
    s = doc.status();
    if (!s.ok()) ctx.site.services().registration.DiscardUpload((*file)->sha256);
  }
  return AfterAction(ctx, id, s, "document_uploaded");
}

StatusOr<Response> TenderDocumentFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto no = ParseId(ctx.req.params["no"]);
  if (!no) return NotFound("document.not_found");
  auto doc = ctx.site.services().tender_documents.Download(ctx.actor(), id, *no);
  if (doc.status().reason() == "participation.not_joined") {
    // A clear page, not a bare error: join first, then download.
    SPSE_ASSIGN_OR_RETURN(app::TenderView v, ctx.site.services().tenders.Get(ctx.actor(), id));
    data view;
    view.set("title", ctx.T("tender.download_refused"));
    view.set("id", std::to_string(id));
    view.set("code", v.tender.code);
    view.set("name", v.package.name);
    view.set("may_join", domain::Authorize(ctx.who, domain::Permission::kJoinTenders).ok());
    SetError(ctx, view, doc.status());
    return ctx.Page("tender_dokumen_tolak", view, 403);
  }
  if (!doc.ok()) return doc.status();
  SPSE_ASSIGN_OR_RETURN(std::string file, ctx.site.services().blobs.FileOf(doc->sha256));
  return StoredFile(std::move(file), doc->content_type, doc->filename, Disposition::kAttachment);
}

StatusOr<Response> TenderAnnouncement(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::TenderView v, ctx.site.services().tenders.Get(ctx.actor(), id));
  data view;
  SetTenderHeader(ctx, view, v);
  Money pagu;
  data rup = List();
  int year = 0;
  for (const auto& item : v.rup) {
    pagu = Money::FromSen(pagu.sen() + item.pagu.sen());
    year = item.fiscal_year;
    data r;
    r.set("code", item.code);
    r.set("name", item.name);
    r.set("funding", item.funding);
    r.set("location", item.location);
    r.set("type", Label(ctx, "plan.type.", item.procurement_type));
    rup.push_back(r);
  }
  view.set("rup", rup);
  view.set("pagu", pagu.Format());
  auto hps = domain::HpsTotal(v.package.hps);
  view.set("hps", hps.ok() ? hps->Format() : "—");
  view.set("year", std::to_string(year));
  if (!v.rup.empty()) {
    view.set("type", Label(ctx, "plan.type.", v.rup.front().procurement_type));
    view.set("funding", v.rup.front().funding);
    view.set("location", v.rup.front().location);
  }
  view.set("contract_type", Label(ctx, "plan.contract.", v.package.contract_type));
  view.set("qualification", Label(ctx, "plan.qualification.", v.package.qualification));
  if (v.tender.published_at) view.set("published_at", ctx.FormatTime(*v.tender.published_at));
  view.set("changes_count", std::to_string(v.changes.size()));
  view.set("may_manage", v.may_manage);
  // Tender Cepat: the reverse auction's page (invited vendors, the Pokja).
  view.set("auction", v.procedure->method == "tender_cepat" && ctx.who.signed_in());
  view.set("participants", std::to_string(v.participants));
  // Tender ulang, linked both ways.
  if (v.retender_of) {
    view.set("retender_of", v.retender_of->code);
    view.set("retender_of_id", std::to_string(v.retender_of->id));
  } else {
    view.set("retender_of", false);
  }
  if (v.retendered_as) {
    view.set("retendered_as", v.retendered_as->code);
    view.set("retendered_as_id", std::to_string(v.retendered_as->id));
  } else {
    view.set("retendered_as", false);
  }
  SPSE_ASSIGN_OR_RETURN(app::TenderDocumentsView docs,
                        ctx.site.services().tender_documents.Get(ctx.actor(), id));
  SetDocuments(ctx, view, docs, false);
  view.set("signed_in", ctx.who.signed_in());
  // A vendor is offered to join while joining is open (the join page says
  // why not); an invitation-only procedure offers it to invited vendors
  // alone and tells the others why (INV-01).
  const bool vendor = v.tender.status == domain::TenderStatus::kRunning &&
                      domain::Authorize(ctx.who, domain::Permission::kJoinTenders).ok();
  view.set("may_join", vendor && (!v.procedure->invitation_only || v.invited));
  view.set("not_invited", vendor && v.procedure->invitation_only && !v.invited);
  view.set("invitations", v.may_manage && v.procedure->invitation_only);
  SetNotice(ctx, view);
  return ctx.Page("tender_pengumuman", view);
}

StatusOr<Response> TenderSearchPage(Context& ctx) {
  auto& tenders = ctx.site.services().tenders;
  const domain::Catalogue& catalogue = tenders.catalogue();
  const auto& q = ctx.req.query;
  app::TenderFilter filter;
  filter.text = q.Get("q").substr(0, 100);
  filter.procurement_type = q.Get("kategori").substr(0, 40);
  if (auto y = ParseId(q.Get("tahun")); y && *y >= 2000 && *y <= 2100) {
    filter.fiscal_year = static_cast<int>(*y);
  }

  filter.procedure_code = q.Get("metode").substr(0, 60);
  filter.stage = q.Get("tahap").substr(0, 60);
  SPSE_ASSIGN_OR_RETURN(auto agencies, ctx.site.services().planning.Agencies());
  // A satker's tenders are those of its RUP items; an SKPD's, its packages'.
  std::optional<std::int64_t> agency;
  if (auto a = ParseId(q.Get("instansi")); a && *a > 0) {
    agency = *a;
    auto it = std::find_if(agencies.begin(), agencies.end(),
                           [&](const domain::Agency& x) { return x.id == *a; });
    if (it != agencies.end() && it->kind == domain::AgencyKind::kSatker) {
      filter.satker_id = *a;
    } else {
      filter.agency_id = *a;
    }
  }
  const Paging page = PageOf(ctx, 25);
  filter.limit = page.size;
  filter.offset = page.offset;
  SPSE_ASSIGN_OR_RETURN(app::TenderSearch found, tenders.Search(filter));
  const bool en = ctx.lang == Lang::kEn;
  data view;
  view.set("title", ctx.T("search.title"));
  view.set("q", filter.text);
  view.set("tahun", filter.fiscal_year ? std::to_string(*filter.fiscal_year) : std::string());
  data types = List();
  for (std::string_view t : domain::ProcurementTypes()) {
    data o;
    o.set("value", std::string(t));
    o.set("label", Label(ctx, "plan.type.", t));
    o.set("selected", t == filter.procurement_type);
    types.push_back(o);
  }
  view.set("types", types);
  data agency_options = List();
  for (const domain::Agency& a : agencies) {
    data o;
    o.set("value", std::to_string(a.id));
    o.set("label", a.name);
    o.set("selected", agency && *agency == a.id);
    agency_options.push_back(o);
  }
  view.set("agencies", agency_options);
  data methods = List();
  // Stage codes in catalogue order; a code some procedures name differently
  // shows every name.
  std::vector<std::pair<std::string, std::string>> stage_names;
  for (const domain::ProcedureSpec& p : catalogue.procedures) {
    data o;
    o.set("value", p.code);
    o.set("label", en ? p.name_en : p.name_id);
    o.set("selected", p.code == filter.procedure_code);
    methods.push_back(o);
    for (const domain::StageSpec& st : p.stages) {
      const std::string& name = en ? st.name_en : st.name_id;
      auto it = std::find_if(stage_names.begin(), stage_names.end(),
                             [&](const auto& s) { return s.first == st.code; });
      if (it == stage_names.end()) {
        stage_names.emplace_back(st.code, name);
      } else if (("/ " + it->second + " /").find("/ " + name + " /") == std::string::npos) {
        it->second += " / " + name;
      }
    }
  }
  data stages = List();
  for (const auto& [code, name] : stage_names) {
    data o;
    o.set("value", code);
    o.set("label", name);
    o.set("selected", code == filter.stage);
    stages.push_back(o);
  }
  view.set("methods", methods);
  view.set("stages", stages);
  data rows = List();
  for (const auto& r : found.rows) {
    data row;
    row.set("id", std::to_string(r.tender.id));
    row.set("code", r.tender.code);
    row.set("name", r.name);
    row.set("type", Label(ctx, "plan.type.", r.procurement_type));
    row.set("year", std::to_string(r.fiscal_year));
    row.set("method_text", r.method_text);
    row.set("hps", r.hps.Format());
    row.set("status", Label(ctx, "tender.status.", domain::TenderStatusCode(r.tender.status)));
    if (r.procedure && r.current_stage) row.set("stage", StageName(ctx, *r.procedure, *r.current_stage));
    rows.push_back(row);
  }
  view.set("rows", rows);
  view.set("empty", found.rows.empty());
  // A count past the cap reads "lebih dari 1.000"; the pages stop at the cap.
  const bool capped = !filter.text.empty() && found.total > app::TenderFilter::kCountCap;
  static_assert(app::TenderFilter::kCountCap == 1000, "search.more_than_cap says 1.000");
  view.set("total", capped ? ctx.T("search.more_than_cap") : std::to_string(found.total));
  const std::string base =
      "/cari-paket?q=" + UrlEncode(filter.text) + "&kategori=" + UrlEncode(filter.procurement_type) +
      "&tahun=" + (filter.fiscal_year ? std::to_string(*filter.fiscal_year) : "") +
      "&instansi=" + (agency ? std::to_string(*agency) : "") +
      "&metode=" + UrlEncode(filter.procedure_code) + "&tahap=" + UrlEncode(filter.stage) + "&hal=";
  SetPager(view, page, capped ? app::TenderFilter::kCountCap : found.total, base);
  return ctx.Page("cari_paket", view);
}

StatusOr<Response> TenderSchedulePage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::TenderView v, ctx.site.services().tenders.Get(ctx.actor(), id));
  data view;
  SetTenderHeader(ctx, view, v);
  view.set("stages", StageRows(ctx, v));
  data changes = List();
  for (const auto& c : v.changes) {
    data r;
    r.set("at", ctx.FormatTime(c.at));
    r.set("by", c.by_name);
    r.set("reason", c.reason);
    r.set("summary", c.summary);
    changes.push_back(r);
  }
  view.set("changes", changes);
  view.set("has_changes", !v.changes.empty());
  data events = List();
  for (const auto& e : v.stage_events) {
    data r;
    r.set("at", ctx.FormatTime(e.event.at));
    r.set("kind", std::string(e.event.start ? "start" : "end"));
    r.set("stage", StageName(ctx, *v.procedure, e.event.stage));
    r.set("what", ctx.T(e.event.start ? "tender.stage_began" : "tender.stage_ended"));
    // Noticed late only when the server was not running at the time.
    if (e.recorded_at - e.event.at > kMicrosPerMinute) {
      r.set("recorded_at", ctx.FormatTime(e.recorded_at));
    }
    events.push_back(r);
  }
  view.set("stage_events", events);
  view.set("has_stage_events", !v.stage_events.empty());
  return ctx.Page("tender_jadwal", view);
}

}  // namespace spse::http::handlers
