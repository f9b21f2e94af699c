// The data penyedia's fields and rules (issue 3, item 4).
#include "domain/vendor_data.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

const SectionSpec& Section(std::string_view key) {
  const SectionSpec* s = FindSection(key);
  EXPECT_NE(s, nullptr) << key;
  return *s;
}

TEST(VendorSections, CoverEveryPartOfTheDataPenyedia) {
  std::vector<std::string_view> keys;
  for (const SectionSpec& s : VendorSections()) keys.push_back(s.key);
  EXPECT_EQ(keys, (std::vector<std::string_view>{"identitas", "izin_usaha", "akta", "pemilik",
                                                  "pengurus", "tenaga_ahli", "peralatan",
                                                  "pengalaman", "pajak"}));
  EXPECT_EQ(FindSection("rahasia"), nullptr);
}

TEST(NormaliseRow, KeepsValuesInTheirStoredFormAndDropsUnknownFields) {
  VendorRow in = {{"nama_paket", "  Rehabilitasi Jalan Tangkel  "},
                  {"lokasi", "Bangkalan"},
                  {"pemberi_tugas", "Dinas PUPR"},
                  {"nomor_kontrak", "027/14/2025"},
                  {"tanggal_kontrak", "2025-03-01"},
                  {"nilai_kontrak", "Rp 1.250.000.000"},
                  {"selesai", "2025-09-30"},
                  {"siapa", "diabaikan"}};
  ASSERT_OK_AND_ASSIGN(VendorRow out, NormaliseRow(Section("pengalaman"), in));
  EXPECT_EQ(out.at("nama_paket"), "Rehabilitasi Jalan Tangkel");
  EXPECT_EQ(out.at("nilai_kontrak"), "125000000000") << "sen";
  EXPECT_EQ(out.at("bidang"), "");
  EXPECT_EQ(out.count("siapa"), 0u);
}

TEST(NormaliseRow, RefusesEachKindOfBadValueNamingTheField) {
  struct Case {
    std::string_view section, field, value, reason;
  };
  const Case cases[] = {
      {"pemilik", "nama", "", "vendor_data.required"},
      {"pemilik", "nik", "12345", "vendor_data.nik_invalid"},
      {"pemilik", "saham_persen", "100.5", "vendor_data.percent_invalid"},
      {"pemilik", "saham_persen", "-1", "vendor_data.percent_invalid"},
      {"akta", "tanggal", "2025-02-30", "vendor_data.date_invalid"},
      {"akta", "tanggal", "30/01/2025", "vendor_data.date_invalid"},
      {"akta", "jenis", "Pembubaran", "vendor_data.choice_invalid"},
      {"peralatan", "jumlah", "dua", "vendor_data.integer_invalid"},
      {"peralatan", "tahun_pembuatan", "95", "vendor_data.year_invalid"},
      {"pengalaman", "nilai_kontrak", "1,2,3", "vendor_data.money_invalid"},
      {"izin_usaha", "nomor", std::string_view("A\0B", 3), "vendor_data.text_invalid"},
      {"izin_usaha", "nomor", "baris\nkedua", "vendor_data.text_invalid"},
  };
  for (const Case& c : cases) {
    const SectionSpec& s = Section(c.section);
    // A row valid everywhere except the field under test.
    VendorRow row;
    for (const FieldSpec& f : s.fields) {
      std::string good = "x";
      switch (f.kind) {
        case FieldKind::kDate: good = "2025-01-31"; break;
        case FieldKind::kInteger: good = "2"; break;
        case FieldKind::kYear: good = "2020"; break;
        case FieldKind::kMoney: good = "1000"; break;
        case FieldKind::kPercent: good = "10"; break;
        case FieldKind::kNik: good = "3526010101010001"; break;
        case FieldKind::kChoice: good = std::string(f.choices.front()); break;
        default: break;
      }
      row[std::string(f.key)] = good;
    }
    ASSERT_OK(NormaliseRow(s, row).status()) << c.section;
    row[std::string(c.field)] = std::string(c.value);
    auto out = NormaliseRow(s, row);
    EXPECT_THAT(out, StatusIs(Code::kInvalidArgument, std::string(c.reason)))
        << c.section << "." << c.field << " = " << c.value;
    if (!out.ok()) {
      EXPECT_EQ(out.status().message(), c.field);
    }
  }
}

TEST(NormaliseRow, AcceptsTheWaysIndonesiansWriteNumbers) {
  VendorRow owner = {{"nama", "Hj. Siti"}, {"nik", "3526.0101.0101.0001"}, {"saham_persen", "33,5"}};
  ASSERT_OK_AND_ASSIGN(VendorRow out, NormaliseRow(Section("pemilik"), owner));
  EXPECT_EQ(out.at("nik"), "3526010101010001");
  EXPECT_EQ(out.at("saham_persen"), "33.5");
  VendorRow tool = {{"nama", "Excavator"}, {"jumlah", "1.200"}, {"kondisi", "Baik"},
                    {"status_kepemilikan", "Sewa"}};
  ASSERT_OK_AND_ASSIGN(VendorRow t, NormaliseRow(Section("peralatan"), tool));
  EXPECT_EQ(t.at("jumlah"), "1200");
}

TEST(NormaliseRow, AnEndBeforeItsStartIsRefused) {
  VendorRow manager = {{"nama", "Ahmad"}, {"nik", "3526010101010001"}, {"jabatan", "Direktur"},
                       {"mulai", "2024-05-01"}, {"sampai", "2024-04-30"}};
  auto out = NormaliseRow(Section("pengurus"), manager);
  EXPECT_THAT(out, StatusIs(Code::kInvalidArgument, "vendor_data.range_invalid"));
  manager["sampai"] = "2024-05-01";
  EXPECT_OK(NormaliseRow(Section("pengurus"), manager).status());
}

TEST(ValidateSection, OwnersSharesCannotExceedTheWholeCompany) {
  std::vector<VendorRow> owners = {{{"saham_persen", "60"}}, {{"saham_persen", "40"}}};
  EXPECT_OK(ValidateSection(Section("pemilik"), owners));
  owners.push_back({{"saham_persen", "0.01"}});
  EXPECT_THAT(ValidateSection(Section("pemilik"), owners),
              StatusIs(Code::kInvalidArgument, "vendor_data.shares_over_100"));
  EXPECT_THAT(ValidateSection(Section("identitas"), {{}, {}}),
              StatusIs(Code::kInvalidArgument, "vendor_data.single_row"));
}

TEST(Licences, ExpiredOnesArePastTheirDateAndTheUnlimitedNeverExpire) {
  VendorData d;
  d.sections["izin_usaha"] = {{{"berlaku_sampai", "2026-11-25"}},
                              {{"berlaku_sampai", "2026-11-26"}},
                              {{"berlaku_sampai", ""}},
                              {{"berlaku_sampai", "2026-12-20"}},
                              {{"berlaku_sampai", "2027-06-01"}}};
  EXPECT_EQ(ExpiredLicences(d, "2026-11-26"), std::vector<size_t>{0});
  EXPECT_EQ(ExpiringLicences(d, "2026-11-26", 30), (std::vector<size_t>{1, 3}));
}

}  // namespace
}  // namespace spse::domain
