// HTTP request and response as the application sees them: plain values,
// no Beast types, so handlers and tests stay light.
#ifndef SPSE_HTTP_MESSAGE_H_
#define SPSE_HTTP_MESSAGE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/ports.h"

namespace spse::http {

// Decoded application/x-www-form-urlencoded pairs (also the query string).
// Repeated names keep every value, in order.
class Form {
 public:
  static Form Parse(std::string_view encoded);
  // The first value, or "" when absent.
  std::string Get(std::string_view name) const;
  std::optional<std::string> Find(std::string_view name) const;
  std::vector<std::string> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Find(name).has_value(); }
  void Add(std::string name, std::string value) { pairs_.emplace_back(std::move(name), std::move(value)); }
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// %XX and '+' decoding. Invalid escapes are kept literally.
std::string UrlDecode(std::string_view s, bool plus_is_space);
std::string UrlEncode(std::string_view s);

// A file that arrived with a multipart request, already in the blob store.
struct UploadedFile {
  std::string field;
  std::string filename;       // as the client sent it: untrusted
  std::string declared_type;  // as the client sent it: untrusted
  app::BlobInfo blob;
  std::string head;           // the first bytes, for type sniffing
};

// Takes a request body as it arrives, in pieces, so that no body is ever
// whole in memory (multipart uploads, tus PATCH). Errors stop the reading;
// the server answers them and closes the connection.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  virtual Status Feed(std::string_view chunk) = 0;
  // The whole body arrived.
  virtual Status Finish() = 0;
};

struct Request {
  std::string method;   // "GET", "POST", ...
  std::string target;   // as received: path + query
  std::string path;     // decoded path
  std::string query_string;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;     // form bodies only; bounded by the route's limit
  std::string client_addr;

  // Filled by the router and the pipeline.
  std::map<std::string, std::string, std::less<>> params;  // from "{name}" segments
  Form query;
  Form form;
  std::map<std::string, std::string, std::less<>> cookies;
  std::vector<UploadedFile> files;  // multipart routes only
  // Streamed routes: the reader that took the body, for the handler.
  std::unique_ptr<BodyReader> body_reader;

  std::string_view Header(std::string_view lower_name) const;
  std::string Cookie(std::string_view name) const;
};

// A server-sent event stream (text/event-stream) a handler answers with.
// The server calls Poll() on its I/O thread every few hundred milliseconds
// until it says done, the client goes away, the stream's maximum lifetime
// passes or the server drains; it writes what Poll returns as it is, and a
// keep-alive comment when nothing was written for a while.
// Poll must not block: no database, no files, no locks held for long.
class EventStream {
 public:
  virtual ~EventStream() = default;
  struct Next {
    std::string frames;  // whole "event: ...\ndata: ...\n\n" frames, or ""
    bool done = false;   // the stream ends after these frames
  };
  virtual Next Poll() = 0;
  // The frames to send when the server ends the stream (lifetime, draining).
  virtual std::string Farewell() { return ""; }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file, streamed by the server.
  std::string file_path;
  // When set, the body is this event stream (status 200; headers above
  // are sent with it).
  std::shared_ptr<EventStream> events;

  void Set(std::string name, std::string value);
  std::string_view Get(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Json(int status, std::string body);
  // 303 See Other: the answer to a successful form POST.
  static Response Redirect(std::string location);
};

// Parses a Cookie header: "a=1; b=2".
std::map<std::string, std::string, std::less<>> ParseCookies(std::string_view header);

struct CookieOptions {
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::optional<long> max_age;  // seconds; 0 deletes
  std::string path = "/";
};
std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options);

}  // namespace spse::http

#endif  // SPSE_HTTP_MESSAGE_H_
