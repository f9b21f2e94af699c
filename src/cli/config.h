// Configuration: each key comes from a command-line flag, else an SPSE_*
// environment variable, else the TOML file (--config / SPSE_CONFIG), else
// its default.
#ifndef SPSE_CLI_CONFIG_H_
#define SPSE_CLI_CONFIG_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace spse::cli {

struct Config {
  std::string data_dir = "./var";
  std::string database;  // default: sqlite://<data_dir>/spse.db
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;   // default: the source tree's web/ or ./web
  std::string lpse_name = "LPSE Kabupaten Bangkalan";
  std::string timezone = "WIB";
  bool secure_cookies = false;
  int workers = 4;
  int io_threads = 2;
  // Addresses of reverse proxies whose X-Forwarded-For is believed, comma-separated.
  std::string trusted_proxies;
  // Where users reach the site, for links in mail; default http://<listen>.
  std::string public_url;
  // Outgoing mail. Without smtp_url, mail stays queued in the outbox.
  std::string smtp_url;  // smtp://host:port or smtps://host:port
  std::string mail_from = "noreply@lpse.localhost";
  std::string smtp_username;
  std::string smtp_password;  // prefer SPSE_SMTP_PASSWORD to a file
  bool smtp_tls = false;      // require STARTTLS
  // Unverified vendor self-registrations are removed after this many days.
  int registration_expiry_days = 30;
};

// One entry per key: (key, flag value if given).
using Flags = std::map<std::string, std::optional<std::string>>;
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Keys: data_dir, database, listen, web_dir, lpse_name, timezone,
// secure_cookies, workers, io_threads, trusted_proxies, public_url, smtp_url,
// mail_from, smtp_username, smtp_password, smtp_tls, registration_expiry_days.
// `config_file` may be empty.
// Reasons: "config.file_invalid", "config.value_invalid".
StatusOr<Config> ResolveConfig(const Flags& flags, const std::string& config_file,
                               const EnvLookup& env);
std::optional<std::string> RealEnv(const std::string& name);

}  // namespace spse::cli

#endif  // SPSE_CLI_CONFIG_H_
