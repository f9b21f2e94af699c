// SPPBJ letters and contract versions, over SOCI. Both tables are
// append-only (migration 0023's triggers): nothing here updates.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/contract.h"
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::Contract;
using domain::Sppbj;

class SociContracts final : public app::ContractRepo {
 public:
  explicit SociContracts(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> InsertSppbj(const Sppbj& s) override {
    return Guard("contracts.insert_sppbj", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = s.tender_id, decision = s.decision_id, vendor = s.vendor_id,
                price = s.price_rupiah, by = s.issued_by, at = s.issued_at,
                size = static_cast<long long>(s.pdf_size);
      sql_ << "INSERT INTO sppbj_letters (tender_id, decision_id, vendor_id, number, "
              "price_rupiah, issued_by, issued_at, pdf_sha256, pdf_size) VALUES (:t, :d, :v, :n, "
              ":p, :by, :at, :sha, :size) ON CONFLICT (decision_id) DO NOTHING RETURNING id",
          soci::use(tender, "t"), soci::use(decision, "d"), soci::use(vendor, "v"),
          soci::use(s.number, "n"), soci::use(price, "p"), soci::use(by, "by"),
          soci::use(at, "at"), soci::use(s.pdf_sha256, "sha"), soci::use(size, "size"),
          soci::into(id);
      if (!sql_.got_data()) return AlreadyExists("contract.sppbj_exists");
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<Sppbj>> SppbjsOf(std::int64_t tender_id) override {
    return Guard("contracts.sppbjs", [&]() -> StatusOr<std::vector<Sppbj>> {
      std::vector<Sppbj> out;
      Sppbj s;
      long long tender = tender_id, id = 0, decision = 0, vendor = 0, price = 0, by = 0, at = 0,
                size = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, decision_id, vendor_id, number, price_rupiah, issued_by, "
                           "issued_at, pdf_sha256, pdf_size FROM sppbj_letters "
                           "WHERE tender_id = :t ORDER BY id",
           soci::use(tender, "t"), soci::into(id), soci::into(decision), soci::into(vendor),
           soci::into(s.number), soci::into(price), soci::into(by), soci::into(at),
           soci::into(s.pdf_sha256), soci::into(size));
      st.execute();
      while (st.fetch()) {
        Sppbj row = s;
        row.id = id;
        row.tender_id = tender_id;
        row.decision_id = decision;
        row.vendor_id = vendor;
        row.price_rupiah = price;
        row.issued_by = by;
        row.issued_at = at;
        row.pdf_size = static_cast<std::uint64_t>(size);
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> InsertContract(const Contract& c) override {
    return Guard("contracts.insert_contract", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = c.tender_id, sppbj = c.sppbj_id, value = c.value_rupiah,
                by = c.recorded_by, at = c.at, size = static_cast<long long>(c.pdf_size);
      int version = c.version, days = c.duration_days;
      sql_ << "INSERT INTO contracts (tender_id, sppbj_id, version, number, signed_on, "
              "value_rupiah, duration_days, ppk_name, ppk_nip, vendor_signatory, vendor_position, "
              "recorded_by, recorded_at, reason, pdf_sha256, pdf_size) VALUES (:t, :s, :ver, :n, "
              ":on, :val, :days, :pn, :nip, :vs, :vp, :by, :at, :r, :sha, :size) "
              "ON CONFLICT (sppbj_id, version) DO NOTHING RETURNING id",
          soci::use(tender, "t"), soci::use(sppbj, "s"), soci::use(version, "ver"),
          soci::use(c.number, "n"), soci::use(c.signed_on, "on"), soci::use(value, "val"),
          soci::use(days, "days"), soci::use(c.ppk_name, "pn"), soci::use(c.ppk_nip, "nip"),
          soci::use(c.vendor_signatory, "vs"), soci::use(c.vendor_position, "vp"),
          soci::use(by, "by"), soci::use(at, "at"), soci::use(c.reason, "r"),
          soci::use(c.pdf_sha256, "sha"), soci::use(size, "size"), soci::into(id);
      if (!sql_.got_data()) return AlreadyExists("contract.version_exists");
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<Contract>> ContractsOf(std::int64_t tender_id) override {
    return Guard("contracts.contracts", [&]() -> StatusOr<std::vector<Contract>> {
      std::vector<Contract> out;
      Contract c;
      long long tender = tender_id, id = 0, sppbj = 0, value = 0, by = 0, at = 0, size = 0;
      int version = 0, days = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, sppbj_id, version, number, signed_on, value_rupiah, "
                           "duration_days, ppk_name, ppk_nip, vendor_signatory, vendor_position, "
                           "recorded_by, recorded_at, reason, pdf_sha256, pdf_size FROM contracts "
                           "WHERE tender_id = :t ORDER BY sppbj_id, version",
           soci::use(tender, "t"), soci::into(id), soci::into(sppbj), soci::into(version),
           soci::into(c.number), soci::into(c.signed_on), soci::into(value), soci::into(days),
           soci::into(c.ppk_name), soci::into(c.ppk_nip), soci::into(c.vendor_signatory),
           soci::into(c.vendor_position), soci::into(by), soci::into(at), soci::into(c.reason),
           soci::into(c.pdf_sha256), soci::into(size));
      st.execute();
      while (st.fetch()) {
        Contract row = c;
        row.id = id;
        row.tender_id = tender_id;
        row.sppbj_id = sppbj;
        row.version = version;
        row.value_rupiah = value;
        row.duration_days = days;
        row.recorded_by = by;
        row.at = at;
        row.pdf_size = static_cast<std::uint64_t>(size);
        out.push_back(std::move(row));
      }
      return out;
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::ContractRepo> NewContractRepo(soci::session& sql) {
  return std::make_unique<SociContracts>(sql);
}

}  // namespace spse::storage
