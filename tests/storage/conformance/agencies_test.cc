// AgencyRepo through Store/Tx.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Agency;
using domain::AgencyKind;

constexpr std::int64_t kNoSuchId = 9'000'000'000'000'000;

StatusOr<std::optional<Agency>> FindAgency(std::int64_t id) {
  return InReadTx([&](app::Tx& tx) { return tx.agencies().FindById(id); });
}

TEST(Agencies, InsertThenFindByIdGivesBackEveryField) {
  const Agency skpd = AnSkpd().Name("Dinas Kesehatan").Address("Jl. Soekarno-Hatta 1").Inactive();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(skpd));
  EXPECT_GT(id, 0);
  ASSERT_OK_AND_ASSIGN(const std::optional<Agency> found, FindAgency(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->kind, AgencyKind::kSkpd);
  EXPECT_EQ(found->code, skpd.code);
  EXPECT_EQ(found->name, "Dinas Kesehatan");
  EXPECT_EQ(found->address, "Jl. Soekarno-Hatta 1");
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->parent_id, std::nullopt);
}

TEST(Agencies, ASatkerKeepsTheLinkToItsSkpd) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t skpd, Insert(AnSkpd()));
  ASSERT_OK_AND_ASSIGN(const std::int64_t satker, Insert(ASatkerUnder(skpd)));
  ASSERT_OK_AND_ASSIGN(const std::optional<Agency> found, FindAgency(satker));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, AgencyKind::kSatker);
  EXPECT_EQ(found->parent_id, skpd);
  EXPECT_TRUE(found->active);
}

TEST(Agencies, FindByCodeFindsTheAgency) {
  const Agency institution = AnInstitution();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(institution));
  ASSERT_OK_AND_ASSIGN(const std::optional<Agency> found, InReadTx([&](app::Tx& tx) {
                         return tx.agencies().FindByCode(institution.code);
                       }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->kind, AgencyKind::kInstitution);
}

TEST(Agencies, UnknownIdOrCodeFindsNothing) {
  ASSERT_OK_AND_ASSIGN(const std::optional<Agency> by_id, FindAgency(kNoSuchId));
  EXPECT_FALSE(by_id.has_value());
  ASSERT_OK_AND_ASSIGN(const std::optional<Agency> by_code, InReadTx([](app::Tx& tx) {
                         return tx.agencies().FindByCode(UniqueCode("NONE"));
                       }));
  EXPECT_FALSE(by_code.has_value());
}

TEST(Agencies, CodesAreUnique) {
  const Agency first = AnSkpd();
  ASSERT_OK(Insert(first).status());
  EXPECT_THAT(Insert(AnInstitution().WithCode(first.code)),
              StatusIs(Code::kAlreadyExists, "agency.code_taken"));
}

TEST(Agencies, UpdateReplacesEveryField) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t skpd, Insert(AnSkpd()));
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(AnInstitution()));
  Agency changed = ASatkerUnder(skpd).Name("UPT Puskesmas").Address("Jl. Baru 2").Inactive();
  changed.id = id;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.agencies().Update(changed); }));
  ASSERT_OK_AND_ASSIGN(const std::optional<Agency> found, FindAgency(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, AgencyKind::kSatker);
  EXPECT_EQ(found->code, changed.code);
  EXPECT_EQ(found->name, "UPT Puskesmas");
  EXPECT_EQ(found->parent_id, skpd);
  EXPECT_EQ(found->address, "Jl. Baru 2");
  EXPECT_FALSE(found->active);
}

TEST(Agencies, UpdateToATakenCodeIsRefused) {
  const Agency first = AnSkpd();
  ASSERT_OK(Insert(first).status());
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(AnSkpd()));
  Agency changed = AnSkpd().WithCode(first.code);
  changed.id = id;
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.agencies().Update(changed); }),
              StatusIs(Code::kAlreadyExists, "agency.code_taken"));
}

TEST(Agencies, UpdatingAMissingAgencyIsNotFound) {
  Agency ghost = AnSkpd();
  ghost.id = kNoSuchId;
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.agencies().Update(ghost); }),
              StatusIs(Code::kNotFound, "agency.not_found"));
}

TEST(Agencies, ListOrdersByKindThenName) {
  const std::string tag = UniqueCode("L");
  ASSERT_OK_AND_ASSIGN(const std::int64_t skpd_b, Insert(AnSkpd().Name("B " + tag)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t satker_a, Insert(ASatkerUnder(skpd_b).Name("A " + tag)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t institution_a, Insert(AnInstitution().Name("A " + tag)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t skpd_a, Insert(AnSkpd().Name("A " + tag)));
  const std::set<std::int64_t> mine = {skpd_b, satker_a, institution_a, skpd_a};

  ASSERT_OK_AND_ASSIGN(const std::vector<Agency> all,
                       InReadTx([](app::Tx& tx) { return tx.agencies().List(); }));
  std::vector<std::int64_t> order;
  for (const Agency& a : all) {
    if (mine.count(a.id) > 0) order.push_back(a.id);
  }
  EXPECT_EQ(order, (std::vector<std::int64_t>{skpd_a, skpd_b, satker_a, institution_a}));
}

}  // namespace
}  // namespace spse::storage::conformance
