#include "base/status.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/status_matchers.h"

namespace spse {
namespace {

TEST(Status, DefaultIsOkWithNoReason) {
  const Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), Code::kOk);
  EXPECT_EQ(status.reason(), "");
  EXPECT_EQ(status.ToString(), "OK");
}

TEST(Status, CarriesCodeReasonAndMessage) {
  const Status status = InvalidArgument("role.empty", "an account needs a role");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_EQ(status.reason(), "role.empty");
  EXPECT_EQ(status.message(), "an account needs a role");
  EXPECT_EQ(status.ToString(), "INVALID_ARGUMENT: role.empty (an account needs a role)");
}

TEST(Status, ToStringOmitsAnEmptyMessage) {
  EXPECT_EQ(NotFound("user.not_found").ToString(), "NOT_FOUND: user.not_found");
}

TEST(Status, EachHelperMakesItsCanonicalCode) {
  EXPECT_EQ(InvalidArgument("r").code(), Code::kInvalidArgument);
  EXPECT_EQ(NotFound("r").code(), Code::kNotFound);
  EXPECT_EQ(AlreadyExists("r").code(), Code::kAlreadyExists);
  EXPECT_EQ(PermissionDenied("r").code(), Code::kPermissionDenied);
  EXPECT_EQ(Unauthenticated("r").code(), Code::kUnauthenticated);
  EXPECT_EQ(FailedPrecondition("r").code(), Code::kFailedPrecondition);
  EXPECT_EQ(ResourceExhausted("r").code(), Code::kResourceExhausted);
  EXPECT_EQ(Unavailable("r").code(), Code::kUnavailable);
  EXPECT_EQ(Internal("r").code(), Code::kInternal);
}

TEST(CodeName, NamesEveryCode) {
  EXPECT_EQ(CodeName(Code::kOk), "OK");
  EXPECT_EQ(CodeName(Code::kInvalidArgument), "INVALID_ARGUMENT");
  EXPECT_EQ(CodeName(Code::kNotFound), "NOT_FOUND");
  EXPECT_EQ(CodeName(Code::kAlreadyExists), "ALREADY_EXISTS");
  EXPECT_EQ(CodeName(Code::kPermissionDenied), "PERMISSION_DENIED");
  EXPECT_EQ(CodeName(Code::kUnauthenticated), "UNAUTHENTICATED");
  EXPECT_EQ(CodeName(Code::kFailedPrecondition), "FAILED_PRECONDITION");
  EXPECT_EQ(CodeName(Code::kResourceExhausted), "RESOURCE_EXHAUSTED");
  EXPECT_EQ(CodeName(Code::kUnavailable), "UNAVAILABLE");
  EXPECT_EQ(CodeName(Code::kInternal), "INTERNAL");
}

TEST(StatusOr, HoldsAValue) {
  StatusOr<std::string> result = std::string("nilai");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.status().ok());
  EXPECT_EQ(*result, "nilai");
  EXPECT_EQ(result->size(), 5u);
}

TEST(StatusOr, HoldsAnError) {
  StatusOr<int> result = NotFound("agency.not_found");
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(result, StatusIs(Code::kNotFound, "agency.not_found"));
}

Status FailWhenNegative(int n) {
  if (n < 0) return InvalidArgument("number.negative");
  return OkStatus();
}

StatusOr<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("number.odd");
  return n / 2;
}

Status CheckBoth(int n) {
  SPSE_RETURN_IF_ERROR(FailWhenNegative(n));
  SPSE_RETURN_IF_ERROR(FailWhenNegative(n - 10));
  return OkStatus();
}

StatusOr<int> Quarter(int n) {
  SPSE_ASSIGN_OR_RETURN(const int half, Half(n));
  SPSE_ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

TEST(StatusMacros, ReturnIfErrorReturnsTheFirstError) {
  EXPECT_THAT(CheckBoth(-1), StatusIs(Code::kInvalidArgument, "number.negative"));
  EXPECT_THAT(CheckBoth(5), StatusIs(Code::kInvalidArgument, "number.negative"));
  EXPECT_OK(CheckBoth(15));
}

TEST(StatusMacros, AssignOrReturnUnwrapsOrPropagates) {
  ASSERT_OK_AND_ASSIGN(const int quarter, Quarter(12));
  EXPECT_EQ(quarter, 3);
  EXPECT_THAT(Quarter(6), StatusIs(Code::kInvalidArgument, "number.odd"));
}

}  // namespace
}  // namespace spse
