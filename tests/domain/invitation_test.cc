// The invitation rules (INV-* in docs/rules.md) on catalogue-like procedures:
// a Pengadaan Langsung (invitations until the offer upload closes) and a
// Penunjukan Langsung (one invitee, until the undangan stage ends).
#include "domain/invitation.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr Micros kT0 = 1'800'000'000LL * kMicrosPerSecond;

ProcedureSpec Procedure(std::vector<const char*> stages) {
  ProcedureSpec p;
  for (const char* code : stages) {
    StageSpec s;
    s.code = code;
    p.stages.push_back(s);
  }
  return p;
}

ProcedureSpec PengadaanLangsung() {
  ProcedureSpec p = Procedure({"upload_penawaran", "pembukaan", "evaluasi", "klarifikasi_negosiasi", "kontrak"});
  p.code = "pengadaan-langsung";
  p.method = "pengadaan_langsung";
  p.invitation_only = true;
  return p;
}

ProcedureSpec PenunjukanLangsung() {
  ProcedureSpec p = Procedure(
      {"undangan", "upload_penawaran", "pembukaan", "evaluasi", "klarifikasi_negosiasi", "kontrak"});
  p.code = "penunjukan-langsung";
  p.method = "penunjukan_langsung";
  p.invitation_only = true;
  p.max_invitees = 1;
  p.invitation_until = "undangan";
  return p;
}

// Each stage a day long, one after the other, from kT0.
Tender Running(const ProcedureSpec& p) {
  Tender t;
  t.id = 9;
  t.status = TenderStatus::kRunning;
  for (size_t i = 0; i < p.stages.size(); ++i) {
    t.schedule.push_back({p.stages[i].code, kT0 + static_cast<Micros>(i) * kMicrosPerDay,
                          kT0 + static_cast<Micros>(i + 1) * kMicrosPerDay});
  }
  return t;
}

TEST(Invitation, INV_01_AnInvitationOnlyProcedureTakesOnlyInvitedVendors) {
  EXPECT_OK(CheckInvited(PengadaanLangsung(), true));
  EXPECT_THAT(CheckInvited(PengadaanLangsung(), false),
              StatusIs(Code::kPermissionDenied, "invitation.not_invited"));
  EXPECT_THAT(CheckInvited(PenunjukanLangsung(), false),
              StatusIs(Code::kPermissionDenied, "invitation.not_invited"));
  // An open procedure takes every vendor, invited or not.
  ProcedureSpec open = PengadaanLangsung();
  open.invitation_only = false;
  EXPECT_OK(CheckInvited(open, false));
}

TEST(Invitation, INV_02_PengadaanLangsungInvitesFromPublicationUntilTheOfferUploadCloses) {
  const ProcedureSpec p = PengadaanLangsung();
  const Tender t = Running(p);
  EXPECT_EQ(InvitationDeadlineStage(p), std::optional<size_t>(0));
  EXPECT_OK(CheckMayInvite(t, p, kT0 - kMicrosPerDay));  // published, before the schedule
  EXPECT_OK(CheckMayInvite(t, p, t.schedule[0].end - 1));
  EXPECT_THAT(CheckMayInvite(t, p, t.schedule[0].end),
              StatusIs(Code::kFailedPrecondition, "invitation.closed"));
}

TEST(Invitation, INV_02_PenunjukanLangsungInvitesOnlyUntilItsUndanganStageEnds) {
  const ProcedureSpec p = PenunjukanLangsung();
  const Tender t = Running(p);
  EXPECT_EQ(InvitationDeadlineStage(p), std::optional<size_t>(0));
  EXPECT_OK(CheckMayInvite(t, p, t.schedule[0].start));
  EXPECT_OK(CheckMayInvite(t, p, t.schedule[0].end - 1));
  // The offer upload still runs, the invitation stage does not.
  EXPECT_THAT(CheckMayInvite(t, p, t.schedule[1].start + kMicrosPerHour),
              StatusIs(Code::kFailedPrecondition, "invitation.closed"));
}

TEST(Invitation, INV_02_OnlyARunningInvitationOnlyTenderInvites) {
  ProcedureSpec p = PengadaanLangsung();
  Tender t = Running(p);
  t.status = TenderStatus::kDraft;
  EXPECT_THAT(CheckMayInvite(t, p, kT0), StatusIs(Code::kFailedPrecondition, "tender.not_running"));
  t.status = TenderStatus::kCancelled;
  EXPECT_THAT(CheckMayInvite(t, p, kT0), StatusIs(Code::kFailedPrecondition, "tender.not_running"));
  p.invitation_only = false;
  EXPECT_THAT(CheckMayInvite(Running(p), p, kT0),
              StatusIs(Code::kFailedPrecondition, "invitation.not_required"));
}

TEST(Invitation, INV_02_ATenderWithoutItsScheduleTakesNoInvitation) {
  const ProcedureSpec p = PenunjukanLangsung();
  Tender t = Running(p);
  t.schedule.clear();
  EXPECT_THAT(CheckMayInvite(t, p, kT0), StatusIs(Code::kFailedPrecondition, "invitation.closed"));
}

TEST(Invitation, INV_03_PenunjukanLangsungTakesExactlyOneInvitee) {
  EXPECT_OK(CheckInvitationRoom(PenunjukanLangsung(), 0));
  EXPECT_THAT(CheckInvitationRoom(PenunjukanLangsung(), 1),
              StatusIs(Code::kFailedPrecondition, "invitation.limit_reached"));
  EXPECT_THAT(CheckInvitationRoom(PenunjukanLangsung(), 2),
              StatusIs(Code::kFailedPrecondition, "invitation.limit_reached"));
}

TEST(Invitation, INV_03_WithoutACapAnyNumberIsInvited) {
  EXPECT_OK(CheckInvitationRoom(PengadaanLangsung(), 0));
  EXPECT_OK(CheckInvitationRoom(PengadaanLangsung(), 250));
}

}  // namespace
}  // namespace spse::domain
