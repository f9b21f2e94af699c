#include "app/planning_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "domain/permission.h"

namespace spse::app {
namespace {

using domain::Package;
using domain::PackageStatus;
using domain::Permission;
using domain::RupItem;
using domain::RupStatus;

const std::map<std::string, std::string>& ColumnOfField() {
  static const auto* m = new std::map<std::string, std::string>{
      {"name", "nama_paket"},          {"fiscal_year", "tahun_anggaran"},
      {"pagu", "pagu"},                {"funding", "sumber_dana"},
      {"procurement_type", "jenis_pengadaan"}, {"method", "metode"},
      {"selection_from", "pemilihan_mulai"},   {"selection_to", "pemilihan_selesai"},
      {"work_from", "pelaksanaan_mulai"},      {"work_to", "pelaksanaan_selesai"},
      {"location", "lokasi"},          {"description", "uraian"},
      {"reason", "alasan"}};
  return *m;
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string Get(const RupFields& f, const char* key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : Trim(it->second);
}

std::optional<int> Int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// A status whose detail names the column at fault (for the form and the
// import report).
Status InColumn(const Status& s) {
  auto it = ColumnOfField().find(s.message());
  if (it == ColumnOfField().end()) return s;
  return Status(s.code(), s.reason(), it->second);
}

StatusOr<std::vector<std::int64_t>> Scope(Tx& tx, const domain::Principal& who) {
  if (!who.agency_id) return PermissionDenied("planning.no_agency");
  SPSE_ASSIGN_OR_RETURN(auto own, tx.agencies().FindById(*who.agency_id));
  if (!own) return PermissionDenied("planning.no_agency");
  const std::int64_t root =
      own->kind == domain::AgencyKind::kSatker && own->parent_id ? *own->parent_id : own->id;
  std::vector<std::int64_t> scope{root};
  SPSE_ASSIGN_OR_RETURN(auto all, tx.agencies().List());
  for (const Agency& a : all) {
    if (a.parent_id && *a.parent_id == root) scope.push_back(a.id);
  }
  return scope;
}

bool InScope(const std::vector<std::int64_t>& scope, std::int64_t agency) {
  return std::find(scope.begin(), scope.end(), agency) != scope.end();
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (c < 0x80) n = 0;
    else if ((c >> 5) == 0x6 && c >= 0xC2) n = 1;
    else if ((c >> 4) == 0xE) n = 2;
    else if ((c >> 3) == 0x1E && c <= 0xF4) n = 3;
    else return false;
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n + 1;
  }
  return true;
}

// RFC 4180 records with `sep`; quotes may hold separators and newlines.
StatusOr<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text, char sep) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == sep) {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      } else {
        rows.emplace_back();  // a blank line keeps the line numbers right
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (quoted) return InvalidArgument("rup_import.quote");
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

const std::vector<std::string>& RupColumns() {
  static const auto* cols = new std::vector<std::string>{
      "nama_paket", "kode_instansi", "tahun_anggaran", "pagu", "sumber_dana",
      "jenis_pengadaan", "metode", "pemilihan_mulai", "pemilihan_selesai",
      "pelaksanaan_mulai", "pelaksanaan_selesai", "lokasi", "uraian"};
  return *cols;
}

// ---------------------------------------------------------------- RUP

StatusOr<RupItem> PlanningService::Parse(Tx& tx, const std::vector<std::int64_t>& scope,
                                         const RupFields& f) {
  RupItem item;
  item.name = Get(f, "nama_paket");
  const std::string agency_code = Get(f, "kode_instansi");
  if (agency_code.empty()) return InvalidArgument("rup.agency_invalid", "kode_instansi");
  SPSE_ASSIGN_OR_RETURN(auto agency, tx.agencies().FindByCode(agency_code));
  if (!agency || !InScope(scope, agency->id)) {
    return InvalidArgument("rup.agency_invalid", "kode_instansi");
  }
  item.agency_id = agency->id;
  auto year = Int(Get(f, "tahun_anggaran"));
  if (!year) return InvalidArgument("rup.year_format", "tahun_anggaran");
  item.fiscal_year = *year;
  const std::string pagu = Get(f, "pagu");
  auto money = Money::Parse(pagu.rfind("Rp", 0) == 0 ? Trim(pagu.substr(2)) : pagu);
  if (!money) return InvalidArgument("rup.pagu_format", "pagu");
  item.pagu = *money;
  item.funding = Get(f, "sumber_dana");
  // Funding sources are written in capitals (APBD), except "Lainnya".
  for (std::string_view s : domain::FundingSources()) {
    std::string a(s), b = item.funding;
    std::transform(a.begin(), a.end(), a.begin(), ::tolower);
    std::transform(b.begin(), b.end(), b.begin(), ::tolower);
    if (a == b) item.funding = std::string(s);
  }
  item.procurement_type = Get(f, "jenis_pengadaan");
  item.method = Get(f, "metode");
  std::transform(item.procurement_type.begin(), item.procurement_type.end(),
                 item.procurement_type.begin(), ::tolower);
  std::transform(item.method.begin(), item.method.end(), item.method.begin(), ::tolower);
  struct Month {
    const char* column;
    int* into;
  } months[] = {{"pemilihan_mulai", &item.selection_from},
                {"pemilihan_selesai", &item.selection_to},
                {"pelaksanaan_mulai", &item.work_from},
                {"pelaksanaan_selesai", &item.work_to}};
  for (const Month& m : months) {
    auto v = Int(Get(f, m.column));
    if (!v) return InvalidArgument("rup.month_format", m.column);
    *m.into = *v;
  }
  item.location = Get(f, "lokasi");
  item.description = Get(f, "uraian");
  Status valid = domain::ValidateRupItem(item);
  if (!valid.ok()) return InColumn(valid);
  return item;
}

StatusOr<std::vector<Agency>> PlanningService::PlanningAgencies(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  std::vector<Agency> out;
  for (std::int64_t id : scope) {
    SPSE_ASSIGN_OR_RETURN(auto a, tx->agencies().FindById(id));
    if (a && a->active) out.push_back(*a);
  }
  return out;
}

StatusOr<std::int64_t> PlanningService::CreateRup(const Actor& actor, const RupFields& fields) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  SPSE_ASSIGN_OR_RETURN(RupItem item, Parse(*tx, scope, fields));
  item.created_by = actor.who.user_id;
  item.created_at = item.updated_at = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->rup().Insert(item));
  SPSE_ASSIGN_OR_RETURN(auto stored, tx->rup().FindById(id));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "rup.create", "rup", std::to_string(id),
                                  stored->code + " " + item.name + " (" + item.pagu.Format() + ")"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

