// BlacklistRepo and the deactivation reason, through Store/Tx.
#include <gtest/gtest.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

std::int64_t NewVendor() {
  auto id = InWriteTx([](app::Tx& tx) {
    return tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build());
  });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

domain::BlacklistEntry AnEntry(std::int64_t user, Micros from, std::optional<Micros> until) {
  domain::BlacklistEntry e;
  e.user_id = user;
  e.vendor_name = "CV Uji";
  e.sk_number = Unique("SK");
  e.violation = "Dokumen palsu — ✓";
  e.starts_at = from;
  e.ends_at = until;
  e.created_by = 1;
  e.created_at = from;
  return e;
}

TEST(Blacklist, InForceListsOnlyEntriesInTheirPeriod) {
  const Micros t = UniqueEpoch();
  const std::int64_t vendor = NewVendor();
  const auto past = AnEntry(vendor, t, t + 10);
  const auto current = AnEntry(vendor, t + 50, t + 200);
  const auto open = AnEntry(vendor, t + 60, std::nullopt);
  for (const auto& e : {past, current, open}) {
    ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.blacklist().Insert(e); }).status());
  }
  ASSERT_OK_AND_ASSIGN(auto now, InReadTx([&](app::Tx& tx) { return tx.blacklist().InForce(t + 100); }));
  std::vector<std::string> mine;
  for (const auto& e : now) {
    if (e.user_id == vendor) mine.push_back(e.sk_number);
  }
  EXPECT_EQ(mine, (std::vector<std::string>{open.sk_number, current.sk_number})) << "newest first";
  ASSERT_OK_AND_ASSIGN(auto all, InReadTx([&](app::Tx& tx) { return tx.blacklist().ForUser(vendor); }));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all.back().violation, "Dokumen palsu — ✓");
  EXPECT_FALSE(all.front().ends_at.has_value());
}

TEST(Blacklist, TheDeactivationReasonIsStoredWithTheUser) {
  domain::User u = UserBuilder().Build();
  u.active = false;
  u.deactivation_reason = "Pelanggaran ketentuan (027/1/2026)";
  ASSERT_OK_AND_ASSIGN(u.id, InWriteTx([&](app::Tx& tx) { return tx.users().Insert(u); }));
  ASSERT_OK_AND_ASSIGN(auto back, InReadTx([&](app::Tx& tx) { return tx.users().FindById(u.id); }));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->deactivation_reason, u.deactivation_reason);
  u.deactivation_reason.clear();
  u.active = true;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.users().Update(u); }));
  ASSERT_OK_AND_ASSIGN(back, InReadTx([&](app::Tx& tx) { return tx.users().FindById(u.id); }));
  EXPECT_EQ(back->deactivation_reason, "");
}

}  // namespace
}  // namespace spse::storage::conformance
