// Server-rendered pages: mustache templates (HTML escaping on by default)
// and the message catalogue of both UI languages.
//
// Templates name catalogue strings as [[key]]; each template is translated
// once at load time into one variant per language, so pages pay nothing for
// translation at request time. A key missing from either catalogue stops the
// server at start with the file and key named.
#ifndef SPSE_HTTP_VIEW_H_
#define SPSE_HTTP_VIEW_H_

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time_format.h"

namespace spse::http {

using ViewData = kainjow::mustache::data;

class Catalogue {
 public:
  // Loads DIR/id.json and DIR/en.json (flat objects of key -> text). Fails
  // when either lacks a key the other has.
  static StatusOr<Catalogue> Load(const std::filesystem::path& dir);
  // The text for `key`, or the key itself when unknown.
  const std::string& Get(Lang lang, std::string_view key) const;
  bool Has(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& entries(Lang lang) const {
    return lang == Lang::kId ? id_ : en_;
  }

 private:
  std::map<std::string, std::string, std::less<>> id_, en_;
};

class Views {
 public:
  // Loads every DIR/*.mustache. "layout" wraps pages.
  static StatusOr<std::unique_ptr<Views>> Load(const std::filesystem::path& dir,
                                               const Catalogue& catalogue);
  // Renders `page` with `data`, then the layout around it (`data` gains
  // "content"). Thread-safe.
  std::string RenderPage(Lang lang, std::string_view page, ViewData& data) const;
  // Renders one template alone. Thread-safe.
  std::string Render(Lang lang, std::string_view name, const ViewData& data) const;
  bool Has(std::string_view name) const { return sources_[0].count(std::string(name)) > 0; }

 private:
  Views();
  std::uint64_t id_;  // keys the per-thread parsed-template caches
  // Translated template sources, [0] = id, [1] = en.
  std::map<std::string, std::string> sources_[2];
};

std::string HtmlEscape(std::string_view s);

}  // namespace spse::http

#endif  // SPSE_HTTP_VIEW_H_
