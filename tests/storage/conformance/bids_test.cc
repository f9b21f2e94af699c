// BidRepo through Store/Tx on both databases: a member's key replaced keeps
// one current key; a tender key is stored once with its shares; a bid and
// its files round-trip, are found by an upload id, complete, end and count;
// the closing is recorded once.
#include <gtest/gtest.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Bid;
using domain::BidFile;
using domain::BidStatus;
using domain::Envelope;

struct World {
  std::int64_t tender = 0, member = 0, vendor = 0;
};

World NewWorld() {
  auto w = InWriteTx([&](app::Tx& tx) -> StatusOr<World> {
    World out;
    SPSE_ASSIGN_OR_RETURN(std::int64_t package, InsertTenderPackage(tx, "barang"));
    domain::Tender t;
    t.package_id = package;
    t.procedure_code = "tender-pasca-satu-file";
    t.evaluation = "harga_terendah_gugur";
    t.status = domain::TenderStatus::kRunning;
    t.created_by = 1;
    t.created_at = UniqueEpoch();
    t.schedule = {{"pengumuman", t.created_at, t.created_at + kMicrosPerDay}};
    t.changes = {0};
    SPSE_ASSIGN_OR_RETURN(out.tender, tx.tenders().Insert(t));
    SPSE_ASSIGN_OR_RETURN(out.member, tx.users().Insert(UserBuilder().Roles({domain::Role::kPokja}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    return out;
  });
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? *w : World{};
}

BidFile File(const std::string& upload, const std::string& name, bool price_form = false) {
  BidFile f;
  f.upload_id = upload;
  f.name = name;
  f.price_form = price_form;
  f.size = 5'000'000'123ull;  // past 32 bits
  f.sha256 = std::string(64, price_form ? 'b' : 'a');
  return f;
}

TEST(Bids, AMemberHasOneCurrentKeyAndHoldsSharesOfRunningTendersOnly) {
  World w = NewWorld();
  domain::MemberKey k;
  k.user_id = w.member;
  k.public_key = "first";
  k.wrapped_secret = "{\"v\":1}";
  k.created_at = 1000;
  ASSERT_OK_AND_ASSIGN(std::int64_t first, InWriteTx([&](app::Tx& tx) { return tx.bids().ReplaceMemberKey(k); }));
  k.public_key = "second";
  k.created_at = 2000;
  ASSERT_OK_AND_ASSIGN(std::int64_t second, InWriteTx([&](app::Tx& tx) { return tx.bids().ReplaceMemberKey(k); }));
  ASSERT_OK_AND_ASSIGN(auto current, InReadTx([&](app::Tx& tx) { return tx.bids().CurrentMemberKey(w.member); }));
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->id, second);
  EXPECT_EQ(current->public_key, "second");
  EXPECT_FALSE(current->retired_at.has_value());
  ASSERT_OK_AND_ASSIGN(auto old, InReadTx([&](app::Tx& tx) { return tx.bids().MemberKeyById(first); }));
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->retired_at, 2000);
  EXPECT_EQ(old->wrapped_secret, "{\"v\":1}");

  ASSERT_OK_AND_ASSIGN(bool holds, InReadTx([&](app::Tx& tx) { return tx.bids().HoldsRunningShare(w.member); }));
  EXPECT_FALSE(holds);
  domain::TenderKey tk;
  tk.tender_id = w.tender;
  tk.public_key = "tender-pk";
  tk.threshold = 1;
  tk.created_by = w.member;
  tk.created_at = 3000;
  tk.shares = {{w.member, second, 1, "sealed-share"}};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().InsertTenderKey(tk); }));
  // Set once; the second attempt leaves the first intact and the transaction usable.
  tk.public_key = "other";
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    EXPECT_THAT(tx.bids().InsertTenderKey(tk), StatusIs(Code::kAlreadyExists, "key.already_set"));
    return tx.bids().HoldsRunningShare(w.member).status();
  }));
  // A second envelope has a key of its own (dua file).
  domain::TenderKey price = tk;
  price.envelope = Envelope::kPrice;
  price.public_key = "price-pk";
  price.shares = {{w.member, second, 1, "price-share"}};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().InsertTenderKey(price); }));
  ASSERT_OK_AND_ASSIGN(auto stored, InReadTx([&](app::Tx& tx) { return tx.bids().TenderKeysOf(w.tender); }));
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].envelope, Envelope::kSingle);
  EXPECT_EQ(stored[0].public_key, "tender-pk");
  EXPECT_EQ(stored[0].created_at, 3000);
  ASSERT_EQ(stored[0].shares.size(), 1u);
  EXPECT_EQ(stored[0].shares[0].member_key_id, second);
  EXPECT_EQ(stored[0].shares[0].sealed_share, "sealed-share");
  EXPECT_EQ(stored[1].public_key, "price-pk");
  ASSERT_EQ(stored[1].shares.size(), 1u);
  EXPECT_EQ(stored[1].shares[0].sealed_share, "price-share");
  ASSERT_OK_AND_ASSIGN(holds, InReadTx([&](app::Tx& tx) { return tx.bids().HoldsRunningShare(w.member); }));
  EXPECT_TRUE(holds);
  ASSERT_OK_AND_ASSIGN(auto none, InReadTx([&](app::Tx& tx) { return tx.bids().TenderKeysOf(w.tender + 100000); }));
  EXPECT_TRUE(none.empty());
}