StatusOr<RupItem> PlanningService::ScopedRup(Tx& tx, const Actor& actor, std::int64_t id) {
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor.who));
  SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
  if (!item || !InScope(scope, item->agency_id)) return NotFound("rup.not_found");
  return *item;
}

Status PlanningService::UpdateRup(const Actor& actor, std::int64_t id, const RupFields& fields) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(RupItem current, ScopedRup(*tx, actor, id));
  SPSE_RETURN_IF_ERROR(domain::CheckRupEdit(current));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  SPSE_ASSIGN_OR_RETURN(RupItem next, Parse(*tx, scope, fields));
  next.id = current.id;
  next.code = current.code;
  next.status = current.status;
  next.created_by = current.created_by;
  next.created_at = current.created_at;
  next.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->rup().Update(next));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "rup.update", "rup", std::to_string(id),
                                  current.code + " " + next.name + " (" + next.pagu.Format() + ")"));
  return tx->Commit();
}

Status PlanningService::PublishRup(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(RupItem item, ScopedRup(*tx, actor, id));
  SPSE_RETURN_IF_ERROR(domain::CheckRupPublish(item));
  item.status = RupStatus::kPublished;
  item.published_at = item.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->rup().Update(item));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "rup.publish", "rup", std::to_string(id),
                                  item.code + " " + item.name));
  return tx->Commit();
}

Status PlanningService::CancelRup(const Actor& actor, std::int64_t id, std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(RupItem item, ScopedRup(*tx, actor, id));
  const std::string why = Trim(reason);
  Status ok = domain::CheckRupCancel(item, why);
  if (!ok.ok()) return InColumn(ok);
  SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().PackageOfRup(id));
  if (package) return FailedPrecondition("rup.in_package");
  item.status = RupStatus::kCancelled;
  item.cancel_reason = why;
  item.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->rup().Update(item));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "rup.cancel", "rup", std::to_string(id),
                                  item.code + ": " + why));
  return tx->Commit();
}

