// An incremental multipart/form-data parser (RFC 7578): it takes the body in
// chunks of any size and hands each part's bytes on as they arrive, so a
// file part is never held whole in memory.
#ifndef SPSE_HTTP_MULTIPART_H_
#define SPSE_HTTP_MULTIPART_H_

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace spse::http {

struct PartHeaders {
  std::string name;          // form field name
  std::string filename;      // empty for a text field
  bool has_filename = false;
  std::string content_type;  // as the client declared it; never trusted
};

class MultipartParser {
 public:
  struct Callbacks {
    std::function<Status(const PartHeaders&)> begin;
    std::function<Status(std::string_view)> data;
    std::function<Status()> end;
  };

  // The boundary parameter of a multipart/form-data Content-Type, or
  // "http.multipart_invalid".
  static StatusOr<std::string> BoundaryOf(std::string_view content_type);

  MultipartParser(std::string_view boundary, Callbacks callbacks);

  // Feeds the next chunk. Errors: "http.multipart_invalid", or whatever a
  // callback returned (parsing stops at the first error).
  Status Feed(std::string_view chunk);
  // Call at the end of the body: fails unless the closing boundary was seen.
  Status Finish() const;

 private:
  enum class State { kPreamble, kHeaders, kBody, kDone };
  Status ParseHeaders(std::string_view block);
  Status Step(bool& progressed);
  // `after` indexes the two bytes after a delimiter in buf_: "--" ends the
  // body, CRLF starts the next part's headers.
  Status PassDelimiter(size_t after);

  std::string delimiter_;  // "\r\n--" + boundary
  Callbacks cb_;
  State state_ = State::kPreamble;
  std::string buf_;
};

}  // namespace spse::http

#endif  // SPSE_HTTP_MULTIPART_H_
