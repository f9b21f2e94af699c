// PlanningService: object-level rules across agencies, the audit entry of
// each change, and the all-or-nothing CSV import with its report.
#include "app/planning_service.h"

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "testing/status_matchers.h"

namespace spse::app {
namespace {

using domain::Role;

class PlanningTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    planning_ = std::make_unique<PlanningService>(*store_, clock_);
    dpupr_ = CreateSkpd("DPUPR", "Dinas PUPR");
    dinkes_ = CreateSkpd("DINKES", "Dinas Kesehatan");
    pakpa_ = Official("pakpa.dpupr", Role::kPaKpa, dpupr_);
    pakpa_dinkes_ = Official("pakpa.dinkes", Role::kPaKpa, dinkes_);
    ppk_ = Official("ppk.dpupr", Role::kPpk, dpupr_);
    ppk_dinkes_ = Official("ppk.dinkes", Role::kPpk, dinkes_);
  }

  Actor Official(const std::string& username, Role role, std::int64_t agency) {
    Actor a;
    a.who.user_id = CreateUser(username, domain::RoleSet{role}, agency);
    a.who.username = username;
    a.who.roles = domain::RoleSet{role};
    a.who.agency_id = agency;
    a.client_addr = "10.0.0.9";
    return a;
  }

  static RupFields Fields(const std::string& agency, const std::string& pagu = "100.000.000") {
    return {{"nama_paket", "Pembangunan Talud"}, {"kode_instansi", agency},
            {"tahun_anggaran", "2027"}, {"pagu", pagu}, {"sumber_dana", "APBD"},
            {"jenis_pengadaan", "konstruksi"}, {"metode", "tender"},
            {"pemilihan_mulai", "2"}, {"pemilihan_selesai", "3"},
            {"pelaksanaan_mulai", "4"}, {"pelaksanaan_selesai", "9"},
            {"lokasi", "Bangkalan"}, {"uraian", ""}};
  }

  std::int64_t Published(const Actor& pakpa, const std::string& agency) {
    auto id = planning_->CreateRup(pakpa, Fields(agency));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_OK(planning_->PublishRup(pakpa, *id));
    return *id;
  }

  std::unique_ptr<PlanningService> planning_;
  std::int64_t dpupr_ = 0, dinkes_ = 0;
  Actor pakpa_, pakpa_dinkes_, ppk_, ppk_dinkes_;
};

TEST_F(PlanningTest, APaKpaChangesOnlyItsOwnAgencysItems) {
  auto id = planning_->CreateRup(pakpa_dinkes_, Fields("DINKES"));
  ASSERT_TRUE(id.ok());
  EXPECT_THAT(planning_->OwnRup(pakpa_, *id), StatusIs(Code::kNotFound, "rup.not_found"));
  EXPECT_THAT(planning_->PublishRup(pakpa_, *id), StatusIs(Code::kNotFound, "rup.not_found"));
  EXPECT_THAT(planning_->UpdateRup(pakpa_, *id, Fields("DPUPR")),
              StatusIs(Code::kNotFound, "rup.not_found"));
  EXPECT_THAT(planning_->CreateRup(pakpa_, Fields("DINKES")).status(),
              StatusIs(Code::kInvalidArgument, "rup.agency_invalid"));
  EXPECT_THAT(planning_->CreateRup(ppk_, Fields("DPUPR")).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
}

TEST_F(PlanningTest, EachChangeWritesItsAuditEntry) {
  const std::int64_t id = Published(pakpa_, "DPUPR");
  EXPECT_EQ(AuditCount("rup.create"), 1);
  EXPECT_EQ(AuditCount("rup.publish"), 1);
  EXPECT_OK(planning_->CancelRup(pakpa_, id, "Anggaran dialihkan"));
  EXPECT_EQ(AuditCount("rup.cancel"), 1);
  EXPECT_THAT(planning_->PublicItem("RUP-2027-999999").status(),
              StatusIs(Code::kNotFound, "rup.not_found"));
}

TEST_F(PlanningTest, APpkUsesOnlyItsAgencysItemsAndReadsOnlyItsAgencysPackages) {
  const std::int64_t ours = Published(pakpa_, "DPUPR");
  const std::int64_t theirs = Published(pakpa_dinkes_, "DINKES");
  PackageFields f{"Talud", {theirs}, "lumsum", "kecil"};
  EXPECT_THAT(planning_->CreatePackage(ppk_, f).status(), StatusIs(Code::kNotFound, "rup.not_found"));
  f.rup_ids = {ours};
  auto pkg = planning_->CreatePackage(ppk_, f);
  ASSERT_TRUE(pkg.ok()) << pkg.status().ToString();
  EXPECT_EQ(AuditCount("package.create"), 1);
  EXPECT_THAT(planning_->GetPackage(ppk_dinkes_, *pkg).status(),
              StatusIs(Code::kNotFound, "paket.not_found"));
  EXPECT_THAT(planning_->AddHpsLine(ppk_dinkes_, *pkg, {"x", "LS", "1", "1"}),
              StatusIs(Code::kNotFound, "paket.not_found"));
  // PKT-01 through the use case: Rp 100.000.000 of pagu.
  EXPECT_OK(planning_->AddHpsLine(ppk_, *pkg, {"Struktur", "LS", "2,5", "40.000.000"}));
  EXPECT_THAT(planning_->AddHpsLine(ppk_, *pkg, {"Atap", "LS", "1", "0,01"}),
              StatusIs(Code::kFailedPrecondition, "paket.hps_above_pagu"));
  auto view = planning_->GetPackage(ppk_, *pkg);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->hps_total, Money::FromRupiah(100'000'000));
  EXPECT_EQ(AuditCount("package.hps"), 1);
  // A RUP item is in one package only.
  EXPECT_THAT(planning_->CreatePackage(ppk_, f).status(),
              StatusIs(Code::kAlreadyExists, "paket.rup_taken"));
}

