// Password reset by an emailed link (issue 3, item 6): single use, expiring
// after an hour, ending every session of the account when used. Asking never
// reveals whether a User ID exists.
#ifndef SPSE_APP_PASSWORD_RESET_H_
#define SPSE_APP_PASSWORD_RESET_H_

#include <string>

#include "app/auth_service.h"
#include "app/mail_service.h"
#include "app/ports.h"

namespace spse::app {

class PasswordResetService {
 public:
  static constexpr Micros kLinkLifetime = kMicrosPerHour;

  // `public_url` is where users reach the site, e.g. "https://spse.example".
  PasswordResetService(Store& store, AuthService& auth, CryptoPort& crypto,
                       MailComposer& composer, const Clock& clock, std::string public_url)
      : store_(store), auth_(auth), crypto_(crypto), composer_(composer), clock_(clock),
        public_url_(std::move(public_url)) {}

  // Queues a reset link to the account's email when `username` names an
  // active account; otherwise does nothing visible. Throttled per address
  // ("auth.throttled") so nobody can flood a mailbox.
  Status Request(std::string_view username, const std::string& client_addr);
  // Whether `token` may still be used ("reset.invalid" otherwise: unknown,
  // used or expired; all look the same).
  Status Check(std::string_view token);
  // Sets the new password: "reset.invalid", "password.*".
  Status Complete(std::string_view token, std::string_view new_password,
                  const std::string& client_addr);

 private:
  Store& store_;
  AuthService& auth_;
  CryptoPort& crypto_;
  MailComposer& composer_;
  const Clock& clock_;
  std::string public_url_;
};

}  // namespace spse::app

#endif  // SPSE_APP_PASSWORD_RESET_H_
