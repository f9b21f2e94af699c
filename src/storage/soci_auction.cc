// Tender invitations and reverse-auction bids, over SOCI. Both tables are
// append-only (migration 0024's triggers): nothing here updates.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/auction.h"
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::AuctionBid;
using domain::TenderInvitation;

class SociAuction final : public app::AuctionRepo {
 public:
  explicit SociAuction(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> Invite(const TenderInvitation& inv) override {
    return Guard("auction.invite", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = inv.tender_id, vendor = inv.vendor_id, by = inv.invited_by,
                at = inv.invited_at;
      soci::indicator ind = soci::i_null;
      sql_ << "INSERT INTO tender_invitations (tender_id, vendor_id, invited_by, invited_at) "
              "VALUES (:t, :v, :by, :at) ON CONFLICT (tender_id, vendor_id) DO NOTHING "
              "RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(by, "by"),
          soci::use(at, "at"), soci::into(id, ind);
      if (!sql_.got_data() || ind != soci::i_ok) {
        return AlreadyExists("auction.already_invited");
      }
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<TenderInvitation>> InvitationsOf(std::int64_t tender_id) override {
    return Guard("auction.invitations", [&]() -> StatusOr<std::vector<TenderInvitation>> {
      std::vector<TenderInvitation> out;
      long long tender = tender_id, id = 0, vendor = 0, by = 0, at = 0;
      std::string company;
      soci::indicator company_ind = soci::i_null;
      soci::statement st =
          (sql_.prepare << "SELECT i.id, i.vendor_id, i.invited_by, i.invited_at, v.company_name "
                           "FROM tender_invitations i LEFT JOIN vendors v ON v.user_id = "
                           "i.vendor_id WHERE i.tender_id = :t ORDER BY i.id",
           soci::use(tender, "t"), soci::into(id), soci::into(vendor), soci::into(by),
           soci::into(at), soci::into(company, company_ind));
      st.execute();
      while (st.fetch()) {
        TenderInvitation row;
        row.id = id;
        row.tender_id = tender_id;
        row.vendor_id = vendor;
        row.invited_by = by;
        row.invited_at = at;
        row.company_name = company_ind == soci::i_ok ? company : "";
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<bool> IsInvited(std::int64_t tender_id, std::int64_t vendor_id) override {
    return Guard("auction.is_invited", [&]() -> StatusOr<bool> {
      long long tender = tender_id, vendor = vendor_id;
      int n = 0;
      sql_ << "SELECT COUNT(*) FROM tender_invitations WHERE tender_id = :t AND vendor_id = :v",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::into(n);
      return n > 0;
    });
  }

  Status LockTender(std::int64_t tender_id) override {
    return Guard("auction.lock", [&]() -> Status {
      // SQLite: the write transaction (BEGIN IMMEDIATE) already holds the
      // database's only write lock.
      if (sql_.get_backend_name() == "sqlite3") return OkStatus();
      long long tender = tender_id, id = 0;
      sql_ << "SELECT id FROM tenders WHERE id = :t FOR UPDATE", soci::use(tender, "t"),
          soci::into(id);
      if (!sql_.got_data()) return NotFound("tender.not_found");
      return OkStatus();
    });
  }

  StatusOr<std::int64_t> InsertBid(const AuctionBid& b) override {
    return Guard("auction.insert_bid", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = b.tender_id, vendor = b.vendor_id, price = b.price_rupiah,
                at = b.at;
      sql_ << "INSERT INTO auction_bids (tender_id, vendor_id, price_rupiah, at) "
              "VALUES (:t, :v, :p, :at) RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(price, "p"),
          soci::use(at, "at"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<AuctionBid>> BidsOf(std::int64_t tender_id) override {
    return Guard("auction.bids", [&]() -> StatusOr<std::vector<AuctionBid>> {
      std::vector<AuctionBid> out;
      long long tender = tender_id, id = 0, vendor = 0, price = 0, at = 0;
      std::string company;
      soci::indicator company_ind = soci::i_null;
      soci::statement st =
          (sql_.prepare << "SELECT b.id, b.vendor_id, b.price_rupiah, b.at, v.company_name "
                           "FROM auction_bids b LEFT JOIN vendors v ON v.user_id = b.vendor_id "
                           "WHERE b.tender_id = :t ORDER BY b.id",
           soci::use(tender, "t"), soci::into(id), soci::into(vendor), soci::into(price),
           soci::into(at), soci::into(company, company_ind));
      st.execute();
      while (st.fetch()) {
        AuctionBid row;
        row.id = id;
        row.tender_id = tender_id;
        row.vendor_id = vendor;
        row.price_rupiah = price;
        row.at = at;
        row.company_name = company_ind == soci::i_ok ? company : "";
        out.push_back(std::move(row));
      }
      return out;
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::AuctionRepo> NewAuctionRepo(soci::session& sql) {
  return std::make_unique<SociAuction>(sql);
}

}  // namespace spse::storage
