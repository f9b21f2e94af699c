// Data penyedia through VendorDataService (issue 3, item 4): every edit is a
// version, old versions stay readable, only the vendor edits its own data
// and only it and the Verifikator/auditors read it.
#include "app/vendor_data_service.h"

#include "app/app_fixture.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::Role;
using domain::RoleSet;
using domain::VendorRow;

class VendorDataTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    service_ = std::make_unique<VendorDataService>(*store_, clock_, kWib);
    vendor_ = As("cv.maju", RoleSet{Role::kPenyedia});
    other_ = As("cv.lain", RoleSet{Role::kPenyedia});
    verifikator_ = As("verif.satu", RoleSet{Role::kVerifikator});
    auditor_ = As("auditor.satu", RoleSet{Role::kAuditor});
    ppk_ = As("ppk.satu", RoleSet{Role::kPpk}, CreateSkpd("DPUPR", "Dinas PUPR"));
  }

  Actor As(const std::string& username, RoleSet roles,
           std::optional<std::int64_t> agency = std::nullopt) {
    Actor a;
    a.who.user_id = CreateUser(username, roles, agency);
    a.who.username = username;
    a.who.roles = roles;
    a.client_addr = "10.0.0.9";
    return a;
  }

  // The vendors row registration leaves behind.
  static domain::Vendor Registered(std::int64_t user_id) {
    domain::Vendor v;
    v.user_id = user_id;
    v.company_name = "CV Maju";
    v.business_form = "CV";
    v.npwp = "012345678901000";
    v.address = "Jl. Halim Perdana Kusuma 2";
    v.regency = "Kabupaten Bangkalan";
    v.province = "Jawa Timur";
    v.phone = "031-3095111";
    v.company_email = "cv.maju@example.co.id";
    v.responsible_name = "Moh. Hasan";
    v.responsible_position = "Direktur";
    v.responsible_nik = "3526011203780001";
    return v;
  }

  static VendorRow Licence(const std::string& number, const std::string& until) {
    return {{"jenis", "SIUP"}, {"nomor", number}, {"instansi_pemberi", "DPMPTSP Bangkalan"},
            {"berlaku_sampai", until}, {"kualifikasi", "Kecil"}};
  }

  std::unique_ptr<VendorDataService> service_;
  Actor vendor_, other_, verifikator_, auditor_, ppk_;
};

TEST_F(VendorDataTest, EveryEditIsANewVersionAndOldVersionsStayAsTheyWere) {
  ASSERT_OK_AND_ASSIGN(int v1, service_->SaveRow(vendor_, "izin_usaha", std::nullopt,
                                                 Licence("503/1/2026", "2027-12-31"), 0));
  EXPECT_EQ(v1, 1);
  clock_.Advance(kMicrosPerHour);
  ASSERT_OK_AND_ASSIGN(int v2, service_->SaveRow(vendor_, "izin_usaha", 0,
                                                 Licence("503/2/2026", "2028-12-31"), 1));
  EXPECT_EQ(v2, 2);
  clock_.Advance(kMicrosPerHour);
  ASSERT_OK_AND_ASSIGN(int v3, service_->RemoveRow(vendor_, "izin_usaha", 0, 2));
  EXPECT_EQ(v3, 3);

  ASSERT_OK_AND_ASSIGN(auto now, service_->Current(vendor_, vendor_.who.user_id));
  EXPECT_EQ(now.record.version, 3);
  EXPECT_TRUE(now.record.data.Rows("izin_usaha").empty());

  ASSERT_OK_AND_ASSIGN(auto first, service_->Version(vendor_, vendor_.who.user_id, 1));
  EXPECT_FALSE(first.latest);
  EXPECT_EQ(first.record.data.Rows("izin_usaha").at(0).at("nomor"), "503/1/2026");

  // What the data said half an hour after the first save: version 1.
  ASSERT_OK_AND_ASSIGN(auto then, service_->AsOf(verifikator_, vendor_.who.user_id,
                                                 kStart + kMicrosPerHour / 2));
  EXPECT_EQ(then.record.version, 1);
  ASSERT_OK_AND_ASSIGN(auto before, service_->AsOf(verifikator_, vendor_.who.user_id, kStart - 1));
  EXPECT_EQ(before.record.version, 0);

  ASSERT_OK_AND_ASSIGN(auto history, service_->History(vendor_, vendor_.who.user_id));
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].summary, "izin_usaha hapus #1");
  EXPECT_EQ(history[2].summary, "izin_usaha tambah #1");
  EXPECT_EQ(AuditCount("vendor_data.edit"), 3);
}

