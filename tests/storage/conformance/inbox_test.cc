// InboxRepo through Store/Tx.
#include <gtest/gtest.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

std::int64_t NewUser() {
  auto id = InWriteTx([](app::Tx& tx) { return tx.users().Insert(UserBuilder().Build()); });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

domain::InboxMessage AMessage(std::int64_t user, const std::string& subject, Micros at) {
  domain::InboxMessage m;
  m.user_id = user;
  m.subject = subject;
  m.body = "Isi pesan — ✓";
  m.created_at = at;
  return m;
}

StatusOr<std::int64_t> Deliver(const domain::InboxMessage& m) {
  return InWriteTx([&](app::Tx& tx) { return tx.inbox().Deliver(m); });
}

TEST(Inbox, MessagesBelongToTheirUserNewestFirst) {
  const std::int64_t siti = NewUser(), budi = NewUser();
  ASSERT_OK_AND_ASSIGN(const std::int64_t first, Deliver(AMessage(siti, "pertama", kJan2026)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t second, Deliver(AMessage(siti, "kedua", kJan2026 + 1)));
  ASSERT_OK(Deliver(AMessage(budi, "milik budi", kJan2026)).status());
  ASSERT_OK_AND_ASSIGN(auto list, InReadTx([&](app::Tx& tx) { return tx.inbox().List(siti, 10, 0); }));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second);
  EXPECT_EQ(list[1].id, first);
  EXPECT_EQ(list[1].body, "Isi pesan — ✓");
  EXPECT_FALSE(list[0].read_at.has_value());
  ASSERT_OK_AND_ASSIGN(auto paged, InReadTx([&](app::Tx& tx) { return tx.inbox().List(siti, 1, 1); }));
  ASSERT_EQ(paged.size(), 1u);
  EXPECT_EQ(paged[0].id, first);
  ASSERT_OK_AND_ASSIGN(auto count, InReadTx([&](app::Tx& tx) { return tx.inbox().Count(siti); }));
  EXPECT_EQ(count, 2);
}

TEST(Inbox, FindAndMarkReadOnlyReachTheOwnersMessage) {
  const std::int64_t siti = NewUser(), budi = NewUser();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Deliver(AMessage(siti, "rahasia", kJan2026)));
  ASSERT_OK_AND_ASSIGN(auto theirs, InReadTx([&](app::Tx& tx) { return tx.inbox().Find(budi, id); }));
  EXPECT_FALSE(theirs.has_value());
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.inbox().MarkRead(budi, id, kJan2026 + 5); }));
  ASSERT_OK_AND_ASSIGN(auto unread, InReadTx([&](app::Tx& tx) { return tx.inbox().CountUnread(siti); }));
  EXPECT_EQ(unread, 1) << "another user cannot mark it read";
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.inbox().MarkRead(siti, id, kJan2026 + 5); }));
  ASSERT_OK_AND_ASSIGN(auto mine, InReadTx([&](app::Tx& tx) { return tx.inbox().Find(siti, id); }));
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->read_at, kJan2026 + 5);
  ASSERT_OK_AND_ASSIGN(auto none, InReadTx([&](app::Tx& tx) { return tx.inbox().CountUnread(siti); }));
  EXPECT_EQ(none, 0);
}

TEST(Inbox, TheMailPreferenceIsStoredWithTheUser) {
  domain::User u = UserBuilder().Build();
  u.notify_email = false;
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, InWriteTx([&](app::Tx& tx) { return tx.users().Insert(u); }));
  ASSERT_OK_AND_ASSIGN(auto back, InReadTx([&](app::Tx& tx) { return tx.users().FindById(id); }));
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->notify_email);
}

}  // namespace
}  // namespace spse::storage::conformance
