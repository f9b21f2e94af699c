// THE route table: every URL of the site, its permission and its handler.
// tests/e2e/http/authz.test.mjs checks every route against every role from
// this table (through `spse routes`), so a route cannot slip in unchecked.
#include "http/handlers/handlers.h"
#include "domain/objection.h"
#include "http/tus.h"

namespace spse::http {

std::vector<Route> BuildRoutes() {
  using P = domain::Permission;
  namespace h = handlers;
  constexpr size_t kForm = kDefaultFormLimit;
  // One 20 MiB attachment plus the form's fields.
  constexpr size_t kUpload = (20u << 20) + kDefaultFormLimit;
  // One registration document (domain::kMaxDocumentBytes) plus the form's fields.
  constexpr size_t kDocument = domain::kMaxDocumentBytes + kDefaultFormLimit;
  // An objection's PDFs (domain::kMaxObjectionAttachments of
  // domain::kMaxDocumentBytes each) plus the form's fields.
  constexpr size_t kObjection =
      domain::kMaxObjectionAttachments * domain::kMaxDocumentBytes + kDefaultFormLimit;
  // One RUP CSV (app::kMaxImportBytes) plus the form's fields.
  constexpr size_t kImport = app::kMaxImportBytes + kDefaultFormLimit;
  // clang-format off
  return {
    // method  pattern                              permission                  handler                body   csrf   name  multipart  anonymous_form  open_body  error_response
    {"GET",  "/",                                  P::kPublic,              h::Home,              0,     false, "home"},
    {"GET",  "/healthz",                           P::kPublic,              h::Healthz,           0,     false, "healthz"},
    {"GET",  "/static/{path*}",                    P::kPublic,              h::StaticFile,        0,     false, "static"},
    {"GET",  "/bahasa/{lang}",                     P::kPublic,              h::SwitchLanguage,    0,     false, "language"},
    {"GET",  "/pengumuman/{id}",                   P::kPublic,              h::AnnouncementPage,  0,     false, "announcement"},
    {"GET",  "/pengumuman/{id}/lampiran",          P::kPublic,              h::AnnouncementFile,  0,     false, "announcement.file"},
    {"GET",  "/masuk",                             P::kPublic,              h::LoginPage,         0,     false, "login", false, true},
    {"POST", "/masuk",                             P::kPublic,              h::LoginSubmit,       kForm, true,  "login.submit"},
    {"GET",  "/masuk/otp",                         P::kPublic,              h::SecondFactorLoginPage, 0,   false, "login.otp", false, true},
    {"POST", "/masuk/otp",                         P::kPublic,              h::SecondFactorLoginSubmit, kForm, true, "login.otp.submit"},
    {"GET",  "/akun/lupa-sandi",                   P::kPublic,              h::ForgotPage,        0,     false, "forgot", false, true},
    {"POST", "/akun/lupa-sandi",                   P::kPublic,              h::ForgotSubmit,      kForm, true,  "forgot.submit"},
    {"GET",  "/akun/reset",                        P::kPublic,              h::ResetPage,         0,     false, "reset", false, true},
    {"POST", "/akun/reset",                        P::kPublic,              h::ResetSubmit,       kForm, true,  "reset.submit"},
    {"POST", "/keluar",                            P::kSignedIn,            h::Logout,            kForm, true,  "logout"},
    {"GET",  "/dasbor",                            P::kSignedIn,            h::Dashboard,         0,     false, "dashboard"},
    {"GET",  "/akun/kata-sandi",                   P::kSignedIn,            h::PasswordPage,      0,     false, "password"},
    {"POST", "/akun/kata-sandi",                   P::kSignedIn,            h::PasswordSubmit,    kForm, true,  "password.submit"},
    {"GET",  "/akun/2fa",                          P::kSignedIn,            h::SecondFactorPage,  0,     false, "totp"},
    {"POST", "/akun/2fa",                          P::kSignedIn,            h::SecondFactorEnrol, kForm, true,  "totp.enrol"},
    {"POST", "/akun/2fa/kode-cadangan",            P::kSignedIn,            h::SecondFactorRecoveryCodes, kForm, true, "totp.recovery_codes"},
    {"POST", "/akun/2fa/nonaktif",                 P::kSignedIn,            h::SecondFactorDisable, kForm, true, "totp.disable"},
    {"GET",  "/kotak-masuk",                       P::kSignedIn,            h::Inbox,             0,     false, "inbox"},
    {"GET",  "/kotak-masuk/{id}",                  P::kSignedIn,            h::InboxMessage,      0,     false, "inbox.message"},
    {"POST", "/kotak-masuk/preferensi",            P::kSignedIn,            h::InboxPreference,   kForm, true,  "inbox.preference"},
    {"GET",  "/akun/log-akses",                    P::kSignedIn,            h::AccessLog,         0,     false, "access_log"},
    {"GET",  "/kelola/pengumuman",                 P::kManageAnnouncements, h::AnnouncementAdmin, 0,     false, "announcements"},
    {"POST", "/kelola/pengumuman",                 P::kManageAnnouncements, h::AnnouncementPost,  kUpload, true, "announcements.post", true},
    {"POST", "/kelola/pengumuman/{id}/akhiri",     P::kManageAnnouncements, h::AnnouncementEnd,   kForm, true,  "announcements.end"},
    {"GET",  "/admin/instansi",                    P::kManageAgencies,      h::AgencyList,        0,     false, "agencies"},
    {"POST", "/admin/instansi",                    P::kManageAgencies,      h::AgencyCreate,      kForm, true,  "agencies.create"},
    {"GET",  "/admin/instansi/{id}",               P::kManageAgencies,      h::AgencyPage,        0,     false, "agency"},
    {"POST", "/admin/instansi/{id}",               P::kManageAgencies,      h::AgencyUpdate,      kForm, true,  "agency.update"},
    {"GET",  "/admin/pengguna",                    P::kManageUsers,         h::UserList,          0,     false, "users"},
    {"POST", "/admin/pengguna",                    P::kManageUsers,         h::UserCreate,        kDocument, true, "users.create", true},
    {"GET",  "/admin/pengguna/{id}",               P::kManageUsers,         h::UserPage,          0,     false, "user"},
    {"POST", "/admin/pengguna/{id}/peran",         P::kManageUsers,         h::UserRoles,         kForm, true,  "user.roles"},
    {"POST", "/admin/pengguna/{id}/status",        P::kManageUsers,         h::UserStatus,        kForm, true,  "user.status"},
    {"POST", "/admin/pengguna/{id}/reset-sandi",   P::kManageUsers,         h::UserResetPassword, kForm, true,  "user.reset_password"},
    {"POST", "/admin/pengguna/{id}/reset-2fa",     P::kManageUsers,         h::UserResetSecondFactor, kForm, true, "user.reset_totp"},
    {"POST", "/admin/pengguna/{id}/surat-tugas",   P::kManageUsers,         h::UserLetter,        kDocument, true, "user.letter", true},
    {"GET",  "/admin/pokja",                       P::kManageUsers,         h::PokjaList,         0,     false, "pokja"},
    {"POST", "/admin/pokja",                       P::kManageUsers,         h::PokjaCreate,       kForm, true,  "pokja.create"},
    {"GET",  "/admin/pokja/{id}",                  P::kManageUsers,         h::PokjaPage,         0,     false, "pokja.show"},
    {"POST", "/admin/pokja/{id}",                  P::kManageUsers,         h::PokjaUpdate,       kForm, true,  "pokja.update"},
    // Pasal 21: registration, the applicant's page, documents; Pasal 9(2-3): the queue.
    {"GET",  "/daftar",                            P::kPublic,              h::RegisterPage,      0,     false, "register", false, true},
    {"POST", "/daftar",                            P::kPublic,              h::RegisterStart,     kForm, true,  "register.start"},
    {"GET",  "/daftar/formulir",                   P::kPublic,              h::RegisterFormPage,  0,     false, "register.form", false, true},
    {"POST", "/daftar/formulir",                   P::kPublic,              h::RegisterSubmit,    kForm, true,  "register.submit"},
    {"GET",  "/pendaftaran",                       P::kOwnRegistration,     h::ApplicationPage,   0,     false, "application"},
    {"POST", "/pendaftaran/data",                  P::kOwnRegistration,     h::ApplicationData,   kForm, true,  "application.data"},
    {"POST", "/pendaftaran/dokumen",               P::kOwnRegistration,     h::ApplicationUpload, kDocument, true, "application.upload", true},
    {"POST", "/pendaftaran/kirim",                 P::kOwnRegistration,     h::ApplicationSubmit, kForm, true,  "application.submit"},
    {"GET",  "/pendaftaran/formulir/{jenis}",      P::kOwnRegistration,     h::ApplicationFormPdf, 0,    false, "application.form"},
    {"GET",  "/dokumen/{id}",                      P::kSignedIn,            h::DocumentFile,      0,     false, "document"},
    {"GET",  "/verifikasi",                        P::kVerifyAccounts,      h::VerifyQueue,       0,     false, "verify.queue"},
    {"GET",  "/verifikasi/pendaftaran/{id}",       P::kVerifyAccounts,      h::VerifyApplication, 0,     false, "verify.application"},
    {"POST", "/verifikasi/pendaftaran/{id}/setujui", P::kVerifyAccounts,    h::VerifyApprove,     kForm, true,  "verify.approve"},
    {"POST", "/verifikasi/pendaftaran/{id}/tolak", P::kVerifyAccounts,      h::VerifyReject,      kForm, true,  "verify.reject"},
    {"GET",  "/verifikasi/akun",                   P::kVerifyAccounts,      h::VerifyList,        0,     false, "verify"},
    {"GET",  "/verifikasi/akun/{id}",              P::kVerifyAccounts,      h::VerifyAccount,     0,     false, "verify.account"},
    {"POST", "/verifikasi/akun/{id}/nonaktif",     P::kVerifyAccounts,      h::VerifyDeactivate,  kForm, true,  "verify.deactivate"},
    {"POST", "/verifikasi/akun/{id}/aktif",        P::kVerifyAccounts,      h::VerifyReactivate,  kForm, true,  "verify.reactivate"},
    {"POST", "/verifikasi/akun/{id}/daftar-hitam", P::kVerifyAccounts,      h::VerifyBlacklist,   kForm, true,  "verify.blacklist"},
    {"GET",  "/daftar-hitam",                      P::kPublic,              h::PublicBlacklist,   0,     false, "blacklist"},
    {"GET",  "/daftar-penyedia",                   P::kPublic,              h::PublicVendors,     0,     false, "vendors"},
    {"GET",  "/penyedia/data",                     P::kManageOwnVendorData, h::VendorDataOwn,     0,     false, "vendor_data"},
    {"GET",  "/penyedia/riwayat-data",             P::kManageOwnVendorData, h::VendorDataHistoryOwn, 0,  false, "vendor_data.history"},
    {"GET",  "/penyedia/data/{section}",           P::kManageOwnVendorData, h::VendorRowForm,     0,     false, "vendor_data.new"},
    {"POST", "/penyedia/data/{section}",           P::kManageOwnVendorData, h::VendorRowAdd,      kForm, true,  "vendor_data.add"},
    {"GET",  "/penyedia/data/{section}/{no}",      P::kManageOwnVendorData, h::VendorRowForm,     0,     false, "vendor_data.row"},
    {"POST", "/penyedia/data/{section}/{no}",      P::kManageOwnVendorData, h::VendorRowSave,     kForm, true,  "vendor_data.save"},
    {"POST", "/penyedia/data/{section}/{no}/hapus", P::kManageOwnVendorData, h::VendorRowRemove,  kForm, true,  "vendor_data.remove"},
    {"GET",  "/data-penyedia/{id}",                P::kViewVendorData,      h::VendorDataOf,      0,     false, "vendor_data.of"},
    {"GET",  "/data-penyedia/{id}/riwayat",        P::kViewVendorData,      h::VendorDataHistoryOf, 0,   false, "vendor_data.of_history"},
    {"GET",  "/paket-tugas/{id}/tender",           P::kRunSelections,       h::TenderNewForm,     0,     false, "tender.new"},
    {"POST", "/paket-tugas/{id}/tender",           P::kRunSelections,       h::TenderCreate,      kForm, true,  "tender.create"},
    {"GET",  "/pokja/tender/{id}",                 P::kRunSelections,       h::TenderManage,      0,     false, "tender.manage"},
    {"POST", "/pokja/tender/{id}/jadwal",          P::kRunSelections,       h::TenderScheduleSave, kForm, true, "tender.schedule"},
    {"POST", "/pokja/tender/{id}/umumkan",         P::kRunSelections,       h::TenderPublish,     kForm, true,  "tender.publish"},
    {"POST", "/pokja/tender/{id}/batal",           P::kRunSelections,       h::TenderCancel,      kForm, true,  "tender.cancel"},
    {"POST", "/pokja/tender/{id}/persyaratan",     P::kRunSelections,       h::TenderRequirementsSave, kForm, true, "tender.requirements"},
    {"POST", "/pokja/tender/{id}/dokumen",         P::kRunSelections,       h::TenderUpload,      kDocument, true, "tender.upload", true},
    {"GET",  "/tender/{id}",                       P::kPublic,              h::TenderAnnouncement, 0,    false, "tender.announcement"},
    {"GET",  "/cari-paket",                        P::kPublic,              h::TenderSearchPage,  0,     false, "tender.search"},
    {"GET",  "/tender/{id}/jadwal",                P::kPublic,              h::TenderSchedulePage, 0,    false, "tender.schedule_page"},
    {"GET",  "/tender/{id}/dokumen/{no}",          P::kSignedIn,            h::TenderDocumentFile, 0,    false, "tender.document"},
    {"GET",  "/tender/{id}/ikut",                  P::kJoinTenders,         h::TenderJoinForm,    0,     false, "tender.join_form"},
    {"POST", "/tender/{id}/ikut",                  P::kJoinTenders,         h::TenderJoin,        kForm, true,  "tender.join"},
    {"GET",  "/penyedia/tender",                   P::kJoinTenders,         h::JoinedTenders,     0,     false, "tender.joined"},
    {"GET",  "/tender/{id}/penjelasan",            P::kPublic,              h::TenderExplanation, 0,     false, "tender.explanation"},
    {"POST", "/tender/{id}/penjelasan",            P::kJoinTenders,         h::TenderAsk,         kForm, true,  "tender.ask"},
    {"POST", "/pokja/tender/{id}/jawab",           P::kRunSelections,       h::TenderAnswer,      kForm, true,  "tender.answer"},
    {"POST", "/pokja/tender/{id}/ba-penjelasan",   P::kRunSelections,       h::TenderIssueMinutes, kForm, true, "tender.minutes_issue"},
    {"GET",  "/tender/{id}/ba/{no}",               P::kPublic,              h::TenderMinutesFile, 0,     false, "tender.minutes"},
    // Issue 5, items 6-7: opening the sealed bids (the use case decides who:
    // those who run the tender, and LPSE officers who witness).
    {"GET",  "/tender/{id}/pembukaan",             P::kSignedIn,            h::OpeningPage,       0,     false, "opening"},
    {"POST", "/tender/{id}/pembukaan/bagian-kunci", P::kRunSelections,      h::OpeningShare,      kForm, true,  "opening.share"},
    {"POST", "/tender/{id}/pembukaan/hasil-teknis", P::kRunSelections,      h::OpeningTechnical,  kForm, true,  "opening.technical"},
    {"POST", "/tender/{id}/pembukaan/kesaksian",   P::kWitnessOpenings,     h::OpeningWitness,    kForm, true,  "opening.witness"},
    {"GET",  "/tender/{id}/pembukaan/ba/{kind}/{no}", P::kSignedIn,         h::OpeningMinutes,    0,     false, "opening.minutes"},
    // Issue 6: evaluation, qualification proof and award (the use case
    // decides who: the tender's Pokja or official, auditors read); the
    // announced results are public.
    {"GET",  "/tender/{id}/evaluasi",              P::kSignedIn,            h::EvaluationPage,    0,     false, "evaluation"},
    {"POST", "/tender/{id}/evaluasi/nilai",        P::kRunSelections,       h::EvaluationJudge,   kForm, true,  "evaluation.judge"},
    {"POST", "/tender/{id}/evaluasi/undangan",     P::kRunSelections,       h::EvaluationInvite,  kForm, true,  "evaluation.invite"},
    {"POST", "/tender/{id}/evaluasi/pembuktian",   P::kRunSelections,       h::EvaluationProof,   kForm, true,  "evaluation.proof"},
    {"POST", "/tender/{id}/evaluasi/penetapan",    P::kRunSelections,       h::EvaluationDecide,  kForm, true,  "evaluation.decide"},
    {"POST", "/tender/{id}/evaluasi/pengumuman",   P::kRunSelections,       h::EvaluationAnnounce, kForm, true, "evaluation.announce"},
    {"POST", "/tender/{id}/evaluasi/negosiasi",    P::kRunSelections,       h::EvaluationNegotiate, kForm, true, "evaluation.negotiate"},
    {"GET",  "/tender/{id}/evaluasi/ba-negosiasi/{no}", P::kSignedIn,       h::NegotiationMinutes, 0,    false, "evaluation.negotiation_minutes"},
    // Issue 6, item 7: Tender Cepat's reverse auction (the use case checks
    // who is invited and who runs the tender).
    {"GET",  "/tender/{id}/lelang",                P::kSignedIn,            h::AuctionPage,       0,     false, "auction"},
    {"GET",  "/tender/{id}/lelang/aliran",         P::kSignedIn,            h::AuctionStream,     0,     false, "auction.stream"},
    {"POST", "/tender/{id}/lelang",                P::kJoinTenders,         h::AuctionBidForm,    kForm, true,  "auction.bid"},
    {"POST", "/tender/{id}/lelang/undangan",       P::kRunSelections,       h::AuctionInvite,     kForm, true,  "auction.invite"},
    {"POST", "/tender/{id}/lelang/penetapan",      P::kRunSelections,       h::AuctionDecide,     kForm, true,  "auction.decide"},
    {"POST", "/api/v1/tenders/{id}/lelang",        P::kJoinTenders,         h::AuctionBidApi,     kForm, true,  "auction.bid.api", false, false, {}, ApiError},
    // INV-*: invitations to the invitation-only procedures (the use case
    // checks who runs the tender: its Pejabat Pengadaan or Pokja).
    {"GET",  "/tender/{id}/undangan-penyedia",     P::kRunSelections,       h::InvitationPage,    0,     false, "invitation"},
    {"POST", "/tender/{id}/undangan-penyedia",     P::kRunSelections,       h::InvitationSend,    kForm, true,  "invitation.send"},
    {"GET",  "/tender/{id}/hasil",                 P::kPublic,              h::ResultsPage,       0,     false, "results"},
    {"GET",  "/tender/{id}/hasil/ba/{no}",         P::kPublic,              h::ResultsMinutes,    0,     false, "results.minutes"},
    // Issue 6, item 5: the SPPBJ and the contract record (the use case
    // decides who reads: the package's PPK, the Pokja, auditors, the winner).
    {"GET",  "/tender/{id}/kontrak",               P::kSignedIn,            h::ContractPage,      0,     false, "contract"},
    {"POST", "/tender/{id}/kontrak/sppbj",         P::kManagePackages,      h::ContractSppbj,     kForm, true,  "contract.sppbj"},
    {"POST", "/tender/{id}/kontrak",               P::kManagePackages,      h::ContractRecord,    kForm, true,  "contract.record"},
    {"POST", "/tender/{id}/kontrak/koreksi",       P::kManagePackages,      h::ContractCorrect,   kForm, true,  "contract.correct"},
    {"GET",  "/tender/{id}/kontrak/sppbj.pdf",     P::kSignedIn,            h::ContractSppbjPdf,  0,     false, "contract.sppbj_pdf"},
    {"GET",  "/tender/{id}/kontrak/{file}",        P::kSignedIn,            h::ContractPdf,       0,     false, "contract.pdf"},
    // Issue 6, item 4: objections (sanggah) and appeals (sanggah banding).
    // The page is public (the answers are); the use case decides who reads
    // the reasons and who may act: bidders file and appeal, the chair
    // answers, the PA/KPA of the package's agency answers appeals.
    {"GET",  "/tender/{id}/sanggah",               P::kPublic,              h::ObjectionPage,     0,     false, "objection"},
    {"POST", "/tender/{id}/sanggah",               P::kJoinTenders,         h::ObjectionFile,     kObjection, true, "objection.file", true},
    {"POST", "/tender/{id}/sanggah/{no}/jawab",    P::kRunSelections,       h::ObjectionAnswer,   kForm, true,  "objection.answer"},
    {"POST", "/tender/{id}/sanggah/{no}/banding",  P::kJoinTenders,         h::ObjectionAppeal,   kForm, true,  "objection.appeal"},
    {"POST", "/tender/{id}/sanggah/{no}/banding/jawab", P::kManagePlans,    h::ObjectionAppealAnswer, kForm, true, "objection.appeal_answer"},
    {"GET",  "/tender/{id}/sanggah/{no}/lampiran/{file}", P::kSignedIn,     h::ObjectionAttachment, 0,   false, "objection.attachment"},
    // Issue 5: sealed bids. Keys are made and bids sealed in the browser.
    {"GET",  "/akun/kunci-pembukaan",              P::kRunSelections,       h::MemberKeyPage,     0,     false, "member_key"},
    {"POST", "/akun/kunci-pembukaan",              P::kRunSelections,       h::MemberKeySave,     kForm, true,  "member_key.set"},
    {"GET",  "/tender/{id}/kunci",                 P::kRunSelections,       h::TenderKeyPage,     0,     false, "tender.key"},
    {"POST", "/tender/{id}/kunci",                 P::kRunSelections,       h::TenderKeySave,     kForm, true,  "tender.key_set"},
    {"GET",  "/tender/{id}/penawaran",             P::kJoinTenders,         h::BidPage,           0,     false, "bid"},
    {"POST", "/tender/{id}/penawaran/{bid}/tarik", P::kJoinTenders,         h::BidWithdraw,       kForm, true,  "bid.withdraw"},
    {"GET",  "/tender/{id}/penawaran-masuk",       P::kRunSelections,       h::IncomingBids,      0,     false, "bid.incoming"},
    {"GET",  "/penawaran/{id}/tanda-terima",       P::kSignedIn,            h::ReceiptPage,       0,     false, "receipt"},
    {"GET",  "/penawaran/{id}/tanda-terima.json",  P::kSignedIn,            h::ReceiptFile,       0,     false, "receipt.file"},
    {"GET",  "/penawaran/{id}/tanda-terima.pdf",   P::kSignedIn,            h::ReceiptPdfFile,    0,     false, "receipt.pdf"},
    {"POST", "/api/v1/tenders/{id}/bids",          P::kJoinTenders,         h::BidDeclare,        kForm, true,  "bid.declare", false, false, {}, ApiError},
    {"GET",  "/api/v1/receipt-key",                P::kPublic,              h::ReceiptKey,        0,     false, "receipt.key", false, false, {}, ApiError},
    {"GET",  "/audit",                             P::kViewAudit,           h::AuditTrail,        0,     false, "audit"},
    // Issue 4, item 3: the LPSE's working calendar and the procedure catalogue.
    {"GET",  "/admin/kalender",                    P::kManageCalendar,      h::CalendarPage,      0,     false, "calendar"},
    {"POST", "/admin/kalender/jam-kerja",          P::kManageCalendar,      h::CalendarWeek,      kForm, true,  "calendar.week"},
    {"POST", "/admin/kalender/libur",              P::kManageCalendar,      h::HolidayAdd,        kForm, true,  "calendar.holiday_add"},
    {"POST", "/admin/kalender/libur/impor",        P::kManageCalendar,      h::HolidayImport,     kForm, true,  "calendar.holiday_import"},
    {"POST", "/admin/kalender/libur/{tanggal}/hapus", P::kManageCalendar,   h::HolidayRemove,     kForm, true,  "calendar.holiday_remove"},
    {"GET",  "/prosedur",                          P::kPublic,              h::Procedures,        0,     false, "procedures"},
    // Pasal 4(1)a: the RUP, public and the PA/KPA's; 4(1)b: packages.
    {"GET",  "/rup",                               P::kPublic,              h::RupPublic,         0,     false, "rup"},
    {"GET",  "/rup/{code}",                        P::kPublic,              h::RupPublicItem,     0,     false, "rup.item"},
    {"GET",  "/perencanaan/rup",                   P::kManagePlans,         h::PlanList,          0,     false, "plan"},
    {"POST", "/perencanaan/rup",                   P::kManagePlans,         h::PlanCreate,        kForm, true,  "plan.create"},
    {"GET",  "/perencanaan/rup/{id}",              P::kManagePlans,         h::PlanItem,          0,     false, "plan.item"},
    {"POST", "/perencanaan/rup/{id}",              P::kManagePlans,         h::PlanUpdate,        kForm, true,  "plan.update"},
    {"POST", "/perencanaan/rup/{id}/umumkan",      P::kManagePlans,         h::PlanPublish,       kForm, true,  "plan.publish"},
    {"POST", "/perencanaan/rup/{id}/batal",        P::kManagePlans,         h::PlanCancel,        kForm, true,  "plan.cancel"},
    {"POST", "/perencanaan/impor-rup",             P::kManagePlans,         h::PlanImport,        kImport, true, "plan.import", true},
    {"GET",  "/paket",                             P::kManagePackages,      h::PackageList,       0,     false, "package"},
    {"POST", "/paket",                             P::kManagePackages,      h::PackageCreate,     kForm, true,  "package.create"},
    {"GET",  "/paket/{id}",                        P::kManagePackages,      h::PackagePage,       0,     false, "package.show"},
    {"POST", "/paket/{id}",                        P::kManagePackages,      h::PackageUpdate,     kForm, true,  "package.update"},
    {"POST", "/paket/{id}/hps",                    P::kManagePackages,      h::PackageHpsAdd,     kForm, true,  "package.hps_add"},
    {"POST", "/paket/{id}/hps/{no}/hapus",         P::kManagePackages,      h::PackageHpsRemove,  kForm, true,  "package.hps_remove"},
    {"POST", "/paket/{id}/dokumen",                P::kManagePackages,      h::PackageUpload,     kDocument, true, "package.upload", true},
    {"POST", "/paket/{id}/serahkan",               P::kManagePackages,      h::PackageAssign,     kForm, true,  "package.assign"},
    {"GET",  "/paket/dokumen/{id}",                P::kSignedIn,            h::PackageDocumentFile, 0,   false, "package.document"},
    {"GET",  "/paket-tugas",                       P::kViewAssignedPackages, h::AssignedList,     0,     false, "assigned"},
    {"GET",  "/paket-tugas/{id}",                  P::kViewAssignedPackages, h::AssignedPage,     0,     false, "assigned.show"},
    // Resumable uploads (tus 1.0, see tus.h): the owner of the uploads
    // decides who may write which one; the CSRF token comes as X-CSRF-Token.
    {"OPTIONS", "/api/v1/uploads",                 P::kPublic,              TusOptions,           0,     false, "uploads.options", false, false, {}, TusError},
    {"POST",    "/api/v1/uploads",                 P::kSignedIn,            TusCreate,            0,     true,  "uploads.create",  false, false, {}, TusError},
    {"OPTIONS", "/api/v1/uploads/{id}",            P::kPublic,              TusOptions,           0,     false, "upload.options",  false, false, {}, TusError},
    {"HEAD",    "/api/v1/uploads/{id}",            P::kSignedIn,            TusHead,              0,     false, "upload.offset",   false, false, {}, TusError},
    {"PATCH",   "/api/v1/uploads/{id}",            P::kSignedIn,            TusPatch,             kTusMaxSize, true, "upload.append", false, false, TusOpenPatch, TusError},
    {"DELETE",  "/api/v1/uploads/{id}",            P::kSignedIn,            TusTerminate,         0,     true,  "upload.terminate", false, false, {}, TusError},
  };
  // clang-format on
}

}  // namespace spse::http
