// Planning (Pasal 4(1)a-b): the Rencana Umum Pengadaan (RUP) that a PA/KPA
// publishes, and the packages (paket) a PPK makes from published RUP items:
// HPS line items, KAK and other documents, contract type, business
// qualification, and the Pokja or Pejabat Pengadaan that will run it.
//
// The words of each choice (funding source, procurement type, method,
// contract type, qualification) are data in the lists below; the procurement
// types and the tendering methods are the words of the procedure catalogue
// (web/catalogue/procedures.toml). The planning rules carry ids (RUP-nn,
// PKT-nn) that docs/rules.md lists and the tests cite.
#ifndef SPSE_DOMAIN_PLANNING_H_
#define SPSE_DOMAIN_PLANNING_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/money.h"
#include "base/status.h"

namespace spse::domain {

std::span<const std::string_view> FundingSources();     // APBD, APBN, BLUD, PHLN, Lainnya
std::span<const std::string_view> ProcurementTypes();   // barang, konstruksi, ...
std::span<const std::string_view> ProcurementMethods(); // tender, ..., e_purchasing, swakelola
std::span<const std::string_view> ContractTypes();      // lumsum, harga_satuan, ...
// The contract type's name as printed documents give it: "harga_satuan" ->
// "Harga Satuan"; a code not in ContractTypes() is returned as it is.
std::string_view ContractTypeName(std::string_view code);
std::span<const std::string_view> Qualifications();     // kecil, non_kecil
std::span<const std::string_view> PackageDocumentKinds();  // kak, spesifikasi, rancangan_kontrak, lainnya

// Who runs a package of this method (PKT-03): a Pokja Pemilihan for tender,
// seleksi and tender_cepat; a Pejabat Pengadaan for pengadaan_langsung and
// penunjukan_langsung; nobody for e_purchasing and swakelola, which are
// planned in the RUP but not procured through a package here.
enum class Assignee { kPokja, kPejabatPengadaan, kNone };
Assignee AssigneeFor(std::string_view method);

enum class RupStatus { kDraft, kPublished, kCancelled };
std::string_view RupStatusCode(RupStatus s);  // "draft", "diumumkan", "dibatalkan"
std::optional<RupStatus> ParseRupStatus(std::string_view code);

// One item of an agency's Rencana Umum Pengadaan.
struct RupItem {
  std::int64_t id = 0;
  std::string code;             // public and stable: "RUP-2027-000042", set when stored
  std::int64_t agency_id = 0;   // the SKPD or one of its satker
  std::string name;
  int fiscal_year = 0;
  Money pagu;
  std::string funding;          // FundingSources()
  std::string procurement_type; // ProcurementTypes()
  std::string method;           // ProcurementMethods()
  // Planned months (1-12) of the fiscal year: pemilihan (selection) and
  // pelaksanaan (the work).
  int selection_from = 0, selection_to = 0;
  int work_from = 0, work_to = 0;
  std::string location;
  std::string description;
  RupStatus status = RupStatus::kDraft;
  std::string cancel_reason;
  std::int64_t created_by = 0;
  Micros created_at = 0;
  Micros updated_at = 0;
  std::optional<Micros> published_at;
};

// Checks an item's fields (the rule ids in docs/rules.md). Reasons, each
// with the field as detail where one is at fault:
// "rup.name_required", "rup.too_long", "rup.year_invalid" (2000-2100),
// "rup.pagu_invalid" (RUP-01: above zero), "rup.funding_invalid",
// "rup.type_invalid", "rup.method_invalid", "rup.month_invalid",
// "rup.schedule_order" (RUP-02), "rup.method_type_mismatch" (RUP-03),
// "rup.location_required".
Status ValidateRupItem(const RupItem& item);

// RUP-04: only a draft changes or is published; a published item can only be
// cancelled, with a reason. Reasons: "rup.not_draft", "rup.not_published",
// "rup.reason_required".
Status CheckRupEdit(const RupItem& item);
Status CheckRupPublish(const RupItem& item);
Status CheckRupCancel(const RupItem& item, std::string_view reason);

// Quantities of HPS lines are kept in hundredths (at most two decimals):
// "2,5" and "2.5" are 250. nullopt for anything else, zero, negatives or
// more than 1,000,000,000.
std::optional<std::int64_t> ParseQuantity(std::string_view text);
std::string FormatQuantity(std::int64_t hundredths);  // "2,5", "12", "0,25"

// One line of the HPS (owner's estimate).
struct HpsLine {
  std::string description;
  std::string unit;                 // "m2", "unit", "paket", "OB", ...
  std::int64_t quantity = 0;        // hundredths
  Money unit_price;
};
// PKT-04: quantity x unit price, rounded half up to the sen; nullopt when it
// would overflow.
std::optional<Money> LineTotal(const HpsLine& line);
// Reasons: "hps.description_required", "hps.unit_required", "hps.too_long",
// "hps.quantity_invalid", "hps.price_invalid", "hps.line_too_large".
Status ValidateHpsLine(const HpsLine& line);
// The sum of the lines' totals; "hps.too_large" on overflow.
StatusOr<Money> HpsTotal(const std::vector<HpsLine>& lines);
// PKT-01: the HPS is never above the pagu of the package's RUP items.
// "paket.hps_above_pagu" (detail: both amounts).
Status CheckHpsWithinPagu(Money hps, Money pagu);

enum class PackageStatus { kDraft, kAssigned };
std::string_view PackageStatusCode(PackageStatus s);  // "draft", "diserahkan"
std::optional<PackageStatus> ParsePackageStatus(std::string_view code);

// A procurement package, made by a PPK from published RUP items.
struct Package {
  std::int64_t id = 0;
  std::string code;            // "PKT-2027-000007", set when stored
  std::int64_t agency_id = 0;  // the SKPD whose RUP items it uses
  std::int64_t ppk_id = 0;
  std::string name;
  std::vector<std::int64_t> rup_ids;
  std::string contract_type;   // ContractTypes()
  std::string qualification;   // Qualifications()
  std::vector<HpsLine> hps;
  PackageStatus status = PackageStatus::kDraft;
  std::optional<std::int64_t> pokja_group_id;
  std::optional<std::int64_t> official_id;  // the Pejabat Pengadaan
  Micros created_at = 0;
  Micros updated_at = 0;
  std::optional<Micros> assigned_at;
};
// Reasons: "paket.name_required", "paket.too_long", "paket.rup_required",
// "paket.contract_type_invalid", "paket.qualification_invalid",
// "hps.too_many_lines" (200).
Status ValidatePackage(const Package& p);

// PKT-02: the RUP items of one package are published, of the same fiscal
// year and method, and there is at least one. Reasons: "paket.rup_required",
// "paket.rup_not_published", "paket.rup_mixed_year", "paket.rup_mixed_method".
Status CheckPackageItems(const std::vector<RupItem>& items);
// The method of a package: its items' (PKT-02 makes them agree).
std::string PackageMethod(const std::vector<RupItem>& items);
Money TotalPagu(const std::vector<RupItem>& items);

// PKT-05: a package is handed over only from draft, with at least one HPS
// line and a KAK, to the kind of assignee its method needs (PKT-03).
// Reasons: "paket.not_draft", "paket.hps_required", "paket.kak_required",
// "paket.assignee_wrong_kind", "paket.method_not_procured".
Status CheckAssignment(const Package& p, std::string_view method, bool has_kak,
                       Assignee chosen);

// One uploaded version of a package document. A new upload of a kind adds
// a version; earlier versions stay.
struct PackageDocument {
  std::int64_t id = 0;
  std::int64_t package_id = 0;
  std::string kind;   // PackageDocumentKinds()
  int version = 0;    // 1, 2, ... per (package, kind); set when stored
  std::string sha256;
  std::string filename;
  std::string content_type;
  std::uint64_t size = 0;
  Micros uploaded_at = 0;
  std::int64_t uploaded_by = 0;
};

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_PLANNING_H_
