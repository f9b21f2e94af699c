// Versions of the data penyedia over SOCI: each version is the whole record
// as a JSON document {"sections": {"izin_usaha": [{"jenis": "NIB", ...}]}}.
#include "storage/soci_repos.h"

#include <limits>

#include <nlohmann/json.hpp>

namespace spse::storage {
namespace {

using domain::VendorData;
using domain::VendorDataVersion;

std::string Encode(const VendorData& data) {
  nlohmann::json sections = nlohmann::json::object();
  for (const auto& [name, rows] : data.sections) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& row : rows) list.push_back(row);
    sections[name] = std::move(list);
  }
  return nlohmann::json{{"sections", sections}}.dump();
}

VendorData Decode(const std::string& text) {
  VendorData out;
  const auto doc = nlohmann::json::parse(text);
  for (const auto& [name, rows] : doc.at("sections").items()) {
    auto& list = out.sections[name];
    for (const auto& row : rows) list.push_back(row.get<domain::VendorRow>());
  }
  return out;
}

class SociVendorData final : public app::VendorDataRepo {
 public:
  explicit SociVendorData(soci::session& sql) : sql_(sql) {}

  Status Append(const VendorDataVersion& v) override {
    return Guard("vendor_data.append", [&]() -> Status {
      long long vendor = v.vendor_id, created = v.created_at, by = v.created_by;
      int version = v.version;
      if (version != MaxVersion(v.vendor_id, std::nullopt) + 1) return FailedPrecondition("vendor_data.conflict");
      const std::string doc = Encode(v.data);
      try {
        sql_ << "INSERT INTO vendor_data_versions (vendor_id, version, created_at, created_by, "
                "created_by_name, summary, document) VALUES (:v, :n, :t, :b, :bn, :s, :d)",
            soci::use(vendor, "v"), soci::use(version, "n"), soci::use(created, "t"),
            soci::use(by, "b"), soci::use(v.created_by_name, "bn"), soci::use(v.summary, "s"),
            soci::use(doc, "d");
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return FailedPrecondition("vendor_data.conflict");
        throw;
      }
      return OkStatus();
    });
  }

  StatusOr<VendorDataVersion> Latest(std::int64_t vendor_id) override {
    return Guard("vendor_data.latest", [&]() -> StatusOr<VendorDataVersion> {
      const int latest = MaxVersion(vendor_id, std::nullopt);
      if (latest == 0) return Empty(vendor_id);
      return One(vendor_id, latest).value_or(Empty(vendor_id));
    });
  }

  StatusOr<std::optional<VendorDataVersion>> Get(std::int64_t vendor_id, int version) override {
    return Guard("vendor_data.get", [&]() -> StatusOr<std::optional<VendorDataVersion>> {
      return One(vendor_id, version);
    });
  }

  StatusOr<VendorDataVersion> AsOf(std::int64_t vendor_id, Micros at) override {
    return Guard("vendor_data.as_of", [&]() -> StatusOr<VendorDataVersion> {
      const int version = MaxVersion(vendor_id, at);
      if (version == 0) return Empty(vendor_id);
      return One(vendor_id, version).value_or(Empty(vendor_id));
    });
  }

  StatusOr<std::vector<app::VendorDataHistoryItem>> History(std::int64_t vendor_id) override {
    return Guard("vendor_data.history", [&]() -> StatusOr<std::vector<app::VendorDataHistoryItem>> {
      std::vector<app::VendorDataHistoryItem> out;
      long long vendor = vendor_id, created = 0;
      app::VendorDataHistoryItem item;
      soci::statement st =
          (sql_.prepare << "SELECT version, created_at, created_by_name, summary FROM "
                           "vendor_data_versions WHERE vendor_id = :v ORDER BY version DESC",
           soci::use(vendor, "v"), soci::into(item.version), soci::into(created),
           soci::into(item.created_by_name), soci::into(item.summary));
      st.execute();
      while (st.fetch()) {
        item.created_at = created;
        out.push_back(item);
      }
      return out;
    });
  }

 private:
  static VendorDataVersion Empty(std::int64_t vendor_id) {
    VendorDataVersion v;
    v.vendor_id = vendor_id;
    return v;
  }

  // One stored version, if it exists.
  std::optional<VendorDataVersion> One(std::int64_t vendor_id, int version) {
    long long vendor = vendor_id, created = 0, by = 0;
    VendorDataVersion v;
    std::string doc;
    sql_ << "SELECT version, created_at, created_by, created_by_name, summary, document FROM "
            "vendor_data_versions WHERE vendor_id = :v AND version = :n",
        soci::use(vendor, "v"), soci::use(version, "n"), soci::into(v.version),
        soci::into(created), soci::into(by), soci::into(v.created_by_name),
        soci::into(v.summary), soci::into(doc);
    if (!sql_.got_data()) return std::nullopt;
    v.vendor_id = vendor_id;
    v.created_at = created;
    v.created_by = by;
    v.data = Decode(doc);
    return v;
  }

  // The highest version created at or before `at` (any time when nullopt).
  int MaxVersion(std::int64_t vendor_id, std::optional<Micros> at) {
    long long vendor = vendor_id, when = at.value_or(std::numeric_limits<Micros>::max());
    int version = 0;
    soci::indicator ind = soci::i_null;
    sql_ << "SELECT MAX(version) FROM vendor_data_versions WHERE vendor_id = :v AND "
            "created_at <= :t",
        soci::use(vendor, "v"), soci::use(when, "t"), soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::VendorDataRepo> NewVendorDataRepo(soci::session& sql) {
  return std::make_unique<SociVendorData>(sql);
}

}  // namespace spse::storage
