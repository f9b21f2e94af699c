#include <gtest/gtest.h>

#include "domain/records.h"

namespace spse::domain {
namespace {

// Pasal 9(4): deactivation for a breach of the terms, or at a blacklist
// request, which must name its letter.
TEST(Pasal9Ayat4, ADeactivationNeedsAReasonAndABlacklistRequestItsLetter) {
  Deactivation d;
  d.reason = "Dokumen palsu";
  EXPECT_TRUE(ValidateDeactivation(d).ok());
  d.reason = " ";
  EXPECT_EQ(ValidateDeactivation(d).reason(), "deactivation.reason_required");
  d.reason = "Permintaan PPK";
  d.source = DeactivationSource::kBlacklistRequest;
  EXPECT_EQ(ValidateDeactivation(d).reason(), "deactivation.letter_required");
  d.letter = "027/123/433.101/2026";
  EXPECT_TRUE(ValidateDeactivation(d).ok());
  EXPECT_EQ(ParseDeactivationSource("permintaan_daftar_hitam"), DeactivationSource::kBlacklistRequest);
  EXPECT_FALSE(ParseDeactivationSource("lainnya").has_value());
}

TEST(BlacklistEntry, IsInForceBetweenItsDates) {
  BlacklistEntry e;
  e.sk_number = "188/45/KEP/433.013/2026";
  e.violation = "Menyampaikan dokumen palsu";
  e.starts_at = 1000;
  e.ends_at = 2000;
  EXPECT_TRUE(ValidateBlacklistEntry(e).ok());
  EXPECT_FALSE(InForce(e, 999));
  EXPECT_TRUE(InForce(e, 1000));
  EXPECT_FALSE(InForce(e, 2000));
  e.ends_at.reset();
  EXPECT_TRUE(InForce(e, 1'000'000'000));
  e.ends_at = 1000;
  EXPECT_EQ(ValidateBlacklistEntry(e).reason(), "blacklist.ends_before_start");
  e.ends_at.reset();
  e.sk_number = "";
  EXPECT_EQ(ValidateBlacklistEntry(e).reason(), "blacklist.sk_required");
}

}  // namespace
}  // namespace spse::domain
