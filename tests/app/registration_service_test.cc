#include "app/registration_service.h"

#include <regex>

#include "app/app_fixture.h"
#include "app/mail_service.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::AccountStatus;
using domain::DocumentKind;
using domain::Role;
using domain::RoleSet;

// Composes "NAME" with "key=value" lines, so tests can read the values back.
class EchoComposer final : public MailComposer {
 public:
  StatusOr<ComposedMail> Compose(std::string_view name, const MailValues& values) override {
    ComposedMail m;
    m.subject = std::string(name);
    for (const auto& [k, v] : values) m.body += k + "=" + v + "\n";
    return m;
  }
};

class CapturingSender final : public MailSender {
 public:
  Status Send(const domain::OutgoingMail& mail) override {
    sent.push_back(mail);
    return OkStatus();
  }
  std::vector<domain::OutgoingMail> sent;
};

constexpr const char* kPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

class RegistrationTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    RegistrationConfig config;
    config.public_url = "https://spse.test";
    registration_ = std::make_unique<RegistrationService>(*store_, *auth_, crypto_, composer_,
                                                          *blobs_, printer_, clock_, config);
    delivery_ = std::make_unique<MailDelivery>(*store_, sender_, clock_);
    verifikator_ = AdminActor();
    verifikator_.who.user_id = CreateUser("verif.satu", RoleSet{Role::kVerifikator});
    verifikator_.who.username = "verif.satu";
    verifikator_.who.roles = RoleSet{Role::kVerifikator};
  }
  void TearDown() override {
    delivery_.reset();
    registration_.reset();
    AppTest::TearDown();
  }

  // Every mail sent so far, delivered now.
  const std::vector<domain::OutgoingMail>& Mail() {
    EXPECT_TRUE(delivery_->DeliverDue(100).ok());
    return sender_.sent;
  }

  // The token of the last confirmation link mailed to `email`.
  std::string LinkFor(const std::string& email) {
    std::string token;
    for (const auto& m : Mail()) {
      std::smatch match;
      if (m.to == email && std::regex_search(m.body, match, std::regex("token=([A-Za-z0-9_-]+)"))) {
        token = match[1];
      }
    }
    return token;
  }

  VendorApplicationForm AForm(const std::string& username, const std::string& npwp) {
    VendorApplicationForm f;
    f.vendor.company_name = "CV " + username;
    f.vendor.business_form = "CV";
    f.vendor.npwp = npwp;
    f.vendor.address = "Jl. Raya Kamal 1";
    f.vendor.regency = "Kabupaten Bangkalan";
    f.vendor.province = "Jawa Timur";
    f.vendor.phone = "031-3095100";
    f.vendor.company_email = username + "@vendor.test";
    f.vendor.responsible_name = "Ahmad Zainuri";
    f.vendor.responsible_position = "Direktur";
    f.vendor.responsible_nik = "3526031508880005";
    f.username = username;
    f.password = kGoodPassword;
    f.confirm = kGoodPassword;
    return f;
  }

  // Registers through the emailed link; the new account's actor.
  Actor Register(const std::string& username, const std::string& npwp) {
    const std::string email = username + "@mail.test";
    EXPECT_OK(registration_->Start(email, "10.0.0.9"));
    auto created = registration_->Register(LinkFor(email), AForm(username, npwp), "10.0.0.9", "t");
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    Actor a;
    a.client_addr = "10.0.0.9";
    if (!created.ok()) return a;
    auto session = auth_->Resolve(created->session_token);
    EXPECT_TRUE(session.ok() && session->has_value());
    if (session.ok() && *session) a.who = (*session)->principal;
    return a;
  }

  domain::AccountDocument Doc(DocumentKind kind, const std::string& bytes) {
    auto blob = blobs_->Put(bytes);
    EXPECT_TRUE(blob.ok());
    domain::AccountDocument d;
    d.kind = kind;
    if (kind == DocumentKind::kIzinUsaha) d.licence_type = "SIUP";
    d.sha256 = blob->sha256;
    d.filename = std::string(domain::DocumentKindCode(kind)) + ".pdf";
    d.content_type = "application/pdf";
    d.size = blob->size;
    return d;
  }

  void UploadAll(const Actor& vendor, const std::string& salt) {
    for (DocumentKind k : domain::RequiredDocuments(true)) {
      auto id = registration_->AddDocument(vendor, Doc(k, std::string(kPdf) + salt +
                                                              std::string(domain::DocumentKindCode(k))));
      EXPECT_TRUE(id.ok()) << id.status().ToString();
    }
  }

  std::vector<std::int64_t> CurrentDocIds(std::int64_t user_id) {
    auto app = registration_->Review(verifikator_, user_id);
    std::vector<std::int64_t> ids;
    if (app.ok()) {
      for (const auto& d : app->documents) {
        if (d.current()) ids.push_back(d.id);
      }
    }
    return ids;
  }

  std::int64_t UserCount() {
    auto tx = store_->Begin(Access::kRead);
    return *(*tx)->users().Count();
  }

  EchoComposer composer_;
  CapturingSender sender_;
  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<RegistrationService> registration_;
  std::unique_ptr<MailDelivery> delivery_;
  Actor verifikator_;
};