TEST_F(PlanningTest, CsvImportIsAllOrNothingWithAReportPerRow) {
  const std::string header =
      "nama_paket;kode_instansi;tahun_anggaran;pagu;sumber_dana;jenis_pengadaan;metode;"
      "pemilihan_mulai;pemilihan_selesai;pelaksanaan_mulai;pelaksanaan_selesai;lokasi;uraian\n";
  const std::string good = "Jalan Kramat;DPUPR;2027;1.100.000.000;APBD;konstruksi;tender;2;3;4;8;Bangkalan;\"a; b\"\n";
  const std::string bad = "Truk;DPUPR;2027;1000;APBN;barang;seleksi;2;3;4;8;Bangkalan;\n";
  const std::string other = "Obat;DINKES;2027;1000;APBN;barang;tender;2;3;4;8;Bangkalan;\n";
  auto report = planning_->ImportCsv(pakpa_, "\xEF\xBB\xBF" + header + good + bad + other, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->stored, 0);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 3);
  EXPECT_EQ(report->errors[0].column, "metode");
  EXPECT_EQ(report->errors[0].error.reason(), "rup.method_type_mismatch");
  EXPECT_EQ(report->errors[1].row, 4);
  EXPECT_EQ(report->errors[1].column, "kode_instansi");
  RupFilter all;
  EXPECT_EQ(planning_->SearchPublic(all)->total, 0);
  EXPECT_EQ(AuditCount("rup.import"), 0);

  report = planning_->ImportCsv(pakpa_, header + good, true);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->stored, 1);
  EXPECT_EQ(planning_->SearchPublic(all)->total, 1);
  EXPECT_EQ(AuditCount("rup.import"), 1);

  EXPECT_THAT(planning_->ImportCsv(pakpa_, "nama;x\n1;2\n", false).status(),
              StatusIs(Code::kInvalidArgument, "rup_import.header"));
  EXPECT_THAT(planning_->ImportCsv(pakpa_, header + "Caf\xE9;DPUPR\n", false).status(),
              StatusIs(Code::kInvalidArgument, "rup_import.encoding"));
  EXPECT_THAT(planning_->ImportCsv(pakpa_, header, false).status(),
              StatusIs(Code::kInvalidArgument, "rup_import.empty"));
}

TEST_F(PlanningTest, AnUnverifiedOfficialGetsNothing) {
  Actor a = pakpa_;
  a.who.verified = false;
  EXPECT_THAT(planning_->CreateRup(a, Fields("DPUPR")).status(),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
}

}  // namespace
}  // namespace spse::app
