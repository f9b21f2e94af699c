// AnnouncementRepo through Store/Tx.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Announcement;
using domain::AnnouncementKind;

constexpr std::int64_t kNoSuchId = 9'000'000'000'000'000;

StatusOr<std::optional<Announcement>> FindAnnouncement(std::int64_t id) {
  return InReadTx([&](app::Tx& tx) { return tx.announcements().FindById(id); });
}

StatusOr<std::vector<Announcement>> ListAnnouncements(std::optional<Micros> active_at, int limit) {
  return InReadTx([&](app::Tx& tx) { return tx.announcements().List(active_at, limit); });
}

class AnnouncementsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    author_name_ = "Helpdesk " + Unique("h");
    ASSERT_OK_AND_ASSIGN(author_, Insert(AUser().FullName(author_name_)));
  }

  // The ids of this test's announcements in `list`, in list order.
  std::vector<std::int64_t> Mine(const std::vector<Announcement>& list) const {
    std::vector<std::int64_t> out;
    for (const Announcement& a : list) {
      if (a.author_id == author_) out.push_back(a.id);
    }
    return out;
  }

  std::int64_t author_ = 0;
  std::string author_name_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(AnnouncementsTest, InsertThenFindGivesBackEveryFieldAndTheAuthorsName) {
  const Announcement notice = AMaintenanceNoticeBy(author_)
                                  .Title("Pemeliharaan server")
                                  .Body("SPSE tidak dapat diakses pukul 22.00-24.00 WIB.")
                                  .From(kJan2026 + 10)
                                  .Until(kJan2026 + 20);
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(notice));
  ASSERT_OK_AND_ASSIGN(const std::optional<Announcement> found, FindAnnouncement(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->kind, AnnouncementKind::kMaintenance);
  EXPECT_EQ(found->title, "Pemeliharaan server");
  EXPECT_EQ(found->body, "SPSE tidak dapat diakses pukul 22.00-24.00 WIB.");
  EXPECT_EQ(found->starts_at, kJan2026 + 10);
  EXPECT_EQ(found->ends_at, kJan2026 + 20);
  EXPECT_EQ(found->author_id, author_);
  EXPECT_EQ(found->author_name, author_name_);
  EXPECT_EQ(found->created_at, kJan2026);
}

TEST_F(AnnouncementsTest, AnOpenEndedAnnouncementHasNoEnd) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, Insert(ANewsBy(author_)));
  ASSERT_OK_AND_ASSIGN(const std::optional<Announcement> found, FindAnnouncement(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->ends_at, std::nullopt);
  EXPECT_EQ(found->kind, AnnouncementKind::kNews);
}

TEST_F(AnnouncementsTest, AnUnknownIdFindsNothing) {
  ASSERT_OK_AND_ASSIGN(const std::optional<Announcement> found, FindAnnouncement(kNoSuchId));
  EXPECT_FALSE(found.has_value());
}

TEST_F(AnnouncementsTest, ListActiveAtGivesOnlyThoseInTheirWindowNewestFirst) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t early,
                       Insert(AMaintenanceNoticeBy(author_).From(t).Until(t + 10)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t open_ended, Insert(ANewsBy(author_).From(t + 5)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t later,
                       Insert(AMaintenanceNoticeBy(author_).From(t + 20).Until(t + 30)));

  auto active_at = [&](Micros when) -> Ids {
    auto list = ListAnnouncements(when, 100);
    EXPECT_OK(list);
    return list.ok() ? Mine(*list) : Ids{};
  };
  EXPECT_EQ(active_at(t - 1), Ids{});
  EXPECT_EQ(active_at(t), (Ids{early}));
  EXPECT_EQ(active_at(t + 7), (Ids{open_ended, early}));
  EXPECT_EQ(active_at(t + 10), (Ids{open_ended}));  // the end is exclusive
  EXPECT_EQ(active_at(t + 25), (Ids{later, open_ended}));
  EXPECT_EQ(active_at(t + 30), (Ids{open_ended}));
}

TEST_F(AnnouncementsTest, ListWithoutATimeGivesAllNewestFirst) {
  const Micros t = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(const std::int64_t first, Insert(ANewsBy(author_).From(t)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t third, Insert(ANewsBy(author_).From(t + 2).Until(t + 3)));
  ASSERT_OK_AND_ASSIGN(const std::int64_t second, Insert(ANewsBy(author_).From(t + 1)));
  ASSERT_OK_AND_ASSIGN(const std::vector<Announcement> all,
                       ListAnnouncements(std::nullopt, 10'000));
  EXPECT_EQ(Mine(all), (Ids{third, second, first}));
}

TEST_F(AnnouncementsTest, ListIsNewestFirstAndHonoursTheLimit) {
  ASSERT_OK(Insert(ANewsBy(author_).From(UniqueEpoch())).status());
  ASSERT_OK(Insert(ANewsBy(author_).From(UniqueEpoch())).status());
  ASSERT_OK(Insert(ANewsBy(author_).From(UniqueEpoch())).status());
  ASSERT_OK_AND_ASSIGN(const std::vector<Announcement> two, ListAnnouncements(std::nullopt, 2));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_GE(two[0].starts_at, two[1].starts_at);
  ASSERT_OK_AND_ASSIGN(const std::vector<Announcement> all,
                       ListAnnouncements(std::nullopt, 10'000));
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_GE(all[i - 1].starts_at, all[i].starts_at) << i;
  }
  EXPECT_EQ(two[0].id, all[0].id);
  EXPECT_EQ(two[1].id, all[1].id);
}

TEST_F(AnnouncementsTest, CountGrowsByOnePerInsert) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t before,
                       InReadTx([](app::Tx& tx) { return tx.announcements().Count(); }));
  ASSERT_OK(Insert(ANewsBy(author_)).status());
  ASSERT_OK(Insert(AMaintenanceNoticeBy(author_)).status());
  ASSERT_OK_AND_ASSIGN(const std::int64_t after,
                       InReadTx([](app::Tx& tx) { return tx.announcements().Count(); }));
  EXPECT_EQ(after, before + 2);
}

TEST_F(AnnouncementsTest, UpdateReplacesKindTextAndWindow) {
  ASSERT_OK_AND_ASSIGN(const std::int64_t id,
                       Insert(AMaintenanceNoticeBy(author_).From(kJan2026).Until(kJan2026 + 5)));
  Announcement changed =
      ANewsBy(author_).Title("Judul baru").Body("Isi baru.").From(kJan2026 + 100);
  changed.id = id;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.announcements().Update(changed); }));
  ASSERT_OK_AND_ASSIGN(const std::optional<Announcement> found, FindAnnouncement(id));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, AnnouncementKind::kNews);
  EXPECT_EQ(found->title, "Judul baru");
  EXPECT_EQ(found->body, "Isi baru.");
  EXPECT_EQ(found->starts_at, kJan2026 + 100);
  EXPECT_EQ(found->ends_at, std::nullopt);
  EXPECT_EQ(found->author_id, author_);
}

TEST_F(AnnouncementsTest, UpdatingAMissingAnnouncementIsNotFound) {
  Announcement ghost = ANewsBy(author_);
  ghost.id = kNoSuchId;
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.announcements().Update(ghost); }),
              StatusIs(Code::kNotFound, "announcement.not_found"));
}

}  // namespace
}  // namespace spse::storage::conformance
