// MailComposer on mustache templates: web/mail/NAME.mustache, whose first
// line is the subject and the rest the body, each in both UI languages.
#ifndef SPSE_MAIL_TEMPLATE_COMPOSER_H_
#define SPSE_MAIL_TEMPLATE_COMPOSER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/ports.h"

namespace spse::mail {

class TemplateComposer final : public app::MailComposer {
 public:
  // Loads every DIR/*.mustache; fails on an unreadable or invalid template.
  static StatusOr<std::unique_ptr<TemplateComposer>> Load(const std::filesystem::path& dir);
  // Reason "mail.template_unknown" for a name with no template. Values are
  // inserted as they are (plain text, no HTML escaping).
  StatusOr<app::ComposedMail> Compose(
      std::string_view name, const std::vector<std::pair<std::string, std::string>>& values) override;

 private:
  std::map<std::string, std::string, std::less<>> templates_;
};

}  // namespace spse::mail

#endif  // SPSE_MAIL_TEMPLATE_COMPOSER_H_
