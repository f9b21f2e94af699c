// Invitation-only non-tender methods through InvitationService (INV-* in
// docs/rules.md), on the shipped catalogue: a Pengadaan Langsung and a
// Penunjukan Langsung run by the package's Pejabat Pengadaan, with a fake
// clock. Tender Cepat's invitations (RA-05) are in auction_service_test.cc.
#include "app/invitation_service.h"

#include "app/no_audit_store.h"
#include "app/participation_service.h"
#include "app/tender_fixture.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"

namespace spse::app {
namespace {

using domain::Role;

class InvitationServiceTest : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    invitations_ = std::make_unique<InvitationService>(*store_, *composer_, clock_, catalogue_,
                                                       InvitationConfig{kWib, kPublicUrl});
    participation_ = std::make_unique<ParticipationService>(
        *store_, crypto_, *blobs_, printer_, clock_, catalogue_,
        ParticipationConfig{"LPSE Kabupaten Bangkalan", kWib});
    official_ = As("pp.dinkes", Role::kPejabatPengadaan);
    other_official_ = As("pp.lain", Role::kPejabatPengadaan);
  }

  // A package of `method` handed to the Pejabat Pengadaan, its tender of
  // `procedure` published: the tender's id (schedule_ is its schedule).
  std::int64_t Published(const std::string& method, const std::string& procedure) {
    std::int64_t package = 0;
    {
      auto tx = store_->Begin(Access::kWrite);
      EXPECT_TRUE(tx.ok());
      domain::RupItem item;
      item.agency_id = agency_;
      item.name = "Pengadaan Alat Kesehatan Puskesmas " + procedure;
      item.fiscal_year = 2026;
      item.pagu = Money::FromRupiah(190'000'000);
      item.funding = "APBD";
      item.procurement_type = "barang";
      item.method = method;
      item.selection_from = 1;
      item.selection_to = 2;
      item.work_from = 3;
      item.work_to = 5;
      item.location = "Bangkalan";
      item.description = "Uji";
      item.status = domain::RupStatus::kPublished;
      item.created_by = official_.who.user_id;
      auto rup = (*tx)->rup().Insert(item);
      EXPECT_TRUE(rup.ok());
      domain::Package p;
      p.agency_id = agency_;
      p.ppk_id = chair_.who.user_id;
      p.name = item.name;
      p.rup_ids = {*rup};
      p.contract_type = "harga_satuan";
      p.qualification = "kecil";
      p.hps = {{"Tensimeter digital", "unit", 4400, Money::FromRupiah(40'000)}};
      p.status = domain::PackageStatus::kAssigned;
      p.official_id = official_.who.user_id;
      auto inserted = (*tx)->packages().Insert(p, 2026);
      EXPECT_TRUE(inserted.ok());
      package = *inserted;
      EXPECT_OK((*tx)->Commit());
    }
    auto id = service_->CreateDraft(official_, package, procedure, "harga_terendah_gugur");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_OK(documents_->AddDocument(official_, *id, "dokumen_pemilihan",
                                      Pdf("dokumen-" + procedure + ".pdf"), "")
                  .status());
    EXPECT_OK(service_->Publish(official_, *id));
    auto v = service_->Get(official_, *id);
    EXPECT_TRUE(v.ok());
    schedule_ = v->tender.schedule;
    return *id;
  }

  std::vector<AuditEntry> Audit(std::int64_t tender, const std::string& action) {
    auto tx = store_->Begin(Access::kRead);
    EXPECT_TRUE(tx.ok());
    AuditFilter f;
    f.object_type = "tender";
    f.object_id = std::to_string(tender);
    auto all = (*tx)->audit().Query(f);
    EXPECT_TRUE(all.ok());
    std::vector<AuditEntry> out;
    for (auto& e : *all) {
      if (e.action == action) out.push_back(std::move(e));
    }
    return out;
  }

  std::int64_t PendingMails() {
    auto tx = store_->Begin(Access::kRead);
    EXPECT_TRUE(tx.ok());
    auto n = (*tx)->outbox().CountByStatus("pending");
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<InvitationService> invitations_;
  std::unique_ptr<ParticipationService> participation_;
  Actor official_, other_official_;
};

TEST_F(InvitationServiceTest, INV_01_OnlyInvitedVendorsJoinAPengadaanLangsung) {
  const std::int64_t tender = Published("pengadaan_langsung", "pengadaan-langsung");
  Actor alfa = QualifiedVendor("cv.alfa", "CV Alfa Medika");
  Actor beta = QualifiedVendor("cv.beta", "CV Beta Alkes");
  Actor gamma = QualifiedVendor("cv.gamma", "CV Gamma Sehat");
  At("upload_penawaran");
  ASSERT_OK(invitations_->Invite(official_, tender, alfa.who.user_id).status());
  ASSERT_OK(invitations_->Invite(official_, tender, beta.who.user_id).status());

  ASSERT_OK(participation_->Join(alfa, tender, true));
  ASSERT_OK(participation_->Join(beta, tender, true));
  EXPECT_THAT(participation_->Join(gamma, tender, true),
              StatusIs(Code::kPermissionDenied, "invitation.not_invited"));
  // The join page tells the uninvited vendor why, and the tender page
  // offers the join button to invited vendors alone.
  ASSERT_OK_AND_ASSIGN(JoinView j, participation_->ToJoin(gamma, tender));
  EXPECT_THAT(j.may_join, StatusIs(Code::kPermissionDenied, "invitation.not_invited"));
  ASSERT_OK_AND_ASSIGN(TenderView seen_by_gamma, service_->Get(gamma, tender));
  EXPECT_FALSE(seen_by_gamma.invited);
  ASSERT_OK_AND_ASSIGN(TenderView seen_by_alfa, service_->Get(alfa, tender));
  EXPECT_TRUE(seen_by_alfa.invited);
  EXPECT_EQ(seen_by_alfa.participants, 2);
}

TEST_F(InvitationServiceTest, INV_01_AnOpenTenderStillTakesEveryVendor) {
  const std::int64_t tender = ReadyDraft();
  ASSERT_OK(service_->Publish(chair_, tender));
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender));
  schedule_ = v.tender.schedule;
  Actor open = QualifiedVendor("cv.terbuka", "CV Terbuka");
  At("pengumuman");
  ASSERT_OK(participation_->Join(open, tender, true));
  EXPECT_THAT(invitations_->Invite(member_, tender, open.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "invitation.not_required"));
  EXPECT_THAT(invitations_->View(member_, tender).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
}

TEST_F(InvitationServiceTest, INV_02_OnlyThePackagesOfficialInvitesQualifiedVendorsUntilTheUploadCloses) {
  const std::int64_t tender = Published("pengadaan_langsung", "pengadaan-langsung");
  Actor good = QualifiedVendor("cv.baik", "CV Baik");
  Actor expired = QualifiedVendor("cv.kedaluwarsa", "CV Izin Lama", "2020-01-31");
  Actor unlicensed = Vendor("cv.tanpa.izin", "CV Tanpa Izin");
  At("upload_penawaran");
  EXPECT_THAT(invitations_->Invite(good, tender, good.who.user_id).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(invitations_->Invite(other_official_, tender, good.who.user_id).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(invitations_->Invite(member_, tender, good.who.user_id).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(invitations_->View(other_official_, tender).status(),
              StatusIs(Code::kNotFound, "tender.not_found"));
  // RA-05's qualification holds for every invitation.
  EXPECT_THAT(invitations_->Invite(official_, tender, expired.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "auction.licence_expired"));
  EXPECT_THAT(invitations_->Invite(official_, tender, unlicensed.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "auction.no_licence"));
  EXPECT_THAT(invitations_->Invite(official_, tender, chair_.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "auction.not_vendor"));
  EXPECT_THAT(invitations_->Invite(official_, tender, 999999).status(),
              StatusIs(Code::kNotFound, "auction.vendor_not_found"));
  ASSERT_OK_AND_ASSIGN(InvitationView v, invitations_->View(official_, tender));
  EXPECT_OK(v.may_invite);
  ASSERT_TRUE(v.closes.has_value());
  EXPECT_EQ(v.closes->stage, "upload_penawaran");
  bool listed = false;
  for (const auto& c : v.candidates) {
    if (c.user_id == good.who.user_id) listed = c.eligible.ok() && !c.invited;
    if (c.user_id == expired.who.user_id) {
      EXPECT_FALSE(c.eligible.ok());
    }
  }
  EXPECT_TRUE(listed);

  ASSERT_OK(invitations_->Invite(official_, tender, good.who.user_id).status());
  EXPECT_THAT(invitations_->Invite(official_, tender, good.who.user_id).status(),
              StatusIs(Code::kAlreadyExists, "auction.already_invited"));
  AfterEndOf("upload_penawaran");
  Actor late = QualifiedVendor("cv.telat", "CV Telat");
  EXPECT_THAT(invitations_->Invite(official_, tender, late.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "invitation.closed"));
  ASSERT_OK_AND_ASSIGN(v, invitations_->View(official_, tender));
  EXPECT_THAT(v.may_invite, StatusIs(Code::kFailedPrecondition, "invitation.closed"));
  EXPECT_TRUE(v.candidates.empty());
  ASSERT_EQ(v.invitations.size(), 1u);
  EXPECT_EQ(v.invitations[0].company_name, "CV Baik");
  EXPECT_EQ(v.invitations[0].invited_by, official_.who.user_id);
}

TEST_F(InvitationServiceTest, INV_02_PenunjukanLangsungInvitesOnlyUntilItsUndanganStageEnds) {
  const std::int64_t tender = Published("penunjukan_langsung", "penunjukan-langsung");
  Actor vendor = QualifiedVendor("cv.tunjuk", "CV Tunjuk");
  AfterEndOf("undangan");
  ASSERT_LT(clock_.Now(), schedule_[Stage("upload_penawaran")].end);
  EXPECT_THAT(invitations_->Invite(official_, tender, vendor.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "invitation.closed"));
}

TEST_F(InvitationServiceTest, INV_03_PenunjukanLangsungInvitesExactlyOneVendor) {
  const std::int64_t tender = Published("penunjukan_langsung", "penunjukan-langsung");
  Actor first = QualifiedVendor("cv.pertama", "CV Pertama");
  Actor second = QualifiedVendor("cv.kedua", "CV Kedua");
  At("undangan");
  ASSERT_OK(invitations_->Invite(official_, tender, first.who.user_id).status());
  EXPECT_THAT(invitations_->Invite(official_, tender, second.who.user_id).status(),
              StatusIs(Code::kFailedPrecondition, "invitation.limit_reached"));
  EXPECT_THAT(invitations_->Invite(official_, tender, first.who.user_id).status(),
              StatusIs(Code::kAlreadyExists, "auction.already_invited"));
  ASSERT_OK_AND_ASSIGN(InvitationView v, invitations_->View(official_, tender));
  EXPECT_THAT(v.may_invite, StatusIs(Code::kFailedPrecondition, "invitation.limit_reached"));
  EXPECT_TRUE(v.candidates.empty());
  ASSERT_EQ(v.invitations.size(), 1u);
  EXPECT_EQ(Audit(tender, "tender.invite").size(), 1u);
  // The one invitee joins in the offer stage; the other may not.
  At("upload_penawaran");
  ASSERT_OK(participation_->Join(first, tender, true));
  EXPECT_THAT(participation_->Join(second, tender, true),
              StatusIs(Code::kPermissionDenied, "invitation.not_invited"));
}

TEST_F(InvitationServiceTest, INV_04_TheInviteeIsToldByInboxAndMailAndTheInvitationAudited) {
  const std::int64_t tender = Published("pengadaan_langsung", "pengadaan-langsung");
  Actor vendor = QualifiedVendor("cv.kabar", "CV Kabar Baik");
  At("upload_penawaran");
  const std::int64_t mails = PendingMails();
  ASSERT_OK(invitations_->Invite(official_, tender, vendor.who.user_id).status());
  EXPECT_EQ(PendingMails(), mails + 1);
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(vendor.who.user_id, 10, 0));
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_NE(inbox.front().subject.find("Undangan Pengadaan Langsung"), std::string::npos)
      << inbox.front().subject;
  EXPECT_NE(inbox.front().body.find("CV Kabar Baik"), std::string::npos);
  EXPECT_NE(inbox.front().body.find("/tender/" + std::to_string(tender)), std::string::npos);
  tx.reset();
  const auto entries = Audit(tender, "tender.invite");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].summary.find("CV Kabar Baik (cv.kabar) diundang"), std::string::npos);
}

TEST_F(InvitationServiceTest, INV_04_AnInvitationNeverStandsWithoutItsAuditEntry) {
  const std::int64_t tender = Published("pengadaan_langsung", "pengadaan-langsung");
  Actor vendor = QualifiedVendor("cv.jejak", "CV Jejak");
  At("upload_penawaran");
  const std::int64_t mails = PendingMails();
  NoAuditStore broken(*store_);
  InvitationService failing(broken, *composer_, clock_, catalogue_, InvitationConfig{kWib, kPublicUrl});
  EXPECT_THAT(failing.Invite(official_, tender, vendor.who.user_id).status(),
              StatusIs(Code::kUnavailable, "storage.error"));
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(bool invited, tx->auction().IsInvited(tender, vendor.who.user_id));
  EXPECT_FALSE(invited);
  ASSERT_OK_AND_ASSIGN(auto inbox, tx->inbox().List(vendor.who.user_id, 10, 0));
  EXPECT_TRUE(inbox.empty());
  tx.reset();
  EXPECT_EQ(PendingMails(), mails);
}

}  // namespace
}  // namespace spse::app
