#include "http/router.h"

namespace spse::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

bool MatchPattern(const std::vector<std::string>& want, const std::vector<std::string_view>& got,
                  std::map<std::string, std::string, std::less<>>& params) {
  std::map<std::string, std::string, std::less<>> found;
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string_view w = want[i];
    const bool is_param = w.size() > 2 && w.front() == '{' && w.back() == '}';
    if (is_param && w[w.size() - 2] == '*') {
      if (i >= got.size()) return false;
      std::string rest;
      for (size_t j = i; j < got.size(); ++j) {
        if (!rest.empty()) rest += '/';
        rest += got[j];
      }
      found.emplace(std::string(w.substr(1, w.size() - 3)), rest);
      params = std::move(found);
      return true;
    }
    if (i >= got.size()) return false;
    if (is_param) {
      if (got[i].empty()) return false;
      found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    } else if (w != got[i]) {
      return false;
    }
  }
  if (want.size() != got.size()) return false;
  params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(Route route) {
  std::vector<std::string> segments;
  for (std::string_view s : Split(route.pattern)) segments.emplace_back(s);
  segments_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

Match Router::Find(std::string_view method, std::string_view path,
                   std::map<std::string, std::string, std::less<>>& params) const {
  Match m;
  const auto got = Split(path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    std::map<std::string, std::string, std::less<>> p;
    if (!MatchPattern(segments_[i], got, p)) continue;
    m.path_known = true;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      params = std::move(p);
      return m;
    }
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += r.method;
    if (r.method == "GET") m.allow += ", HEAD";
  }
  return m;
}

}  // namespace spse::http