TEST(Bids, ABidAndItsFilesRoundTripCompleteAndEnd) {
  World w = NewWorld();
  Bid b;
  b.tender_id = w.tender;
  b.vendor_user_id = w.vendor;
  b.envelope = Envelope::kSingle;
  b.created_at = 10;
  b.client_addr = "10.1.2.3";
  const std::string u1 = Unique("up"), u2 = Unique("up");
  b.files = {File(u1, "penawaran.pdf"), File(u2, "penawaran-harga.json", true)};
  ASSERT_OK_AND_ASSIGN(std::int64_t id, InWriteTx([&](app::Tx& tx) { return tx.bids().InsertBid(b); }));
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.bids().BidOfUpload(u2); }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->status, BidStatus::kUploading);
  EXPECT_EQ(found->client_addr, "10.1.2.3");
  ASSERT_EQ(found->files.size(), 2u);
  EXPECT_EQ(found->files[0].name, "penawaran.pdf");
  EXPECT_EQ(found->files[0].size, 5'000'000'123ull);
  EXPECT_TRUE(found->files[1].price_form);
  EXPECT_FALSE(found->files[1].completed_at.has_value());
  ASSERT_OK_AND_ASSIGN(auto missing, InReadTx([&](app::Tx& tx) { return tx.bids().BidOfUpload("nope"); }));
  EXPECT_FALSE(missing.has_value());

  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.bids().CompleteFile(found->files[0].id, std::string(64, 'a'), 20));
    SPSE_RETURN_IF_ERROR(tx.bids().CompleteFile(found->files[1].id, std::string(64, 'b'), 21));
    return tx.bids().SubmitBid(id, 21, "{\"receipt\":1}", "sig");
  }));
  ASSERT_OK_AND_ASSIGN(auto done, InReadTx([&](app::Tx& tx) { return tx.bids().FindBid(id); }));
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->status, BidStatus::kSubmitted);
  EXPECT_EQ(done->submitted_at, 21);
  EXPECT_EQ(done->receipt, "{\"receipt\":1}");
  EXPECT_EQ(done->receipt_signature, "sig");
  EXPECT_EQ(done->files[1].completed_at, 21);
  EXPECT_EQ(done->files[1].blob_sha256, std::string(64, 'b'));

  Bid later = b;
  later.files = {File(Unique("up"), "x.pdf")};
  ASSERT_OK_AND_ASSIGN(std::int64_t second, InWriteTx([&](app::Tx& tx) { return tx.bids().InsertBid(later); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().EndBid(id, BidStatus::kRefused, 30, "bid.file_mismatch"); }));
  ASSERT_OK_AND_ASSIGN(auto all, InReadTx([&](app::Tx& tx) { return tx.bids().BidsOf(w.tender, std::nullopt); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, id);
  EXPECT_EQ(all[0].status, BidStatus::kRefused);
  EXPECT_EQ(all[0].ended_at, 30);
  EXPECT_EQ(all[0].refused_reason, "bid.file_mismatch");
  EXPECT_EQ(all[1].id, second);
  ASSERT_OK_AND_ASSIGN(auto mine, InReadTx([&](app::Tx& tx) { return tx.bids().BidsOf(w.tender, w.vendor); }));
  EXPECT_EQ(mine.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto theirs, InReadTx([&](app::Tx& tx) { return tx.bids().BidsOf(w.tender, w.member); }));
  EXPECT_TRUE(theirs.empty());
}

TEST(Bids, TheClosingIsRecordedOnce) {
  World w = NewWorld();
  ASSERT_OK_AND_ASSIGN(bool first, InWriteTx([&](app::Tx& tx) { return tx.bids().RecordClosing(w.tender, 50, 3, "d1"); }));
  EXPECT_TRUE(first);
  ASSERT_OK_AND_ASSIGN(bool again, InWriteTx([&](app::Tx& tx) { return tx.bids().RecordClosing(w.tender, 60, 4, "d2"); }));
  EXPECT_FALSE(again);
  ASSERT_OK_AND_ASSIGN(auto c, InReadTx([&](app::Tx& tx) { return tx.bids().ClosingOf(w.tender); }));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->at, 50);
  EXPECT_EQ(c->bids, 3);
  EXPECT_EQ(c->digest, "d1");
}

