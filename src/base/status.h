// Status and StatusOr<T>: the one error vocabulary of SPSE.
//
// A Status carries a canonical Code (which decides the HTTP status and the
// exit code at the edges), a stable machine-readable reason such as
// "auth.bad_credentials" (the API error code and the message-catalogue key for
// the user's language), and a developer message for logs. Return the most
// specific code; never signal errors with exceptions across layers.
#ifndef SPSE_BASE_STATUS_H_
#define SPSE_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace spse {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong; fixing it helps
  kNotFound,            // the object does not exist (or must look so)
  kAlreadyExists,       // a unique thing would be created twice
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // no valid session or credentials
  kFailedPrecondition,  // the state of the system forbids it now
  kResourceExhausted,   // throttled or over a limit
  kUnavailable,         // a dependency is down; retrying may help
  kInternal,            // a bug or a broken invariant
};

std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string reason, std::string message = {})
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // Stable identifier, e.g. "auth.bad_credentials"; empty when ok().
  const std::string& reason() const { return reason_; }
  // Detail for developers and logs; never shown to users, never secret.
  const std::string& message() const { return message_; }
  std::string ToString() const;

  void IgnoreError() const {}

 private:
  Code code_ = Code::kOk;
  std::string reason_;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgument(std::string reason, std::string message = {}) {
  return Status(Code::kInvalidArgument, std::move(reason), std::move(message));
}
inline Status NotFound(std::string reason, std::string message = {}) {
  return Status(Code::kNotFound, std::move(reason), std::move(message));
}
inline Status AlreadyExists(std::string reason, std::string message = {}) {
  return Status(Code::kAlreadyExists, std::move(reason), std::move(message));
}
inline Status PermissionDenied(std::string reason, std::string message = {}) {
  return Status(Code::kPermissionDenied, std::move(reason), std::move(message));
}
inline Status Unauthenticated(std::string reason, std::string message = {}) {
  return Status(Code::kUnauthenticated, std::move(reason), std::move(message));
}
inline Status FailedPrecondition(std::string reason, std::string message = {}) {
  return Status(Code::kFailedPrecondition, std::move(reason), std::move(message));
}
inline Status ResourceExhausted(std::string reason, std::string message = {}) {
  return Status(Code::kResourceExhausted, std::move(reason), std::move(message));
}
inline Status Unavailable(std::string reason, std::string message = {}) {
  return Status(Code::kUnavailable, std::move(reason), std::move(message));
}
inline Status Internal(std::string reason, std::string message = {}) {
  return Status(Code::kInternal, std::move(reason), std::move(message));
}

// Either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace spse

// Returns from the enclosing function when `expr` (a Status) is not ok.
#define SPSE_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::spse::Status spse_status_ = (expr);       \
    if (!spse_status_.ok()) return spse_status_; \
  } while (false)

#define SPSE_CONCAT_INNER_(a, b) a##b
#define SPSE_CONCAT_(a, b) SPSE_CONCAT_INNER_(a, b)
// Declares `lhs` from a StatusOr expression, or returns its Status.
#define SPSE_ASSIGN_OR_RETURN(lhs, expr) \
  SPSE_ASSIGN_OR_RETURN_IMPL_(SPSE_CONCAT_(spse_or_, __LINE__), lhs, expr)
#define SPSE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#endif  // SPSE_BASE_STATUS_H_
