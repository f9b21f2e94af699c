#include "http/router.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

#include "http/message.h"

namespace spse::http {
namespace {

using Params = std::map<std::string, std::string, std::less<>>;

Route ARoute(std::string method, std::string pattern, std::string name) {
  Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.permission = domain::Permission::kPublic;
  route.name = std::move(name);
  return route;
}

// The table under test: a few routes shaped like SPSE's own.
// (A Match points into its Router, so the table outlives every test.)
const Router& ATable() {
  static const Router router = [] {
    Router r;
    r.Add(ARoute("GET", "/", "home"));
    r.Add(ARoute("GET", "/admin/pengguna", "users.list"));
    r.Add(ARoute("GET", "/admin/pengguna/{id}", "users.show"));
    r.Add(ARoute("POST", "/admin/pengguna/{id}/peran", "users.roles"));
    r.Add(ARoute("GET", "/static/{path*}", "static"));
    return r;
  }();
  return router;
}

std::string RouteName(const Match& match) { return match.route ? match.route->name : "(none)"; }

TEST(Router, MatchesALiteralPath) {
  const Router& router = ATable();
  Params params;
  const Match match = router.Find("GET", "/admin/pengguna", params);
  EXPECT_EQ(RouteName(match), "users.list");
  EXPECT_TRUE(match.path_known);
  EXPECT_TRUE(params.empty());
}

TEST(Router, MatchesTheRoot) {
  Params params;
  EXPECT_EQ(RouteName(ATable().Find("GET", "/", params)), "home");
}

TEST(Router, ANamedSegmentCapturesItsValue) {
  Params params;
  const Match match = ATable().Find("GET", "/admin/pengguna/42", params);
  EXPECT_EQ(RouteName(match), "users.show");
  EXPECT_EQ(params, (Params{{"id", "42"}}));
}

TEST(Router, ANamedSegmentInTheMiddleCapturesItsValue) {
  Params params;
  const Match match = ATable().Find("POST", "/admin/pengguna/7/peran", params);
  EXPECT_EQ(RouteName(match), "users.roles");
  EXPECT_EQ(params, (Params{{"id", "7"}}));
}

TEST(Router, ANamedSegmentMatchesExactlyOneSegment) {
  Params params;
  const Match match = ATable().Find("GET", "/admin/pengguna/42/extra", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(Router, AStarSegmentTakesTheRestOfThePath) {
  Params params;
  const Match match = ATable().Find("GET", "/static/css/site.css", params);
  EXPECT_EQ(RouteName(match), "static");
  EXPECT_EQ(params, (Params{{"path", "css/site.css"}}));
}

TEST(Router, AStarSegmentNeedsAtLeastOneSegment) {
  Params params;
  const Match match = ATable().Find("GET", "/static/", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(Router, AnotherMethodOnAKnownPathFindsThePathButNoRoute) {
  Params params;
  const Match match = ATable().Find("POST", "/admin/pengguna/42", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_TRUE(params.empty());
}

TEST(Router, AnUnknownPathIsNotKnown) {
  Params params;
  const Match match = ATable().Find("GET", "/tidak-ada", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(Router, HeadIsAnsweredByTheGetRoute) {
  Params params;
  const Match match = ATable().Find("HEAD", "/admin/pengguna/42", params);
  EXPECT_EQ(RouteName(match), "users.show");
  EXPECT_EQ(params, (Params{{"id", "42"}}));
}

TEST(Router, HeadDoesNotReachAPostRoute) {
  Params params;
  const Match match = ATable().Find("HEAD", "/admin/pengguna/7/peran", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
}

TEST(Router, IgnoresATrailingSlash) {
  Params params;
  EXPECT_EQ(RouteName(ATable().Find("GET", "/admin/pengguna/", params)), "users.list");
}

TEST(Router, TheFirstMatchingRouteWins) {
  Router router;
  router.Add(ARoute("GET", "/pengumuman/baru", "announcements.new"));
  router.Add(ARoute("GET", "/pengumuman/{id}", "announcements.show"));
  Params params;
  EXPECT_EQ(RouteName(router.Find("GET", "/pengumuman/baru", params)), "announcements.new");
  EXPECT_TRUE(params.empty());
}

}  // namespace
}  // namespace spse::http
