#include "http/view.h"

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

namespace spse::http {
namespace fs = std::filesystem;

namespace {

StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable("view.read_failed", path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

StatusOr<std::map<std::string, std::string, std::less<>>> LoadJson(const fs::path& path) {
  SPSE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  std::map<std::string, std::string, std::less<>> out;
  try {
    const auto json = nlohmann::json::parse(text);
    if (!json.is_object()) return InvalidArgument("i18n.invalid", path.string() + ": not an object");
    for (const auto& [k, v] : json.items()) {
      if (!v.is_string()) return InvalidArgument("i18n.invalid", path.string() + ": " + k);
      out.emplace(k, v.get<std::string>());
    }
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument("i18n.invalid", path.string() + ": " + e.what());
  }
  return out;
}

// Replaces every [[key]] with the escaped catalogue text.
StatusOr<std::string> Translate(const std::string& source, const std::string& file,
                                const Catalogue& catalogue, Lang lang) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = source.find("[[", pos);
    if (open == std::string::npos) break;
    const size_t close = source.find("]]", open + 2);
    if (close == std::string::npos) return InvalidArgument("view.unclosed_key", file);
    const std::string key = source.substr(open + 2, close - open - 2);
    if (!catalogue.Has(key)) return InvalidArgument("view.unknown_key", file + ": " + key);
    out.append(source, pos, open - pos);
    out += HtmlEscape(catalogue.Get(lang, key));
    pos = close + 2;
  }
  out.append(source, pos, std::string::npos);
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

StatusOr<Catalogue> Catalogue::Load(const fs::path& dir) {
  Catalogue c;
  SPSE_ASSIGN_OR_RETURN(c.id_, LoadJson(dir / "id.json"));
  SPSE_ASSIGN_OR_RETURN(c.en_, LoadJson(dir / "en.json"));
  for (const auto& [k, v] : c.id_) {
    if (!c.en_.count(k)) return InvalidArgument("i18n.missing", "en.json lacks " + k);
  }
  for (const auto& [k, v] : c.en_) {
    if (!c.id_.count(k)) return InvalidArgument("i18n.missing", "id.json lacks " + k);
  }
  return c;
}

const std::string& Catalogue::Get(Lang lang, std::string_view key) const {
  const auto& m = lang == Lang::kId ? id_ : en_;
  auto it = m.find(key);
  if (it != m.end()) return it->second;
  static thread_local std::string fallback;
  fallback = std::string(key);
  return fallback;
}

bool Catalogue::Has(std::string_view key) const { return id_.find(key) != id_.end(); }

StatusOr<std::unique_ptr<Views>> Views::Load(const fs::path& dir, const Catalogue& catalogue) {
  std::unique_ptr<Views> views(new Views());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    const std::string name = entry.path().stem().string();
    SPSE_ASSIGN_OR_RETURN(std::string source, ReadFile(entry.path()));
    for (Lang lang : {Lang::kId, Lang::kEn}) {
      SPSE_ASSIGN_OR_RETURN(std::string translated,
                            Translate(source, entry.path().filename().string(), catalogue, lang));
      kainjow::mustache::mustache check{translated};
      if (!check.is_valid()) {
        return InvalidArgument("view.invalid", name + ": " + check.error_message());
      }
      views->sources_[lang == Lang::kId ? 0 : 1].emplace(name, std::move(translated));
    }
  }
  if (ec) return Unavailable("view.read_failed", dir.string() + ": " + ec.message());
  // Partials ({{> name}}) are inlined here, once, so rendering never looks them up.
  for (auto& sources : views->sources_) {
    for (auto& [name, text] : sources) {
      for (int depth = 0; depth < 4 && text.find("{{>") != std::string::npos; ++depth) {
        const size_t open = text.find("{{>");
        const size_t close = text.find("}}", open);
        if (close == std::string::npos) return InvalidArgument("view.invalid", name + ": {{>");
        std::string partial = text.substr(open + 3, close - open - 3);
        partial.erase(0, partial.find_first_not_of(' '));
        partial.erase(partial.find_last_not_of(' ') + 1);
        auto it = sources.find(partial);
        if (it == sources.end() || it->first == name) {
          return InvalidArgument("view.missing", name + ": partial " + partial);
        }
        text.replace(open, close + 2 - open, it->second);
      }
    }
  }
  if (!views->Has("layout")) return InvalidArgument("view.missing", "layout.mustache");
  return views;
}

Views::Views() {
  static std::atomic<std::uint64_t> next{1};
  id_ = next.fetch_add(1);
}

std::string Views::Render(Lang lang, std::string_view name, const ViewData& data) const {
  // kainjow templates are not safe to render from several threads at once;
  // each thread parses its own copy once.
  using Cache = std::unordered_map<std::string, kainjow::mustache::mustache>;
  thread_local std::unordered_map<std::uint64_t, Cache> caches[2];
  const int idx = lang == Lang::kId ? 0 : 1;
  Cache& cache = caches[idx][id_];
  auto it = cache.find(std::string(name));
  if (it == cache.end()) {
    auto src = sources_[idx].find(std::string(name));
    if (src == sources_[idx].end()) return "";
    it = cache.emplace(std::string(name), kainjow::mustache::mustache{src->second}).first;
  }
  return it->second.render(data);
}

std::string Views::RenderPage(Lang lang, std::string_view page, ViewData& data) const {
  data.set("content", Render(lang, page, data));
  return Render(lang, "layout", data);
}

}  // namespace spse::http