TEST_F(VendorDataTest, ASaveBasedOnAnOldVersionIsRefusedAndChangesNothing) {
  ASSERT_OK(service_->SaveRow(vendor_, "izin_usaha", std::nullopt, Licence("A", ""), 0).status());
  // A second tab still showing version 0.
  EXPECT_THAT(service_->SaveRow(vendor_, "izin_usaha", std::nullopt, Licence("B", ""), 0),
              StatusIs(Code::kFailedPrecondition, "vendor_data.conflict"));
  ASSERT_OK_AND_ASSIGN(auto now, service_->Current(vendor_, vendor_.who.user_id));
  EXPECT_EQ(now.record.version, 1);
  ASSERT_EQ(now.record.data.Rows("izin_usaha").size(), 1u);
  EXPECT_EQ(AuditCount("vendor_data.edit"), 1);
}

TEST_F(VendorDataTest, BadInputIsRefusedWithTheFieldAndNothingIsStored) {
  VendorRow owner = {{"nama", "H. Abdul"}, {"nik", "35260101"}, {"saham_persen", "60"}};
  EXPECT_THAT(service_->SaveRow(vendor_, "pemilik", std::nullopt, owner, 0),
              StatusIs(Code::kInvalidArgument, "vendor_data.nik_invalid"));
  owner["nik"] = "3526 0101 0101 0001";
  ASSERT_OK(service_->SaveRow(vendor_, "pemilik", std::nullopt, owner, 0).status());
  // 60 % + 50 % is more than the company.
  owner["saham_persen"] = "50";
  EXPECT_THAT(service_->SaveRow(vendor_, "pemilik", std::nullopt, owner, 1),
              StatusIs(Code::kInvalidArgument, "vendor_data.shares_over_100"));
  EXPECT_THAT(service_->SaveRow(vendor_, "rahasia", std::nullopt, owner, 1),
              StatusIs(Code::kNotFound, "vendor_data.section_unknown"));
  EXPECT_THAT(service_->RemoveRow(vendor_, "pemilik", 5, 1),
              StatusIs(Code::kNotFound, "vendor_data.row_not_found"));
  ASSERT_OK_AND_ASSIGN(auto now, service_->Current(vendor_, vendor_.who.user_id));
  EXPECT_EQ(now.record.version, 1);
  EXPECT_EQ(now.record.data.Rows("pemilik").at(0).at("nik"), "3526010101010001");
}

TEST_F(VendorDataTest, ExpiredAndExpiringLicencesAreFlagged) {
  clock_.Set(kStart + 10 * kMicrosPerDay);  // 2026-01-11 WIB
  ASSERT_OK(service_->SaveRow(vendor_, "izin_usaha", std::nullopt, Licence("lama", "2026-01-10"), 0).status());
  ASSERT_OK(service_->SaveRow(vendor_, "izin_usaha", std::nullopt, Licence("hampir", "2026-02-01"), 1).status());
  ASSERT_OK(service_->SaveRow(vendor_, "izin_usaha", std::nullopt, Licence("nib", ""), 2).status());
  ASSERT_OK_AND_ASSIGN(auto now, service_->Current(vendor_, vendor_.who.user_id));
  EXPECT_EQ(now.today, "2026-01-11");
  EXPECT_EQ(now.expired, std::vector<size_t>{0});
  EXPECT_EQ(now.expiring, std::vector<size_t>{1});
}

