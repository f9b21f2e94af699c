#include "app/password_reset.h"

#include <regex>

#include "app/app_fixture.h"
#include "app/mail_service.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;

// Composes "NAME|key=value|..." so tests can read the values back.
class EchoComposer final : public MailComposer {
 public:
  StatusOr<ComposedMail> Compose(std::string_view name, const MailValues& values) override {
    ComposedMail m;
    m.subject = std::string(name);
    for (const auto& [k, v] : values) m.body += k + "=" + v + "\n";
    return m;
  }
};

// Records what it is asked to send; fails while `fail` is set.
class FakeSender final : public MailSender {
 public:
  Status Send(const domain::OutgoingMail& mail) override {
    if (fail) return Unavailable("mail.send_failed", "injected");
    sent.push_back(mail);
    return OkStatus();
  }
  bool fail = false;
  std::vector<domain::OutgoingMail> sent;
};

class ResetTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    resets_ = std::make_unique<PasswordResetService>(*store_, *auth_, crypto_, composer_, clock_,
                                                     "https://spse.test");
    delivery_ = std::make_unique<MailDelivery>(*store_, sender_, clock_);
    CreateUser("auditor.satu", RoleSet{Role::kAuditor});
  }
  void TearDown() override {
    delivery_.reset();
    resets_.reset();
    AppTest::TearDown();
  }
  // The token of the last reset link sent.
  std::string LastToken() {
    EXPECT_FALSE(sender_.sent.empty());
    if (sender_.sent.empty()) return "";
    std::smatch m;
    const std::string body = sender_.sent.back().body;
    if (!std::regex_search(body, m, std::regex("reset\\?token=([A-Za-z0-9_-]+)"))) return "";
    return m[1];
  }
  std::int64_t Pending() {
    auto tx = store_->Begin(Access::kRead);
    return *(*tx)->outbox().CountByStatus("pending");
  }

  EchoComposer composer_;
  FakeSender sender_;
  std::unique_ptr<PasswordResetService> resets_;
  std::unique_ptr<MailDelivery> delivery_;
};

TEST_F(ResetTest, UnknownUserIdLooksTheSameButSendsNothing) {
  EXPECT_TRUE(resets_->Request("tidak.ada", "10.1.1.1").ok());
  EXPECT_EQ(Pending(), 0);
  EXPECT_TRUE(resets_->Request("auditor.satu", "10.1.1.1").ok());
  EXPECT_EQ(Pending(), 1);
  ASSERT_EQ(*delivery_->DeliverDue(10), 1);
  EXPECT_EQ(sender_.sent.back().to, "auditor.satu@example.go.id");
  EXPECT_EQ(sender_.sent.back().subject, "password_reset");
}

TEST_F(ResetTest, TheLinkWorksOnceAndEndsEverySession) {
  LoginOutcome session = Login("auditor.satu", kGoodPassword);
  ASSERT_TRUE(resets_->Request("auditor.satu", "10.1.1.1").ok());
  ASSERT_EQ(*delivery_->DeliverDue(10), 1);
  const std::string token = LastToken();
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(resets_->Check(token).ok());
  EXPECT_EQ(resets_->Complete(token, "short", "10.1.1.1").reason(), "password.too_short");
  ASSERT_TRUE(resets_->Complete(token, "kunci-baru-yang-panjang", "10.1.1.1").ok());
  EXPECT_EQ(resets_->Complete(token, "kunci-lain-yang-panjang", "10.1.1.1").reason(), "reset.invalid");
  auto old = auth_->Resolve(session.session_token);
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->has_value());
  EXPECT_EQ(Login("auditor.satu", kGoodPassword).status.reason(), "auth.bad_credentials");
  EXPECT_TRUE(Login("auditor.satu", "kunci-baru-yang-panjang").status.ok());
  // The owner is told (ASVS 2.2.3).
  ASSERT_EQ(*delivery_->DeliverDue(10), 1);
  EXPECT_EQ(sender_.sent.back().subject, "password_changed");
  EXPECT_EQ(AuditCount("auth.password_reset"), 1);
}

TEST_F(ResetTest, TheLinkExpiresAfterAnHour) {
  ASSERT_TRUE(resets_->Request("auditor.satu", "10.1.1.1").ok());
  ASSERT_EQ(*delivery_->DeliverDue(10), 1);
  const std::string token = LastToken();
  clock_.Advance(PasswordResetService::kLinkLifetime);
  EXPECT_EQ(resets_->Check(token).reason(), "reset.invalid");
  EXPECT_EQ(resets_->Complete(token, "kunci-baru-yang-panjang", "10.1.1.1").reason(),
            "reset.invalid");
  EXPECT_EQ(resets_->Check("made-up-token").reason(), "reset.invalid");
}

TEST_F(ResetTest, RequestsFromOneAddressAreThrottled) {
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(resets_->Request("auditor.satu", "10.2.2.2").ok());
  EXPECT_EQ(resets_->Request("auditor.satu", "10.2.2.2").reason(), "auth.throttled");
  EXPECT_TRUE(resets_->Request("auditor.satu", "10.3.3.3").ok()) << "another address is not held back";
}

TEST_F(ResetTest, FailedDeliveryIsRetriedWithBackoffThenGivenUp) {
  ASSERT_TRUE(resets_->Request("auditor.satu", "10.1.1.1").ok());
  sender_.fail = true;
  Micros waited = 0;
  for (int attempt = 1; attempt <= domain::kMailMaxAttempts; ++attempt) {
    ASSERT_EQ(*delivery_->DeliverDue(10), 0);
    EXPECT_EQ(*delivery_->DeliverDue(10), 0) << "not retried before its time";
    clock_.Advance(domain::MailRetryDelay(attempt));
    waited += domain::MailRetryDelay(attempt);
  }
  auto tx = store_->Begin(Access::kRead);
  EXPECT_EQ(*(*tx)->outbox().CountByStatus("failed"), 1);
  EXPECT_EQ(*(*tx)->outbox().CountByStatus("pending"), 0);
  EXPECT_GT(waited, 4 * kMicrosPerHour);
}

TEST_F(ResetTest, AMessageIsSentOnceEvenWhenDeliveryRunsAgain) {
  ASSERT_TRUE(resets_->Request("auditor.satu", "10.1.1.1").ok());
  EXPECT_EQ(*delivery_->DeliverDue(10), 1);
  clock_.Advance(kMicrosPerHour);
  EXPECT_EQ(*delivery_->DeliverDue(10), 0);
  EXPECT_EQ(sender_.sent.size(), 1u);
}

}  // namespace
}  // namespace spse::app
