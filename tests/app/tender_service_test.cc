// Setting a tender up and running its schedule (issue 4, items 4, 5, 8)
// through TenderService, on the shipped catalogue and a fake clock.
#include "app/tender_service.h"

#include "app/tender_fixture.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

class TenderServiceTest : public TenderFixture {};

TEST_F(TenderServiceTest, APokjaMemberDraftsATenderWithAScheduleThatMeetsEveryRule) {
  ASSERT_OK_AND_ASSIGN(auto choices, service_->Choices(member_, package_));
  ASSERT_EQ(choices.size(), 2u) << "pasca satu file and pra dua file fit a construction tender";
  const std::int64_t id = Draft();
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(member_, id));
  EXPECT_EQ(v.tender.status, TenderStatus::kDraft);
  EXPECT_EQ(v.method_text, "Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur");
  EXPECT_EQ(domain::CheckSchedule(*v.procedure, v.tender.schedule, calendar_).size(), 0u);
  // kStart is Thursday 1 January 2026, 07:00 WIB: the proposal starts the next working morning.
  EXPECT_EQ(v.tender.schedule.front().start, FromLocal("2026-01-02", 8 * 60, 7 * 60));
  EXPECT_EQ(AuditCount("tender.create"), 1);
  // Nobody outside the committee sees a draft, not even that it exists.
  EXPECT_THAT(service_->Get(outsider_, id), StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(service_->Get(Actor{}, id), StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(service_->CreateDraft(outsider_, package_, "tender-pasca-satu-file", "harga_terendah_gugur"),
              StatusIs(Code::kNotFound, "paket.not_found"));
  EXPECT_THAT(service_->CreateDraft(member_, package_, "tender-pasca-satu-file", "harga_terendah_gugur"),
              StatusIs(Code::kFailedPrecondition, "tender.already_running"));
}

TEST_F(TenderServiceTest, AProcedureThatDoesNotFitThePackageIsRefused) {
  EXPECT_THAT(service_->CreateDraft(member_, package_, "seleksi-pra-dua-file", "kualitas_biaya"),
              StatusIs(Code::kFailedPrecondition, "tender.method_mismatch"));
  EXPECT_THAT(service_->CreateDraft(member_, package_, "tender-pasca-satu-file", "sistem_nilai"),
              StatusIs(Code::kInvalidArgument, "tender.evaluation_not_allowed"));
  EXPECT_THAT(service_->CreateDraft(member_, package_, "lelang-kilat", "harga_terendah_gugur"),
              StatusIs(Code::kInvalidArgument, "tender.procedure_unknown"));
  EXPECT_EQ(AuditCount("tender.create"), 0);
}

TEST_F(TenderServiceTest, ADraftScheduleThatBreaksARuleIsRefusedNamingIt) {
  const std::int64_t id = Draft();
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(member_, id));
  domain::Schedule s = v.tender.schedule;
  s[0].end = s[0].start + 3 * kMicrosPerDay;  // a three-day announcement
  auto refused = service_->SetDraftSchedule(member_, id, s);
  EXPECT_THAT(refused, StatusIs(Code::kInvalidArgument, "schedule.rules_broken"));
  EXPECT_NE(refused.message().find("JDW-P1-01"), std::string::npos) << refused.message();
  ASSERT_OK_AND_ASSIGN(TenderView after, service_->Get(member_, id));
  EXPECT_EQ(after.tender.schedule, v.tender.schedule) << "nothing stored";
}

TEST_F(TenderServiceTest, OnlyTheChairPublishesAndThenEveryoneSeesIt) {
  const std::int64_t id = ReadyDraft();
  EXPECT_THAT(service_->Publish(member_, id), StatusIs(Code::kPermissionDenied, "tender.chair_required"));
  ASSERT_OK(service_->Publish(chair_, id));
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(Actor{}, id));
  EXPECT_EQ(v.tender.status, TenderStatus::kRunning);
  EXPECT_EQ(v.tender.published_by, chair_.who.user_id);
  EXPECT_FALSE(v.may_manage);
  EXPECT_THAT(service_->Publish(chair_, id), StatusIs(Code::kFailedPrecondition, "tender.illegal_transition"));
  EXPECT_EQ(AuditCount("tender.publish"), 1);
}

TEST_F(TenderServiceTest, AStaleDraftMustBeRescheduledBeforePublishing) {
  const std::int64_t id = Draft();
  clock_.Advance(10 * kMicrosPerDay);
  EXPECT_THAT(service_->Publish(chair_, id), StatusIs(Code::kFailedPrecondition, "tender.schedule_past"));
}

TEST_F(TenderServiceTest, APublishedScheduleChangesWithAReasonAndEveryChangeIsShown) {
  const std::int64_t id = ReadyDraft();
  ASSERT_OK(service_->Publish(chair_, id));
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(member_, id));
  domain::Schedule s = v.tender.schedule;
  for (size_t i = 3; i < s.size(); ++i) {  // from the bid submission on, a week later
    if (i != 3) s[i].start += 7 * kMicrosPerDay;
    s[i].end += 7 * kMicrosPerDay;
  }
  s[1].end = s[3].end;  // the download runs until the new deadline
  EXPECT_THAT(service_->ChangeSchedule(member_, id, s, " "),
              StatusIs(Code::kInvalidArgument, "schedule.reason_required"));
  ASSERT_OK(service_->ChangeSchedule(member_, id, s, "Adendum spesifikasi teknis"));
  ASSERT_OK_AND_ASSIGN(TenderView after, service_->Get(Actor{}, id));
  EXPECT_EQ(after.tender.changes[3], 1);
  EXPECT_EQ(after.tender.changes[0], 0);
  ASSERT_EQ(after.changes.size(), 1u);
  EXPECT_EQ(after.changes[0].reason, "Adendum spesifikasi teknis");
  EXPECT_NE(after.changes[0].summary.find("Upload Dokumen Penawaran"), std::string::npos);
  EXPECT_EQ(AuditCount("tender.schedule_change"), 1);
}

TEST_F(TenderServiceTest, ACancelledTenderKeepsItsReasonForEveryoneToSee) {
  const std::int64_t id = ReadyDraft();
  ASSERT_OK(service_->Publish(chair_, id));
  EXPECT_THAT(service_->Cancel(member_, id, ""), StatusIs(Code::kInvalidArgument, "tender.reason_required"));
  ASSERT_OK(service_->Cancel(member_, id, "Anggaran direalokasi untuk penanganan bencana"));
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(Actor{}, id));
  EXPECT_EQ(v.tender.status, TenderStatus::kCancelled);
  EXPECT_EQ(v.tender.end_reason, "Anggaran direalokasi untuk penanganan bencana");
  EXPECT_EQ(AuditCount("tender.cancel"), 1);
}

TEST_F(TenderServiceTest, TheProposalSkipsTheLpsesHolidays) {
  // Friday 2 January + 3 days is Monday 5 January: make it a holiday.
  calendar_.holidays = {"2026-01-05"};
  const std::int64_t id = Draft();
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(member_, id));
  EXPECT_EQ(v.tender.schedule[2].stage, "penjelasan");
  EXPECT_EQ(v.tender.schedule[2].start, FromLocal("2026-01-06", 8 * 60, 7 * 60));
}

}  // namespace
}  // namespace spse::app
