#include "http/message.h"

#include <algorithm>

namespace spse::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string UrlDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Form Form::Parse(std::string_view encoded) {
  Form form;
  while (!encoded.empty()) {
    const size_t amp = encoded.find('&');
    const std::string_view pair = encoded.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      std::string name = UrlDecode(pair.substr(0, eq), true);
      std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1), true);
      form.Add(std::move(name), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    encoded.remove_prefix(amp + 1);
  }
  return form;
}

std::optional<std::string> Form::Find(std::string_view name) const {
  for (const auto& [k, v] : pairs_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string Form::Get(std::string_view name) const { return Find(name).value_or(""); }

std::vector<std::string> Form::GetAll(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : pairs_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

std::string Request::Cookie(std::string_view name) const {
  auto it = cookies.find(name);
  return it == cookies.end() ? std::string() : it->second;
}

void Response::Set(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::Get(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

Response Response::Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::Text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "application/json");
  return r;
}

Response Response::Redirect(std::string location) {
  Response r;
  r.status = 303;
  r.Set("Location", std::move(location));
  return r;
}

std::map<std::string, std::string, std::less<>> ParseCookies(std::string_view header) {
  std::map<std::string, std::string, std::less<>> out;
  while (!header.empty()) {
    const size_t semi = header.find(';');
    const std::string_view part = Trim(header.substr(0, semi));
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      out.emplace(std::string(Trim(part.substr(0, eq))), std::string(Trim(part.substr(eq + 1))));
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return out;
}

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options) {
  std::string out(name);
  out += '=';
  out += value;
  out += "; Path=" + options.path;
  if (options.max_age) out += "; Max-Age=" + std::to_string(*options.max_age);
  if (options.http_only) out += "; HttpOnly";
  if (options.secure) out += "; Secure";
  if (!options.same_site.empty()) out += "; SameSite=" + options.same_site;
  return out;
}

}  // namespace spse::http
