#include "app/vendor_data_service.h"

#include "domain/permission.h"
#include "domain/registration.h"

namespace spse::app {
namespace {

using domain::Permission;
using domain::SectionSpec;
using domain::VendorRow;

constexpr int kExpiringDays = 30;

// The registered identity (the vendors row, and the account's name that the
// Daftar Penyedia shows) follows the identitas section; the NPWP stays.
Status SyncRegistry(Tx& tx, std::int64_t vendor_id, const VendorRow& identity) {
  SPSE_ASSIGN_OR_RETURN(auto vendor, tx.vendors().FindByUser(vendor_id));
  if (!vendor) return OkStatus();  // registered before the registry existed
  auto field = [&](const char* key) {
    auto it = identity.find(key);
    return it == identity.end() ? std::string() : it->second;
  };
  vendor->company_name = field("nama");
  vendor->business_form = field("bentuk_usaha");
  vendor->address = field("alamat");
  vendor->regency = field("kabupaten_kota");
  vendor->province = field("provinsi");
  vendor->phone = field("telepon");
  vendor->company_email = field("email");
  SPSE_RETURN_IF_ERROR(domain::ValidateVendor(*vendor));
  SPSE_RETURN_IF_ERROR(tx.vendors().Update(*vendor));
  SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(vendor_id));
  if (user && user->full_name != vendor->company_name) {
    user->full_name = vendor->company_name;
    SPSE_RETURN_IF_ERROR(tx.users().Update(*user));
  }
  return OkStatus();
}

}  // namespace

std::string VendorDataService::Today() const {
  return FormatInputDateTime(clock_.Now(), zone_).substr(0, 10);
}

StatusOr<User> VendorDataService::Readable(Tx& tx, const Actor& actor, std::int64_t vendor_id) {
  const bool self = actor.who.user_id == vendor_id &&
                    domain::Authorize(actor.who, Permission::kManageOwnVendorData).ok();
  if (!self) {
    // Another vendor asking reads exactly like a missing vendor.
    if (!domain::Authorize(actor.who, Permission::kViewVendorData).ok()) {
      return NotFound("vendor.not_found");
    }
  }
  SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(vendor_id));
  if (!user || !user->roles.Has(domain::Role::kPenyedia)) return NotFound("vendor.not_found");
  return *user;
}

VendorDataView VendorDataService::Decorate(domain::VendorDataVersion record, User vendor,
                                           bool latest) const {
  VendorDataView view;
  view.today = Today();
  view.expired = domain::ExpiredLicences(record.data, view.today);
  view.expiring = domain::ExpiringLicences(record.data, view.today, kExpiringDays);
  view.record = std::move(record);
  view.vendor = std::move(vendor);
  view.latest = latest;
  return view;
}

StatusOr<VendorDataView> VendorDataService::Current(const Actor& actor, std::int64_t vendor_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(User vendor, Readable(*tx, actor, vendor_id));
  SPSE_ASSIGN_OR_RETURN(auto record, tx->vendor_data().Latest(vendor_id));
  return Decorate(std::move(record), std::move(vendor), true);
}

StatusOr<VendorDataView> VendorDataService::Version(const Actor& actor, std::int64_t vendor_id,
                                                    int version) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(User vendor, Readable(*tx, actor, vendor_id));
  SPSE_ASSIGN_OR_RETURN(auto record, tx->vendor_data().Get(vendor_id, version));
  if (!record) return NotFound("vendor_data.version_not_found");
  SPSE_ASSIGN_OR_RETURN(auto latest, tx->vendor_data().Latest(vendor_id));
  return Decorate(std::move(*record), std::move(vendor), latest.version == version);
}

StatusOr<VendorDataView> VendorDataService::AsOf(const Actor& actor, std::int64_t vendor_id,
                                                 Micros at) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(User vendor, Readable(*tx, actor, vendor_id));
  SPSE_ASSIGN_OR_RETURN(auto record, tx->vendor_data().AsOf(vendor_id, at));
  SPSE_ASSIGN_OR_RETURN(auto latest, tx->vendor_data().Latest(vendor_id));
  const bool is_latest = latest.version == record.version;
  return Decorate(std::move(record), std::move(vendor), is_latest);
}

StatusOr<std::vector<VendorDataHistoryItem>> VendorDataService::History(const Actor& actor,
                                                                       std::int64_t vendor_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_RETURN_IF_ERROR(Readable(*tx, actor, vendor_id).status());
  return tx->vendor_data().History(vendor_id);
}

