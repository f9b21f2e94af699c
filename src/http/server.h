// The HTTP/1.1 server: Boost.Beast and Asio with C++20 coroutines. It reads
// and bounds requests on the I/O threads, runs the Site on a worker pool
// (handlers block on the database and on argon2id), and writes responses.
#ifndef SPSE_HTTP_SERVER_H_
#define SPSE_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace spse::http {

class Site;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  int io_threads = 2;
  int worker_threads = 4;
  std::size_t header_limit = 16 * 1024;  // request line + headers
  int read_timeout_seconds = 30;         // a request, once it has started
  int idle_timeout_seconds = 60;         // keep-alive between requests
  int write_timeout_seconds = 60;
  int drain_timeout_seconds = 30;        // graceful shutdown limit
  // Server-sent event streams (Response::events): how often the producer
  // is polled, how long a quiet stream waits before a keep-alive comment,
  // and how long one stream lives (browsers' EventSource reconnects).
  int event_poll_millis = 400;
  int event_keepalive_seconds = 15;
  int event_max_seconds = 600;
  // Reverse proxies whose X-Forwarded-For is believed (see forwarded.h).
  std::vector<std::string> trusted_proxies;
  // Called once per request with a formatted line; may be empty.
  std::function<void(const std::string&)> access_log;
  // Called once the socket listens (tests wait for it).
  std::function<void(std::uint16_t port)> on_listening;
};

// Serves until SIGTERM or SIGINT. Then it stops accepting (new connections
// are refused), lets requests in flight finish, closes idle connections and
// returns. Fails when the address cannot be bound.
Status Serve(const Site& site, const ServerOptions& options);

}  // namespace spse::http

#endif  // SPSE_HTTP_SERVER_H_