StatusOr<RupView> PlanningService::OwnRup(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(RupItem item, ScopedRup(*tx, actor, id));
  RupView v;
  SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindById(item.agency_id));
  if (agency) v.agency = *agency;
  SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().PackageOfRup(id));
  if (package) {
    SPSE_ASSIGN_OR_RETURN(auto p, tx->packages().FindById(*package));
    if (p) v.package_code = p->code;
  }
  v.item = std::move(item);
  return v;
}

namespace {

StatusOr<RupPage> PageOf(Tx& tx, const RupFilter& filter) {
  RupPage page;
  SPSE_ASSIGN_OR_RETURN(page.total, tx.rup().Count(filter));
  SPSE_ASSIGN_OR_RETURN(auto items, tx.rup().Search(filter));
  std::map<std::int64_t, Agency> agencies;
  for (RupItem& it : items) {
    RupView v;
    if (!agencies.count(it.agency_id)) {
      SPSE_ASSIGN_OR_RETURN(auto a, tx.agencies().FindById(it.agency_id));
      if (a) agencies[it.agency_id] = *a;
    }
    v.agency = agencies[it.agency_id];
    v.item = std::move(it);
    page.items.push_back(std::move(v));
  }
  return page;
}

RupFilter Bounded(RupFilter f) {
  f.limit = std::clamp(f.limit, 1, 100);
  f.offset = std::max(0, f.offset);
  if (f.text.size() > 100) f.text.resize(100);
  return f;
}

}  // namespace

StatusOr<RupPage> PlanningService::OwnRupList(const Actor& actor, RupFilter filter) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  std::vector<std::int64_t> wanted;
  for (std::int64_t a : filter.agency_ids) {
    if (InScope(scope, a)) wanted.push_back(a);
  }
  filter.agency_ids = wanted.empty() ? scope : wanted;
  return PageOf(*tx, Bounded(std::move(filter)));
}

StatusOr<ImportReport> PlanningService::ImportCsv(const Actor& actor, std::string_view csv,
                                                  bool publish) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePlans));
  if (csv.size() > kMaxImportBytes) return InvalidArgument("rup_import.too_large");
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  if (Trim(csv).empty()) return InvalidArgument("rup_import.empty");
  if (!ValidUtf8(csv)) return InvalidArgument("rup_import.encoding");
  // Excel in an Indonesian locale saves with ';': whichever separator the
  // header line uses more often.
  const std::string_view header_line = csv.substr(0, csv.find_first_of("\r\n"));
  const char sep = std::count(header_line.begin(), header_line.end(), ';') >
                           std::count(header_line.begin(), header_line.end(), ',')
                       ? ';'
                       : ',';
  SPSE_ASSIGN_OR_RETURN(auto rows, ParseCsv(csv, sep));
  if (rows.empty()) return InvalidArgument("rup_import.empty");
  if (rows.size() - 1 > kMaxImportRows) return InvalidArgument("rup_import.too_many_rows");
  std::vector<std::string> header;
  for (std::string h : rows.front()) {
    h = Trim(h);
    std::transform(h.begin(), h.end(), h.begin(), ::tolower);
    header.push_back(h);
  }
  for (const std::string& h : header) {
    if (std::find(RupColumns().begin(), RupColumns().end(), h) == RupColumns().end()) {
      return InvalidArgument("rup_import.header", h.empty() ? "(kosong)" : h);
    }
  }
  for (const std::string& c : RupColumns()) {
    if (c == "uraian") continue;  // optional
    if (std::find(header.begin(), header.end(), c) == header.end()) {
      return InvalidArgument("rup_import.header", c);
    }
  }

  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  ImportReport report;
  std::vector<RupItem> items;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.empty() || (row.size() == 1 && Trim(row[0]).empty())) continue;
    ++report.rows;
    const int line = static_cast<int>(r + 1);
    if (row.size() != header.size()) {
      report.errors.push_back({line, "", InvalidArgument("rup_import.column_count",
                                                         std::to_string(row.size()))});
      continue;
    }
    RupFields fields;
    for (size_t c = 0; c < header.size(); ++c) fields[header[c]] = row[c];
    auto item = Parse(*tx, scope, fields);
    if (!item.ok()) {
      report.errors.push_back({line, item.status().message(), item.status()});
      continue;
    }
    items.push_back(*std::move(item));
  }
  if (report.rows == 0) return InvalidArgument("rup_import.empty");
  if (!report.errors.empty()) return report;  // all or nothing: nothing stored

  const Micros now = clock_.Now();
  for (RupItem& item : items) {
    item.created_by = actor.who.user_id;
    item.created_at = item.updated_at = now;
    if (publish) {
      item.status = RupStatus::kPublished;
      item.published_at = now;
    }
    SPSE_RETURN_IF_ERROR(tx->rup().Insert(item).status());
  }
  report.stored = static_cast<int>(items.size());
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "rup.import", "agency", std::to_string(scope.front()),
      std::to_string(report.stored) + " item RUP dari CSV" + (publish ? ", langsung diumumkan" : "")));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

