#include "http/multipart.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace spse::http {
namespace {

struct Part {
  PartHeaders headers;
  std::string data;
};

// Parses `body` fed in pieces of `piece` bytes.
StatusOr<std::vector<Part>> Parse(const std::string& body, size_t piece,
                                  const std::string& boundary = "XyZ-b0undary") {
  std::vector<Part> parts;
  MultipartParser::Callbacks cb;
  cb.begin = [&](const PartHeaders& h) {
    parts.push_back(Part{h, {}});
    return OkStatus();
  };
  cb.data = [&](std::string_view d) {
    parts.back().data.append(d);
    return OkStatus();
  };
  cb.end = [] { return OkStatus(); };
  MultipartParser parser(boundary, cb);
  for (size_t i = 0; i < body.size(); i += piece) {
    SPSE_RETURN_IF_ERROR(parser.Feed(std::string_view(body).substr(i, piece)));
  }
  SPSE_RETURN_IF_ERROR(parser.Finish());
  return parts;
}

std::string Body(const std::string& file_bytes) {
  return "--XyZ-b0undary\r\n"
         "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
         "token-1\r\n"
         "--XyZ-b0undary\r\n"
         "Content-Disposition: form-data; name=\"lampiran\"; filename=\"surat; \\\"resmi\\\".pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n" +
         file_bytes +
         "\r\n--XyZ-b0undary--\r\n";
}

TEST(MultipartParser, SplitsFieldsAndFilesWhateverTheChunking) {
  // File bytes that look like a delimiter but are not one.
  const std::string file = "%PDF-1.4\r\n--XyZ-b0undar\r\n--XyZ\r\nend";
  const std::string body = Body(file);
  for (size_t piece = 1; piece <= body.size(); ++piece) {
    auto parts = Parse(body, piece);
    ASSERT_TRUE(parts.ok()) << "piece " << piece << ": " << parts.status().ToString();
    ASSERT_EQ(parts->size(), 2u) << "piece " << piece;
    EXPECT_EQ((*parts)[0].headers.name, "_csrf");
    EXPECT_FALSE((*parts)[0].headers.has_filename);
    EXPECT_EQ((*parts)[0].data, "token-1");
    EXPECT_EQ((*parts)[1].headers.name, "lampiran");
    EXPECT_EQ((*parts)[1].headers.filename, "surat; \"resmi\".pdf");
    EXPECT_EQ((*parts)[1].headers.content_type, "application/pdf");
    EXPECT_EQ((*parts)[1].data, file) << "piece " << piece;
  }
}

TEST(MultipartParser, TruncatedBodyIsAnError) {
  const std::string body = Body("%PDF-1.4 data");
  auto parts = Parse(body.substr(0, body.size() - 10), 7);
  EXPECT_EQ(parts.status().reason(), "http.multipart_invalid");
}

TEST(MultipartParser, PartWithoutNameIsRefused) {
  const std::string body =
      "--XyZ-b0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ-b0undary--\r\n";
  EXPECT_EQ(Parse(body, 5).status().reason(), "http.multipart_invalid");
}

TEST(MultipartParser, EndlessHeaderBlockIsRefused) {
  const std::string body = "--XyZ-b0undary\r\nX-Junk: " + std::string(20000, 'a');
  MultipartParser::Callbacks cb{[](const PartHeaders&) { return OkStatus(); },
                                [](std::string_view) { return OkStatus(); },
                                [] { return OkStatus(); }};
  MultipartParser parser("XyZ-b0undary", cb);
  EXPECT_EQ(parser.Feed(body).reason(), "http.multipart_invalid");
}

TEST(MultipartParser, CallbackErrorStopsParsing) {
  MultipartParser::Callbacks cb{
      [](const PartHeaders&) { return PermissionDenied("http.csrf"); },
      [](std::string_view) { return OkStatus(); }, [] { return OkStatus(); }};
  MultipartParser parser("XyZ-b0undary", cb);
  EXPECT_EQ(parser.Feed(Body("x")).reason(), "http.csrf");
}

TEST(MultipartParser, BoundaryComesFromTheContentType) {
  auto b = MultipartParser::BoundaryOf("multipart/form-data; boundary=----WebKitFormBoundaryAbc");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "----WebKitFormBoundaryAbc");
  auto quoted = MultipartParser::BoundaryOf("Multipart/Form-Data; boundary=\"a b\"");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(*quoted, "a b");
  EXPECT_FALSE(MultipartParser::BoundaryOf("application/x-www-form-urlencoded").ok());
  EXPECT_FALSE(MultipartParser::BoundaryOf("multipart/form-data").ok());
}

}  // namespace
}  // namespace spse::http
