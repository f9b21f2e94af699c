// Matchers and macros for Status and StatusOr<T> (after Abseil's
// status_matchers.h): a test states the exact outcome it expects, code and
// reason, never just "not ok".
//
//   EXPECT_THAT(ParseThing("x"), StatusIs(Code::kInvalidArgument, "thing.invalid"));
//   ASSERT_OK(tx->Commit());
//   ASSERT_OK_AND_ASSIGN(std::int64_t id, tx->users().Insert(user));
#ifndef SPSE_TESTS_TESTING_STATUS_MATCHERS_H_
#define SPSE_TESTS_TESTING_STATUS_MATCHERS_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>

#include "base/status.h"

namespace spse {

// Lets gtest print a Status (and the status of a StatusOr) in failure messages.
inline void PrintTo(const Status& status, std::ostream* os) { *os << status.ToString(); }
template <typename T>
void PrintTo(const StatusOr<T>& status_or, std::ostream* os) {
  *os << (status_or.ok() ? std::string("OK (with a value)") : status_or.status().ToString());
}

namespace testing_internal {

inline const Status& GetStatus(const Status& status) { return status; }
template <typename T>
const Status& GetStatus(const StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace testing_internal

// Matches a Status or StatusOr<T> whose code and reason are exactly these.
MATCHER_P2(StatusIs, code, reason,
           std::string(negation ? "isn't " : "is ") + std::string(CodeName(code)) + ": " +
               std::string(reason)) {
  const Status& status = ::spse::testing_internal::GetStatus(arg);
  return status.code() == code && status.reason() == reason;
}

// Matches an ok Status or StatusOr<T>.
MATCHER(IsOk, negation ? "isn't OK" : "is OK") {
  return ::spse::testing_internal::GetStatus(arg).ok();
}

}  // namespace spse

#define EXPECT_OK(expr) EXPECT_THAT((expr), ::spse::IsOk())
#define ASSERT_OK(expr) ASSERT_THAT((expr), ::spse::IsOk())

#define SPSE_TEST_CONCAT_INNER_(a, b) a##b
#define SPSE_TEST_CONCAT_(a, b) SPSE_TEST_CONCAT_INNER_(a, b)
// Declares `lhs` from a StatusOr expression, or fails the test (fatally).
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(SPSE_TEST_CONCAT_(spse_test_or_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_OK(tmp);                                  \
  lhs = std::move(tmp).value()

#endif  // SPSE_TESTS_TESTING_STATUS_MATCHERS_H_
