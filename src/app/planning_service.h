// Planning use cases (issue 4, items 1-2; Pasal 4(1)a-b): the PA/KPA keeps
// its agency's Rencana Umum Pengadaan (by hand or imported from CSV) and
// publishes it; anyone searches the published plan; the PPK makes packages
// from published RUP items and hands them to a Pokja Pemilihan or a Pejabat
// Pengadaan, who read them from here (the tender setup starts from
// GetPackage and AssignedPackages).
//
// Object-level rules: an official's agency scope is its SKPD and the SKPD's
// satker (an official placed at a satker works in its SKPD's scope). A PA/KPA
// sees and changes only RUP items in its scope, a PPK only packages in its
// scope made from RUP items in its scope, a Pokja member only packages
// handed to one of its committees, a Pejabat Pengadaan only packages handed
// to itself. Outside its scope an object reads exactly like a missing one.
#ifndef SPSE_APP_PLANNING_SERVICE_H_
#define SPSE_APP_PLANNING_SERVICE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"

namespace spse::app {

// A RUP item as typed in the form or a CSV row: column name -> text.
// Columns: nama_paket, kode_instansi, tahun_anggaran, pagu, sumber_dana,
// jenis_pengadaan, metode, pemilihan_mulai, pemilihan_selesai,
// pelaksanaan_mulai, pelaksanaan_selesai, lokasi, uraian.
using RupFields = std::map<std::string, std::string>;
// The columns, in the order of the CSV template.
const std::vector<std::string>& RupColumns();

// CSV import limits.
inline constexpr size_t kMaxImportBytes = 1u << 20;
inline constexpr size_t kMaxImportRows = 1000;

// One refused row of an import.
struct ImportError {
  int row = 0;         // line of the file, the header being line 1
  std::string column;  // "" when the row as a whole is at fault
  Status error;
};
struct ImportReport {
  int rows = 0;                      // data rows read
  int stored = 0;                    // 0 unless every row was valid
  std::vector<ImportError> errors;   // empty when the import was stored
};

struct RupView {
  domain::RupItem item;
  Agency agency;
  std::optional<std::string> package_code;  // the package it is in
};

struct RupPage {
  std::vector<RupView> items;
  std::int64_t total = 0;
};

struct PackageFields {
  std::string name;
  std::vector<std::int64_t> rup_ids;
  std::string contract_type;
  std::string qualification;
};

struct HpsLineFields {
  std::string description;
  std::string unit;
  std::string quantity;    // "2,5"
  std::string unit_price;  // "1.250.000" or "1250000,50"
};

// A package with everything the PPK, the Pokja and the Pejabat Pengadaan
// read about it.
struct PackageView {
  domain::Package package;
  std::vector<domain::RupItem> rup;
  Agency agency;
  User ppk;
  std::string method;        // of its RUP items
  Money pagu;                // sum of its RUP items' pagu
  Money hps_total;
  std::vector<domain::PackageDocument> documents;  // every version, by kind then version
  std::optional<domain::PokjaGroup> pokja;
  std::optional<User> official;
  bool editable = false;     // the reader is a PPK of its agency and it is a draft
};

// What the PPK chooses from.
struct PackageChoices {
  std::vector<domain::RupItem> rup;           // published, in scope, in no package yet
  std::vector<domain::PokjaGroup> pokja;      // active committees
  std::vector<User> officials;                // active, verified Pejabat Pengadaan
};

class PlanningService {
 public:
  PlanningService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // --- RUP (kManagePlans) ---
  // The agencies of the PA/KPA's scope, its SKPD first.
  StatusOr<std::vector<Agency>> PlanningAgencies(const Actor& actor);
  // Reasons: ValidateRupItem's (detail: the column), "rup.agency_invalid",
  // "rup.pagu_format", "rup.year_format", "rup.month_format".
  StatusOr<std::int64_t> CreateRup(const Actor& actor, const RupFields& fields);
  Status UpdateRup(const Actor& actor, std::int64_t id, const RupFields& fields);
  Status PublishRup(const Actor& actor, std::int64_t id);
  Status CancelRup(const Actor& actor, std::int64_t id, std::string_view reason);
  // An item of the scope in any state: "rup.not_found" otherwise.
  StatusOr<RupView> OwnRup(const Actor& actor, std::int64_t id);
  // The scope's items (filter's agencies are narrowed to the scope).
  StatusOr<RupPage> OwnRupList(const Actor& actor, RupFilter filter);
  // All-or-nothing: every row valid, or nothing stored and every bad row
  // reported. UTF-8 (a BOM is skipped), ',' or ';' separated (Excel), at
  // most kMaxImportBytes and kMaxImportRows. With `publish`, the items are
  // published at once. Reasons of the whole file: "rup_import.empty",
  // "rup_import.too_large", "rup_import.too_many_rows",
  // "rup_import.encoding", "rup_import.header" (detail: the missing or
  // unknown column), "rup_import.quote".
  StatusOr<ImportReport> ImportCsv(const Actor& actor, std::string_view csv, bool publish);

