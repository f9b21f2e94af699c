#include "domain/records.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "testing/builders.h"
#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr Micros kNoon = 1'767'243'600 * kMicrosPerSecond;  // 2026-01-01T05:00:00Z

using spse::testing::AgencyBuilder;
using spse::testing::AnnouncementBuilder;
using spse::testing::UserBuilder;

// The shared builders (testing/builders.h), with the values these tests were
// written with in place of unique names; each test changes what its rule is about.
AgencyBuilder AnSkpd() {
  return spse::testing::AnSkpd().WithCode("DPUPR").Name("Dinas Pekerjaan Umum dan Penataan Ruang");
}
AgencyBuilder ASatker() { return AnSkpd().Kind(AgencyKind::kSatker).WithCode("SATKER-1").Under(1); }

UserBuilder AUser() {
  return spse::testing::AUser()
      .Username("budi.santoso")
      .FullName("Budi Santoso")
      .Email("budi@bangkalankab.go.id");
}

AnnouncementBuilder ANews() {
  return spse::testing::ANewsBy(0)
      .Title("Jadwal pelatihan SPSE")
      .Body("Pelatihan untuk Pokja dilaksanakan pekan depan.")
      .From(kNoon);
}
AnnouncementBuilder AMaintenanceNotice() { return ANews().Kind(AnnouncementKind::kMaintenance); }
AnnouncementBuilder AProblemNotice() { return ANews().Kind(AnnouncementKind::kProblem); }

// ---------------------------------------------------------------- agencies

TEST(ValidateAgency, AcceptsAnSkpdAndASatkerUnderIt) {
  EXPECT_OK(ValidateAgency(AnSkpd()));
  EXPECT_OK(ValidateAgency(ASatker()));
  EXPECT_OK(ValidateAgency(AnSkpd().Kind(AgencyKind::kInstitution).WithCode("RSUD_SYAMRABU")));
}

TEST(ValidateAgency, ASatkerBelongsToAnSkpd) {
  Agency orphan = ASatker();
  orphan.parent_id.reset();
  EXPECT_THAT(ValidateAgency(orphan), StatusIs(Code::kInvalidArgument, "agency.parent_required"));
}

TEST(ValidateAgency, OnlyASatkerHasAParent) {
  EXPECT_THAT(ValidateAgency(AnSkpd().Under(1)),
              StatusIs(Code::kInvalidArgument, "agency.parent_forbidden"));
  EXPECT_THAT(ValidateAgency(AnSkpd().Kind(AgencyKind::kInstitution).Under(1)),
              StatusIs(Code::kInvalidArgument, "agency.parent_forbidden"));
}

