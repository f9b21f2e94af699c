// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without it.
#include <utility>

#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <chrono>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "http/forwarded.h"
#include "http/site.h"

namespace spse::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using asio::use_awaitable;

// One connection, known to the server so shutdown can close it when idle.
struct Connection : std::enable_shared_from_this<Connection> {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = true;  // touched only on the connection's strand
};

class Server {
 public:
  // One io_context per I/O thread (no locking inside Asio's scheduler);
  // connections are dealt to them in turn and stay on theirs.
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (int i = 0; i < std::max(1, n); ++i) out.push_back(std::make_unique<asio::io_context>(1));
    return out;
  }

  Server(const Site& site, const ServerOptions& options)
      : site_(site), options_(options), iocs_(MakeContexts(options.io_threads)),
        ioc_(*iocs_.front()), acceptor_(ioc_), signals_(ioc_, SIGINT, SIGTERM),
        workers_(static_cast<std::size_t>(std::max(1, options.worker_threads))) {
    for (auto& ctx : iocs_) guards_.emplace_back(asio::make_work_guard(*ctx));
  }

  Status Run() {
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.address, ec);
    if (ec) return InvalidArgument("config.listen_invalid", options_.address);
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Unavailable("server.listen_failed",
                         options_.address + ":" + std::to_string(options_.port) + ": " + ec.message());
    }
    if (options_.on_listening) options_.on_listening(acceptor_.local_endpoint().port());

    signals_.async_wait([this](const beast::error_code& error, int) {
      if (!error) BeginShutdown();
    });
    asio::co_spawn(ioc_, Accept(), asio::detached);

    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < iocs_.size(); ++i) {
      threads.emplace_back([this, i] { iocs_[i]->run(); });
    }
    ioc_.run();
    for (auto& t : threads) t.join();
    workers_.join();
    return OkStatus();
  }

 private:
  asio::awaitable<void> Accept() {
    for (;;) {
      beast::error_code ec;
      asio::io_context& target = *iocs_[next_context_++ % iocs_.size()];
      tcp::socket socket =
          co_await acceptor_.async_accept(target, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (!acceptor_.is_open()) co_return;
        continue;  // e.g. too many open files: keep serving the others
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(mu_);
        if (draining_) continue;
        connections_.insert(conn);
      }
      asio::co_spawn(conn->stream.get_executor(), Session(conn), asio::detached);
    }
  }

  void BeginShutdown() {
    beast::error_code ec;
    acceptor_.close(ec);
    std::set<std::shared_ptr<Connection>> conns;
    {
      std::lock_guard lock(mu_);
      draining_ = true;
      conns = connections_;
    }
    // The contexts may now run out of work: each ends with its last connection.
    for (auto& guard : guards_) guard.reset();
    // Idle keep-alive connections close now; busy ones close after their response.
    for (const auto& conn : conns) {
      asio::post(conn->stream.get_executor(), [conn] {
        if (conn->idle) {
          beast::error_code ignored;
          conn->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
          conn->stream.socket().close(ignored);
        }
      });
    }
    // Whatever is still running after the drain limit is cut off.
    auto timer = std::make_shared<asio::steady_timer>(ioc_);
    timer->expires_after(std::chrono::seconds(options_.drain_timeout_seconds));
    timer->async_wait([this, timer](const beast::error_code&) {
      std::lock_guard lock(mu_);
      if (!connections_.empty()) {
        for (auto& ctx : iocs_) ctx->stop();
      }
    });
    drain_timer_ = timer;
    MaybeFinish();
  }

  void MaybeFinish() {
    std::lock_guard lock(mu_);
    if (draining_ && connections_.empty() && drain_timer_) {
      beast::error_code ignored;
      drain_timer_->cancel();
      signals_.cancel(ignored);
    }
  }

  bool draining() {
    std::lock_guard lock(mu_);
    return draining_;
  }

  template <typename Body>
  asio::awaitable<void> Write(Connection& conn, bhttp::response<Body>& res, beast::error_code& ec) {
    conn.stream.expires_after(std::chrono::seconds(options_.write_timeout_seconds));
    co_await bhttp::async_write(conn.stream, res, asio::redirect_error(use_awaitable, ec));
  }

  // Server-sent events: the headers, then whatever the producer has each
  // poll, until it is done, the client goes away, the stream's lifetime
  // passes or the server drains. Per stream: the header buffer, a timer and
  // a small read buffer that notices the client leaving.
  asio::awaitable<void> StreamEvents(Connection& conn, Response& resp, unsigned version, bool head,
                                     beast::error_code& ec) {
    bhttp::response<bhttp::empty_body> res{bhttp::status::ok, version};
    for (auto& [name, value] : resp.headers) res.insert(name, value);
    res.set(bhttp::field::server, "spse");
    res.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Accel-Buffering", "no");  // nginx: pass each event on at once
    res.keep_alive(false);
    bhttp::response_serializer<bhttp::empty_body> sr{res};
    conn.stream.expires_after(std::chrono::seconds(options_.write_timeout_seconds));
    co_await bhttp::async_write_header(conn.stream, sr, asio::redirect_error(use_awaitable, ec));
    if (ec || head) co_return;
    // The client sends nothing more: a read that ends means it left.
    auto gone = std::make_shared<bool>(false);
    asio::co_spawn(
        conn.stream.get_executor(),
        [self = conn.shared_from_this(), gone]() -> asio::awaitable<void> {
          std::array<char, 256> sink;
          beast::error_code rec;
          while (!rec) {
            co_await self->stream.socket().async_read_some(asio::buffer(sink),
                                                           asio::redirect_error(use_awaitable, rec));
          }
          *gone = true;
        },
        asio::detached);
    asio::steady_timer timer(conn.stream.get_executor());
    const auto started = std::chrono::steady_clock::now();
    auto last_write = started;
    for (;;) {
      EventStream::Next next = resp.events->Poll();
      std::string out = std::move(next.frames);
      bool done = next.done;
      const auto now = std::chrono::steady_clock::now();
      if (!done && (draining() || now - started >= std::chrono::seconds(options_.event_max_seconds))) {
        out += resp.events->Farewell();
        done = true;
      }
      if (out.empty() && now - last_write >= std::chrono::seconds(options_.event_keepalive_seconds)) {
        out = ": keep-alive\n\n";
      }
      if (!out.empty()) {
        conn.stream.expires_after(std::chrono::seconds(options_.write_timeout_seconds));
        co_await asio::async_write(conn.stream, asio::buffer(out),
                                   asio::redirect_error(use_awaitable, ec));
        if (ec) co_return;
        last_write = now;
      }
      if (done || *gone) co_return;
      beast::error_code waited;
      timer.expires_after(std::chrono::milliseconds(options_.event_poll_millis));
      co_await timer.async_wait(asio::redirect_error(use_awaitable, waited));
      if (*gone) co_return;
    }
  }

  // Sends a Site response over the wire.
  asio::awaitable<void> Send(Connection& conn, Response& resp, unsigned version, bool keep_alive,
                             bool head, beast::error_code& ec) {
    if (resp.events) {
      co_await StreamEvents(conn, resp, version, head, ec);
      // The stream used the connection up: the session ends here.
      if (!ec) ec = bhttp::error::end_of_stream;
      co_return;
    }
    if (!resp.file_path.empty()) {
      bhttp::response<bhttp::file_body> res{static_cast<bhttp::status>(resp.status), version};
      res.body().open(resp.file_path.c_str(), beast::file_mode::scan, ec);
      if (!ec) {
        for (auto& [name, value] : resp.headers) res.insert(name, value);
        res.set(bhttp::field::server, "spse");
        res.keep_alive(keep_alive);
        res.prepare_payload();
        if (head) {
          bhttp::response<bhttp::empty_body> empty{res.base()};
          co_await Write(conn, empty, ec);
        } else {
          co_await Write(conn, res, ec);
        }
        co_return;
      }
      resp = site_.Reject(404, "http.not_found", "");
      ec = {};
    }
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(resp.status), version};
    for (auto& [name, value] : resp.headers) res.insert(name, value);
    res.set(bhttp::field::server, "spse");
    res.keep_alive(keep_alive);
    const std::size_t size = resp.body.size();
    res.body() = std::move(resp.body);
    res.prepare_payload();
    if (head) {
      res.body().clear();
      res.content_length(size);
    }
    co_await Write(conn, res, ec);
  }

  asio::awaitable<void> Refuse(Connection& conn, int status, std::string_view reason,
                               std::string_view cookies) {
    Response resp = site_.Reject(status, reason, cookies);
    beast::error_code ec;
    co_await Send(conn, resp, 11, false, false, ec);
  }

  // Refuses a request on its route, in the route's error format.
  asio::awaitable<void> Refuse(Connection& conn, const Route& route, int status, const Status& why,
                               std::string_view cookies) {
    Response resp = site_.RejectFor(route, status, why, cookies);
    beast::error_code ec;
    co_await Send(conn, resp, 11, false, false, ec);
  }

  void Log(const std::string& client, std::string_view method, std::string_view target, int status,
           std::size_t bytes, std::chrono::steady_clock::time_point start) {
    if (!options_.access_log) return;
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    std::string line = client;
    line += ' ';
    line += method;
    line += ' ';
    // Never log query strings: they may carry tokens.
    line += target.substr(0, target.find('?'));
    line += ' ';
    line += std::to_string(status);
    line += ' ';
    line += std::to_string(bytes);
    line += ' ';
    line += std::to_string(micros / 1000) + "." + std::to_string(micros / 100 % 10) + "ms";
    options_.access_log(line);
  }

  // Reads a body in 64 KiB pieces into `reader`: memory stays bounded
  // whatever the size of the upload.
  asio::awaitable<Status> StreamBody(Connection& conn, beast::flat_buffer& buffer,
                                     bhttp::request_parser<bhttp::empty_body>&& header,
                                     std::size_t limit, BodyReader& reader, bool& keep_alive) {
    bhttp::request_parser<bhttp::buffer_body> parser{std::move(header)};
    parser.body_limit(limit);
    // A larger read buffer: without it Beast reads uploads in small pieces.
    buffer.reserve(256 * 1024);
    std::vector<char> chunk(64 * 1024);
    beast::error_code ec;
    while (!parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      conn.stream.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
      co_await bhttp::async_read_some(conn.stream, buffer, parser,
                                      asio::redirect_error(use_awaitable, ec));
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec == bhttp::error::body_limit) co_return ResourceExhausted("http.body_too_large");
      if (ec == beast::error::timeout) co_return InvalidArgument("http.timeout");
      if (ec == asio::error::eof || ec == bhttp::error::end_of_stream ||
          ec == asio::error::connection_reset || ec == bhttp::error::partial_message) {
        co_return Unavailable("http.connection_lost");
      }
      if (ec) co_return InvalidArgument("http.bad_request", ec.message());
      const std::size_t got = chunk.size() - parser.get().body().size;
      if (got > 0) {
        Status s = reader.Feed(std::string_view(chunk.data(), got));
        if (!s.ok()) co_return s;
      }
    }
    keep_alive = parser.get().keep_alive();
    co_return reader.Finish();
  }

  // After answering a request whose body was not read, close gently: stop
  // sending, then read and drop what the client still sends (bounded in
  // bytes and time), so its TCP stack does not turn our close into a reset
  // that discards the answer before the client reads it (RFC 9112 §9.6).
  asio::awaitable<void> LingeringClose(Connection& conn) {
    beast::error_code ec;
    conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::vector<char> sink(64 * 1024);
    std::size_t drained = 0;
    conn.stream.expires_after(std::chrono::seconds(5));
    while (!ec && drained < (64u << 20)) {
      drained += co_await conn.stream.async_read_some(asio::buffer(sink),
                                                      asio::redirect_error(use_awaitable, ec));
    }
  }

  asio::awaitable<void> Session(std::shared_ptr<Connection> conn) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    bool unread_body = false;
    std::string client;
    {
      auto ep = conn->stream.socket().remote_endpoint(ec);
      client = ec ? "-" : ep.address().to_string();
    }
    for (;;) {
      conn->idle = true;
      if (draining()) break;
      bhttp::request_parser<bhttp::empty_body> header;
      header.header_limit(static_cast<std::uint32_t>(options_.header_limit));
      // Enforced per route below. Not boost::none: Beast 1.74 compares the
      // length with the optional, and every length is "greater" than none.
      header.body_limit(std::numeric_limits<std::uint64_t>::max());
      conn->stream.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
      co_await bhttp::async_read_header(conn->stream, buffer, header,
                                        asio::redirect_error(use_awaitable, ec));
      conn->idle = false;
      const auto start = std::chrono::steady_clock::now();
      if (ec) {
        if (ec == bhttp::error::header_limit) {
          co_await Refuse(*conn, 431, "http.header_too_large", "");
          Log(client, "-", "-", 431, 0, start);
        } else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                   ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                   ec != asio::error::eof && ec != asio::error::bad_descriptor &&
                   buffer.size() > 0) {
          co_await Refuse(*conn, 400, "http.bad_request", "");
          Log(client, "-", "-", 400, 0, start);
        }
        break;
      }

      auto& head = header.get();
      Request req;
      req.method = std::string(head.method_string());
      req.target = std::string(head.target());
      for (const auto& field : head) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers.emplace_back(std::move(name), std::string(field.value()));
      }
      req.client_addr = client;
      if (!options_.trusted_proxies.empty()) {
        req.client_addr = ClientAddress(client, req.Header("x-forwarded-for"),
                                        options_.trusted_proxies);
      }
      const std::string cookies(head[bhttp::field::cookie]);
      if (req.target.empty() || req.target.front() != '/') {
        co_await Refuse(*conn, 400, "http.bad_request", cookies);
        Log(client, req.method, "-", 400, 0, start);
        break;
      }
      const std::string path = req.target.substr(0, req.target.find('?'));
      const Route* route = site_.RouteFor(req.method, path);
      const std::size_t limit = route ? route->body_limit : 0;
      const bool has_body = header.chunked() || header.content_length().value_or(0) > 0;
      if (has_body && !route) {
        // 404 or 405 (with Allow), decided without reading the body.
        unread_body = true;
        co_await Respond(*conn, req, head.version(), false, client, start, ec);
        break;
      }
      if (has_body && route && route->streams_body()) {
        if (header.content_length().value_or(0) > limit) {
          unread_body = true;
          co_await Refuse(*conn, *route, 413, ResourceExhausted("http.body_too_large"), cookies);
          Log(client, req.method, req.target, 413, 0, start);
          break;
        }
        // The session, the permission and the route's own checks read the
        // database: on the worker pool, not on this I/O thread.
        StatusOr<std::unique_ptr<BodyReader>> reader = Internal("http.body_not_begun");
        co_await asio::co_spawn(
            workers_.get_executor(),
            [&]() -> asio::awaitable<void> {
              try {
                reader = site_.BeginBody(req, *route);
              } catch (const std::exception& e) {
                reader = Internal("http.handler_exception", e.what());
              }
              co_return;
            },
            use_awaitable);
        if (!reader.ok()) {
          unread_body = true;
          const int status = HttpStatusFor(reader.status().code());
          co_await Refuse(*conn, *route, status, reader.status(), cookies);
          Log(client, req.method, req.target, status, 0, start);
          break;
        }
        if (beast::iequals(head[bhttp::field::expect], "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, head.version()};
          co_await Write(*conn, cont, ec);
          if (ec) break;
        }
        const unsigned version = head.version();
        bool keep_alive = false;
        Status upload = co_await StreamBody(*conn, buffer, std::move(header), limit, **reader,
                                            keep_alive);
        if (!upload.ok()) {
          unread_body = true;
          const int status = HttpStatusFor(upload.code());
          if (upload.reason() != "http.connection_lost") {
            co_await Refuse(*conn, *route, status, upload, cookies);
          }
          Log(client, req.method, req.target, status, 0, start);
          break;
        }
        req.body_reader = std::move(*reader);
        co_await Respond(*conn, req, version, keep_alive, client, start, ec);
        if (ec || !keep_alive) break;
      } else if (has_body) {
        if (limit == 0 || header.content_length().value_or(0) > limit) {
          unread_body = true;
          co_await Refuse(*conn, *route, 413, ResourceExhausted("http.body_too_large"), cookies);
          Log(client, req.method, req.target, 413, 0, start);
          break;
        }
        if (beast::iequals(head[bhttp::field::expect], "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, head.version()};
          co_await Write(*conn, cont, ec);
          if (ec) break;
        }
        bhttp::request_parser<bhttp::string_body> body_parser{std::move(header)};
        body_parser.body_limit(limit);
        conn->stream.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
        co_await bhttp::async_read(conn->stream, buffer, body_parser,
                                   asio::redirect_error(use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
          unread_body = true;
          co_await Refuse(*conn, *route, 413, ResourceExhausted("http.body_too_large"), cookies);
          Log(client, req.method, req.target, 413, 0, start);
          break;
        }
        if (ec) {
          if (ec == beast::error::timeout) {
            co_await Refuse(*conn, *route, 408, InvalidArgument("http.timeout"), cookies);
          } else if (ec != asio::error::eof && ec != bhttp::error::end_of_stream &&
                     ec != asio::error::connection_reset) {
            co_await Refuse(*conn, *route, 400, InvalidArgument("http.bad_request"), cookies);
          }
          break;
        }
        req.body = std::move(body_parser.get().body());
        const bool keep_alive = body_parser.get().keep_alive();
        co_await Respond(*conn, req, body_parser.get().version(), keep_alive, client, start, ec);
        if (ec || !keep_alive) break;
      } else {
        const bool keep_alive = head.keep_alive();
        co_await Respond(*conn, req, head.version(), keep_alive, client, start, ec);
        if (ec || !keep_alive) break;
      }
    }
    if (unread_body) co_await LingeringClose(*conn);
    beast::error_code ignored;
    conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn->stream.socket().close(ignored);
    {
      std::lock_guard lock(mu_);
      connections_.erase(conn);
    }
    MaybeFinish();
  }

  asio::awaitable<void> Respond(Connection& conn, Request& req, unsigned version, bool keep_alive,
                                const std::string& client,
                                std::chrono::steady_clock::time_point start,
                                beast::error_code& ec) {
    // Handlers block (database, argon2id), so they run on the worker pool,
    // except what the Site can answer from memory.
    // (No co_await inside ?: here: g++ 12 miscompiles that in coroutines.)
    Response resp;
    if (site_.CanHandleInline(req)) {
      resp = site_.Handle(req);
    } else {
      resp = co_await asio::co_spawn(
          workers_.get_executor(),
          [&]() -> asio::awaitable<Response> { co_return site_.Handle(req); }, use_awaitable);
    }
    const int status = resp.status;
    const std::size_t bytes = resp.body.size();
    co_await Send(conn, resp, version, keep_alive && !draining(), req.method == "HEAD", ec);
    Log(client, req.method, req.target, status, bytes, start);
  }

  const Site& site_;
  const ServerOptions& options_;
  std::vector<std::unique_ptr<asio::io_context>> iocs_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
  std::size_t next_context_ = 0;  // touched only by the accept loop
  asio::io_context& ioc_;  // the first: acceptor, signals, shutdown timer
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::thread_pool workers_;
  std::mutex mu_;
  bool draining_ = false;
  std::set<std::shared_ptr<Connection>> connections_;
  std::shared_ptr<asio::steady_timer> drain_timer_;
};

}  // namespace

Status Serve(const Site& site, const ServerOptions& options) {
  Server server(site, options);
  return server.Run();
}

}  // namespace spse::http
