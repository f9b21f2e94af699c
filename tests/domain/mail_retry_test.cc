#include <gtest/gtest.h>

#include "domain/records.h"

namespace spse::domain {
namespace {

TEST(MailRetryDelay, DoublesFromAMinuteUpToAnHour) {
  EXPECT_EQ(MailRetryDelay(1), kMicrosPerMinute);
  EXPECT_EQ(MailRetryDelay(2), 2 * kMicrosPerMinute);
  EXPECT_EQ(MailRetryDelay(3), 4 * kMicrosPerMinute);
  EXPECT_EQ(MailRetryDelay(6), 32 * kMicrosPerMinute);
  EXPECT_EQ(MailRetryDelay(7), kMicrosPerHour);
  EXPECT_EQ(MailRetryDelay(100), kMicrosPerHour);
}

}  // namespace
}  // namespace spse::domain