// ---------------------------------------------------------------- public

StatusOr<RupPage> PlanningService::SearchPublic(RupFilter filter) {
  filter.status = RupStatus::kPublished;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return PageOf(*tx, Bounded(std::move(filter)));
}

StatusOr<RupView> PlanningService::PublicItem(std::string_view code) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto item, tx->rup().FindByCode(code));
  if (!item || item->status == RupStatus::kDraft) return NotFound("rup.not_found");
  RupView v;
  SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindById(item->agency_id));
  if (agency) v.agency = *agency;
  SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().PackageOfRup(item->id));
  if (package) {
    SPSE_ASSIGN_OR_RETURN(auto p, tx->packages().FindById(*package));
    if (p) v.package_code = p->code;
  }
  v.item = *std::move(item);
  return v;
}

StatusOr<std::vector<Agency>> PlanningService::Agencies() {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->agencies().List();
}

// ---------------------------------------------------------------- packages

StatusOr<PackageChoices> PlanningService::Choices(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePackages));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  PackageChoices out;
  RupFilter f;
  f.agency_ids = scope;
  f.status = RupStatus::kPublished;
  f.limit = 1000;
  SPSE_ASSIGN_OR_RETURN(auto items, tx->rup().Search(f));
  for (RupItem& it : items) {
    if (domain::AssigneeFor(it.method) == domain::Assignee::kNone) continue;
    SPSE_ASSIGN_OR_RETURN(auto in, tx->packages().PackageOfRup(it.id));
    if (!in) out.rup.push_back(std::move(it));
  }
  SPSE_ASSIGN_OR_RETURN(auto groups, tx->pokja().List());
  for (auto& g : groups) {
    if (g.active) out.pokja.push_back(std::move(g));
  }
  UserFilter uf;
  uf.role = domain::Role::kPejabatPengadaan;
  uf.limit = 500;
  SPSE_ASSIGN_OR_RETURN(auto users, tx->users().List(uf));
  for (auto& u : users) {
    if (u.active && u.verification.status == domain::AccountStatus::kVerified) {
      out.officials.push_back(std::move(u));
    }
  }
  return out;
}

StatusOr<std::vector<RupItem>> PlanningService::PackageItems(Tx& tx,
                                                             const std::vector<std::int64_t>& scope,
                                                             const std::vector<std::int64_t>& ids) {
  std::vector<RupItem> items;
  std::set<std::int64_t> seen;
  for (std::int64_t id : ids) {
    if (!seen.insert(id).second) continue;
    SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
    if (!item || !InScope(scope, item->agency_id)) return NotFound("rup.not_found");
    items.push_back(*std::move(item));
  }
  SPSE_RETURN_IF_ERROR(domain::CheckPackageItems(items));
  if (domain::AssigneeFor(domain::PackageMethod(items)) == domain::Assignee::kNone) {
    return FailedPrecondition("paket.method_not_procured", domain::PackageMethod(items));
  }
  return items;
}

