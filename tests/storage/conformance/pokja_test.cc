// PokjaRepo through Store/Tx.
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

std::int64_t NewAgency() {
  auto id = InWriteTx([](app::Tx& tx) { return tx.agencies().Insert(AnSkpd().Build()); });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

domain::PokjaGroup AGroup() {
  domain::PokjaGroup g;
  g.name = Unique("Pokja Pemilihan");
  g.agency_id = NewAgency();
  g.member_ids = {NewUser(), NewUser(), NewUser()};
  g.chair_id = g.member_ids[1];
  g.created_at = kJan2026;
  return g;
}

TEST(Pokja, InsertFindAndMembersRoundTrip) {
  const domain::PokjaGroup g = AGroup();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id,
                       InWriteTx([&](app::Tx& tx) { return tx.pokja().Insert(g); }));
  ASSERT_OK_AND_ASSIGN(auto back, InReadTx([&](app::Tx& tx) { return tx.pokja().FindById(id); }));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->name, g.name);
  EXPECT_EQ(back->agency_id, g.agency_id);
  EXPECT_EQ(back->chair_id, g.chair_id);
  EXPECT_EQ(back->member_ids, g.member_ids);  // ids ascend as they were created
  EXPECT_TRUE(back->active);
  ASSERT_OK_AND_ASSIGN(auto all, InReadTx([&](app::Tx& tx) { return tx.pokja().List(); }));
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const auto& x) { return x.id == id; }));
}

TEST(Pokja, NamesAreUnique) {
  const domain::PokjaGroup g = AGroup();
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.pokja().Insert(g); }).status());
  auto again = InWriteTx([&](app::Tx& tx) { return tx.pokja().Insert(g); });
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(again.status().reason(), "pokja.name_taken");
}

TEST(Pokja, UpdateReplacesMembersChairAndStatus) {
  domain::PokjaGroup g = AGroup();
  ASSERT_OK_AND_ASSIGN(g.id, InWriteTx([&](app::Tx& tx) { return tx.pokja().Insert(g); }));
  const std::int64_t newcomer = NewUser();
  g.member_ids = {g.member_ids[0], g.member_ids[1], newcomer};
  g.chair_id = newcomer;
  g.active = false;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.pokja().Update(g); }));
  ASSERT_OK_AND_ASSIGN(auto back, InReadTx([&](app::Tx& tx) { return tx.pokja().FindById(g.id); }));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->member_ids, g.member_ids);
  EXPECT_EQ(back->chair_id, newcomer);
  EXPECT_FALSE(back->active);
  domain::PokjaGroup missing = g;
  missing.id = 987654321;
  EXPECT_EQ(InWriteTx([&](app::Tx& tx) { return tx.pokja().Update(missing); }).code(),
            Code::kNotFound);
}

}  // namespace
}  // namespace spse::storage::conformance
