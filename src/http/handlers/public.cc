#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

data AnnouncementView(Context& ctx, const domain::Announcement& a) {
  data v;
  v.set("id", std::to_string(a.id));
  v.set("title", a.title);
  v.set("body", a.body);
  v.set("excerpt", a.body.size() > 240 ? a.body.substr(0, a.body.rfind(' ', 240)) + " …" : a.body);
  v.set("kind_code", std::string(domain::AnnouncementKindCode(a.kind)));
  v.set("kind", ctx.T("announcement.kind." + std::string(domain::AnnouncementKindCode(a.kind))));
  v.set("starts", ctx.FormatTime(a.starts_at));
  v.set("ends", a.ends_at ? ctx.FormatTime(*a.ends_at) : "");
  v.set("has_end", a.ends_at.has_value());
  v.set("author", a.author_name);
  v.set("active", domain::IsActive(a, ctx.site.services().clock.Now()));
  if (a.attachment) {
    v.set("has_attachment", true);
    v.set("attachment_name", a.attachment->filename);
    v.set("attachment_size", std::to_string((a.attachment->size + 1023) / 1024) + " KB");
  }
  return v;
}

std::string_view ContentTypeFor(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".wasm")) return "application/wasm";
  if (ends(".pdf")) return "application/pdf";
  return "application/octet-stream";
}

// The Beranda's lists of the newest running tenders, one per category.
data TenderShelves(Context& ctx, const std::vector<app::TenderShelf>& shelves) {
  data list = List();
  for (const app::TenderShelf& shelf : shelves) {
    data s;
    s.set("type", shelf.procurement_type);
    s.set("label", Label(ctx, "plan.type.", shelf.procurement_type));
    data rows = List();
    for (const app::TenderListing& r : shelf.rows) {
      data row;
      row.set("id", std::to_string(r.tender.id));
      row.set("code", r.tender.code);
      row.set("name", r.name);
      row.set("hps", r.hps.Format());
      if (r.procedure && r.current_stage && *r.current_stage < r.procedure->stages.size()) {
        const domain::StageSpec& st = r.procedure->stages[*r.current_stage];
        row.set("stage", ctx.lang == Lang::kEn ? st.name_en : st.name_id);
      }
      rows.push_back(row);
    }
    s.set("rows", rows);
    s.set("has_rows", !shelf.rows.empty());
    list.push_back(s);
  }
  return list;
}

}  // namespace

StatusOr<Response> Home(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(auto home, ctx.site.services().portal.Home());
  auto render = [&] {
    data view;
    data list = List();
    for (const auto& a : home->announcements) list.push_back(AnnouncementView(ctx, a));
    view.set("announcements", list);
    view.set("has_announcements", !home->announcements.empty());
    view.set("shelves", TenderShelves(ctx, home->tenders));
    view.set("title", ctx.T("home.title"));
    return ctx.Page("beranda", view);
  };
  if (!ctx.who.signed_in() && ctx.set_cookies.empty()) {
    // Every signed-out visitor sees the same page for the same data.
    auto body = ctx.site.CachedPublicHome(ctx.lang, home.get(), [&] { return render().body; });
    return Response::Html(200, *body);
  }
  return render();
}

StatusOr<Response> AnnouncementPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "announcement"));
  SPSE_ASSIGN_OR_RETURN(domain::Announcement a, ctx.site.services().portal.GetPublicAnnouncement(id));
  data view = AnnouncementView(ctx, a);
  view.set("title", a.title);
  return ctx.Page("pengumuman", view);
}

StatusOr<Response> AnnouncementFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "announcement"));
  SPSE_ASSIGN_OR_RETURN(domain::Announcement a, ctx.site.services().portal.GetPublicAnnouncement(id));
  if (!a.attachment) return NotFound("announcement.no_attachment");
  SPSE_ASSIGN_OR_RETURN(std::string file, ctx.site.services().blobs.FileOf(a.attachment->sha256));
  // Always a download, never rendered in our origin.
  return StoredFile(std::move(file), a.attachment->content_type, a.attachment->filename,
                    Disposition::kAttachment, "private, max-age=3600");
}

StatusOr<Response> Healthz(Context& ctx) {
  auto tx = ctx.site.services().store.Begin(app::Access::kRead);
  if (!tx.ok()) return Response::Json(503, R"({"status":"unavailable","database":"down"})");
  auto n = (*tx)->users().Count();
  if (!n.ok()) return Response::Json(503, R"({"status":"unavailable","database":"down"})");
  if (ctx.site.config().test_clock) {
    return Response::Json(200, R"({"status":"ok","database":"ok","clock":"test"})");
  }
  return Response::Json(200, R"({"status":"ok","database":"ok"})");
}

StatusOr<Response> StaticFile(Context& ctx) {
  const std::string& rel = ctx.req.params["path"];
  // Only plain names: no parent steps, no hidden files, no backslashes.
  if (rel.empty() || rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos ||
      rel.front() == '.' || rel.find("/.") != std::string::npos || rel.find('\0') != std::string::npos) {
    return NotFound("http.not_found");
  }
  const auto path = ctx.site.config().web_dir / "static" / rel;
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return NotFound("http.not_found");
  const std::string etag = "\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtime) + "\"";
  Response r;
  r.Set("ETag", etag);
  r.Set("Cache-Control", "public, max-age=3600");
  if (ctx.req.Header("if-none-match") == etag) {
    r.status = 304;
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  r.body = body.str();
  r.Set("Content-Type", std::string(ContentTypeFor(rel)));
  return r;
}

StatusOr<Response> SwitchLanguage(Context& ctx) {
  const std::string& code = ctx.req.params["lang"];
  if (!ParseLang(code)) return NotFound("http.not_found");
  CookieOptions opts;
  opts.secure = ctx.site.config().secure_cookies;
  opts.max_age = 365L * 24 * 3600;
  ctx.set_cookies.push_back(SetCookieValue("spse_lang", code, opts));
  return Response::Redirect(SafeNext(ctx.req.query.Get("next"), "/"));
}

}  // namespace spse::http::handlers