TEST_F(VendorDataTest, TheRegisteredNpwpCannotBeChangedByAnEdit) {
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK(VendorDataService::Seed(*tx, clock_, verifikator_, vendor_.who.user_id,
                                      {{"nama", "CV Maju"}, {"npwp", "012345678901000"}}));
    ASSERT_OK(tx->vendors().Insert(Registered(vendor_.who.user_id)));
    ASSERT_OK(tx->Commit());
  }
  VendorRow identity = {{"nama", "CV Maju Jaya"}, {"bentuk_usaha", "CV"},
                        {"npwp", "999999999999999"}, {"alamat", "Jl. Soekarno Hatta 1"},
                        {"kabupaten_kota", "Bangkalan"}, {"provinsi", "Jawa Timur"},
                        {"telepon", "031-3095000"}, {"email", "info@cvmaju.co.id"}};
  ASSERT_OK_AND_ASSIGN(int v, service_->SaveRow(vendor_, "identitas", std::nullopt, identity, 1));
  EXPECT_EQ(v, 2);
  ASSERT_OK_AND_ASSIGN(auto now, service_->Current(vendor_, vendor_.who.user_id));
  ASSERT_EQ(now.record.data.Rows("identitas").size(), 1u) << "identitas holds one entry";
  EXPECT_EQ(now.record.data.Rows("identitas")[0].at("nama"), "CV Maju Jaya");
  EXPECT_EQ(now.record.data.Rows("identitas")[0].at("npwp"), "012345678901000");
  EXPECT_EQ(AuditCount("vendor_data.seed"), 1);
  // The registry (and the name the Daftar Penyedia shows) follows the edit.
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto registry, tx->vendors().FindByUser(vendor_.who.user_id));
  ASSERT_TRUE(registry.has_value());
  EXPECT_EQ(registry->company_name, "CV Maju Jaya");
  EXPECT_EQ(registry->npwp, "012345678901000");
  EXPECT_EQ(registry->regency, "Bangkalan");
  ASSERT_OK_AND_ASSIGN(auto user, tx->users().FindById(vendor_.who.user_id));
  EXPECT_EQ(user->full_name, "CV Maju Jaya");
}

TEST_F(VendorDataTest, AnIdentityTheRegistryRefusesIsNotSaved) {
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK(tx->vendors().Insert(Registered(vendor_.who.user_id)));
    ASSERT_OK(tx->Commit());
  }
  VendorRow identity = {{"nama", "CV Maju"}, {"bentuk_usaha", "CV"}, {"alamat", "Jl. Halim 2"},
                        {"kabupaten_kota", "Bangkalan"}, {"provinsi", "Jawa Timur"},
                        {"telepon", "031-3095111"}, {"email", "bukan-email"}};
  EXPECT_THAT(service_->SaveRow(vendor_, "identitas", std::nullopt, identity, 0),
              StatusIs(Code::kInvalidArgument, "vendor.email_invalid"));
  ASSERT_OK_AND_ASSIGN(auto now, service_->Current(vendor_, vendor_.who.user_id));
  EXPECT_EQ(now.record.version, 0) << "nothing stored";
}

TEST_F(VendorDataTest, OnlyTheVendorItselfAndTheVerifikatorOrAuditorsReadTheData) {
  ASSERT_OK(service_->SaveRow(vendor_, "izin_usaha", std::nullopt, Licence("A", ""), 0).status());
  const std::int64_t id = vendor_.who.user_id;
  EXPECT_OK(service_->Current(vendor_, id).status());
  EXPECT_OK(service_->Current(verifikator_, id).status());
  EXPECT_OK(service_->History(auditor_, id).status());
  // Another vendor, or an official without the permission, learns nothing,
  // not even that the vendor exists.
  EXPECT_THAT(service_->Current(other_, id), StatusIs(Code::kNotFound, "vendor.not_found"));
  EXPECT_THAT(service_->Version(other_, id, 1), StatusIs(Code::kNotFound, "vendor.not_found"));
  EXPECT_THAT(service_->AsOf(other_, id, kStart), StatusIs(Code::kNotFound, "vendor.not_found"));
  EXPECT_THAT(service_->History(ppk_, id), StatusIs(Code::kNotFound, "vendor.not_found"));
  // A non-vendor account has no data penyedia to show.
  EXPECT_THAT(service_->Current(verifikator_, ppk_.who.user_id),
              StatusIs(Code::kNotFound, "vendor.not_found"));
}

TEST_F(VendorDataTest, OnlyAVendorEditsAndOnlyItsOwnRecord) {
  EXPECT_THAT(service_->SaveRow(verifikator_, "izin_usaha", std::nullopt, Licence("A", ""), 0),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  // other_ edits; vendor_'s record is untouched.
  ASSERT_OK(service_->SaveRow(other_, "izin_usaha", std::nullopt, Licence("B", ""), 0).status());
  ASSERT_OK_AND_ASSIGN(auto mine, service_->Current(vendor_, vendor_.who.user_id));
  EXPECT_EQ(mine.record.version, 0);
}

}  // namespace
}  // namespace spse::app
