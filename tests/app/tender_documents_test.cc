// What a tender asks and hands out (issue 4, items 4, 6, 8) through
// TenderDocumentService and TenderService: qualification requirements,
// versioned documents, addenda, logged downloads and the notices every
// participant gets. Rule ids are those of docs/rules.md (DOC-*, ADD-*, NTC-*).
#include "app/tender_fixture.h"
#include "domain/participation.h"

namespace spse::app {
namespace {

using domain::Requirement;

class TenderDocumentsTest : public TenderFixture {
 protected:
  // A published tender with its Dokumen Pemilihan.
  std::int64_t Published() {
    const std::int64_t id = ReadyDraft();
    EXPECT_OK(service_->Publish(chair_, id));
    return id;
  }

  // A vendor account that joined `tender` (the pact accepted).
  Actor Participant(std::int64_t tender, const std::string& username) {
    Actor a = As(username, Role::kPenyedia);
    auto tx = store_->Begin(Access::kWrite);
    EXPECT_TRUE(tx.ok());
    domain::Participant p;
    p.tender_id = tender;
    p.vendor_user_id = a.who.user_id;
    p.joined_at = clock_.Now();
    p.pact_sha256 = crypto_.Sha256Hex(username);
    p.client_addr = "10.0.0.9";
    EXPECT_OK((*tx)->participation().Join(p));
    EXPECT_OK((*tx)->Commit());
    return a;
  }

  void NoMail(const Actor& a) {
    auto tx = store_->Begin(Access::kWrite);
    ASSERT_TRUE(tx.ok());
    auto user = (*tx)->users().FindById(a.who.user_id);
    ASSERT_TRUE(user.ok() && user->has_value());
    (*user)->notify_email = false;
    ASSERT_OK((*tx)->users().Update(**user));
    ASSERT_OK((*tx)->Commit());
  }

  std::int64_t Inbox(const Actor& a) {
    auto tx = store_->Begin(Access::kRead);
    auto n = (*tx)->inbox().Count(a.who.user_id);
    return n.ok() ? *n : -1;
  }
  std::string LatestSubject(const Actor& a) {
    auto tx = store_->Begin(Access::kRead);
    auto list = (*tx)->inbox().List(a.who.user_id, 1, 0);
    return list.ok() && !list->empty() ? list->front().subject : "";
  }
  std::int64_t Outbox() {
    auto tx = store_->Begin(Access::kRead);
    auto n = (*tx)->outbox().CountByStatus("pending");
    return n.ok() ? *n : -1;
  }

  // The end of the stage by which bids are in.
  Micros BidDeadline(std::int64_t tender) {
    auto v = service_->Get(member_, tender);
    EXPECT_TRUE(v.ok());
    const auto stage = domain::JoinDeadlineStage(*v->procedure);
    return v->tender.schedule[*stage].end;
  }
};

TEST_F(TenderDocumentsTest, DOC_02_RequirementsAreProposedFromThePackageAndEditedInTheDraft) {
  const std::int64_t id = Draft();
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView v, documents_->Get(member_, id));
  // A small construction package: NIB/SBU/IUJK and one job in four years, no KD/SKP.
  ASSERT_FALSE(v.requirements.empty());
  EXPECT_EQ(v.requirements[0].kind, "izin_usaha");
  EXPECT_NE(v.requirements[0].text.find("SBU"), std::string::npos);
  EXPECT_NE(v.requirements[0].text.find("IUJK"), std::string::npos);
  EXPECT_EQ(v.requirements[1].kind, "pengalaman");
  EXPECT_NE(v.requirements[1].text.find("4 (empat) tahun"), std::string::npos);
  for (const auto& r : v.requirements) EXPECT_NE(r.kind, "kemampuan_keuangan");
  EXPECT_TRUE(v.may_change);
  EXPECT_FALSE(v.addendum);