TEST_F(RegistrationTest, Pasal21Ayat1a_RegisteringOnlineMakesADraftVendorThatIsSignedIn) {
  const Actor vendor = Register("cv.kamal", "01.234.567.8-608.000");
  ASSERT_TRUE(vendor.who.signed_in());
  EXPECT_FALSE(vendor.who.verified);
  EXPECT_TRUE(vendor.who.roles.Has(Role::kPenyedia));
  ASSERT_OK_AND_ASSIGN(Application app, registration_->MyApplication(vendor));
  EXPECT_EQ(app.user.verification.status, AccountStatus::kDraft);
  EXPECT_EQ(app.user.email, "cv.kamal@mail.test");
  ASSERT_TRUE(app.vendor.has_value());
  EXPECT_EQ(app.vendor->npwp, "012345678608000");
  EXPECT_EQ(AuditCount("registration.create"), 1);
}

TEST_F(RegistrationTest, TheConfirmationLinkWorksOnceAndExpiresAfterADay) {
  ASSERT_OK(registration_->Start("a@mail.test", "10.0.0.9"));
  const std::string token = LinkFor("a@mail.test");
  ASSERT_FALSE(token.empty());
  ASSERT_OK_AND_ASSIGN(std::string email, registration_->CheckLink(token));
  EXPECT_EQ(email, "a@mail.test");
  ASSERT_TRUE(registration_->Register(token, AForm("cv.satu", "012345678608000"), "x", "t").ok());
  EXPECT_THAT(registration_->Register(token, AForm("cv.dua", "023456789608000"), "x", "t").status(),
              StatusIs(Code::kInvalidArgument, "registration.link_invalid"));

  ASSERT_OK(registration_->Start("b@mail.test", "10.0.0.9"));
  const std::string late = LinkFor("b@mail.test");
  clock_.Advance(24 * kMicrosPerHour);
  EXPECT_THAT(registration_->CheckLink(late), StatusIs(Code::kInvalidArgument, "registration.link_invalid"));
}

TEST_F(RegistrationTest, AnAddressAlreadyRegisteredGetsAMailSayingSoAndNoLink) {
  Register("cv.satu", "012345678608000");
  const size_t before = Mail().size();
  ASSERT_OK(registration_->Start("CV.SATU@mail.test", "10.0.0.9"));
  ASSERT_EQ(Mail().size(), before + 1);
  EXPECT_EQ(Mail().back().subject, "registration_exists");
  EXPECT_EQ(Mail().back().body.find("token="), std::string::npos);
}

TEST_F(RegistrationTest, DuplicatesAreRefusedAndNothingIsStored) {
  Register("cv.satu", "012345678608000");
  const std::int64_t users = UserCount();
  ASSERT_OK(registration_->Start("baru@mail.test", "10.0.0.9"));
  const std::string token = LinkFor("baru@mail.test");
  EXPECT_THAT(registration_->Register(token, AForm("cv.dua", "01.234.567.8-608.000"), "x", "t").status(),
              StatusIs(Code::kAlreadyExists, "vendor.npwp_taken"));
  EXPECT_THAT(registration_->Register(token, AForm("cv.satu", "023456789608000"), "x", "t").status(),
              StatusIs(Code::kAlreadyExists, "user.username_taken"));
  EXPECT_THAT(registration_->Register(token, AForm("cv.dua", "0123"), "x", "t").status(),
              StatusIs(Code::kInvalidArgument, "vendor.npwp_length"));
  EXPECT_EQ(UserCount(), users);
  EXPECT_OK(registration_->CheckLink(token)) << "a refused form leaves the link usable";

  // Two links for one address: the second finds the address taken.
  ASSERT_OK(registration_->Start("dua@mail.test", "10.0.0.9"));
  const std::string first = LinkFor("dua@mail.test");
  ASSERT_OK(registration_->Start("dua@mail.test", "10.0.0.9"));
  const std::string second = LinkFor("dua@mail.test");
  ASSERT_TRUE(registration_->Register(first, AForm("cv.tiga", "034567890608000"), "x", "t").ok());
  EXPECT_THAT(registration_->Register(second, AForm("cv.empat", "045678901608000"), "x", "t").status(),
              StatusIs(Code::kAlreadyExists, "registration.email_taken"));
}

