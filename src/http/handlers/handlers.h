// Route handlers, one file per area. Each takes the request Context and
// returns a Response or an error Status (Site maps it to a page).
#ifndef SPSE_HTTP_HANDLERS_HANDLERS_H_
#define SPSE_HTTP_HANDLERS_HANDLERS_H_

#include "http/site.h"

namespace spse::http::handlers {

// opening.cc
StatusOr<Response> OpeningPage(Context& ctx);
StatusOr<Response> OpeningShare(Context& ctx);
StatusOr<Response> OpeningTechnical(Context& ctx);
StatusOr<Response> OpeningWitness(Context& ctx);
StatusOr<Response> OpeningMinutes(Context& ctx);
StatusOr<Response> EvaluationPage(Context& ctx);
StatusOr<Response> EvaluationJudge(Context& ctx);
StatusOr<Response> EvaluationInvite(Context& ctx);
StatusOr<Response> EvaluationProof(Context& ctx);
StatusOr<Response> EvaluationDecide(Context& ctx);
StatusOr<Response> EvaluationAnnounce(Context& ctx);
StatusOr<Response> EvaluationNegotiate(Context& ctx);
StatusOr<Response> NegotiationMinutes(Context& ctx);
StatusOr<Response> ResultsPage(Context& ctx);
StatusOr<Response> ResultsMinutes(Context& ctx);
StatusOr<Response> ContractPage(Context& ctx);
StatusOr<Response> ContractSppbj(Context& ctx);
StatusOr<Response> ContractRecord(Context& ctx);
StatusOr<Response> ContractCorrect(Context& ctx);
StatusOr<Response> ContractSppbjPdf(Context& ctx);
StatusOr<Response> ContractPdf(Context& ctx);

// auction.cc
StatusOr<Response> AuctionPage(Context& ctx);
StatusOr<Response> AuctionStream(Context& ctx);
StatusOr<Response> AuctionBidForm(Context& ctx);
StatusOr<Response> AuctionBidApi(Context& ctx);
StatusOr<Response> AuctionInvite(Context& ctx);
StatusOr<Response> AuctionDecide(Context& ctx);

// invitation.cc
StatusOr<Response> InvitationPage(Context& ctx);
StatusOr<Response> InvitationSend(Context& ctx);

// objection.cc
StatusOr<Response> ObjectionPage(Context& ctx);
StatusOr<Response> ObjectionFile(Context& ctx);
StatusOr<Response> ObjectionAnswer(Context& ctx);
StatusOr<Response> ObjectionAppeal(Context& ctx);
StatusOr<Response> ObjectionAppealAnswer(Context& ctx);
StatusOr<Response> ObjectionAttachment(Context& ctx);

// public.cc
StatusOr<Response> Home(Context& ctx);
StatusOr<Response> AnnouncementPage(Context& ctx);
StatusOr<Response> AnnouncementFile(Context& ctx);
StatusOr<Response> Healthz(Context& ctx);
StatusOr<Response> StaticFile(Context& ctx);
StatusOr<Response> SwitchLanguage(Context& ctx);

// account.cc
StatusOr<Response> LoginPage(Context& ctx);
StatusOr<Response> LoginSubmit(Context& ctx);
StatusOr<Response> SecondFactorLoginPage(Context& ctx);
StatusOr<Response> SecondFactorLoginSubmit(Context& ctx);
StatusOr<Response> Logout(Context& ctx);
StatusOr<Response> Dashboard(Context& ctx);
StatusOr<Response> PasswordPage(Context& ctx);
StatusOr<Response> PasswordSubmit(Context& ctx);
StatusOr<Response> AccessLog(Context& ctx);
StatusOr<Response> Inbox(Context& ctx);
StatusOr<Response> InboxMessage(Context& ctx);
StatusOr<Response> InboxPreference(Context& ctx);
StatusOr<Response> ForgotPage(Context& ctx);
StatusOr<Response> ForgotSubmit(Context& ctx);
StatusOr<Response> ResetPage(Context& ctx);
StatusOr<Response> ResetSubmit(Context& ctx);

// second_factor.cc
StatusOr<Response> SecondFactorPage(Context& ctx);
StatusOr<Response> SecondFactorEnrol(Context& ctx);
StatusOr<Response> SecondFactorRecoveryCodes(Context& ctx);
StatusOr<Response> SecondFactorDisable(Context& ctx);

// admin.cc
StatusOr<Response> AgencyList(Context& ctx);
StatusOr<Response> AgencyCreate(Context& ctx);
StatusOr<Response> AgencyPage(Context& ctx);
StatusOr<Response> AgencyUpdate(Context& ctx);
StatusOr<Response> UserList(Context& ctx);
StatusOr<Response> UserCreate(Context& ctx);
StatusOr<Response> UserPage(Context& ctx);
StatusOr<Response> UserRoles(Context& ctx);
StatusOr<Response> UserStatus(Context& ctx);
StatusOr<Response> UserResetPassword(Context& ctx);
StatusOr<Response> UserResetSecondFactor(Context& ctx);
StatusOr<Response> PokjaList(Context& ctx);
StatusOr<Response> PokjaCreate(Context& ctx);
StatusOr<Response> PokjaPage(Context& ctx);
StatusOr<Response> PokjaUpdate(Context& ctx);
StatusOr<Response> UserLetter(Context& ctx);

// calendar.cc
StatusOr<Response> CalendarPage(Context& ctx);
StatusOr<Response> CalendarWeek(Context& ctx);
StatusOr<Response> HolidayAdd(Context& ctx);
StatusOr<Response> HolidayImport(Context& ctx);
StatusOr<Response> HolidayRemove(Context& ctx);
StatusOr<Response> Procedures(Context& ctx);

// verification.cc
StatusOr<Response> VerifyList(Context& ctx);
StatusOr<Response> VerifyAccount(Context& ctx);
StatusOr<Response> VerifyDeactivate(Context& ctx);
StatusOr<Response> VerifyReactivate(Context& ctx);
StatusOr<Response> VerifyBlacklist(Context& ctx);
StatusOr<Response> PublicBlacklist(Context& ctx);
StatusOr<Response> PublicVendors(Context& ctx);

// registration.cc (Pasal 9(2-3), 21)
StatusOr<Response> RegisterPage(Context& ctx);
StatusOr<Response> RegisterStart(Context& ctx);
StatusOr<Response> RegisterFormPage(Context& ctx);
StatusOr<Response> RegisterSubmit(Context& ctx);
StatusOr<Response> ApplicationPage(Context& ctx);
StatusOr<Response> ApplicationData(Context& ctx);
StatusOr<Response> ApplicationUpload(Context& ctx);
StatusOr<Response> ApplicationSubmit(Context& ctx);
StatusOr<Response> ApplicationFormPdf(Context& ctx);
StatusOr<Response> DocumentFile(Context& ctx);
StatusOr<Response> VerifyQueue(Context& ctx);
StatusOr<Response> VerifyApplication(Context& ctx);
StatusOr<Response> VerifyApprove(Context& ctx);
StatusOr<Response> VerifyReject(Context& ctx);

// lpse.cc
StatusOr<Response> AnnouncementAdmin(Context& ctx);
StatusOr<Response> AnnouncementPost(Context& ctx);
StatusOr<Response> AnnouncementEnd(Context& ctx);
StatusOr<Response> AuditTrail(Context& ctx);

// vendor_data.cc
StatusOr<Response> VendorDataOwn(Context& ctx);
StatusOr<Response> VendorDataHistoryOwn(Context& ctx);
StatusOr<Response> VendorRowForm(Context& ctx);
StatusOr<Response> VendorRowAdd(Context& ctx);
StatusOr<Response> VendorRowSave(Context& ctx);
StatusOr<Response> VendorRowRemove(Context& ctx);
StatusOr<Response> VendorDataOf(Context& ctx);
StatusOr<Response> VendorDataHistoryOf(Context& ctx);

// tender.cc
StatusOr<Response> TenderNewForm(Context& ctx);
StatusOr<Response> TenderCreate(Context& ctx);
StatusOr<Response> TenderManage(Context& ctx);
StatusOr<Response> TenderScheduleSave(Context& ctx);
StatusOr<Response> TenderPublish(Context& ctx);
StatusOr<Response> TenderCancel(Context& ctx);
StatusOr<Response> TenderRequirementsSave(Context& ctx);
StatusOr<Response> TenderUpload(Context& ctx);
StatusOr<Response> TenderDocumentFile(Context& ctx);
StatusOr<Response> TenderAnnouncement(Context& ctx);
StatusOr<Response> TenderSchedulePage(Context& ctx);
StatusOr<Response> TenderSearchPage(Context& ctx);
// participation.cc
StatusOr<Response> TenderJoinForm(Context& ctx);
StatusOr<Response> TenderJoin(Context& ctx);
StatusOr<Response> JoinedTenders(Context& ctx);
StatusOr<Response> TenderExplanation(Context& ctx);
StatusOr<Response> TenderAsk(Context& ctx);
StatusOr<Response> TenderAnswer(Context& ctx);
StatusOr<Response> TenderIssueMinutes(Context& ctx);
StatusOr<Response> TenderMinutesFile(Context& ctx);
// bids.cc (issue 5: sealed bids)
StatusOr<Response> MemberKeyPage(Context& ctx);
StatusOr<Response> MemberKeySave(Context& ctx);
StatusOr<Response> TenderKeyPage(Context& ctx);
StatusOr<Response> TenderKeySave(Context& ctx);
StatusOr<Response> BidPage(Context& ctx);
StatusOr<Response> BidWithdraw(Context& ctx);
StatusOr<Response> BidDeclare(Context& ctx);
StatusOr<Response> ReceiptPage(Context& ctx);
StatusOr<Response> ReceiptFile(Context& ctx);
StatusOr<Response> ReceiptPdfFile(Context& ctx);
StatusOr<Response> ReceiptKey(Context& ctx);
StatusOr<Response> IncomingBids(Context& ctx);
// planning.cc (Pasal 4(1)a-b)
StatusOr<Response> RupPublic(Context& ctx);
StatusOr<Response> RupPublicItem(Context& ctx);
StatusOr<Response> PlanList(Context& ctx);
StatusOr<Response> PlanCreate(Context& ctx);
StatusOr<Response> PlanItem(Context& ctx);
StatusOr<Response> PlanUpdate(Context& ctx);
StatusOr<Response> PlanPublish(Context& ctx);
StatusOr<Response> PlanCancel(Context& ctx);
StatusOr<Response> PlanImport(Context& ctx);
StatusOr<Response> PackageList(Context& ctx);
StatusOr<Response> PackageCreate(Context& ctx);
StatusOr<Response> PackagePage(Context& ctx);
StatusOr<Response> PackageUpdate(Context& ctx);
StatusOr<Response> PackageHpsAdd(Context& ctx);
StatusOr<Response> PackageHpsRemove(Context& ctx);
StatusOr<Response> PackageUpload(Context& ctx);
StatusOr<Response> PackageAssign(Context& ctx);
StatusOr<Response> PackageDocumentFile(Context& ctx);
StatusOr<Response> AssignedList(Context& ctx);
StatusOr<Response> AssignedPage(Context& ctx);

}  // namespace spse::http::handlers

#endif  // SPSE_HTTP_HANDLERS_HANDLERS_H_
