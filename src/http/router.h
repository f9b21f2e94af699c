// The route table's types and matching. Patterns are literal segments and
// "{name}" segments ("/admin/pengguna/{id}"); a "{name*}" last segment takes
// the rest of the path.
#ifndef SPSE_HTTP_ROUTER_H_
#define SPSE_HTTP_ROUTER_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/permission.h"
#include "http/message.h"

namespace spse::http {

struct Context;
using Handler = std::function<StatusOr<Response>(Context&)>;
// Opens the reader a streamed body goes into, once the request's session,
// CSRF token and permission passed and before any byte of the body is read.
using BodyOpener = std::function<StatusOr<std::unique_ptr<BodyReader>>(Context&)>;
// How a route answers an error (`status` as HttpStatusFor gives it): null
// means the HTML error page; API routes answer in JSON.
using ErrorResponder = Response (*)(int status, const Status& why);

inline constexpr size_t kDefaultFormLimit = 64 * 1024;

struct Route {
  std::string method;
  std::string pattern;
  domain::Permission permission;
  Handler handler;
  // Largest request body accepted; 0 means no body.
  size_t body_limit = 0;
  // State-changing routes need a CSRF token; on by default for POST.
  bool csrf = true;
  // For humans and the authorization matrix: "home", "login.submit", ...
  std::string name;
  // The body is multipart/form-data, streamed: files go to the blob store
  // as they arrive and body_limit bounds the whole body.
  bool multipart = false;
  // The page carries a form for signed-out visitors (sign-in, password
  // reset): it sets the pre-session cookie its CSRF token is bound to.
  bool anonymous_form = false;
  // The body is streamed into the reader this opens (its CSRF token comes
  // in the X-CSRF-Token header); the handler then finds the reader in
  // Request::body_reader. body_limit bounds the body.
  BodyOpener open_body = nullptr;
  ErrorResponder error_response = nullptr;

  // The server reads the body in pieces into a BodyReader (Site::BeginBody)
  // rather than whole into Request::body.
  bool streams_body() const { return multipart || open_body != nullptr; }
};

struct Match {
  const Route* route = nullptr;
  bool path_known = false;  // some route has this path, maybe not this method
  std::string allow;        // the methods this path takes: "GET, HEAD, POST"
};

class Router {
 public:
  void Add(Route route);
  Match Find(std::string_view method, std::string_view path,
             std::map<std::string, std::string, std::less<>>& params) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // each route's pattern, split once
};

}  // namespace spse::http

#endif  // SPSE_HTTP_ROUTER_H_
