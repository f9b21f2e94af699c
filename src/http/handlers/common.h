// Small helpers shared by the handlers.
#ifndef SPSE_HTTP_HANDLERS_COMMON_H_
#define SPSE_HTTP_HANDLERS_COMMON_H_

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "http/site.h"
#include "http/view.h"

namespace spse::http::handlers {

using kainjow::mustache::data;

inline data List() { return data{data::type::list}; }

// A positive integer id from a path parameter, or nullopt.
inline std::optional<std::int64_t> ParseId(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

inline StatusOr<std::int64_t> PathId(Context& ctx, std::string_view object) {
  auto id = ParseId(ctx.req.params["id"]);
  if (!id) return NotFound(std::string(object) + ".not_found");
  return *id;
}

// A local redirect target only: "/x" but never "//host" or "http://".
inline std::string SafeNext(std::string_view next, std::string_view fallback) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next[1] != '\\') return std::string(next);
  if (next == "/") return "/";
  return std::string(fallback);
}

// The trimmed form field.
inline std::string Field(const Context& ctx, std::string_view name) {
  std::string v = ctx.req.form.Get(name);
  const size_t b = v.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const size_t e = v.find_last_not_of(" \t\r\n");
  return v.substr(b, e - b + 1);
}

// The catalogue's text for `prefix` + `code` ("plan.type." + "barang"), or
// the code itself when the catalogue has none.
inline std::string Label(const Context& ctx, std::string_view prefix, std::string_view code) {
  const std::string key = std::string(prefix) + std::string(code);
  return ctx.site.catalogue().Has(key) ? ctx.T(key) : std::string(code);
}

// Adds "error" (the message) to a view when `s` is not ok.
inline void SetError(Context& ctx, data& view, const Status& s) {
  view.set("error", ctx.ErrorText(s));
  view.set("error_reason", s.reason());
}

// Flash message via the query string after a redirect: "?ok=key".
inline void SetNotice(Context& ctx, data& view) {
  const std::string key = ctx.req.query.Get("ok");
  if (!key.empty() && key.size() < 64 && key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") == std::string::npos) {
    const std::string full = "notice." + key;
    if (ctx.site.catalogue().Has(full)) view.set("notice", ctx.T(full));
  }
}

// A stored file (a blob) as the response: its content type, the name it is
// saved or shown under (already made safe when stored), inline or as a
// download, and its caching.
enum class Disposition { kInline, kAttachment };
inline Response StoredFile(std::string path, std::string_view content_type,
                           std::string_view filename, Disposition disposition,
                           std::string_view cache = "private, no-store") {
  Response r;
  r.file_path = std::move(path);
  r.Set("Content-Type", std::string(content_type));
  r.Set("Content-Disposition",
        std::string(disposition == Disposition::kInline ? "inline" : "attachment") +
            "; filename=\"" + std::string(filename) + "\"");
  r.Set("Cache-Control", std::string(cache));
  return r;
}

// Which page of a long list the query string asks for ("hal", from 1).
struct Paging {
  std::int64_t page = 1;
  int size = 50;
  int offset = 0;
};

inline Paging PageOf(const Context& ctx, int size) {
  Paging p;
  p.size = size;
  p.page = ParseId(ctx.req.query.Get("hal")).value_or(1);
  p.offset = static_cast<int>(std::min<std::int64_t>(p.page - 1, 100000) * size);
  return p;
}

// Sets page, pages, prev and next for the pager; `base` ends where the page
// number goes ("/audit?aksi=x&hal=").
inline void SetPager(data& view, const Paging& p, std::int64_t total, const std::string& base) {
  const std::int64_t pages = std::max<std::int64_t>(1, (total + p.size - 1) / p.size);
  view.set("page", std::to_string(p.page));
  view.set("pages", std::to_string(pages));
  if (p.page > 1) view.set("prev", base + std::to_string(p.page - 1));
  if (p.page < pages) view.set("next", base + std::to_string(p.page + 1));
}

// The document uploaded in form field `field`: its type sniffed from the
// bytes, its name made safe. nullopt when the field was left empty. A file
// that is refused ("document.type_invalid", "document.too_large") is removed
// from the blob store again, as are files sent in other fields.
inline StatusOr<std::optional<domain::Attachment>> UploadedDocument(Context& ctx,
                                                                    std::string_view field) {
  auto& registration = ctx.site.services().registration;
  std::optional<domain::Attachment> out;
  Status error;
  for (const UploadedFile& f : ctx.req.files) {
    const std::string_view type = domain::SniffDocumentType(f.head);
    if (f.field != field || out || !error.ok()) {
      registration.DiscardUpload(f.blob.sha256);
    } else if (type.empty()) {
      error = InvalidArgument("document.type_invalid");
      registration.DiscardUpload(f.blob.sha256);
    } else if (f.blob.size > domain::kMaxDocumentBytes) {
      error = InvalidArgument("document.too_large");
      registration.DiscardUpload(f.blob.sha256);
    } else {
      out = domain::Attachment{f.blob.sha256, domain::SafeFilename(f.filename), std::string(type),
                               f.blob.size};
    }
  }
  if (!error.ok()) return error;
  return out;
}

}  // namespace spse::http::handlers

#endif  // SPSE_HTTP_HANDLERS_COMMON_H_