TEST_F(RegistrationTest, Pasal21Ayat2_DraftSubmittedRejectedSubmittedVerified) {
  const Actor vendor = Register("cv.kamal", "012345678608000");
  const std::int64_t id = vendor.who.user_id;
  EXPECT_THAT(registration_->Submit(vendor),
              StatusIs(Code::kFailedPrecondition, "registration.documents_missing"));
  UploadAll(vendor, "v1");
  ASSERT_OK(registration_->Submit(vendor));
  EXPECT_THAT(registration_->Submit(vendor),
              StatusIs(Code::kFailedPrecondition, "registration.illegal_transition"));
  EXPECT_THAT(registration_->AddDocument(vendor, Doc(DocumentKind::kKtp, std::string(kPdf) + "x")).status(),
              StatusIs(Code::kFailedPrecondition, "registration.locked"));
  ASSERT_OK_AND_ASSIGN(auto queue, registration_->Queue(verifikator_));
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].user.id, id);

  EXPECT_THAT(registration_->Reject(verifikator_, id, " ", {}),
              StatusIs(Code::kInvalidArgument, "registration.reason_required"));
  ASSERT_OK(registration_->Reject(verifikator_, id, "KTP tidak terbaca", {}));
  ASSERT_OK_AND_ASSIGN(Application rejected, registration_->MyApplication(vendor));
  EXPECT_EQ(rejected.user.verification.status, AccountStatus::kRejected);
  EXPECT_EQ(rejected.user.verification.rejection_note, "KTP tidak terbaca");
  EXPECT_EQ(Mail().back().subject, "registration_rejected");
  EXPECT_NE(Mail().back().body.find("reason=KTP tidak terbaca"), std::string::npos);

  ASSERT_OK(registration_->AddDocument(vendor, Doc(DocumentKind::kKtp, std::string(kPdf) + "ktp2")).status());
  ASSERT_OK(registration_->Submit(vendor));
  EXPECT_THAT(registration_->Approve(verifikator_, id, {}),
              StatusIs(Code::kFailedPrecondition, "registration.originals_unchecked"));
  ASSERT_OK(registration_->Approve(verifikator_, id, CurrentDocIds(id)));
  EXPECT_EQ(Mail().back().subject, "registration_approved");
  LoginOutcome login = Login("cv.kamal", kGoodPassword);
  ASSERT_OK(login.status);
  EXPECT_TRUE(login.principal.verified);
  EXPECT_EQ(AuditCount("registration.submit"), 2);
  EXPECT_EQ(AuditCount("registration.reject"), 1);
  EXPECT_EQ(AuditCount("registration.approve"), 1);
  ASSERT_OK_AND_ASSIGN(Application verified, registration_->MyApplication(vendor));
  EXPECT_EQ(verified.documents.size(), 5u) << "the replaced KTP stays in the history";

  // Its data penyedia starts from what it registered, the NPWP included
  // (issue 3, item 4); a pending vendor had none.
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
    ASSERT_OK_AND_ASSIGN(auto data, tx->vendor_data().Latest(id));
    EXPECT_EQ(data.version, 1);
    ASSERT_EQ(data.data.Rows("identitas").size(), 1u);
    EXPECT_EQ(data.data.Rows("identitas")[0].at("npwp"), "012345678608000");
    EXPECT_EQ(data.data.Rows("identitas")[0].at("nama"), verified.vendor->company_name);
  }
  EXPECT_EQ(AuditCount("vendor_data.seed"), 1);
}

