// A Pokja group of three, a published construction RUP item and its package
// handed to the group, on the shipped catalogue, the shipped mail templates
// and a fake clock: what the tender tests start from.
#ifndef SPSE_TESTS_APP_TENDER_FIXTURE_H_
#define SPSE_TESTS_APP_TENDER_FIXTURE_H_

#include <memory>
#include <set>
#include <string>

#include "app/app_fixture.h"
#include "app/tender_document_service.h"
#include "app/tender_service.h"
#include "catalog/catalogue_loader.h"
#include "domain/vendor_data.h"
#include "mail/template_composer.h"
#include "testing/status_matchers.h"

namespace spse::app {

using domain::Role;
using domain::RoleSet;
using domain::TenderStatus;

class TenderFixture : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto c = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    ASSERT_OK(c.status());
    catalogue_ = *c;
    calendar_.holidays = holidays_;
    auto composer = mail::TemplateComposer::Load(std::string(SPSE_SOURCE_DIR) + "/web/mail");
    ASSERT_OK(composer.status());
    composer_ = std::move(*composer);
    service_ = std::make_unique<TenderService>(
        *store_, clock_, catalogue_, [this] { return calendar_; }, *composer_, kPublicUrl);
    documents_ = std::make_unique<TenderDocumentService>(*store_, *composer_, clock_, catalogue_,
                                                         kPublicUrl);
    agency_ = CreateSkpd("BPBJ", "Bagian Pengadaan Barang/Jasa");
    chair_ = As("pokja.ketua", Role::kPokja);
    member_ = As("pokja.anggota", Role::kPokja);
    third_ = As("pokja.tiga", Role::kPokja);
    outsider_ = As("pokja.lain", Role::kPokja);
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::PokjaGroup g;
    g.name = "Pokja Pemilihan Uji";
    g.agency_id = agency_;
    g.chair_id = chair_.who.user_id;
    g.member_ids = {chair_.who.user_id, member_.who.user_id, third_.who.user_id};
    g.created_at = clock_.Now();
    ASSERT_OK_AND_ASSIGN(group_, tx->pokja().Insert(g));
    domain::RupItem item;
    item.agency_id = agency_;
    item.name = "Rehabilitasi Jalan Ruas Burneh - Tanah Merah";
    item.fiscal_year = 2026;
    item.pagu = Money::FromRupiah(1'500'000'000);
    item.funding = "APBD";
    item.procurement_type = "konstruksi";
    item.method = "tender";
    item.selection_from = 1;
    item.selection_to = 2;
    item.work_from = 3;
    item.work_to = 9;
    item.location = "Bangkalan";
    item.description = "Uji";
    item.status = domain::RupStatus::kPublished;
    item.created_by = chair_.who.user_id;
    ASSERT_OK_AND_ASSIGN(std::int64_t rup, tx->rup().Insert(item));
    domain::Package p;
    p.agency_id = agency_;
    p.ppk_id = chair_.who.user_id;
    p.name = item.name;
    p.rup_ids = {rup};
    p.contract_type = "harga_satuan";
    p.qualification = "kecil";
    p.hps = {{"Lapis AC-WC", "m2", 400000, Money::FromRupiah(300'000)}};
    p.status = domain::PackageStatus::kAssigned;
    p.pokja_group_id = group_;
    ASSERT_OK_AND_ASSIGN(package_, tx->packages().Insert(p, 2026));
    ASSERT_OK(tx->Commit());
  }

  Actor As(const std::string& username, Role role) {
    Actor a;
    a.who.user_id = CreateUser(username, RoleSet{role}, agency_);
    a.who.username = username;
    a.who.roles = RoleSet{role};
    a.client_addr = "10.0.0.7";
    return a;
  }

  std::int64_t Draft() {
    auto id = service_->CreateDraft(member_, package_, "tender-pasca-satu-file", "harga_terendah_gugur");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // A PDF as the upload path hands it over (the blob itself is not needed here).
  domain::Attachment Pdf(const std::string& filename) {
    return domain::Attachment{crypto_.Sha256Hex(filename), filename, "application/pdf", 48'213};
  }

  // Uploads `filename` as the tender's next `kind` version; the document.
  domain::TenderDocument Upload(std::int64_t tender, const std::string& kind,
                                const std::string& filename, const std::string& reason = "") {
    auto doc = documents_->AddDocument(member_, tender, kind, Pdf(filename), reason);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    return doc.ok() ? *doc : domain::TenderDocument{};
  }

  // A draft with its Dokumen Pemilihan uploaded: ready for the chair to publish (DOC-01).
  std::int64_t ReadyDraft() {
    const std::int64_t id = Draft();
    Upload(id, "dokumen_pemilihan", "dokumen-pemilihan-v1.pdf");
    return id;
  }

  Actor Vendor(const std::string& username, const std::string& company) {
    Actor a = As(username, Role::kPenyedia);
    auto tx = store_->Begin(Access::kWrite);
    EXPECT_TRUE(tx.ok());
    domain::Vendor v;
    v.user_id = a.who.user_id;
    v.company_name = company;
    v.business_form = "CV";
    v.npwp = std::to_string(100000000000000 + a.who.user_id);
    v.address = "Jl. Halim Perdana Kusuma 2";
    v.regency = "Kabupaten Bangkalan";
    v.province = "Jawa Timur";
    v.phone = "031-3095111";
    v.company_email = username + "@example.co.id";
    v.responsible_name = "Moh. Hasan";
    v.responsible_position = "Direktur";
    v.responsible_nik = "3526011203780001";
    EXPECT_OK((*tx)->vendors().Insert(v));
    EXPECT_OK((*tx)->Commit());
    return a;
  }

  // A verified vendor with company data and a business licence valid until
  // `until`: qualified to be invited (RA-05).
  Actor QualifiedVendor(const std::string& username, const std::string& company,
                        const std::string& until = "2030-12-31") {
    Actor a = Vendor(username, company);
    auto tx = store_->Begin(Access::kWrite);
    EXPECT_TRUE(tx.ok());
    domain::VendorDataVersion d;
    d.vendor_id = a.who.user_id;
    d.version = 1;
    d.created_at = clock_.Now();
    d.created_by = a.who.user_id;
    d.data.sections["izin_usaha"] = {{{"jenis", "NIB"}, {"nomor", "9120" + username},
                                      {"instansi_pemberi", "OSS"}, {"berlaku_sampai", until},
                                      {"kualifikasi", "Kecil"}}};
    EXPECT_OK((*tx)->vendor_data().Append(d));
    EXPECT_OK((*tx)->Commit());
    return a;
  }

  // The stage of the procedure named `code`: its index in the schedule.
  size_t Stage(const std::string& code) {
    for (size_t i = 0; i < schedule_.size(); ++i) {
      if (schedule_[i].stage == code) return i;
    }
    ADD_FAILURE() << "no stage " << code;
    return 0;
  }
  void At(const std::string& stage, Micros into = kMicrosPerHour) {
    clock_.Set(schedule_[Stage(stage)].start + into);
  }
  void AfterEndOf(const std::string& stage) { clock_.Set(schedule_[Stage(stage)].end + 1); }

  static constexpr const char* kPublicUrl = "https://spse.test";
  domain::Catalogue catalogue_;
  std::unique_ptr<mail::TemplateComposer> composer_;
  std::unique_ptr<TenderDocumentService> documents_;
  std::set<std::string> holidays_;
  domain::WorkingCalendar calendar_;
  std::unique_ptr<TenderService> service_;
  std::int64_t agency_ = 0, group_ = 0, package_ = 0;
  Actor chair_, member_, third_, outsider_;
  domain::Schedule schedule_;  // of the tender a test published (Stage, At)
};

}  // namespace spse::app

#endif  // SPSE_TESTS_APP_TENDER_FIXTURE_H_
