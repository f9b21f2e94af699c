#include "domain/vendor_data.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

#include "base/civil.h"
#include "base/money.h"

namespace spse::domain {
namespace {

using K = FieldKind;

// The forms registration accepts (domain/registration.cc BusinessForms()).
constexpr std::array<std::string_view, 7> kBusinessForms = {
    "PT", "CV", "Firma", "Koperasi", "UD", "Perorangan", "Persekutuan Perdata"};
constexpr std::array<std::string_view, 2> kYesNo = {"Ya", "Tidak"};
constexpr std::array<std::string_view, 8> kLicenceTypes = {
    "NIB", "SIUP", "IUJK", "SBU", "SIUJK", "SKA/SKK", "Izin Operasional", "Lainnya"};
constexpr std::array<std::string_view, 4> kQualifications = {"Kecil", "Menengah", "Besar",
                                                              "Non-kecil"};
constexpr std::array<std::string_view, 2> kDeedKinds = {"Pendirian", "Perubahan"};
constexpr std::array<std::string_view, 2> kEmployment = {"Tetap", "Tidak tetap"};
constexpr std::array<std::string_view, 3> kConditions = {"Baik", "Rusak ringan", "Rusak berat"};
constexpr std::array<std::string_view, 3> kOwnership = {"Milik sendiri", "Sewa", "Sewa beli"};
constexpr std::array<std::string_view, 6> kTaxKinds = {
    "SPT Tahunan", "PPN", "PPh Pasal 21", "PPh Pasal 23", "PPh Pasal 25", "Lainnya"};
constexpr std::array<std::string_view, 38> kProvinces = {
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi",
    "Sumatera Selatan", "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta",
    "Jawa Barat", "Banten", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Bali",
    "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah",
    "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Gorontalo",
    "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku",
    "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Selatan", "Papua Tengah",
    "Papua Pegunungan"};

constexpr FieldSpec kIdentity[] = {
    {"nama", K::kText, true},
    {"bentuk_usaha", K::kChoice, true, kBusinessForms},
    {"npwp", K::kText, false, {}, true},
    {"pkp", K::kChoice, false, kYesNo},
    {"alamat", K::kLongText, true},
    {"kabupaten_kota", K::kText, true},
    {"provinsi", K::kChoice, true, kProvinces},
    {"kode_pos", K::kText},
    {"telepon", K::kText, true},
    {"email", K::kText, true},
    {"situs_web", K::kText},
};
constexpr FieldSpec kLicences[] = {
    {"jenis", K::kChoice, true, kLicenceTypes},
    {"nomor", K::kText, true},
    {"berlaku_sampai", K::kDate},  // empty: valid while the business exists (NIB)
    {"instansi_pemberi", K::kText, true},
    {"kualifikasi", K::kChoice, false, kQualifications},
    {"klasifikasi", K::kLongText},  // KBLI codes and sub-fields
};
constexpr FieldSpec kDeeds[] = {
    {"jenis", K::kChoice, true, kDeedKinds},
    {"nomor", K::kText, true},
    {"tanggal", K::kDate, true},
    {"notaris", K::kText, true},
    {"pengesahan", K::kText},  // SK Kemenkumham
};
constexpr FieldSpec kOwners[] = {
    {"nama", K::kText, true},
    {"nik", K::kNik, true},
    {"alamat", K::kLongText},
    {"saham_persen", K::kPercent, true},
};
constexpr FieldSpec kManagers[] = {
    {"nama", K::kText, true},
    {"nik", K::kNik, true},
    {"jabatan", K::kText, true},
    {"mulai", K::kDate},
    {"sampai", K::kDate},
};
constexpr FieldSpec kExperts[] = {
    {"nama", K::kText, true},
    {"tanggal_lahir", K::kDate},
    {"pendidikan", K::kText, true},
    {"keahlian", K::kText, true},
    {"pengalaman_tahun", K::kInteger, true},
    {"sertifikat", K::kText},
    {"status_kepegawaian", K::kChoice, true, kEmployment},
};
constexpr FieldSpec kEquipment[] = {
    {"nama", K::kText, true},
    {"jumlah", K::kInteger, true},
    {"kapasitas", K::kText},
    {"merk_tipe", K::kText},
    {"tahun_pembuatan", K::kYear},
    {"kondisi", K::kChoice, true, kConditions},
    {"status_kepemilikan", K::kChoice, true, kOwnership},
    {"lokasi", K::kText},
};
constexpr FieldSpec kExperience[] = {
    {"nama_paket", K::kText, true},
    {"bidang", K::kText},
    {"lokasi", K::kText, true},
    {"pemberi_tugas", K::kText, true},
    {"nomor_kontrak", K::kText, true},
    {"tanggal_kontrak", K::kDate, true},
    {"nilai_kontrak", K::kMoney, true},
    {"selesai", K::kDate},
};
constexpr FieldSpec kTaxes[] = {
    {"jenis", K::kChoice, true, kTaxKinds},
    {"masa", K::kText, true},  // "2025" or "10/2026"
    {"nomor_bukti", K::kText, true},
    {"tanggal", K::kDate, true},
};

constexpr SectionSpec kSections[] = {
    {"identitas", true, kIdentity},     {"izin_usaha", false, kLicences},
    {"akta", false, kDeeds},            {"pemilik", false, kOwners},
    {"pengurus", false, kManagers},     {"tenaga_ahli", false, kExperts},
    {"peralatan", false, kEquipment},   {"pengalaman", false, kExperience},
    {"pajak", false, kTaxes},
};

constexpr size_t kMaxRows = 200;

std::string Trim(std::string_view v) {
  const size_t b = v.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const size_t e = v.find_last_not_of(" \t\r\n");
  return std::string(v.substr(b, e - b + 1));
}

bool AllDigits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<long long> ParseInt(std::string_view v) {
  long long out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  return out;
}

bool HasControl(std::string_view v) {
  return std::any_of(v.begin(), v.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\n' && c != '\r' && c != '\t';
  });
}

Status FieldError(std::string_view reason, std::string_view key) {
  return InvalidArgument(std::string(reason), std::string(key));
}

StatusOr<std::string> NormaliseValue(const FieldSpec& f, std::string_view raw) {
  std::string v = Trim(raw);
  const size_t limit = f.kind == K::kLongText ? 1000 : 200;
  if (v.size() > limit) return FieldError("vendor_data.too_long", f.key);
  if (HasControl(v) || (f.kind != K::kLongText && v.find_first_of("\r\n") != std::string::npos)) {
    return FieldError("vendor_data.text_invalid", f.key);
  }
  if (v.empty()) {
    if (f.required) return FieldError("vendor_data.required", f.key);
    return v;
  }
  switch (f.kind) {
    case K::kText:
    case K::kLongText:
      return v;
    case K::kDate:
      if (!IsCivilDate(v)) return FieldError("vendor_data.date_invalid", f.key);
      return v;
    case K::kInteger: {
      std::string digits;
      for (char c : v) {
        if (c != '.') digits += c;  // "1.200" as Indonesians write it
      }
      auto n = AllDigits(digits) && digits.size() <= 10 ? ParseInt(digits) : std::nullopt;
      if (!n || *n > 1'000'000'000) return FieldError("vendor_data.integer_invalid", f.key);
      return std::to_string(*n);
    }
    case K::kYear: {
      auto n = AllDigits(v) && v.size() == 4 ? ParseInt(v) : std::nullopt;
      if (!n || *n < 1900 || *n > 2100) return FieldError("vendor_data.year_invalid", f.key);
      return v;
    }
    case K::kMoney: {
      std::string_view t = v;
      if (t.substr(0, 2) == "Rp") t.remove_prefix(2);
      auto m = Money::Parse(Trim(t));
      if (!m || m->sen() < 0) return FieldError("vendor_data.money_invalid", f.key);
      return std::to_string(m->sen());
    }
    case K::kPercent: {
      std::string t = v;
      std::replace(t.begin(), t.end(), ',', '.');
      const size_t dot = t.find('.');
      const std::string whole = t.substr(0, dot);
      const std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
      if (!AllDigits(whole) || whole.size() > 3 || frac.size() > 2 ||
          (!frac.empty() && !AllDigits(frac)) || (dot != std::string::npos && frac.empty())) {
        return FieldError("vendor_data.percent_invalid", f.key);
      }
      const long long hundredths = *ParseInt(whole) * 100 +
                                   (frac.empty() ? 0 : *ParseInt(frac) * (frac.size() == 1 ? 10 : 1));
      if (hundredths > 10000) return FieldError("vendor_data.percent_invalid", f.key);
      std::string out = std::to_string(hundredths / 100);
      if (hundredths % 100 != 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ".%02lld", hundredths % 100);
        std::string f2 = buf;
        while (f2.back() == '0') f2.pop_back();
        out += f2;
      }
      return out;
    }
    case K::kNik: {
      std::string digits;
      for (char c : v) {
        if (c != ' ' && c != '.' && c != '-') digits += c;
      }
      if (digits.size() != 16 || !AllDigits(digits)) return FieldError("vendor_data.nik_invalid", f.key);
      return digits;
    }
    case K::kChoice:
      if (std::find(f.choices.begin(), f.choices.end(), v) == f.choices.end()) {
        return FieldError("vendor_data.choice_invalid", f.key);
      }
      return v;
  }
  return v;
}

// Hundredths of a percent of a normalised kPercent value.
long long Hundredths(std::string_view v) {
  const size_t dot = v.find('.');
  long long out = ParseInt(v.substr(0, dot)).value_or(0) * 100;
  if (dot != std::string_view::npos) {
    std::string frac(v.substr(dot + 1));
    if (frac.size() == 1) frac += '0';
    out += ParseInt(frac).value_or(0);
  }
  return out;
}

}  // namespace