TEST_F(RegistrationTest, Pasal21Ayat2_AnUnverifiedAccountCanDoNothingElse) {
  const Actor vendor = Register("cv.kamal", "012345678608000");
  EXPECT_THAT(registration_->Queue(vendor).status(), StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(admin_->ListUsers(vendor, {}).status(), StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_OK(registration_->MyApplication(vendor).status());
}

TEST_F(RegistrationTest, DocumentsAreReadOnlyByTheirOwnerAndTheVerifikator) {
  const Actor a = Register("cv.satu", "012345678608000");
  const Actor b = Register("cv.dua", "023456789608000");
  ASSERT_OK_AND_ASSIGN(std::int64_t doc, registration_->AddDocument(a, Doc(DocumentKind::kKtp, std::string(kPdf) + "a")));
  EXPECT_OK(registration_->OpenDocument(a, doc).status());
  EXPECT_OK(registration_->OpenDocument(verifikator_, doc).status());
  EXPECT_THAT(registration_->OpenDocument(b, doc).status(), StatusIs(Code::kNotFound, "document.not_found"));
  EXPECT_THAT(registration_->OpenDocument(AdminActor(), doc).status(),
              StatusIs(Code::kNotFound, "document.not_found"))
      << "Admin Sistem reads assignment letters only";
}

TEST_F(RegistrationTest, ThePrintedFormsCarryTheVendorsData) {
  const Actor vendor = Register("cv.kamal", "012345678608000");
  ASSERT_OK_AND_ASSIGN(std::string pdf, registration_->PrintForm(vendor, RegistrationForm::kPendaftaran));
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  ASSERT_OK_AND_ASSIGN(std::string form, registration_->PrintForm(vendor, RegistrationForm::kKeikutsertaan));
  EXPECT_EQ(form.substr(0, 5), "%PDF-");
}

TEST_F(RegistrationTest, UnverifiedRegistrationsExpireWithTheirFilesButSharedFilesStay) {
  const Actor old_vendor = Register("cv.lama", "012345678608000");
  UploadAll(old_vendor, "lama");
  const std::string shared = std::string(kPdf) + "shared";
  ASSERT_OK(registration_->AddDocument(old_vendor, Doc(DocumentKind::kAktaPerubahan, shared)).status());
  ASSERT_OK_AND_ASSIGN(Application before, registration_->MyApplication(old_vendor));
  clock_.Advance(20 * kMicrosPerDay);
  const Actor young = Register("cv.muda", "023456789608000");
  ASSERT_OK(registration_->AddDocument(young, Doc(DocumentKind::kAktaPerubahan, shared)).status());
  clock_.Advance(11 * kMicrosPerDay);

  ASSERT_OK_AND_ASSIGN(int removed, registration_->ExpireStale());
  EXPECT_EQ(removed, 1);
  auto tx = store_->Begin(Access::kRead);
  ASSERT_OK_AND_ASSIGN(auto gone, (*tx)->users().FindById(old_vendor.who.user_id));
  EXPECT_FALSE(gone.has_value());
  ASSERT_OK_AND_ASSIGN(auto stays, (*tx)->users().FindById(young.who.user_id));
  EXPECT_TRUE(stays.has_value());
  for (const auto& d : before.documents) {
    const bool is_shared = d.kind == DocumentKind::kAktaPerubahan;
    EXPECT_EQ(blobs_->Contains(d.sha256), is_shared) << domain::DocumentKindCode(d.kind);
  }
  EXPECT_EQ(AuditCount("registration.expire"), 1);
  ASSERT_OK_AND_ASSIGN(int again, registration_->ExpireStale());
  EXPECT_EQ(again, 0);
}

TEST_F(RegistrationTest, Pasal21Ayat1b_AnAdminCreatedAccountWaitsForTheVerifikatorWithItsLetter) {
  Actor admin = AdminActor();
  admin.who.user_id = CreateUser("admin.satu", RoleSet{Role::kAdminSistem});
  admin.who.username = "admin.satu";
  const std::int64_t agency = CreateSkpd("DPUPR", "Dinas PUPR");
  NewUser u;
  u.username = "ppk.baru";
  u.full_name = "PPK Baru";
  u.email = "ppk.baru@example.go.id";
  u.roles = RoleSet{Role::kPpk};
  u.agency_id = agency;
  u.password = kGoodPassword;
  EXPECT_THAT(admin_->CreateUser(admin, u).status(),
              StatusIs(Code::kInvalidArgument, "registration.letter_required"));
  auto blob = blobs_->Put(std::string(kPdf) + "surat");
  ASSERT_TRUE(blob.ok());
  u.letter = domain::Attachment{blob->sha256, "surat-tugas.pdf", "application/pdf", blob->size};
  ASSERT_OK_AND_ASSIGN(CreatedUser created, admin_->CreateUser(admin, u));
  LoginOutcome pending = Login("ppk.baru", kGoodPassword);
  ASSERT_OK(pending.status);
  EXPECT_FALSE(pending.principal.verified);
  ASSERT_OK_AND_ASSIGN(auto letters, admin_->Documents(admin, created.id));
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_OK(registration_->OpenDocument(admin, letters[0].id).status());

  ASSERT_OK(registration_->Reject(verifikator_, created.id, "Surat tugas belum ditandatangani", {}));
  auto blob2 = blobs_->Put(std::string(kPdf) + "surat-ttd");
  ASSERT_OK(admin_->ReplaceLetter(admin, created.id,
                                  domain::Attachment{blob2->sha256, "surat-ttd.pdf", "application/pdf", blob2->size}));
  ASSERT_OK(registration_->Approve(verifikator_, created.id, CurrentDocIds(created.id)));
  EXPECT_TRUE(Login("ppk.baru", kGoodPassword).principal.verified);
  EXPECT_EQ(AuditCount("user.letter"), 1);
}

}  // namespace
}  // namespace spse::app
