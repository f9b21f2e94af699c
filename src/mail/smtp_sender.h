// MailSender over SMTP with libcurl. Only this folder includes curl.
#ifndef SPSE_MAIL_SMTP_SENDER_H_
#define SPSE_MAIL_SMTP_SENDER_H_

#include <string>

#include "app/ports.h"

namespace spse::mail {

struct SmtpConfig {
  std::string url;   // smtp://host:port or smtps://host:port
  std::string from;  // the envelope and header sender address
  std::string from_name = "LPSE";
  std::string username, password;  // empty: no AUTH
  bool require_tls = false;        // STARTTLS on smtp://
  long timeout_seconds = 30;
};

class SmtpSender final : public app::MailSender {
 public:
  explicit SmtpSender(SmtpConfig config);
  // Reasons: "mail.send_failed" (kUnavailable, retryable) with curl's error.
  Status Send(const domain::OutgoingMail& mail) override;

 private:
  SmtpConfig config_;
};

// The RFC 5322 message: headers (Date, Message-ID, RFC 2047 subject, MIME)
// and a base64 UTF-8 text body. Exposed for tests.
std::string BuildMessage(const SmtpConfig& config, const domain::OutgoingMail& mail,
                         std::int64_t unix_seconds, const std::string& message_id);

}  // namespace spse::mail

#endif  // SPSE_MAIL_SMTP_SENDER_H_