std::span<const SectionSpec> VendorSections() { return kSections; }

const SectionSpec* FindSection(std::string_view key) {
  for (const SectionSpec& s : kSections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const std::vector<VendorRow>& VendorData::Rows(std::string_view section) const {
  static const std::vector<VendorRow> kNone;
  auto it = sections.find(std::string(section));
  return it == sections.end() ? kNone : it->second;
}

StatusOr<VendorRow> NormaliseRow(const SectionSpec& section, const VendorRow& input) {
  VendorRow out;
  for (const FieldSpec& f : section.fields) {
    auto it = input.find(std::string(f.key));
    const std::string_view raw = it == input.end() ? std::string_view() : std::string_view(it->second);
    SPSE_ASSIGN_OR_RETURN(std::string v, NormaliseValue(f, raw));
    out[std::string(f.key)] = std::move(v);
  }
  // An end date before its start: pengurus (mulai/sampai), pengalaman
  // (tanggal_kontrak/selesai).
  static constexpr std::pair<std::string_view, std::string_view> kRanges[] = {
      {"mulai", "sampai"}, {"tanggal_kontrak", "selesai"}};
  for (auto [from, to] : kRanges) {
    auto a = out.find(std::string(from));
    auto b = out.find(std::string(to));
    if (a != out.end() && b != out.end() && !a->second.empty() && !b->second.empty() &&
        b->second < a->second) {
      return FieldError("vendor_data.range_invalid", to);
    }
  }
  return out;
}

Status ValidateSection(const SectionSpec& section, const std::vector<VendorRow>& rows) {
  if (section.single && rows.size() > 1) return InvalidArgument("vendor_data.single_row");
  if (rows.size() > kMaxRows) return InvalidArgument("vendor_data.too_many_rows");
  if (section.key == "pemilik") {
    long long total = 0;
    for (const VendorRow& r : rows) {
      auto it = r.find("saham_persen");
      if (it != r.end()) total += Hundredths(it->second);
    }
    if (total > 10000) return InvalidArgument("vendor_data.shares_over_100");
  }
  return OkStatus();
}

std::vector<size_t> ExpiredLicences(const VendorData& data, std::string_view today) {
  std::vector<size_t> out;
  const auto& rows = data.Rows("izin_usaha");
  for (size_t i = 0; i < rows.size(); ++i) {
    auto it = rows[i].find("berlaku_sampai");
    if (it != rows[i].end() && !it->second.empty() && it->second < today) out.push_back(i);
  }
  return out;
}

std::vector<size_t> ExpiringLicences(const VendorData& data, std::string_view today, int days) {
  std::vector<size_t> out;
  if (!IsCivilDate(today)) return out;
  const std::string horizon = AddDays(today, days);
  const auto& rows = data.Rows("izin_usaha");
  for (size_t i = 0; i < rows.size(); ++i) {
    auto it = rows[i].find("berlaku_sampai");
    if (it != rows[i].end() && !it->second.empty() && it->second >= today &&
        it->second <= horizon) {
      out.push_back(i);
    }
  }
  return out;
}

}  // namespace spse::domain