StatusOr<std::int64_t> PlanningService::CreatePackage(const Actor& actor,
                                                      const PackageFields& fields) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePackages));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  Package p;
  p.name = Trim(fields.name);
  p.rup_ids = fields.rup_ids;
  p.contract_type = fields.contract_type;
  p.qualification = fields.qualification;
  SPSE_RETURN_IF_ERROR(domain::ValidatePackage(p));
  SPSE_ASSIGN_OR_RETURN(auto items, PackageItems(*tx, scope, p.rup_ids));
  p.rup_ids.clear();
  for (const RupItem& it : items) p.rup_ids.push_back(it.id);
  p.agency_id = scope.front();
  p.ppk_id = actor.who.user_id;
  p.created_at = p.updated_at = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->packages().Insert(p, items.front().fiscal_year));
  std::string codes;
  for (const RupItem& it : items) codes += (codes.empty() ? "" : ", ") + it.code;
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "package.create", "package",
                                  std::to_string(id), p.name + " dari " + codes));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

StatusOr<Package> PlanningService::EditablePackage(Tx& tx, const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePackages));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor.who));
  SPSE_ASSIGN_OR_RETURN(auto p, tx.packages().FindById(id));
  if (!p || p->agency_id != scope.front()) return NotFound("paket.not_found");
  if (p->status != PackageStatus::kDraft) return FailedPrecondition("paket.not_draft");
  return *p;
}

Status PlanningService::UpdatePackage(const Actor& actor, std::int64_t id,
                                      const PackageFields& fields) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Package p, EditablePackage(*tx, actor, id));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  p.name = Trim(fields.name);
  p.rup_ids = fields.rup_ids;
  p.contract_type = fields.contract_type;
  p.qualification = fields.qualification;
  SPSE_RETURN_IF_ERROR(domain::ValidatePackage(p));
  SPSE_ASSIGN_OR_RETURN(auto items, PackageItems(*tx, scope, p.rup_ids));
  SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(p.hps));
  SPSE_RETURN_IF_ERROR(domain::CheckHpsWithinPagu(hps, domain::TotalPagu(items)));
  p.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->packages().Update(p));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "package.update", "package",
                                  std::to_string(id), p.name));
  return tx->Commit();
}

Status PlanningService::AddHpsLine(const Actor& actor, std::int64_t id,
                                   const HpsLineFields& fields) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Package p, EditablePackage(*tx, actor, id));
  domain::HpsLine line;
  line.description = Trim(fields.description);
  line.unit = Trim(fields.unit);
  auto quantity = domain::ParseQuantity(fields.quantity);
  if (!quantity) return InvalidArgument("hps.quantity_invalid", "quantity");
  line.quantity = *quantity;
  std::string price = Trim(fields.unit_price);
  if (price.rfind("Rp", 0) == 0) price = Trim(price.substr(2));
  auto money = Money::Parse(price);
  if (!money) return InvalidArgument("hps.price_invalid", "unit_price");
  line.unit_price = *money;
  SPSE_RETURN_IF_ERROR(domain::ValidateHpsLine(line));
  p.hps.push_back(line);
  SPSE_RETURN_IF_ERROR(domain::ValidatePackage(p));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  SPSE_ASSIGN_OR_RETURN(auto items, PackageItems(*tx, scope, p.rup_ids));
  SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(p.hps));
  SPSE_RETURN_IF_ERROR(domain::CheckHpsWithinPagu(hps, domain::TotalPagu(items)));  // PKT-01
  p.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->packages().Update(p));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "package.hps", "package", std::to_string(id),
                                  "tambah: " + line.description + " " +
                                      domain::FormatQuantity(line.quantity) + " " + line.unit +
                                      " x " + line.unit_price.Format() + "; HPS " + hps.Format()));
  return tx->Commit();
}

Status PlanningService::RemoveHpsLine(const Actor& actor, std::int64_t id, size_t index) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Package p, EditablePackage(*tx, actor, id));
  if (index >= p.hps.size()) return NotFound("hps.line_not_found");
  const std::string what = p.hps[index].description;
  p.hps.erase(p.hps.begin() + static_cast<std::ptrdiff_t>(index));
  p.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->packages().Update(p));
  SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(p.hps));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "package.hps", "package", std::to_string(id),
                                  "hapus: " + what + "; HPS " + hps.Format()));
  return tx->Commit();
}

