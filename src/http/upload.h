// Reads a multipart/form-data request body as it streams in: file parts go
// straight into the blob store (never whole in memory), text fields into the
// request's form, within limits.
//
// The form's CSRF token must come first ("_csrf", as every SPSE upload form
// puts it): no file byte is stored for a request whose token is wrong.
#ifndef SPSE_HTTP_UPLOAD_H_
#define SPSE_HTTP_UPLOAD_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ports.h"
#include "http/message.h"
#include "http/multipart.h"

namespace spse::http {

struct UploadLimits {
  std::uint64_t max_file_bytes = 20u << 20;  // each file
  int max_files = 4;
  std::size_t max_field_bytes = 64 * 1024;   // all text fields together
};

class UploadReader final : public BodyReader {
 public:
  // `csrf_ok` judges the token; `req` receives the fields and files.
  UploadReader(app::BlobPort& blobs, Request& req, UploadLimits limits,
               std::function<bool(std::string_view)> csrf_ok);
  ~UploadReader() override;

  // Reasons: "http.multipart_invalid", "http.csrf", "http.too_many_files",
  // "blob.too_large", "http.body_too_large".
  Status Start(std::string_view content_type);
  Status Feed(std::string_view chunk) override;
  Status Finish() override;

 private:
  Status Begin(const PartHeaders& h);
  Status Data(std::string_view bytes);
  Status End();

  app::BlobPort& blobs_;
  Request& req_;
  UploadLimits limits_;
  std::function<bool(std::string_view)> csrf_ok_;
  std::unique_ptr<MultipartParser> parser_;
  bool csrf_checked_ = false;
  std::size_t field_bytes_ = 0;
  // The part being read.
  PartHeaders part_;
  std::string field_value_;
  std::unique_ptr<app::BlobSink> sink_;
  std::string head_;
  bool skip_ = false;
};

}  // namespace spse::http

#endif  // SPSE_HTTP_UPLOAD_H_
