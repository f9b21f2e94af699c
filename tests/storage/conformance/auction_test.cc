// AuctionRepo through Store/Tx on both databases: invitations are unique per
// tender and vendor and list oldest first with company names; auction bids
// round-trip in id order per tender; LockTender makes a second bidding
// transaction on the tender wait for the first and see its bid; migration
// 0024's triggers make both tables append-only in the database itself.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "domain/auction.h"
#include "storage/conformance/builders.h"
#include "storage/conformance/raw_session.h"
#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::AuctionBid;
using domain::TenderInvitation;
using ::testing::HasSubstr;

struct World {
  std::int64_t tender = 0, pokja = 0, vendor_a = 0, vendor_b = 0;
};

World NewWorld() {
  auto w = InWriteTx([&](app::Tx& tx) -> StatusOr<World> {
    World out;
    SPSE_ASSIGN_OR_RETURN(std::int64_t package, InsertTenderPackage(tx, "barang"));
    domain::Tender t;
    t.package_id = package;
    t.procedure_code = "tender-cepat";
    t.evaluation = "harga_terendah_gugur";
    t.status = domain::TenderStatus::kRunning;
    t.created_by = 1;
    t.created_at = UniqueEpoch();
    t.schedule = {{"undangan", t.created_at, t.created_at + kMicrosPerDay}};
    t.changes = {0};
    SPSE_ASSIGN_OR_RETURN(out.tender, tx.tenders().Insert(t));
    SPSE_ASSIGN_OR_RETURN(out.pokja, tx.users().Insert(UserBuilder().Roles({domain::Role::kPokja}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor_a, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor_b, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    domain::Vendor v;
    v.user_id = out.vendor_a;
    v.company_name = "CV Rambu “Jaya” Abadi";
    v.business_form = "CV";
    v.npwp = UniqueCode("npwp");
    v.address = "Jl. Soekarno-Hatta 1";
    v.regency = "Kabupaten Bangkalan";
    v.province = "Jawa Timur";
    v.phone = "031-1";
    v.company_email = "rambu@example.co.id";
    v.responsible_name = "Hasan";
    v.responsible_position = "Direktur";
    v.responsible_nik = "3526011203780001";
    SPSE_RETURN_IF_ERROR(tx.vendors().Insert(v));
    return out;
  });
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? *w : World{};
}

TenderInvitation AnInvitation(const World& w, std::int64_t vendor, Micros at) {
  TenderInvitation inv;
  inv.tender_id = w.tender;
  inv.vendor_id = vendor;
  inv.invited_by = w.pokja;
  inv.invited_at = at;
  return inv;
}

AuctionBid ABid(const World& w, std::int64_t vendor, std::int64_t price, Micros at) {
  AuctionBid b;
  b.tender_id = w.tender;
  b.vendor_id = vendor;
  b.price_rupiah = price;
  b.at = at;
  return b;
}

TEST(Auction, InvitationsAreUniqueAndListedOldestFirstPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.auction().Invite(AnInvitation(w, w.vendor_a, 10)).status());
    SPSE_RETURN_IF_ERROR(tx.auction().Invite(AnInvitation(w, w.vendor_b, 20)).status());
    return tx.auction().Invite(AnInvitation(other, other.vendor_a, 30)).status();
  }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.auction().Invite(AnInvitation(w, w.vendor_a, 40)); }),
              StatusIs(Code::kAlreadyExists, "auction.already_invited"));
  ASSERT_OK_AND_ASSIGN(auto list, InReadTx([&](app::Tx& tx) { return tx.auction().InvitationsOf(w.tender); }));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].vendor_id, w.vendor_a);
  EXPECT_EQ(list[0].company_name, "CV Rambu “Jaya” Abadi");
  EXPECT_EQ(list[0].invited_by, w.pokja);
  EXPECT_EQ(list[0].invited_at, 10);
  EXPECT_EQ(list[1].vendor_id, w.vendor_b);
  EXPECT_EQ(list[1].company_name, "");  // no company data
  EXPECT_LT(list[0].id, list[1].id);
  ASSERT_OK_AND_ASSIGN(bool a, InReadTx([&](app::Tx& tx) { return tx.auction().IsInvited(w.tender, w.vendor_a); }));
  EXPECT_TRUE(a);
  ASSERT_OK_AND_ASSIGN(bool b, InReadTx([&](app::Tx& tx) { return tx.auction().IsInvited(other.tender, w.vendor_b); }));
  EXPECT_FALSE(b);
}

TEST(Auction, BidsRoundTripInIdOrderPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.auction().InsertBid(ABid(w, w.vendor_a, 9'000'000'000'123, 5)).status());
    SPSE_RETURN_IF_ERROR(tx.auction().InsertBid(ABid(other, other.vendor_a, 7, 6)).status());
    return tx.auction().InsertBid(ABid(w, w.vendor_b, 8'999'999'999'999, 7)).status();
  }));
  ASSERT_OK_AND_ASSIGN(auto bids, InReadTx([&](app::Tx& tx) { return tx.auction().BidsOf(w.tender); }));
  ASSERT_EQ(bids.size(), 2u);
  EXPECT_EQ(bids[0].vendor_id, w.vendor_a);
  EXPECT_EQ(bids[0].company_name, "CV Rambu “Jaya” Abadi");
  EXPECT_EQ(bids[0].price_rupiah, 9'000'000'000'123);
  EXPECT_EQ(bids[0].at, 5);
  EXPECT_EQ(bids[0].tender_id, w.tender);
  EXPECT_EQ(bids[1].vendor_id, w.vendor_b);
  EXPECT_EQ(bids[1].price_rupiah, 8'999'999'999'999);
  EXPECT_LT(bids[0].id, bids[1].id);
}

TEST(Auction, ASecondBiddingTransactionWaitsForTheFirstAndSeesItsBid) {
  World w = NewWorld();
  ASSERT_OK_AND_ASSIGN(auto first, TheStore().Begin(app::Access::kWrite));
  ASSERT_OK(first->auction().LockTender(w.tender));
  StatusOr<std::vector<AuctionBid>> seen = Internal("not run");
  std::thread second([&] {
    seen = InWriteTx([&](app::Tx& tx) -> StatusOr<std::vector<AuctionBid>> {
      SPSE_RETURN_IF_ERROR(tx.auction().LockTender(w.tender));
      return tx.auction().BidsOf(w.tender);
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_OK(first->auction().InsertBid(ABid(w, w.vendor_a, 1000, 1)).status());
  ASSERT_OK(first->Commit());
  second.join();
  ASSERT_OK(seen.status());
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].price_rupiah, 1000);
}

TEST(Auction, TheDatabaseRefusesToChangeOrRemoveInvitationsAndBids) {
  World w = NewWorld();
  std::int64_t invitation = 0, bid = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(invitation, tx.auction().Invite(AnInvitation(w, w.vendor_a, 1)));
    SPSE_ASSIGN_OR_RETURN(bid, tx.auction().InsertBid(ABid(w, w.vendor_a, 500, 2)));
    return OkStatus();
  }));
  struct Row {
    std::string table, column;
    std::int64_t id;
  };
  const Row rows[] = {{"tender_invitations", "invited_at", invitation}, {"auction_bids", "at", bid}};
  for (const auto& [table, column, id] : rows) {
    SCOPED_TRACE(table);
    EXPECT_THAT(TryInRolledBackTx("UPDATE " + table + " SET " + column + " = 0 WHERE id = " +
                                  std::to_string(id)),
                HasSubstr(table + " is append-only"));
    EXPECT_THAT(TryInRolledBackTx("DELETE FROM " + table + " WHERE id = " + std::to_string(id)),
                HasSubstr(table + " is append-only"));
  }
  ASSERT_OK_AND_ASSIGN(auto bids, InReadTx([&](app::Tx& tx) { return tx.auction().BidsOf(w.tender); }));
  ASSERT_EQ(bids.size(), 1u);
  EXPECT_EQ(bids[0].price_rupiah, 500);
}

}  // namespace
}  // namespace spse::storage::conformance
