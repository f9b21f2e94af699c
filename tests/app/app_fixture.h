// A real SQLite store in a temp directory, libsodium, and a fake clock: the
// use cases run exactly as in production, with time under the test's control.
#ifndef SPSE_TESTS_APP_APP_FIXTURE_H_
#define SPSE_TESTS_APP_APP_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "app/admin_service.h"
#include "app/auth_service.h"
#include "app/portal_service.h"
#include "crypto/crypto.h"
#include "crypto/sodium_port.h"
#include "crypto/totp.h"
#include "storage/database.h"

namespace spse::app {

inline constexpr Micros kStart = 1'767'225'600LL * kMicrosPerSecond;  // 2026-01-01T00:00:00Z
inline constexpr const char* kGoodPassword = "tanah-merah-bangkalan";

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    dir_ = std::filesystem::temp_directory_path() /
           ("spse-app-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    url_ = "sqlite://" + (dir_ / "t.db").string();
    ASSERT_TRUE(storage::Migrate(url_).ok());
    auto store = storage::OpenStore(url_, {4});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    auth_ = std::make_unique<AuthService>(*store_, crypto_, totp_, clock_, AuthConfig{},
                                          "test-secret", 2);
    admin_ = std::make_unique<AdminService>(*store_, *auth_, crypto_, clock_);
    portal_ = std::make_unique<PortalService>(*store_, clock_);
  }
  void TearDown() override {
    portal_.reset();
    admin_.reset();
    auth_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // An administrator acting through the use cases.
  Actor AdminActor() {
    Actor a;
    a.who.user_id = -1;
    a.who.username = "system:test";
    a.who.roles = domain::RoleSet{domain::Role::kAdminSistem};
    a.client_addr = "127.0.0.1";
    return a;
  }

  // Creates an account through AdminService as AdminActor(). An empty
  // `password` makes the service issue a temporary one that must be changed.
  StatusOr<CreatedUser> TryCreateUser(const std::string& username, domain::RoleSet roles,
                                      std::optional<std::int64_t> agency = std::nullopt,
                                      const std::string& password = "") {
    NewUser u;
    u.username = username;
    u.full_name = "User " + username;
    u.email = username + "@example.go.id";
    u.roles = roles;
    u.agency_id = agency;
    u.password = password;
    return admin_->CreateUser(AdminActor(), u);
  }

  // The same with kGoodPassword, expecting success; the new account's id.
  std::int64_t CreateUser(const std::string& username, domain::RoleSet roles,
                          std::optional<std::int64_t> agency = std::nullopt) {
    auto created = TryCreateUser(username, roles, agency, kGoodPassword);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  // An SKPD created through the use case, as Admin Sistem would.
  std::int64_t CreateSkpd(const std::string& code, const std::string& name) {
    domain::Agency a;
    a.code = code;
    a.name = name;
    auto id = admin_->CreateAgency(AdminActor(), a);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  LoginOutcome Login(const std::string& username, const std::string& password,
                     const std::string& addr = "10.0.0.1", const std::string& device = "") {
    LoginRequest r;
    r.username = username;
    r.password = password;
    r.client_addr = addr;
    r.user_agent = "test";
    r.device_token = device;
    return auth_->Login(r);
  }

  std::int64_t AuditCount(const std::string& action) {
    auto tx = store_->Begin(Access::kRead);
    AuditFilter f;
    f.action = action;
    auto n = (*tx)->audit().Count(f);
    return n.ok() ? *n : -1;
  }

  std::filesystem::path dir_;
  std::string url_;
  FakeClock clock_{kStart};
  crypto::SodiumCrypto crypto_;
  crypto::OathTotp totp_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<PortalService> portal_;
};

}  // namespace spse::app

#endif  // SPSE_TESTS_APP_APP_FIXTURE_H_
