#include "http/forwarded.h"

#include <algorithm>

namespace spse::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An IPv4 or IPv6 address as text: digits, hex letters, '.', ':'.
bool LooksLikeAddress(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
           c == '.' || c == ':';
  });
}

bool Trusted(std::string_view addr, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), addr) != trusted.end();
}

}  // namespace

std::vector<std::string> ParseAddressList(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view item = Trim(list.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const std::vector<std::string>& trusted) {
  std::string client(peer);
  if (!Trusted(peer, trusted)) return client;
  const std::vector<std::string> hops = ParseAddressList(x_forwarded_for);
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!LooksLikeAddress(*it)) break;
    client = *it;
    if (!Trusted(*it, trusted)) break;
  }
  return client;
}

}  // namespace spse::http