StatusOr<domain::PackageDocument> PlanningService::AddDocument(const Actor& actor, std::int64_t id,
                                                               std::string_view kind,
                                                               const domain::Attachment& file) {
  const auto kinds = domain::PackageDocumentKinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    return InvalidArgument("document.kind_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Package p, EditablePackage(*tx, actor, id));
  domain::PackageDocument doc;
  doc.package_id = p.id;
  doc.kind = std::string(kind);
  doc.sha256 = file.sha256;
  doc.filename = file.filename;
  doc.content_type = file.content_type;
  doc.size = file.size;
  doc.uploaded_at = clock_.Now();
  doc.uploaded_by = actor.who.user_id;
  SPSE_RETURN_IF_ERROR(tx->packages().AddDocument(doc).status());
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "package.document", "package",
                                  std::to_string(id),
                                  doc.kind + " versi " + std::to_string(doc.version) + ": " +
                                      doc.filename + " (sha256 " + doc.sha256.substr(0, 12) + ")"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return doc;
}

Status PlanningService::Assign(const Actor& actor, std::int64_t id,
                               std::optional<std::int64_t> pokja_group_id,
                               std::optional<std::int64_t> official_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Package p, EditablePackage(*tx, actor, id));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  SPSE_ASSIGN_OR_RETURN(auto items, PackageItems(*tx, scope, p.rup_ids));
  SPSE_ASSIGN_OR_RETURN(auto docs, tx->packages().Documents(id));
  const bool has_kak = std::any_of(docs.begin(), docs.end(),
                                   [](const auto& d) { return d.kind == "kak"; });
  if (pokja_group_id && official_id) return InvalidArgument("paket.assignee_wrong_kind");
  const domain::Assignee chosen = pokja_group_id ? domain::Assignee::kPokja
                                  : official_id  ? domain::Assignee::kPejabatPengadaan
                                                 : domain::Assignee::kNone;
  if (chosen == domain::Assignee::kNone) return InvalidArgument("paket.assignee_required");
  SPSE_RETURN_IF_ERROR(domain::CheckAssignment(p, domain::PackageMethod(items), has_kak, chosen));
  SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(p.hps));
  SPSE_RETURN_IF_ERROR(domain::CheckHpsWithinPagu(hps, domain::TotalPagu(items)));
  std::string to;
  if (pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx->pokja().FindById(*pokja_group_id));
    if (!group || !group->active) return NotFound("pokja.not_found");
    to = "Pokja " + group->name;
  } else {
    SPSE_ASSIGN_OR_RETURN(auto official, tx->users().FindById(*official_id));
    if (!official || !official->active ||
        !official->roles.Has(domain::Role::kPejabatPengadaan) ||
        official->verification.status != domain::AccountStatus::kVerified) {
      return InvalidArgument("paket.official_invalid");
    }
    to = "Pejabat Pengadaan " + official->username;
  }
  p.pokja_group_id = pokja_group_id;
  p.official_id = official_id;
  p.status = PackageStatus::kAssigned;
  p.assigned_at = p.updated_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(tx->packages().Update(p));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "package.assign", "package",
                                  std::to_string(id), p.code + " diserahkan kepada " + to));
  return tx->Commit();
}

StatusOr<std::vector<PackageView>> PlanningService::PpkPackages(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePackages));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto scope, Scope(*tx, actor.who));
  PackageFilter f;
  f.agency_ids = {scope.front()};
  f.limit = 500;
  SPSE_ASSIGN_OR_RETURN(auto list, tx->packages().List(f));
  std::vector<PackageView> out;
  for (Package& p : list) {
    SPSE_ASSIGN_OR_RETURN(auto v, View(*tx, actor, std::move(p)));
    out.push_back(std::move(v));
  }
  return out;
}

// ---------------------------------------------------------------- read API

