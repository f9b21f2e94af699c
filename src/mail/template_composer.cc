#include "mail/template_composer.h"

#include <kainjow/mustache.hpp>

#include <fstream>
#include <sstream>

namespace spse::mail {

StatusOr<std::unique_ptr<TemplateComposer>> TemplateComposer::Load(
    const std::filesystem::path& dir) {
  auto composer = std::make_unique<TemplateComposer>();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    kainjow::mustache::mustache check{text.str()};
    if (!check.is_valid()) {
      return InvalidArgument("mail.template_invalid",
                             entry.path().string() + ": " + check.error_message());
    }
    composer->templates_.emplace(entry.path().stem().string(), text.str());
  }
  if (ec) return Unavailable("mail.template_dir", dir.string() + ": " + ec.message());
  return composer;
}

StatusOr<app::ComposedMail> TemplateComposer::Compose(
    std::string_view name, const std::vector<std::pair<std::string, std::string>>& values) {
  auto it = templates_.find(name);
  if (it == templates_.end()) return NotFound("mail.template_unknown", std::string(name));
  kainjow::mustache::mustache tmpl{it->second};
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  kainjow::mustache::data data;
  for (const auto& [k, v] : values) data.set(k, v);
  const std::string text = tmpl.render(data);
  const size_t eol = text.find('\n');
  app::ComposedMail mail;
  mail.subject = text.substr(0, eol);
  mail.body = eol == std::string::npos ? "" : text.substr(eol + 1);
  while (!mail.body.empty() && mail.body.front() == '\n') mail.body.erase(0, 1);
  return mail;
}

}  // namespace spse::mail
