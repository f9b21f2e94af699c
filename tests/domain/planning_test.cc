// The planning rules (docs/rules.md, "Perencanaan"): each test is named
// after the rule id it proves.
#include "domain/planning.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

RupItem ARupItem() {
  RupItem it;
  it.agency_id = 1;
  it.name = "Rehabilitasi Jalan Poros Desa Burneh";
  it.fiscal_year = 2027;
  it.pagu = Money::FromRupiah(4'850'000'000);
  it.funding = "APBD";
  it.procurement_type = "konstruksi";
  it.method = "tender";
  it.selection_from = 2;
  it.selection_to = 3;
  it.work_from = 4;
  it.work_to = 9;
  it.location = "Kec. Burneh";
  return it;
}

HpsLine ALine(std::int64_t quantity_hundredths, std::int64_t unit_price_sen) {
  return HpsLine{"Laston lapis aus", "ton", quantity_hundredths, Money::FromSen(unit_price_sen)};
}

TEST(Rup, AValidItemPasses) { EXPECT_OK(ValidateRupItem(ARupItem())); }

TEST(Rup, RUP_01_PaguAboveZero) {
  RupItem it = ARupItem();
  it.pagu = Money();
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.pagu_invalid"));
  it.pagu = Money::FromSen(-1);
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.pagu_invalid"));
  it.pagu = Money::FromSen(1);
  EXPECT_OK(ValidateRupItem(it));
}

TEST(Rup, RUP_02_ScheduleMonthsInOrder) {
  RupItem it = ARupItem();
  it.selection_to = 1;  // before selection_from = 2
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.schedule_order"));
  it = ARupItem();
  it.work_from = 1;  // the work before the selection
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.schedule_order"));
  it = ARupItem();
  it.work_to = 13;
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.month_invalid"));
}

TEST(Rup, RUP_03_SeleksiOnlyForConsultancy) {
  RupItem it = ARupItem();
  it.method = "seleksi";
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.method_type_mismatch"));
  it.procurement_type = "konsultansi";
  EXPECT_OK(ValidateRupItem(it));
  it.method = "tender";
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.method_type_mismatch"));
  it.method = "pengadaan_langsung";
  EXPECT_OK(ValidateRupItem(it));
}

TEST(Rup, RUP_04_OnlyDraftsChangeAndOnlyPublishedItemsAreCancelledWithAReason) {
  RupItem it = ARupItem();
  EXPECT_OK(CheckRupEdit(it));
  EXPECT_OK(CheckRupPublish(it));
  EXPECT_THAT(CheckRupCancel(it, "alasan"), StatusIs(Code::kFailedPrecondition, "rup.not_published"));
  it.status = RupStatus::kPublished;
  EXPECT_THAT(CheckRupEdit(it), StatusIs(Code::kFailedPrecondition, "rup.not_draft"));
  EXPECT_THAT(CheckRupPublish(it), StatusIs(Code::kFailedPrecondition, "rup.not_draft"));
  EXPECT_THAT(CheckRupCancel(it, "  "), StatusIs(Code::kInvalidArgument, "rup.reason_required"));
  EXPECT_OK(CheckRupCancel(it, "Anggaran dialihkan untuk penanganan bencana"));
}

TEST(Rup, ChoicesAreTheCatalogueWords) {
  RupItem it = ARupItem();
  it.funding = "apbd";
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.funding_invalid"));
  it = ARupItem();
  it.method = "lelang";
  EXPECT_THAT(ValidateRupItem(it), StatusIs(Code::kInvalidArgument, "rup.method_invalid"));
}

TEST(Hps, QuantitiesHaveAtMostTwoDecimals) {
  EXPECT_EQ(ParseQuantity("2,5"), 250);
  EXPECT_EQ(ParseQuantity("2.5"), 250);
  EXPECT_EQ(ParseQuantity("0,25"), 25);
  EXPECT_EQ(ParseQuantity("12"), 1200);
  EXPECT_EQ(ParseQuantity("1,255"), std::nullopt);
  EXPECT_EQ(ParseQuantity("0"), std::nullopt);
  EXPECT_EQ(ParseQuantity("-1"), std::nullopt);
  EXPECT_EQ(ParseQuantity("1,2,3"), std::nullopt);
  EXPECT_EQ(ParseQuantity("abc"), std::nullopt);
  EXPECT_EQ(FormatQuantity(250), "2,5");
  EXPECT_EQ(FormatQuantity(1200), "12");
  EXPECT_EQ(FormatQuantity(25), "0,25");
}

// Worked examples: 1.850,25 ton x Rp 1.125.000 = Rp 2.081.531.250;
// 2,5 LS x Rp 30.000.000 = Rp 75.000.000; 0,33 kg x Rp 10,50 = Rp 3,465,
// rounded half up to Rp 3,47; 0,01 x Rp 0,49 = 0,0049 -> Rp 0,00.
TEST(Hps, PKT_04_LineTotalIsQuantityTimesUnitPriceRoundedHalfUpToTheSen) {
  EXPECT_EQ(LineTotal(ALine(185025, 112'500'000)), Money::FromRupiah(2'081'531'250));
  EXPECT_EQ(LineTotal(ALine(250, 3'000'000'000)), Money::FromRupiah(75'000'000));
  EXPECT_EQ(LineTotal(ALine(33, 1050)), Money::FromSen(347));
  EXPECT_EQ(LineTotal(ALine(1, 49)), Money::FromSen(0));
  EXPECT_EQ(LineTotal(ALine(1, 50)), Money::FromSen(1));
  EXPECT_EQ(LineTotal(ALine(100'000'000'000, 9'000'000'000'000'000)), std::nullopt);
  EXPECT_THAT(ValidateHpsLine(ALine(100'000'000'000, 9'000'000'000'000'000)),
              StatusIs(Code::kInvalidArgument, "hps.line_too_large"));
  EXPECT_THAT(ValidateHpsLine(ALine(0, 100)), StatusIs(Code::kInvalidArgument, "hps.quantity_invalid"));
  EXPECT_THAT(ValidateHpsLine(ALine(100, 0)), StatusIs(Code::kInvalidArgument, "hps.price_invalid"));
}

// Worked example: pagu Rp 100.000.000; lines Rp 75.000.000 + Rp 25.000.000
// reach it exactly (allowed); one more sen is refused.
TEST(Hps, PKT_01_HpsNeverAbovePagu) {
  const Money pagu = Money::FromRupiah(100'000'000);
  std::vector<HpsLine> lines = {ALine(250, 3'000'000'000), ALine(100, 2'500'000'000)};
  auto total = HpsTotal(lines);
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(*total, pagu);
  EXPECT_OK(CheckHpsWithinPagu(*total, pagu));
  lines.push_back(ALine(100, 1));
  total = HpsTotal(lines);
  ASSERT_TRUE(total.ok());
  EXPECT_THAT(CheckHpsWithinPagu(*total, pagu),
              StatusIs(Code::kFailedPrecondition, "paket.hps_above_pagu"));
}

TEST(Package, PKT_02_ItemsArePublishedOfOneYearAndOneMethod) {
  RupItem a = ARupItem(), b = ARupItem();
  EXPECT_THAT(CheckPackageItems({}), StatusIs(Code::kInvalidArgument, "paket.rup_required"));
  EXPECT_THAT(CheckPackageItems({a}), StatusIs(Code::kFailedPrecondition, "paket.rup_not_published"));
  a.status = b.status = RupStatus::kPublished;
  EXPECT_OK(CheckPackageItems({a, b}));
  b.fiscal_year = 2028;
  EXPECT_THAT(CheckPackageItems({a, b}), StatusIs(Code::kInvalidArgument, "paket.rup_mixed_year"));
  b = a;
  b.method = "tender_cepat";
  EXPECT_THAT(CheckPackageItems({a, b}), StatusIs(Code::kInvalidArgument, "paket.rup_mixed_method"));
  EXPECT_EQ(TotalPagu({a, a}), Money::FromRupiah(9'700'000'000));
}

TEST(Package, PKT_03_TheMethodDecidesWhoRunsIt) {
  EXPECT_EQ(AssigneeFor("tender"), Assignee::kPokja);
  EXPECT_EQ(AssigneeFor("seleksi"), Assignee::kPokja);
  EXPECT_EQ(AssigneeFor("tender_cepat"), Assignee::kPokja);
  EXPECT_EQ(AssigneeFor("pengadaan_langsung"), Assignee::kPejabatPengadaan);
  EXPECT_EQ(AssigneeFor("penunjukan_langsung"), Assignee::kPejabatPengadaan);
  EXPECT_EQ(AssigneeFor("e_purchasing"), Assignee::kNone);
  EXPECT_EQ(AssigneeFor("swakelola"), Assignee::kNone);
  Package p;
  p.hps.push_back(ALine(100, 100));
  EXPECT_THAT(CheckAssignment(p, "tender", true, Assignee::kPejabatPengadaan),
              StatusIs(Code::kInvalidArgument, "paket.assignee_wrong_kind"));
  EXPECT_THAT(CheckAssignment(p, "swakelola", true, Assignee::kPokja),
              StatusIs(Code::kFailedPrecondition, "paket.method_not_procured"));
  EXPECT_OK(CheckAssignment(p, "tender", true, Assignee::kPokja));
}

TEST(Package, PKT_05_HandedOverOnlyFromDraftWithHpsAndKak) {
  Package p;
  EXPECT_THAT(CheckAssignment(p, "tender", true, Assignee::kPokja),
              StatusIs(Code::kFailedPrecondition, "paket.hps_required"));
  p.hps.push_back(ALine(100, 100));
  EXPECT_THAT(CheckAssignment(p, "tender", false, Assignee::kPokja),
              StatusIs(Code::kFailedPrecondition, "paket.kak_required"));
  p.status = PackageStatus::kAssigned;
  EXPECT_THAT(CheckAssignment(p, "tender", true, Assignee::kPokja),
              StatusIs(Code::kFailedPrecondition, "paket.not_draft"));
}

TEST(Package, ValidationNamesTheField) {
  Package p;
  p.name = "Jembatan";
  p.rup_ids = {1};
  p.contract_type = "lumsum";
  p.qualification = "kecil";
  EXPECT_OK(ValidatePackage(p));
  p.contract_type = "borongan";
  EXPECT_THAT(ValidatePackage(p), StatusIs(Code::kInvalidArgument, "paket.contract_type_invalid"));
  p.contract_type = "kontrak_payung";
  p.qualification = "menengah";
  EXPECT_THAT(ValidatePackage(p), StatusIs(Code::kInvalidArgument, "paket.qualification_invalid"));
}

// Printed documents (BA Hasil Pemilihan, SPPBJ, Ringkasan Kontrak) name the
// contract type as the pages do: web/i18n/id.json's plan.contract.*.
TEST(Package, ContractTypeNamesAreThePagesIndonesianNames) {
  std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/web/i18n/id.json");
  ASSERT_TRUE(in) << "web/i18n/id.json";
  const std::string catalogue((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::string_view code : ContractTypes()) {
    const std::string entry = "\"plan.contract." + std::string(code) + "\": \"" +
                              std::string(ContractTypeName(code)) + "\"";
    EXPECT_NE(catalogue.find(entry), std::string::npos) << entry;
  }
  EXPECT_EQ(ContractTypeName("harga_satuan"), "Harga Satuan");
  EXPECT_EQ(ContractTypeName("borongan"), "borongan");
}

}  // namespace
}  // namespace spse::domain

namespace spse::domain {
namespace {

// scripts/rules-doc.py keeps the planning rules; docs/rules.md must list them.
TEST(PlanningRules, EveryPlanningRuleIdIsListedInDocsRules) {
  std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* id : {"RUP-01", "RUP-02", "RUP-03", "RUP-04", "PKT-01", "PKT-02", "PKT-03",
                         "PKT-04", "PKT-05"}) {
    EXPECT_NE(doc.find(std::string("| ") + id + " |"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace spse::domain