StatusOr<int> VendorDataService::Edit(
    const Actor& actor, std::string_view section_key, int expected_version,
    const std::function<Status(const SectionSpec&, std::vector<VendorRow>&, std::string&)>& change) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageOwnVendorData));
  const SectionSpec* section = domain::FindSection(section_key);
  if (!section) return NotFound("vendor_data.section_unknown");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  const std::int64_t vendor_id = actor.who.user_id;
  SPSE_ASSIGN_OR_RETURN(auto latest, tx->vendor_data().Latest(vendor_id));
  if (latest.version != expected_version) return FailedPrecondition("vendor_data.conflict");
  std::vector<VendorRow>& rows = latest.data.sections[std::string(section->key)];
  std::string what;
  SPSE_RETURN_IF_ERROR(change(*section, rows, what));
  if (rows.empty()) latest.data.sections.erase(std::string(section->key));
  SPSE_RETURN_IF_ERROR(domain::ValidateSection(*section, latest.data.Rows(section->key)));
  if (section->key == "identitas" && !latest.data.Rows("identitas").empty()) {
    SPSE_RETURN_IF_ERROR(SyncRegistry(*tx, vendor_id, latest.data.Rows("identitas").front()));
  }

  domain::VendorDataVersion next;
  next.vendor_id = vendor_id;
  next.version = latest.version + 1;
  next.created_at = clock_.Now();
  next.created_by = actor.who.user_id;
  next.created_by_name = actor.who.username;
  next.summary = std::string(section->key) + " " + what;
  next.data = std::move(latest.data);
  SPSE_RETURN_IF_ERROR(tx->vendor_data().Append(next));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "vendor_data.edit", "vendor",
                                  std::to_string(vendor_id),
                                  "versi " + std::to_string(next.version) + ": " + next.summary));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return next.version;
}

StatusOr<int> VendorDataService::SaveRow(const Actor& actor, std::string_view section_key,
                                         std::optional<size_t> index, const VendorRow& input,
                                         int expected_version) {
  return Edit(actor, section_key, expected_version,
              [&](const SectionSpec& section, std::vector<VendorRow>& rows,
                  std::string& what) -> Status {
                SPSE_ASSIGN_OR_RETURN(VendorRow row, domain::NormaliseRow(section, input));
                if (section.single) index = rows.empty() ? std::nullopt : std::optional<size_t>(0);
                if (index && *index >= rows.size()) return NotFound("vendor_data.row_not_found");
                // Locked fields (the NPWP) keep what registration recorded.
                for (const auto& f : section.fields) {
                  if (!f.locked) continue;
                  const std::string key(f.key);
                  row[key] = index ? rows[*index][key] : "";
                }
                if (index) {
                  rows[*index] = std::move(row);
                  what = "ubah #" + std::to_string(*index + 1);
                } else {
                  rows.push_back(std::move(row));
                  what = "tambah #" + std::to_string(rows.size());
                }
                return OkStatus();
              });
}

StatusOr<int> VendorDataService::RemoveRow(const Actor& actor, std::string_view section_key,
                                           size_t index, int expected_version) {
  return Edit(actor, section_key, expected_version,
              [&](const SectionSpec& section, std::vector<VendorRow>& rows,
                  std::string& what) -> Status {
                if (section.single) return InvalidArgument("vendor_data.single_row");
                if (index >= rows.size()) return NotFound("vendor_data.row_not_found");
                rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(index));
                what = "hapus #" + std::to_string(index + 1);
                return OkStatus();
              });
}

Status VendorDataService::Seed(Tx& tx, const Clock& clock, const Actor& actor,
                               std::int64_t vendor_id, const VendorRow& identity) {
  const SectionSpec* section = domain::FindSection("identitas");
  // Registration checked the company; here only the shape is normalised,
  // keeping the NPWP that registration recorded.
  VendorRow row = identity;
  SPSE_ASSIGN_OR_RETURN(auto latest, tx.vendor_data().Latest(vendor_id));
  if (latest.version != 0) return OkStatus();  // already has data
  auto normal = domain::NormaliseRow(*section, row);
  if (normal.ok()) {
    const std::string npwp = row["npwp"];
    row = *std::move(normal);
    row["npwp"] = npwp;
  }
  domain::VendorDataVersion first;
  first.vendor_id = vendor_id;
  first.version = 1;
  first.created_at = clock.Now();
  first.created_by = actor.who.user_id;
  first.created_by_name = actor.who.signed_in() ? actor.who.username : "-";
  first.summary = "identitas pendaftaran";
  first.data.sections["identitas"].push_back(std::move(row));
  SPSE_RETURN_IF_ERROR(tx.vendor_data().Append(first));
  return WriteAudit(tx, clock, actor, "vendor_data.seed", "vendor", std::to_string(vendor_id),
                    "versi 1: identitas pendaftaran");
}

}  // namespace spse::app