StatusOr<bool> PlanningService::MayRead(Tx& tx, const Actor& actor, const Package& p) {
  if (domain::Authorize(actor.who, Permission::kManagePackages).ok()) {
    auto scope = Scope(tx, actor.who);
    if (scope.ok() && scope->front() == p.agency_id) return true;
  }
  if (p.status != PackageStatus::kAssigned ||
      !domain::Authorize(actor.who, Permission::kViewAssignedPackages).ok()) {
    return false;
  }
  if (p.official_id && *p.official_id == actor.who.user_id &&
      actor.who.roles.Has(domain::Role::kPejabatPengadaan)) {
    return true;
  }
  if (p.pokja_group_id && actor.who.roles.Has(domain::Role::kPokja)) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx.pokja().FindById(*p.pokja_group_id));
    if (group && std::find(group->member_ids.begin(), group->member_ids.end(),
                           actor.who.user_id) != group->member_ids.end()) {
      return true;
    }
  }
  return false;
}

StatusOr<PackageView> PlanningService::View(Tx& tx, const Actor& actor, Package p) {
  PackageView v;
  for (std::int64_t id : p.rup_ids) {
    SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
    if (item) v.rup.push_back(*std::move(item));
  }
  v.method = domain::PackageMethod(v.rup);
  v.pagu = domain::TotalPagu(v.rup);
  auto hps = domain::HpsTotal(p.hps);
  v.hps_total = hps.ok() ? *hps : Money();
  SPSE_ASSIGN_OR_RETURN(auto agency, tx.agencies().FindById(p.agency_id));
  if (agency) v.agency = *agency;
  SPSE_ASSIGN_OR_RETURN(auto ppk, tx.users().FindById(p.ppk_id));
  if (ppk) v.ppk = *ppk;
  SPSE_ASSIGN_OR_RETURN(v.documents, tx.packages().Documents(p.id));
  if (p.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(v.pokja, tx.pokja().FindById(*p.pokja_group_id));
  }
  if (p.official_id) {
    SPSE_ASSIGN_OR_RETURN(v.official, tx.users().FindById(*p.official_id));
  }
  if (p.status == PackageStatus::kDraft &&
      domain::Authorize(actor.who, Permission::kManagePackages).ok()) {
    auto scope = Scope(tx, actor.who);
    v.editable = scope.ok() && scope->front() == p.agency_id;
  }
  v.package = std::move(p);
  return v;
}

StatusOr<PackageView> PlanningService::GetPackage(const Actor& actor, std::int64_t id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto p, tx->packages().FindById(id));
  if (!p) return NotFound("paket.not_found");
  SPSE_ASSIGN_OR_RETURN(bool may, MayRead(*tx, actor, *p));
  if (!may) return NotFound("paket.not_found");
  return View(*tx, actor, *std::move(p));
}

StatusOr<std::vector<PackageView>> PlanningService::AssignedPackages(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kViewAssignedPackages));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  PackageFilter f;
  if (actor.who.roles.Has(domain::Role::kPokja)) {
    SPSE_ASSIGN_OR_RETURN(auto groups, tx->pokja().List());
    for (const auto& g : groups) {
      if (std::find(g.member_ids.begin(), g.member_ids.end(), actor.who.user_id) !=
          g.member_ids.end()) {
        f.pokja_group_ids.push_back(g.id);
      }
    }
  }
  if (actor.who.roles.Has(domain::Role::kPejabatPengadaan)) f.official_id = actor.who.user_id;
  std::vector<PackageView> out;
  if (f.pokja_group_ids.empty() && !f.official_id) return out;
  f.limit = 500;
  SPSE_ASSIGN_OR_RETURN(auto list, tx->packages().List(f));
  for (Package& p : list) {
    SPSE_ASSIGN_OR_RETURN(auto v, View(*tx, actor, std::move(p)));
    out.push_back(std::move(v));
  }
  return out;
}

StatusOr<domain::PackageDocument> PlanningService::OpenDocument(const Actor& actor,
                                                                std::int64_t document_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto doc, tx->packages().FindDocument(document_id));
  if (!doc) return NotFound("document.not_found");
  SPSE_ASSIGN_OR_RETURN(auto p, tx->packages().FindById(doc->package_id));
  if (!p) return NotFound("document.not_found");
  SPSE_ASSIGN_OR_RETURN(bool may, MayRead(*tx, actor, *p));
  if (!may) return NotFound("document.not_found");
  return *doc;
}

}  // namespace spse::app