  // --- the public RUP ---
  // Published items only.
  StatusOr<RupPage> SearchPublic(RupFilter filter);
  // A published or cancelled item by its code: "rup.not_found" otherwise.
  StatusOr<RupView> PublicItem(std::string_view code);
  // Every agency (for the filter).
  StatusOr<std::vector<Agency>> Agencies();

  // --- packages (kManagePackages) ---
  StatusOr<PackageChoices> Choices(const Actor& actor);
  // Reasons: ValidatePackage's, CheckPackageItems's, "rup.not_found" (an
  // item outside the scope), "paket.rup_taken", "paket.method_not_procured",
  // "paket.hps_above_pagu" (PKT-01, when the items change under an HPS).
  StatusOr<std::int64_t> CreatePackage(const Actor& actor, const PackageFields& fields);
  Status UpdatePackage(const Actor& actor, std::int64_t id, const PackageFields& fields);
  // Reasons: ValidateHpsLine's, "hps.quantity_invalid", "hps.price_invalid",
  // "paket.hps_above_pagu" (PKT-01), "paket.not_draft".
  Status AddHpsLine(const Actor& actor, std::int64_t id, const HpsLineFields& fields);
  Status RemoveHpsLine(const Actor& actor, std::int64_t id, size_t index);
  // A new version of the package's `kind` document (the file is already in
  // the blob store). Reasons: "document.kind_invalid", "paket.not_draft".
  StatusOr<domain::PackageDocument> AddDocument(const Actor& actor, std::int64_t id,
                                                std::string_view kind,
                                                const domain::Attachment& file);
  // Hands the package over (PKT-03, PKT-05): exactly one of the two.
  // Reasons: CheckAssignment's, "pokja.not_found", "paket.official_invalid".
  Status Assign(const Actor& actor, std::int64_t id, std::optional<std::int64_t> pokja_group_id,
                std::optional<std::int64_t> official_id);
  StatusOr<std::vector<PackageView>> PpkPackages(const Actor& actor);

  // --- the read API ---
  // For a PPK of its agency, a member of its Pokja or its Pejabat
  // Pengadaan (once handed over): "paket.not_found" for anyone else.
  StatusOr<PackageView> GetPackage(const Actor& actor, std::int64_t id);
  // The packages handed to the actor's committees or to the actor (kViewAssignedPackages).
  StatusOr<std::vector<PackageView>> AssignedPackages(const Actor& actor);
  // One document version, for whoever may read its package: "document.not_found" otherwise.
  StatusOr<domain::PackageDocument> OpenDocument(const Actor& actor, std::int64_t document_id);

 private:
  StatusOr<domain::RupItem> Parse(Tx& tx, const std::vector<std::int64_t>& scope,
                                  const RupFields& fields);
  StatusOr<domain::RupItem> ScopedRup(Tx& tx, const Actor& actor, std::int64_t id);
  StatusOr<std::vector<domain::RupItem>> PackageItems(Tx& tx, const std::vector<std::int64_t>& scope,
                                                      const std::vector<std::int64_t>& ids);
  StatusOr<domain::Package> EditablePackage(Tx& tx, const Actor& actor, std::int64_t id);
  StatusOr<PackageView> View(Tx& tx, const Actor& actor, domain::Package p);
  StatusOr<bool> MayRead(Tx& tx, const Actor& actor, const domain::Package& p);

  Store& store_;
  const Clock& clock_;
};

}  // namespace spse::app

#endif  // SPSE_APP_PLANNING_SERVICE_H_