  const std::vector<Requirement> mine = {{"izin_usaha", "  NIB dan SBU BG009  "},
                                         {"lainnya", ""},  // a blank row is dropped
                                         {"pengalaman", "Satu pekerjaan jalan dalam 4 tahun"}};
  EXPECT_THAT(documents_->SetRequirements(outsider_, id, mine, ""),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(documents_->SetRequirements(member_, id, {{"izin_usaha", " "}}, ""),
              StatusIs(Code::kInvalidArgument, "requirement.required"));
  EXPECT_THAT(documents_->SetRequirements(member_, id, {{"rahasia", "x"}}, ""),
              StatusIs(Code::kInvalidArgument, "requirement.kind_invalid"));
  ASSERT_OK(documents_->SetRequirements(member_, id, mine, ""));
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView after, documents_->Get(member_, id));
  EXPECT_EQ(after.requirements,
            (std::vector<Requirement>{{"izin_usaha", "NIB dan SBU BG009"},
                                      {"pengalaman", "Satu pekerjaan jalan dalam 4 tahun"}}));
  EXPECT_TRUE(after.addenda.empty()) << "no addendum while a draft";
  EXPECT_EQ(AuditCount("tender.requirements"), 1);
}

TEST_F(TenderDocumentsTest, DOC_02_ANonSmallPackageIsAskedForKemampuanDasar) {
  auto reqs = domain::DefaultRequirements("konstruksi", "non_kecil");
  bool kd = false;
  for (const auto& r : reqs) kd = kd || (r.kind == "kemampuan_keuangan" &&
                                         r.text.find("SKP") != std::string::npos);
  EXPECT_TRUE(kd);
  auto goods = domain::DefaultRequirements("barang", "kecil");
  EXPECT_NE(goods[1].text.find("3 (tiga) tahun"), std::string::npos);
}

TEST_F(TenderDocumentsTest, DOC_01_ATenderIsNotPublishedWithoutItsDokumenPemilihan) {
  const std::int64_t id = Draft();
  Upload(id, "kak", "kak.pdf");
  EXPECT_THAT(service_->Publish(chair_, id),
              StatusIs(Code::kFailedPrecondition, "tender.document_required"));
  EXPECT_THAT(documents_->AddDocument(member_, id, "surat_cinta", Pdf("x.pdf"), ""),
              StatusIs(Code::kInvalidArgument, "document.kind_invalid"));
  Upload(id, "dokumen_pemilihan", "dokumen-pemilihan.pdf");
  ASSERT_OK(service_->Publish(chair_, id));
}

TEST_F(TenderDocumentsTest, DOC_02_InADraftANewVersionReplacesTheOldOneWithoutAnAddendum) {
  const std::int64_t id = Draft();
  EXPECT_EQ(Upload(id, "dokumen_pemilihan", "dp-draf-1.pdf").version, 1);
  const auto second = Upload(id, "dokumen_pemilihan", "dp-draf-2.pdf");
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.addendum, 0);
  ASSERT_OK(service_->Publish(chair_, id));
  // Everyone else sees only the version in force when it was published.
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView pub, documents_->Get(Actor{}, id));
  ASSERT_EQ(pub.documents.size(), 1u);
  EXPECT_EQ(pub.documents[0].filename, "dp-draf-2.pdf");
  EXPECT_TRUE(pub.addenda.empty());
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView pokja, documents_->Get(member_, id));
  EXPECT_EQ(pokja.documents.size(), 2u);
}

TEST_F(TenderDocumentsTest, ADD_01_AfterPublicationAChangeIsANumberedAddendumAndOldVersionsStay) {
  const std::int64_t id = Published();
  const Actor vendor = Participant(id, "cv.maju");
  EXPECT_THAT(documents_->AddDocument(member_, id, "dokumen_pemilihan", Pdf("dp-2.pdf"), "  "),
              StatusIs(Code::kInvalidArgument, "addendum.reason_required"));
  EXPECT_THAT(documents_->SetRequirements(member_, id, {{"izin_usaha", "NIB dan SBU"}}, ""),
              StatusIs(Code::kInvalidArgument, "addendum.reason_required"));
  const auto v2 = Upload(id, "dokumen_pemilihan", "dp-2.pdf", "Perbaikan volume pekerjaan aspal");
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.addendum, 1);
  ASSERT_OK(documents_->SetRequirements(member_, id, {{"izin_usaha", "NIB dan SBU BG004"}},
                                        "Subklasifikasi SBU disesuaikan"));

  ASSERT_OK_AND_ASSIGN(TenderDocumentsView pub, documents_->Get(Actor{}, id));
  ASSERT_EQ(pub.addenda.size(), 2u);
  EXPECT_EQ(pub.addenda[0].number, 1);
  EXPECT_EQ(pub.addenda[0].reason, "Perbaikan volume pekerjaan aspal");
  EXPECT_NE(pub.addenda[0].summary.find("Dokumen Pemilihan versi 2"), std::string::npos);
  EXPECT_EQ(pub.addenda[1].number, 2);
  EXPECT_EQ(pub.addenda[1].reason, "Subklasifikasi SBU disesuaikan");
  ASSERT_EQ(pub.documents.size(), 2u);
  EXPECT_EQ(pub.requirements, (std::vector<Requirement>{{"izin_usaha", "NIB dan SBU BG004"}}));
  // The first version is still there to download.
  ASSERT_OK_AND_ASSIGN(auto old, documents_->Download(vendor, id, pub.documents[0].id));
  EXPECT_EQ(old.version, 1);
  EXPECT_EQ(AuditCount("tender.addendum"), 2);
}

