#include "app/inbox_service.h"

#include "app/app_fixture.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

class PlainComposer final : public MailComposer {
 public:
  StatusOr<ComposedMail> Compose(std::string_view name, const MailValues& values) override {
    ComposedMail m{std::string(name), ""};
    for (const auto& [k, v] : values) m.body += k + "=" + v + "\n";
    return m;
  }
};

class InboxTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    inbox_ = std::make_unique<InboxService>(*store_, clock_);
    siti_ = CreateUser("siti.aminah", RoleSet{Role::kHelpdesk});
    budi_ = CreateUser("budi.santoso", RoleSet{Role::kAuditor});
  }
  Actor As(std::int64_t id) {
    Actor a;
    a.who.user_id = id;
    a.who.username = "u" + std::to_string(id);
    a.who.roles = RoleSet{Role::kAuditor};
    return a;
  }
  void NotifyUser(std::int64_t id, const std::string& what) {
    auto tx = store_->Begin(Access::kWrite);
    auto user = (*tx)->users().FindById(id);
    ASSERT_TRUE(user.ok() && user->has_value());
    ASSERT_TRUE(Notify(**tx, composer_, clock_, **user, what, {{"x", "1"}}).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  std::int64_t Outbox() {
    auto tx = store_->Begin(Access::kRead);
    return *(*tx)->outbox().CountByStatus("pending");
  }
  PlainComposer composer_;
  std::unique_ptr<InboxService> inbox_;
  std::int64_t siti_ = 0, budi_ = 0;
};

TEST_F(InboxTest, ANoticeLandsInTheInboxAndByMailWhenWanted) {
  NotifyUser(siti_, "welcome");
  EXPECT_EQ(Outbox(), 1);
  ASSERT_TRUE(inbox_->SetMailPreference(As(siti_), false).ok());
  NotifyUser(siti_, "second");
  EXPECT_EQ(Outbox(), 1) << "inbox only, as she chose";
  auto page = inbox_->List(As(siti_), 10, 0);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->messages.size(), 2u);
  EXPECT_EQ(page->messages[0].subject, "second") << "newest first";
  EXPECT_EQ(page->unread, 2);
  EXPECT_FALSE(page->notify_email);
}

TEST_F(InboxTest, OpeningMarksReadAndOnlyTheOwnerCanOpen) {
  NotifyUser(siti_, "welcome");
  auto page = inbox_->List(As(siti_), 10, 0);
  const std::int64_t id = page->messages.at(0).id;
  // Another user asking for that id sees "not found", not "forbidden".
  EXPECT_EQ(inbox_->Open(As(budi_), id).status().reason(), "inbox.not_found");
  auto opened = inbox_->Open(As(siti_), id);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->subject, "welcome");
  EXPECT_EQ(*inbox_->Unread(As(siti_)), 0);
  EXPECT_EQ(inbox_->List(As(budi_), 10, 0)->messages.size(), 0u);
}

TEST_F(InboxTest, ChangingThePreferenceIsAudited) {
  ASSERT_TRUE(inbox_->SetMailPreference(As(budi_), false).ok());
  EXPECT_EQ(AuditCount("user.notify_email"), 1);
  ASSERT_TRUE(inbox_->SetMailPreference(As(budi_), false).ok());
  EXPECT_EQ(AuditCount("user.notify_email"), 1) << "no change, no entry";
}

}  // namespace
}  // namespace spse::app
