// LPSE staff pages: announcements (Pasal 22c, 25(4)) and the audit trail.
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

constexpr int kAuditPageSize = 50;

StatusOr<Response> RenderAnnouncements(Context& ctx, int status, const Status& error,
                                       const domain::Announcement* draft) {
  SPSE_ASSIGN_OR_RETURN(auto list, ctx.site.services().portal.ListAnnouncements(ctx.actor(), 100));
  const Micros now = ctx.site.services().clock.Now();
  data view;
  view.set("title", ctx.T("announcements.title"));
  data rows = List();
  for (const auto& a : list) {
    data r;
    r.set("id", std::to_string(a.id));
    r.set("title", a.title);
    r.set("kind", ctx.T("announcement.kind." + std::string(domain::AnnouncementKindCode(a.kind))));
    r.set("starts", ctx.FormatTime(a.starts_at));
    r.set("ends", a.ends_at ? ctx.FormatTime(*a.ends_at) : "");
    r.set("author", a.author_name);
    r.set("active", domain::IsActive(a, now));
    r.set("can_end", !a.ends_at || *a.ends_at > now);
    rows.push_back(r);
  }
  view.set("announcements", rows);
  const domain::Announcement blank;
  const domain::Announcement& form = draft ? *draft : blank;
  view.set("form_title", form.title);
  view.set("form_body", form.body);
  data kinds = List();
  for (auto k : {domain::AnnouncementKind::kNews, domain::AnnouncementKind::kMaintenance,
                 domain::AnnouncementKind::kProblem}) {
    data o;
    o.set("code", std::string(domain::AnnouncementKindCode(k)));
    o.set("label", ctx.T("announcement.kind." + std::string(domain::AnnouncementKindCode(k))));
    o.set("selected", k == form.kind);
    kinds.push_back(o);
  }
  view.set("kinds", kinds);
  view.set("zone", std::string(ctx.site.config().zone.name));
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("kelola_pengumuman", view, status);
}

}  // namespace

StatusOr<Response> AnnouncementAdmin(Context& ctx) {
  return RenderAnnouncements(ctx, 200, OkStatus(), nullptr);
}

StatusOr<Response> AnnouncementPost(Context& ctx) {
  domain::Announcement a;
  a.title = Field(ctx, "title");
  a.body = Field(ctx, "body");
  Status error;
  auto kind = domain::ParseAnnouncementKind(Field(ctx, "kind"));
  if (!kind) error = InvalidArgument("announcement.kind_invalid");
  a.kind = kind.value_or(domain::AnnouncementKind::kNews);
  const Zone& zone = ctx.site.config().zone;
  const std::string starts = Field(ctx, "starts_at");
  const std::string ends = Field(ctx, "ends_at");
  if (!starts.empty()) {
    auto t = ParseInputDateTime(starts, zone);
    if (!t) error = InvalidArgument("announcement.time_invalid");
    a.starts_at = t.value_or(0);
  }
  if (!ends.empty()) {
    a.ends_at = ParseInputDateTime(ends, zone);
    if (!a.ends_at) error = InvalidArgument("announcement.time_invalid");
  }
  for (const UploadedFile& f : ctx.req.files) {
    if (f.field != "lampiran" || !error.ok()) continue;
    const std::string_view type = domain::SniffDocumentType(f.head);
    if (type.empty()) {
      error = InvalidArgument("announcement.attachment_type");
      continue;
    }
    a.attachment = domain::Attachment{f.blob.sha256, domain::SafeFilename(f.filename),
                                      std::string(type), f.blob.size};
  }
  if (error.ok()) error = ctx.site.services().portal.PostAnnouncement(ctx.actor(), a).status();
  if (error.ok()) return Response::Redirect("/kelola/pengumuman?ok=announcement_posted");
  if (HttpStatusFor(error.code()) >= 500) return error;
  return RenderAnnouncements(ctx, HttpStatusFor(error.code()), error, &a);
}

StatusOr<Response> AnnouncementEnd(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "announcement"));
  SPSE_RETURN_IF_ERROR(ctx.site.services().portal.EndAnnouncement(ctx.actor(), id));
  return Response::Redirect("/kelola/pengumuman?ok=announcement_ended");
}

StatusOr<Response> AuditTrail(Context& ctx) {
  const Form& q = ctx.req.query;
  app::AuditFilter filter;
  filter.actor = q.Get("aktor").substr(0, 64);
  filter.action = q.Get("aksi").substr(0, 64);
  filter.object_type = q.Get("objek").substr(0, 64);
  filter.object_id = q.Get("id_objek").substr(0, 64);
  const Zone& zone = ctx.site.config().zone;
  const std::string from = q.Get("dari"), to = q.Get("sampai");
  if (!from.empty()) filter.from = ParseInputDateTime(from + "T00:00", zone);
  if (!to.empty()) {
    if (auto t = ParseInputDateTime(to + "T00:00", zone)) filter.to = *t + kMicrosPerDay;
  }
  const Paging paging = PageOf(ctx, kAuditPageSize);
  filter.limit = paging.size;
  filter.offset = paging.offset;
  SPSE_ASSIGN_OR_RETURN(app::AuditPage result, ctx.site.services().portal.QueryAudit(ctx.actor(), filter));

  data view;
  view.set("title", ctx.T("audit.title"));
  view.set("f_actor", filter.actor);
  view.set("f_action", filter.action);
  view.set("f_object", filter.object_type);
  view.set("f_object_id", filter.object_id);
  view.set("f_from", from);
  view.set("f_to", to);
  view.set("total", std::to_string(result.total));
  data rows = List();
  for (const auto& e : result.entries) {
    data r;
    r.set("at", ctx.FormatTime(e.at));
    r.set("actor", e.actor_name);
    r.set("role", e.actor_role);
    r.set("action", e.action);
    r.set("object", e.object_type + (e.object_id.empty() || e.object_id == "-" ? "" : " #" + e.object_id));
    r.set("summary", e.summary);
    r.set("addr", e.client_addr);
    rows.push_back(r);
  }
  view.set("entries", rows);
  view.set("empty", result.entries.empty());
  // Pagination links keep the filters.
  std::string base = "/audit?aktor=" + UrlEncode(filter.actor) + "&aksi=" + UrlEncode(filter.action) +
                     "&objek=" + UrlEncode(filter.object_type) + "&id_objek=" +
                     UrlEncode(filter.object_id) + "&dari=" + UrlEncode(from) +
                     "&sampai=" + UrlEncode(to) + "&hal=";
  SetPager(view, paging, result.total, base);
  return ctx.Page("audit", view);
}

}  // namespace spse::http::handlers