TEST_F(TenderDocumentsTest, ADD_02_NoAddendumOnceTheBidsAreIn) {
  const std::int64_t id = Published();
  clock_.Set(BidDeadline(id) - kMicrosPerMinute);
  Upload(id, "spesifikasi", "spek-2.pdf", "Spesifikasi aspal dikoreksi");
  clock_.Set(BidDeadline(id));
  EXPECT_THAT(documents_->AddDocument(member_, id, "spesifikasi", Pdf("spek-3.pdf"), "Terlambat"),
              StatusIs(Code::kFailedPrecondition, "addendum.closed"));
  EXPECT_THAT(documents_->SetRequirements(member_, id, {{"izin_usaha", "NIB saja"}}, "Terlambat"),
              StatusIs(Code::kFailedPrecondition, "addendum.closed"));
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView v, documents_->Get(member_, id));
  EXPECT_FALSE(v.may_change);
  EXPECT_EQ(v.addenda.size(), 1u);
}

TEST_F(TenderDocumentsTest, DOC_03_OnlyParticipantsAndThePokjaDownloadAndEveryDownloadIsLogged) {
  const std::int64_t id = Published();
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView v, documents_->Get(Actor{}, id));
  ASSERT_EQ(v.documents.size(), 1u);
  const std::int64_t doc = v.documents[0].id;
  EXPECT_FALSE(v.may_download);

  const Actor stranger = As("cv.luar", Role::kPenyedia);
  EXPECT_THAT(documents_->Download(stranger, id, doc),
              StatusIs(Code::kPermissionDenied, "participation.not_joined"));
  EXPECT_FALSE(documents_->Download(Actor{}, id, doc).ok());
  const Actor vendor = Participant(id, "cv.maju");
  ASSERT_OK_AND_ASSIGN(auto got, documents_->Download(vendor, id, doc));
  EXPECT_EQ(got.filename, "dokumen-pemilihan-v1.pdf");
  ASSERT_OK(documents_->Download(member_, id, doc).status());
  EXPECT_THAT(documents_->Download(vendor, id, doc + 1000),
              StatusIs(Code::kNotFound, "document.not_found"));

  ASSERT_OK_AND_ASSIGN(TenderDocumentsView log, documents_->Get(member_, id));
  EXPECT_EQ(log.download_count, 2);
  ASSERT_EQ(log.downloads.size(), 2u);
  EXPECT_EQ(log.downloads[1].username, "cv.maju");
  EXPECT_EQ(log.downloads[1].client_addr, "10.0.0.7");
  EXPECT_EQ(log.downloads[1].document_id, doc);
  EXPECT_EQ(log.downloads[0].username, "pokja.anggota");
  EXPECT_EQ(AuditCount("tender.download"), 2);
  // Only the Pokja reads the log.
  ASSERT_OK_AND_ASSIGN(TenderDocumentsView theirs, documents_->Get(vendor, id));
  EXPECT_TRUE(theirs.downloads.empty());
  EXPECT_TRUE(theirs.may_download);
}

TEST_F(TenderDocumentsTest, NTC_01_ParticipantsAreToldOfAddendaScheduleChangesAndCancellation) {
  const std::int64_t id = Published();
  const Actor a = Participant(id, "cv.maju");
  const Actor b = Participant(id, "pt.rival");
  NoMail(b);
  const std::string code = service_->Get(member_, id)->tender.code;

  Upload(id, "gambar", "gambar-2.pdf", "Gambar potongan melintang ditambahkan");
  EXPECT_EQ(Inbox(a), 1);
  EXPECT_EQ(Inbox(b), 1);
  EXPECT_EQ(Outbox(), 1) << "only the participant who wants mail gets one";
  EXPECT_NE(LatestSubject(a).find("Adendum 1"), std::string::npos) << LatestSubject(a);
  EXPECT_NE(LatestSubject(a).find(code), std::string::npos);

  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(member_, id));
  domain::Schedule s = v.tender.schedule;
  for (size_t i = 3; i < s.size(); ++i) {
    if (i != 3) s[i].start += 7 * kMicrosPerDay;
    s[i].end += 7 * kMicrosPerDay;
  }
  s[1].end = s[3].end;
  ASSERT_OK(service_->ChangeSchedule(member_, id, s, "Menyesuaikan adendum gambar"));
  EXPECT_EQ(Inbox(a), 2);
  EXPECT_EQ(Inbox(b), 2);
  EXPECT_EQ(Outbox(), 2);
  EXPECT_NE(LatestSubject(b).find("Perubahan jadwal"), std::string::npos) << LatestSubject(b);

  ASSERT_OK(service_->Cancel(member_, id, "Anggaran direalokasi untuk penanganan bencana"));
  EXPECT_EQ(Inbox(a), 3);
  EXPECT_EQ(Inbox(b), 3);
  EXPECT_EQ(Outbox(), 3);
  auto tx = store_->Begin(Access::kRead);
  auto list = (*tx)->inbox().List(a.who.user_id, 1, 0);
  ASSERT_TRUE(list.ok() && !list->empty());
  EXPECT_NE(list->front().body.find("Anggaran direalokasi"), std::string::npos);
  EXPECT_NE(list->front().body.find("https://spse.test/tender/" + std::to_string(id)),
            std::string::npos);
  // A non-participant hears nothing.
  EXPECT_EQ(Inbox(member_), 0);
}

}  // namespace
}  // namespace spse::app