TEST(Bids, OpeningsPricesTechnicalResultsAndWitnessesAreKept) {
  World w = NewWorld();
  Bid b;
  b.tender_id = w.tender;
  b.vendor_user_id = w.vendor;
  b.envelope = Envelope::kTechnical;
  b.created_at = 10;
  b.files = {File(Unique("up"), "teknis.pdf")};
  ASSERT_OK_AND_ASSIGN(std::int64_t bid, InWriteTx([&](app::Tx& tx) { return tx.bids().InsertBid(b); }));
  ASSERT_OK_AND_ASSIGN(auto stored, InReadTx([&](app::Tx& tx) { return tx.bids().FindBid(bid); }));
  ASSERT_TRUE(stored.has_value() && stored->files.size() == 1);
  const std::int64_t file = stored->files.front().id;

  domain::EnvelopeOpening o{w.tender, Envelope::kTechnical, 100, w.member, "3,5", "BA-PB/X/TEKNIS",
                            std::string(64, 'c'), 4321};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().InsertOpening(o); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    EXPECT_THAT(tx.bids().InsertOpening(o), StatusIs(Code::kAlreadyExists, "opening.already_done"));
    return OkStatus();
  }));
  domain::FileOpening f{file, bid, 100, false, std::string(64, 'd'), "", 0, "seal.chunk"};
  ASSERT_OK_AND_ASSIGN(bool fresh, InWriteTx([&](app::Tx& tx) { return tx.bids().RecordFileOpening(f); }));
  EXPECT_TRUE(fresh);
  ASSERT_OK_AND_ASSIGN(fresh, InWriteTx([&](app::Tx& tx) { return tx.bids().RecordFileOpening(f); }));
  EXPECT_FALSE(fresh);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().RecordPrice({bid, 7'500'000'000, "PPN", "{\"v\":1}"}); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().SetTechnicalResult(bid, false, "x", w.member, 110); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.bids().SetTechnicalResult(bid, true, "", w.member, 120); }));
  domain::WitnessRecord wr;
  wr.tender_id = w.tender;
  wr.bid_file_id = file;
  wr.recorded_by = w.member;
  wr.witness_id = w.member;
  wr.at = 130;
  wr.declared_sha256 = std::string(64, 'a');
  wr.received_sha256 = std::string(64, 'd');
  wr.error = "seal.chunk";
  wr.minutes_number = "BA-KS/X/1";
  wr.minutes_sha256 = std::string(64, 'e');
  wr.minutes_size = 999;
  ASSERT_OK_AND_ASSIGN(std::int64_t wid, InWriteTx([&](app::Tx& tx) { return tx.bids().InsertWitness(wr); }));

  ASSERT_OK_AND_ASSIGN(auto openings, InReadTx([&](app::Tx& tx) { return tx.bids().OpeningsOf(w.tender); }));
  ASSERT_EQ(openings.size(), 1u);
  EXPECT_EQ(openings[0].holders, "3,5");
  EXPECT_EQ(openings[0].minutes_size, 4321u);
  ASSERT_OK_AND_ASSIGN(auto files, InReadTx([&](app::Tx& tx) { return tx.bids().FileOpeningsOf(w.tender); }));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_FALSE(files[0].ok);
  EXPECT_EQ(files[0].error, "seal.chunk");
  ASSERT_OK_AND_ASSIGN(auto prices, InReadTx([&](app::Tx& tx) { return tx.bids().PricesOf(w.tender); }));
  ASSERT_EQ(prices.size(), 1u);
  EXPECT_EQ(prices[0].price_rupiah, 7'500'000'000);
  EXPECT_EQ(prices[0].form_json, "{\"v\":1}");
  ASSERT_OK_AND_ASSIGN(auto technical, InReadTx([&](app::Tx& tx) { return tx.bids().TechnicalResultsOf(w.tender); }));
  ASSERT_EQ(technical.size(), 1u);
  EXPECT_TRUE(technical[0].second) << "the correction stands";
  ASSERT_OK_AND_ASSIGN(auto witnesses, InReadTx([&](app::Tx& tx) { return tx.bids().WitnessesOf(w.tender); }));
  ASSERT_EQ(witnesses.size(), 1u);
  EXPECT_EQ(witnesses[0].id, wid);
  EXPECT_EQ(witnesses[0].received_sha256, std::string(64, 'd'));
  EXPECT_EQ(witnesses[0].minutes_size, 999u);
}

}  // namespace
}  // namespace spse::storage::conformance
