// Data penyedia: what a vendor declares about itself (identity, business
// licences, deeds, owners, managers, experts, equipment, experience, taxes).
//
// The sections and their fields are data (kVendorSections), so one set of
// pages edits them all and one validator checks them. Every edit makes a new
// version of the whole record; old versions are never changed, so what the
// data said at a given moment can be shown later (a tender freezes the
// version current when the bid is sealed).
#ifndef SPSE_DOMAIN_VENDOR_DATA_H_
#define SPSE_DOMAIN_VENDOR_DATA_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil.h"
#include "base/clock.h"
#include "base/status.h"

namespace spse::domain {

enum class FieldKind {
  kText,     // one line, at most 200 characters
  kLongText, // at most 1000 characters
  kDate,     // "YYYY-MM-DD"
  kInteger,  // 0 .. 10^9
  kMoney,    // rupiah; stored as whole sen digits ("125000000000")
  kPercent,  // 0 .. 100, up to two decimals ("12.5")
  kNik,      // 16 digits (Nomor Induk Kependudukan)
  kChoice,   // one of `choices`
  kYear,     // 1900 .. 2100
};

struct FieldSpec {
  std::string_view key;       // stored name and i18n key "vendor.field.<key>"
  FieldKind kind = FieldKind::kText;
  bool required = false;
  std::span<const std::string_view> choices = {};  // kChoice only
  // Set at registration and changed only through the Verifikator (NPWP):
  // shown, never taken from an edit form.
  bool locked = false;
};

struct SectionSpec {
  std::string_view key;  // "identitas", "izin_usaha", ...; URL and i18n key
  bool single = false;   // exactly one row (identitas)
  std::span<const FieldSpec> fields;
};

// Every section, in the order the pages show them.
std::span<const SectionSpec> VendorSections();
const SectionSpec* FindSection(std::string_view key);

// One entry of a section: field key -> normalised value ("" when empty).
using VendorRow = std::map<std::string, std::string>;

struct VendorData {
  std::map<std::string, std::vector<VendorRow>> sections;

  const std::vector<VendorRow>& Rows(std::string_view section) const;
  friend bool operator==(const VendorData&, const VendorData&) = default;
};

// Checks one row against its section and returns it normalised (dates as
// YYYY-MM-DD, money as sen digits, choices verbatim, text trimmed; unknown
// fields dropped). Reasons, each with the field key as detail:
// "vendor_data.required", "vendor_data.too_long", "vendor_data.date_invalid",
// "vendor_data.integer_invalid", "vendor_data.money_invalid",
// "vendor_data.percent_invalid", "vendor_data.nik_invalid",
// "vendor_data.choice_invalid", "vendor_data.year_invalid",
// "vendor_data.range_invalid" (an end date before its start).
StatusOr<VendorRow> NormaliseRow(const SectionSpec& section, const VendorRow& input);

// Rules across the rows of a section: "vendor_data.shares_over_100" (owners'
// shares add up to more than 100 %), "vendor_data.too_many_rows" (200 per
// section), "vendor_data.single_row".
Status ValidateSection(const SectionSpec& section, const std::vector<VendorRow>& rows);

// The licences (izin_usaha rows) whose "berlaku_sampai" is before `today`
// (YYYY-MM-DD in the LPSE's zone), by row index.
std::vector<size_t> ExpiredLicences(const VendorData& data, std::string_view today);
// Licences that expire within `days` days of `today` but have not yet.
std::vector<size_t> ExpiringLicences(const VendorData& data, std::string_view today, int days);


// One saved state of a vendor's data.
struct VendorDataVersion {
  std::int64_t vendor_id = 0;  // the vendor's user id
  int version = 0;             // 1, 2, ...; 0 = nothing recorded yet
  Micros created_at = 0;
  std::int64_t created_by = 0;
  std::string created_by_name;
  std::string summary;  // "izin_usaha +1", "pengurus ~2" ...: what this edit did
  VendorData data;
};

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_VENDOR_DATA_H_
