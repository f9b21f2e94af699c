#include "cli/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <toml.hpp>

namespace spse::cli {
namespace {

std::string EnvName(const std::string& key) {
  std::string out = "SPSE_";
  for (char c : key) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

StatusOr<bool> ParseBool(const std::string& key, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return InvalidArgument("config.value_invalid", key + " = " + v);
}

StatusOr<int> ParseInt(const std::string& key, const std::string& v, int lo, int hi) {
  try {
    size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used == v.size() && n >= lo && n <= hi) return n;
  } catch (const std::exception&) {
  }
  return InvalidArgument("config.value_invalid", key + " = " + v);
}

}  // namespace

std::optional<std::string> RealEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

StatusOr<Config> ResolveConfig(const Flags& flags, const std::string& config_file,
                               const EnvLookup& env) {
  std::map<std::string, std::string> file_values;
  if (!config_file.empty()) {
    try {
      const auto data = toml::parse(config_file);
      for (const auto& [k, v] : toml::get<toml::table>(data)) {
        if (v.is_string()) file_values[k] = v.as_string().str;
        else if (v.is_boolean()) file_values[k] = v.as_boolean() ? "true" : "false";
        else if (v.is_integer()) file_values[k] = std::to_string(v.as_integer());
        else return InvalidArgument("config.file_invalid", config_file + ": " + k);
      }
    } catch (const std::exception& e) {
      return InvalidArgument("config.file_invalid", e.what());
    }
  }
  auto lookup = [&](const std::string& key) -> std::optional<std::string> {
    auto f = flags.find(key);
    if (f != flags.end() && f->second) return f->second;
    if (auto e = env(EnvName(key))) return e;
    auto v = file_values.find(key);
    if (v != file_values.end()) return v->second;
    return std::nullopt;
  };
  Config c;
  if (auto v = lookup("data_dir")) c.data_dir = *v;
  if (auto v = lookup("database")) c.database = *v;
  if (auto v = lookup("listen")) c.listen = *v;
  if (auto v = lookup("web_dir")) c.web_dir = *v;
  if (auto v = lookup("lpse_name")) c.lpse_name = *v;
  if (auto v = lookup("timezone")) c.timezone = *v;
  if (auto v = lookup("trusted_proxies")) c.trusted_proxies = *v;
  if (auto v = lookup("public_url")) c.public_url = *v;
  if (auto v = lookup("smtp_url")) c.smtp_url = *v;
  if (auto v = lookup("mail_from")) c.mail_from = *v;
  if (auto v = lookup("smtp_username")) c.smtp_username = *v;
  if (auto v = lookup("smtp_password")) c.smtp_password = *v;
  if (auto v = lookup("smtp_tls")) {
    SPSE_ASSIGN_OR_RETURN(c.smtp_tls, ParseBool("smtp_tls", *v));
  }
  if (c.public_url.empty()) c.public_url = "http://" + c.listen;
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  if (auto v = lookup("secure_cookies")) {
    SPSE_ASSIGN_OR_RETURN(c.secure_cookies, ParseBool("secure_cookies", *v));
  }
  if (auto v = lookup("workers")) {
    SPSE_ASSIGN_OR_RETURN(c.workers, ParseInt("workers", *v, 1, 256));
  }
  if (auto v = lookup("io_threads")) {
    SPSE_ASSIGN_OR_RETURN(c.io_threads, ParseInt("io_threads", *v, 1, 64));
  }
  if (auto v = lookup("registration_expiry_days")) {
    SPSE_ASSIGN_OR_RETURN(c.registration_expiry_days,
                          ParseInt("registration_expiry_days", *v, 1, 3650));
  }
  if (c.data_dir.empty()) return InvalidArgument("config.value_invalid", "data_dir is empty");
  if (c.database.empty()) {
    c.database = "sqlite://" + (std::filesystem::absolute(c.data_dir) / "spse.db").lexically_normal().string();
  }
  for (const auto& [k, v] : file_values) {
    static const char* kKnown[] = {"data_dir", "database", "listen", "web_dir", "lpse_name",
                                   "timezone", "secure_cookies", "workers", "io_threads",
                                   "trusted_proxies", "public_url", "smtp_url", "mail_from",
                                   "smtp_username", "smtp_password", "smtp_tls",
                                   "registration_expiry_days"};
    if (std::find(std::begin(kKnown), std::end(kKnown), k) == std::end(kKnown)) {
      return InvalidArgument("config.file_invalid", "unknown key " + k);
    }
  }
  return c;
}

}  // namespace spse::cli
