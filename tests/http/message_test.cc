#include "http/message.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace spse::http {
namespace {

using Strings = std::vector<std::string>;

TEST(FormParse, DecodesPairsAndKeepsRepeatedNamesInOrder) {
  const Form form = Form::Parse("a=1&b=x+y&c=%2F&a=2");
  EXPECT_EQ(form.Get("a"), "1");
  EXPECT_EQ(form.GetAll("a"), (Strings{"1", "2"}));
  EXPECT_EQ(form.Get("b"), "x y");
  EXPECT_EQ(form.Get("c"), "/");
}

TEST(FormParse, AnAbsentNameIsEmpty) {
  const Form form = Form::Parse("a=1");
  EXPECT_EQ(form.Get("z"), "");
  EXPECT_EQ(form.Find("z"), std::nullopt);
  EXPECT_FALSE(form.Has("z"));
  EXPECT_TRUE(form.GetAll("z").empty());
}

TEST(FormParse, ANameWithoutValueIsPresentAndEmpty) {
  const Form form = Form::Parse("flag&empty=&x=1");
  EXPECT_TRUE(form.Has("flag"));
  EXPECT_EQ(form.Find("flag"), "");
  EXPECT_EQ(form.Find("empty"), "");
  EXPECT_EQ(form.Get("x"), "1");
}

TEST(FormParse, SkipsEmptyPairsAndDecodesNames) {
  const Form form = Form::Parse("&&nama+lengkap=Budi%20Santoso&&");
  ASSERT_EQ(form.pairs().size(), 1u);
  EXPECT_EQ(form.Get("nama lengkap"), "Budi Santoso");
}

TEST(FormParse, ValuesMayContainEqualsSigns) {
  EXPECT_EQ(Form::Parse("token=abc==").Get("token"), "abc==");
}

TEST(UrlDecode, DecodesPercentEscapesInEitherCase) {
  EXPECT_EQ(UrlDecode("%41%2f%2F", false), "A//");
  EXPECT_EQ(UrlDecode("caf%C3%A9", false), "caf\xC3\xA9");
}

TEST(UrlDecode, PlusIsASpaceOnlyInForms) {
  EXPECT_EQ(UrlDecode("a+b", true), "a b");
  EXPECT_EQ(UrlDecode("a+b", false), "a+b");
}

TEST(UrlDecode, KeepsInvalidEscapesLiterally) {
  EXPECT_EQ(UrlDecode("100%", false), "100%");
  EXPECT_EQ(UrlDecode("%zz", false), "%zz");
  EXPECT_EQ(UrlDecode("%4", false), "%4");
  EXPECT_EQ(UrlDecode("%4g%", false), "%4g%");
}

TEST(UrlEncode, EscapesAllButUnreservedCharactersAndSlash) {
  EXPECT_EQ(UrlEncode("a b/c?d=é"), "a%20b/c%3Fd%3D%C3%A9");
  EXPECT_EQ(UrlEncode("A-z_0.9~"), "A-z_0.9~");
}

TEST(UrlEncode, RoundTripsThroughUrlDecode) {
  const std::string text = "Pengadaan 2026: 100% & lebih/kurang?";
  EXPECT_EQ(UrlDecode(UrlEncode(text), false), text);
}

TEST(ParseCookies, ReadsNameValuePairs) {
  const auto cookies = ParseCookies("spse_session=abc; lang=id;theme=dark");
  EXPECT_EQ(cookies.size(), 3u);
  EXPECT_EQ(cookies.at("spse_session"), "abc");
  EXPECT_EQ(cookies.at("lang"), "id");
  EXPECT_EQ(cookies.at("theme"), "dark");
}

TEST(ParseCookies, TrimsSpacesAndSkipsMalformedParts) {
  const auto cookies = ParseCookies("  a = 1 ;; novalue; =orphan; b=2=3 ");
  EXPECT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies.at("a"), "1");
  EXPECT_EQ(cookies.at("b"), "2=3");
}

TEST(ParseCookies, TheFirstOfTwoSameNamedCookiesWins) {
  EXPECT_EQ(ParseCookies("a=first; a=second").at("a"), "first");
}

TEST(SetCookieValue, DefaultsToHttpOnlyLaxForTheWholeSite) {
  EXPECT_EQ(SetCookieValue("spse_session", "tok", CookieOptions()),
            "spse_session=tok; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookieValue, WritesEveryAttributeAsked) {
  CookieOptions options;
  options.secure = true;
  options.same_site = "Strict";
  options.max_age = 3600;
  options.path = "/admin";
  EXPECT_EQ(SetCookieValue("csrf", "x", options),
            "csrf=x; Path=/admin; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
}

TEST(SetCookieValue, MaxAgeZeroDeletesACookieVisibleToScripts) {
  CookieOptions options;
  options.http_only = false;
  options.same_site = "";
  options.max_age = 0;
  EXPECT_EQ(SetCookieValue("lang", "", options), "lang=; Path=/; Max-Age=0");
}

TEST(Request, FindsHeadersAndCookiesByName) {
  Request request;
  request.headers = {{"host", "lpse.bangkalankab.go.id"}, {"x-forwarded-for", "10.0.0.1"}};
  request.cookies = ParseCookies("lang=en");
  EXPECT_EQ(request.Header("host"), "lpse.bangkalankab.go.id");
  EXPECT_EQ(request.Header("cookie"), "");
  EXPECT_EQ(request.Cookie("lang"), "en");
  EXPECT_EQ(request.Cookie("spse_session"), "");
}

TEST(Response, RedirectIsSeeOther) {
  const Response response = Response::Redirect("/beranda");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.Get("Location"), "/beranda");
}

TEST(Response, SetReplacesAHeader) {
  Response response = Response::Html(200, "<p>ok</p>");
  EXPECT_EQ(response.Get("Content-Type"), "text/html; charset=utf-8");
  response.Set("Content-Type", "text/plain");
  EXPECT_EQ(response.Get("Content-Type"), "text/plain");
  EXPECT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(Response::Json(201, "{}").Get("Content-Type"), "application/json");
}

}  // namespace
}  // namespace spse::http
