#include "http/forwarded.h"

#include <gtest/gtest.h>

namespace spse::http {
namespace {

const std::vector<std::string> kProxy = {"127.0.0.1"};

TEST(ClientAddress, WithoutATrustedProxyThePeerIsTheClient) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  // A visitor cannot choose its address by sending the header itself.
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", kProxy), "203.0.113.9");
}

TEST(ClientAddress, BehindTheProxyTheRightMostUntrustedHopIsTheClient) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", kProxy), "198.51.100.1");
  // The left entries were written by the client: ignored.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.9.9.9, 198.51.100.1", kProxy), "198.51.100.1");
  const std::vector<std::string> two = {"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1, 10.0.0.2", two), "198.51.100.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "2001:db8::1", kProxy), "2001:db8::1");
}

TEST(ClientAddress, GarbageStopsTheWalk) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "", kProxy), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "<script>", kProxy), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "evil<x>, 198.51.100.1", kProxy), "198.51.100.1");
}

TEST(ParseAddressList, SplitsAndTrims) {
  EXPECT_EQ(ParseAddressList(" 10.0.0.1 ,10.0.0.2,, "),
            (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_TRUE(ParseAddressList("").empty());
}

}  // namespace
}  // namespace spse::http