TEST(ValidateAgency, CodeIsUpperCaseLettersDigitsDashAndUnderscore) {
  EXPECT_OK(ValidateAgency(AnSkpd().WithCode("A-Z_09")));
  for (const char* bad :
       {"", "dpupr", "DP UPR", "DPUPR.", "DPUPR/1", "ÄBC", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"}) {
    EXPECT_THAT(ValidateAgency(AnSkpd().WithCode(bad)),
                StatusIs(Code::kInvalidArgument, "agency.code_invalid"))
        << bad;
  }
  EXPECT_OK(ValidateAgency(AnSkpd().WithCode("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")));  // 32
}

TEST(ValidateAgency, NeedsAName) {
  EXPECT_THAT(ValidateAgency(AnSkpd().Name(" \t")),
              StatusIs(Code::kInvalidArgument, "agency.name_required"));
  EXPECT_THAT(ValidateAgency(AnSkpd().Name(std::string(201, 'a'))),
              StatusIs(Code::kInvalidArgument, "agency.name_required"));
}

TEST(AgencyKind, CodesRoundTrip) {
  for (AgencyKind k : {AgencyKind::kSkpd, AgencyKind::kSatker, AgencyKind::kInstitution}) {
    EXPECT_EQ(ParseAgencyKind(AgencyKindCode(k)), k);
  }
  EXPECT_EQ(AgencyKindCode(AgencyKind::kInstitution), "institusi");
  EXPECT_EQ(ParseAgencyKind("dinas"), std::nullopt);
}

// ---------------------------------------------------------------- users

TEST(ValidateUser, AcceptsAValidAccount) { EXPECT_OK(ValidateUser(AUser())); }

TEST(ValidateUser, UsernameIsThreeToThirtyTwoOfLowerCaseLettersDigitsDotUnderscoreDash) {
  EXPECT_OK(ValidateUser(AUser().Username("abc")));
  EXPECT_OK(ValidateUser(AUser().Username("a.b_c-9")));
  EXPECT_OK(ValidateUser(AUser().Username(std::string(32, 'a'))));
  for (const std::string& bad :
       {std::string("ab"), std::string(33, 'a'), std::string("Budi"), std::string("budi santoso"),
        std::string("budi@x"), std::string("büdi")}) {
    EXPECT_THAT(ValidateUser(AUser().Username(bad)),
                StatusIs(Code::kInvalidArgument, "user.username_invalid"))
        << bad;
  }
}

TEST(ValidateUser, NeedsAFullName) {
  EXPECT_THAT(ValidateUser(AUser().FullName("  ")),
              StatusIs(Code::kInvalidArgument, "user.name_required"));
}

TEST(ValidateUser, NeedsAPlausibleEmail) {
  for (const char* bad : {"", "budi", "@bangkalankab.go.id", "budi@localhost", "budi @x.id",
                          "budi@x.id,eve@y.id", "<budi@x.id>"}) {
    EXPECT_THAT(ValidateUser(AUser().Email(bad)),
                StatusIs(Code::kInvalidArgument, "user.email_invalid"))
        << bad;
  }
}

TEST(ValidateUser, AppliesTheRoleRules) {
  EXPECT_THAT(ValidateUser(AUser().Roles({})), StatusIs(Code::kInvalidArgument, "role.empty"));
  EXPECT_THAT(ValidateUser(AUser().Roles({Role::kHelpdesk, Role::kPokja}).InAgency(1)),
              StatusIs(Code::kInvalidArgument, "role.lpse_procurement_conflict"));
}

TEST(ValidateUser, AgencyRolesNeedAnAgency) {
  for (Role r : {Role::kPpk, Role::kPokja, Role::kPaKpa, Role::kPejabatPengadaan}) {
    EXPECT_THAT(ValidateUser(AUser().Roles({r})),
                StatusIs(Code::kInvalidArgument, "user.agency_required"))
        << RoleCode(r);
    EXPECT_OK(ValidateUser(AUser().Roles({r}).InAgency(3))) << RoleCode(r);
  }
}

TEST(ValidateUser, OtherRolesNeedNoAgency) {
  for (Role r : {Role::kPenyedia, Role::kAuditor, Role::kVerifikator, Role::kHelpdesk,
                 Role::kAdminSistem, Role::kKepalaLpse, Role::kPemantauLkpp}) {
    EXPECT_OK(ValidateUser(AUser().Roles({r}))) << RoleCode(r);
  }
}

// ---------------------------------------------------------------- announcements

TEST(ValidateAnnouncement, AcceptsAValidNotice) {
  EXPECT_OK(ValidateAnnouncement(ANews()));
  EXPECT_OK(ValidateAnnouncement(AMaintenanceNotice().Until(kNoon + 1)));
}

TEST(ValidateAnnouncement, NeedsATitleAndABody) {
  EXPECT_THAT(ValidateAnnouncement(ANews().Title(" ")),
              StatusIs(Code::kInvalidArgument, "announcement.title_required"));
  EXPECT_THAT(ValidateAnnouncement(ANews().Body("\n")),
              StatusIs(Code::kInvalidArgument, "announcement.body_required"));
}

TEST(ValidateAnnouncement, LimitsTitleAndBodyLength) {
  EXPECT_OK(
      ValidateAnnouncement(ANews().Title(std::string(200, 't')).Body(std::string(20000, 'b'))));
  EXPECT_THAT(ValidateAnnouncement(ANews().Title(std::string(201, 't'))),
              StatusIs(Code::kInvalidArgument, "announcement.too_long"));
  EXPECT_THAT(ValidateAnnouncement(ANews().Body(std::string(20001, 'b'))),
              StatusIs(Code::kInvalidArgument, "announcement.too_long"));
}

TEST(ValidateAnnouncement, MustEndAfterItStarts) {
  EXPECT_THAT(ValidateAnnouncement(ANews().Until(kNoon)),
              StatusIs(Code::kInvalidArgument, "announcement.ends_before_start"));
  EXPECT_THAT(ValidateAnnouncement(ANews().Until(kNoon - 1)),
              StatusIs(Code::kInvalidArgument, "announcement.ends_before_start"));
}

TEST(ShowsBanner, MaintenanceAndProblemNoticesShowOnlyInTheirWindow) {
  const Micros end = kNoon + kMicrosPerHour;
  for (const Announcement& a :
       {Announcement(AMaintenanceNotice().Until(end)), Announcement(AProblemNotice().Until(end))}) {
    EXPECT_FALSE(ShowsBanner(a, kNoon - 1));
    EXPECT_TRUE(ShowsBanner(a, kNoon));
    EXPECT_TRUE(ShowsBanner(a, end - 1));
    EXPECT_FALSE(ShowsBanner(a, end));
  }
}

TEST(ShowsBanner, ANoticeWithoutAnEndShowsFromItsStartOn) {
  const Announcement a = AProblemNotice();
  EXPECT_FALSE(ShowsBanner(a, kNoon - 1));
  EXPECT_TRUE(ShowsBanner(a, kNoon + 365 * kMicrosPerDay));
}

TEST(ShowsBanner, NewsNeverShowsAsABanner) {
  const Announcement news = ANews().Until(kNoon + kMicrosPerHour);
  EXPECT_TRUE(IsActive(news, kNoon));
  EXPECT_FALSE(ShowsBanner(news, kNoon));
  EXPECT_FALSE(ShowsBanner(ANews(), kNoon + kMicrosPerDay));
}

TEST(AnnouncementKind, CodesRoundTrip) {
  for (AnnouncementKind k :
       {AnnouncementKind::kNews, AnnouncementKind::kMaintenance, AnnouncementKind::kProblem}) {
    EXPECT_EQ(ParseAnnouncementKind(AnnouncementKindCode(k)), k);
  }
  EXPECT_EQ(AnnouncementKindCode(AnnouncementKind::kMaintenance), "pemeliharaan");
  EXPECT_EQ(ParseAnnouncementKind("iklan"), std::nullopt);
}

}  // namespace
}  // namespace spse::domain
