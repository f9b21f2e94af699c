#include <gtest/gtest.h>

#include "domain/records.h"

namespace spse::domain {
namespace {

PokjaGroup AGroup(std::vector<std::int64_t> members, std::int64_t chair) {
  PokjaGroup g;
  g.name = "Pokja Pemilihan 1 Tahun 2026";
  g.agency_id = 1;
  g.member_ids = std::move(members);
  g.chair_id = chair;
  return g;
}

TEST(PokjaGroup, AnOddNumberOfAtLeastThreeMembersWithTheChairAmongThem) {
  EXPECT_TRUE(ValidatePokjaGroup(AGroup({1, 2, 3}, 2)).ok());
  EXPECT_TRUE(ValidatePokjaGroup(AGroup({1, 2, 3, 4, 5}, 5)).ok());
  EXPECT_EQ(ValidatePokjaGroup(AGroup({1, 2}, 1)).reason(), "pokja.too_few_members");
  EXPECT_EQ(ValidatePokjaGroup(AGroup({1, 2, 3, 4}, 1)).reason(), "pokja.even_members");
  EXPECT_EQ(ValidatePokjaGroup(AGroup({1, 2, 3}, 9)).reason(), "pokja.chair_not_member");
  EXPECT_EQ(ValidatePokjaGroup(AGroup({1, 2, 2}, 1)).reason(), "pokja.duplicate_member");
  PokjaGroup unnamed = AGroup({1, 2, 3}, 1);
  unnamed.name = "  ";
  EXPECT_EQ(ValidatePokjaGroup(unnamed).reason(), "pokja.name_required");
}

}  // namespace
}  // namespace spse::domain
