// Sealed bids through BidService (issue 5): members' keys, the tender key
// and its shares, bids declared and then completed by their uploads, the
// deadline by the server clock, replacement, withdrawal and the closing.
// Rule ids are those of docs/rules.md (KEY-*, BID-*, CLS-*).
#include "app/bid_service.h"

#include "app/tender_fixture.h"

namespace spse::app {
namespace {

using domain::Bid;
using domain::BidFile;
using domain::BidStatus;
using domain::Envelope;

// Signs with an HMAC: the Ed25519 signer has its own tests; here only
// "the receipt is signed, and over this text" matters.
class HmacSigner final : public SignerPort {
 public:
  explicit HmacSigner(CryptoPort& crypto) : crypto_(crypto) {}
  std::string Sign(std::string_view text) override { return crypto_.Hmac("receipt-key", text); }
  std::string PublicKey() const override { return "receipt-public-key"; }

 private:
  CryptoPort& crypto_;
};

// 32 bytes of base64url (no padding); `c` varies the key.
std::string Key32(char c) { return std::string(42, c) + "A"; }
// A sealed share: 81 bytes of base64url.
std::string Share81(char c) { return std::string(108, c); }

class BidServiceTest : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    signer_ = std::make_unique<HmacSigner>(crypto_);
    bids_ = std::make_unique<BidService>(*store_, crypto_, *signer_, clock_, catalogue_,
                                         BidConfig{"LPSE Kabupaten Bangkalan", kWib});
    vendor_ = Vendor("cv.maju", "CV Maju Jaya");
    rival_ = Vendor("pt.rival", "PT Rival Konstruksi");
    tender_ = ReadyDraft();
    ASSERT_OK(service_->Publish(chair_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
    schedule_ = v.tender.schedule;
    for (const Actor* a : {&vendor_, &rival_}) Join(*a);
  }

  void Join(const Actor& a) {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::Participant p;
    p.tender_id = tender_;
    p.vendor_user_id = a.who.user_id;
    p.joined_at = clock_.Now();
    p.pact_sha256 = crypto_.Sha256Hex("pakta");
    ASSERT_OK(tx->participation().Join(p));
    ASSERT_OK(tx->Commit());
  }

  // Every member sets a personal key; the chair sets the tender key 2 of 3.
  void Keys() {
    char c = 'a';
    for (const Actor* a : {&chair_, &member_, &third_}) {
      ASSERT_OK(bids_->SetMyKey(*a, Key32(c++), R"({"v":1,"kdf":"argon2id13"})"));
    }
    ASSERT_OK(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, Shares()));
  }

  std::vector<domain::KeyShare> Shares() {
    std::vector<domain::KeyShare> out;
    int x = 1;
    for (const Actor* a : {&chair_, &member_, &third_}) {
      domain::KeyShare s;
      s.user_id = a->who.user_id;
      s.x = x;
      s.sealed_share = Share81(static_cast<char>('a' + x));
      out.push_back(s);
      ++x;
    }
    return out;
  }

  static BidFile File(std::string name, std::string contents, bool price_form = false) {
    BidFile f;
    f.name = std::move(name);
    f.price_form = price_form;
    f.size = contents.size();
    f.sha256 = Sha(contents);
    return f;
  }
  static std::string Sha(const std::string& s) {
    crypto::SodiumCrypto c;
    return c.Sha256Hex(s);
  }
  // Ciphertext stand-ins: at least the size of a sealed empty file.
  static std::string Bytes(char c, size_t n = 4096) { return std::string(n, c); }

  // Declares a single-envelope bid of two files (the offer and the price form).
  Bid Prepare(const Actor& who, char c = 'x') {
    auto bid = bids_->PrepareBid(who, tender_, Envelope::kSingle,
                                 {File("penawaran.pdf", Bytes(c)),
                                  File("penawaran-harga.json", Bytes(c + 1, 300), true)});
    EXPECT_TRUE(bid.ok()) << bid.status().ToString();
    return bid.ok() ? *bid : Bid{};
  }
  // Sends every file of `bid` as declared.
  void Complete(const Actor& who, const Bid& bid, char c = 'x') {
    ASSERT_OK(bids_->CompleteUpload(who, bid.files[0].upload_id, Blob(Bytes(c))));
    ASSERT_OK(bids_->CompleteUpload(who, bid.files[1].upload_id, Blob(Bytes(c + 1, 300))));
  }
  static BlobInfo Blob(const std::string& bytes) { return BlobInfo{Sha(bytes), bytes.size()}; }

  StatusOr<Bid> Reload(std::int64_t id) {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_->Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(auto bid, tx->bids().FindBid(id));
    if (!bid) return NotFound("bid.not_found");
    return *bid;
  }

  std::unique_ptr<HmacSigner> signer_;
  std::unique_ptr<BidService> bids_;
  Actor vendor_, rival_;
  std::int64_t tender_ = 0;
};

TEST_F(BidServiceTest, KEY_04_AMemberKeepsOnePersonalKeyAndCannotSwapItWhileItHoldsAShare) {
  EXPECT_THAT(bids_->SetMyKey(chair_, "not-a-key", "{\"v\":1,\"kdf\":\"argon2id13\"}"),
              StatusIs(Code::kInvalidArgument, "key.public_key_invalid"));
  EXPECT_THAT(bids_->SetMyKey(chair_, Key32('a'), "plaintext secret"),
              StatusIs(Code::kInvalidArgument, "key.wrapped_invalid"));
  EXPECT_THAT(bids_->SetMyKey(vendor_, Key32('a'), R"({"v":1,"kdf":"argon2id13"})"),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  ASSERT_OK(bids_->SetMyKey(chair_, Key32('a'), R"({"v":1,"kdf":"argon2id13"})"));
  ASSERT_OK(bids_->SetMyKey(chair_, Key32('b'), R"({"v":1,"kdf":"argon2id13","n":2})"));
  ASSERT_OK_AND_ASSIGN(MemberKeyView mine, bids_->MyKey(chair_));
  ASSERT_TRUE(mine.key.has_value());
  EXPECT_EQ(mine.key->public_key, Key32('b'));
  EXPECT_FALSE(mine.in_use);
  Keys();
  // Now the member's key opens a share of a running tender: replacing it
  // would lock the member out of the opening.
  ASSERT_OK_AND_ASSIGN(mine, bids_->MyKey(chair_));
  EXPECT_TRUE(mine.in_use);
  EXPECT_THAT(bids_->SetMyKey(chair_, Key32('c'), R"({"v":1,"kdf":"argon2id13"})"),
              StatusIs(Code::kFailedPrecondition, "key.in_use"));
  EXPECT_EQ(AuditCount("key.member_set"), 5);
}

TEST_F(BidServiceTest, KEY_01_02_03_TheChairSetsTheTenderKeyOnceWithAShareForEveryMember) {
  // Every member needs a personal key first.
  ASSERT_OK(bids_->SetMyKey(chair_, Key32('a'), R"({"v":1,"kdf":"argon2id13"})"));
  ASSERT_OK(bids_->SetMyKey(member_, Key32('b'), R"({"v":1,"kdf":"argon2id13"})"));
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, Shares()),
              StatusIs(Code::kFailedPrecondition, "key.member_without_key"));
  ASSERT_OK(bids_->SetMyKey(third_, Key32('c'), R"({"v":1,"kdf":"argon2id13"})"));
  // Only the chair.
  EXPECT_THAT(bids_->SetTenderKey(member_, tender_, Envelope::kSingle, Key32('T'), 2, Shares()),
              StatusIs(Code::kPermissionDenied, "key.chair_only"));
  EXPECT_THAT(bids_->SetTenderKey(outsider_, tender_, Envelope::kSingle, Key32('T'), 2, Shares()),
              StatusIs(Code::kNotFound, "tender.not_found"));
  // k of n: 2 <= k <= 3.
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 1, Shares()),
              StatusIs(Code::kInvalidArgument, "key.threshold_invalid"));
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 4, Shares()),
              StatusIs(Code::kInvalidArgument, "key.threshold_invalid"));
  // One share per member, x = 1..n, each a sealed 33-byte share.
  auto shares = Shares();
  shares.pop_back();
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, shares),
              StatusIs(Code::kInvalidArgument, "key.shares_mismatch"));
  shares = Shares();
  shares[2].x = 1;
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, shares),
              StatusIs(Code::kInvalidArgument, "key.shares_mismatch"));
  shares = Shares();
  shares[1].user_id = outsider_.who.user_id;
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, shares),
              StatusIs(Code::kInvalidArgument, "key.shares_mismatch"));
  shares = Shares();
  shares[0].sealed_share = "short";
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, shares),
              StatusIs(Code::kInvalidArgument, "key.share_invalid"));

  ASSERT_OK_AND_ASSIGN(TenderKeyView before, bids_->TenderKeySetup(chair_, tender_));
  EXPECT_OK(before.may_set);
  EXPECT_EQ(before.default_threshold, 2);
  ASSERT_EQ(before.holders.size(), 3u);
  ASSERT_OK(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, Shares()));
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('U'), 2, Shares()),
              StatusIs(Code::kAlreadyExists, "key.already_set"));
  // A satu-file tender has one envelope, so one key.
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kPrice, Key32('U'), 2, Shares()),
              StatusIs(Code::kInvalidArgument, "bid.envelope_invalid"));
  ASSERT_OK_AND_ASSIGN(TenderKeyView after, bids_->TenderKeySetup(member_, tender_));
  ASSERT_EQ(after.keys.size(), 1u);
  EXPECT_THAT(after.may_set, StatusIs(Code::kAlreadyExists, "key.already_set"));
  EXPECT_EQ(after.keys[0].public_key, Key32('T'));
  ASSERT_EQ(after.keys[0].shares.size(), 3u);
  // Each share is bound to the member's key at the time.
  ASSERT_OK_AND_ASSIGN(MemberKeyView third, bids_->MyKey(third_));
  EXPECT_EQ(after.keys[0].shares[2].member_key_id, third.key->id);
  EXPECT_EQ(AuditCount("tender.key_set"), 1);
}

TEST_F(BidServiceTest, KEY_02_TheTenderKeyCannotBeSetOnceTheBidStageHasBegun) {
  for (const Actor* a : {&chair_, &member_, &third_}) {
    ASSERT_OK(bids_->SetMyKey(*a, Key32('k'), R"({"v":1,"kdf":"argon2id13"})"));
  }
  At("upload_penawaran", 0);
  EXPECT_THAT(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle, Key32('T'), 2, Shares()),
              StatusIs(Code::kFailedPrecondition, "key.too_late"));
}

TEST_F(BidServiceTest, BID_01_05_BidsAreDeclaredOnlyByParticipantsWhileTheBidStageRuns) {
  Keys();
  std::vector<BidFile> files = {File("penawaran.pdf", Bytes('x')),
                                File("penawaran-harga.json", Bytes('y', 300), true)};
  EXPECT_THAT(bids_->PrepareBid(vendor_, tender_, Envelope::kSingle, files),
              StatusIs(Code::kFailedPrecondition, "bid.not_open"));
  At("upload_penawaran");
  Actor stranger = Vendor("cv.asing", "CV Asing");
  EXPECT_THAT(bids_->PrepareBid(stranger, tender_, Envelope::kSingle, files),
              StatusIs(Code::kFailedPrecondition, "participation.not_joined"));
  EXPECT_THAT(bids_->PrepareBid(member_, tender_, Envelope::kSingle, files),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  // A satu-file tender has one envelope.
  EXPECT_THAT(bids_->PrepareBid(vendor_, tender_, Envelope::kTechnical, files),
              StatusIs(Code::kInvalidArgument, "bid.envelope_invalid"));
  ASSERT_OK_AND_ASSIGN(Bid bid, bids_->PrepareBid(vendor_, tender_, Envelope::kSingle, files));
  EXPECT_EQ(bid.status, BidStatus::kUploading);
  ASSERT_EQ(bid.files.size(), 2u);
  EXPECT_NE(bid.files[0].upload_id, bid.files[1].upload_id);
  EXPECT_GE(bid.files[0].upload_id.size(), 32u);
  clock_.Set(schedule_[Stage("upload_penawaran")].end);
  EXPECT_THAT(bids_->PrepareBid(vendor_, tender_, Envelope::kSingle, files),
              StatusIs(Code::kFailedPrecondition, "bid.deadline_passed"));
}

TEST_F(BidServiceTest, BID_01_NoBidIsTakenBeforeTheChairSetsTheTenderKey) {
  At("upload_penawaran");
  EXPECT_THAT(bids_->PrepareBid(vendor_, tender_, Envelope::kSingle,
                                {File("penawaran.pdf", Bytes('x')),
                                 File("penawaran-harga.json", Bytes('y', 300), true)}),
              StatusIs(Code::kFailedPrecondition, "bid.no_tender_key"));
}

TEST_F(BidServiceTest, BID_02_ABidCountsOnceEveryFileIsInAsDeclaredWithASignedReceipt) {
  Keys();
  At("upload_penawaran");
  Bid bid = Prepare(vendor_);
  // Someone else's upload does not exist for them.
  EXPECT_THAT(bids_->FindUpload(rival_, bid.files[0].upload_id),
              StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(bids_->CompleteUpload(rival_, bid.files[0].upload_id, Blob(Bytes('x'))),
              StatusIs(Code::kNotFound, "upload.not_found"));
  ASSERT_OK_AND_ASSIGN(ResumableUpload u, bids_->FindUpload(vendor_, bid.files[0].upload_id));
  EXPECT_EQ(u.length, 4096u);
  EXPECT_EQ(u.sha256, Sha(Bytes('x')));

  ASSERT_OK(bids_->CompleteUpload(vendor_, bid.files[0].upload_id, Blob(Bytes('x'))));
  ASSERT_OK_AND_ASSIGN(Bid half, Reload(bid.id));
  EXPECT_EQ(half.status, BidStatus::kUploading);  // not yet: the price form is missing
  EXPECT_TRUE(half.receipt.empty());
  EXPECT_THAT(bids_->FindUpload(vendor_, bid.files[0].upload_id),
              StatusIs(Code::kFailedPrecondition, "upload.closed"));

  const Micros received = clock_.Now();
  ASSERT_OK(bids_->CompleteUpload(vendor_, bid.files[1].upload_id, Blob(Bytes('y', 300))));
  ASSERT_OK_AND_ASSIGN(Bid done, Reload(bid.id));
  EXPECT_EQ(done.status, BidStatus::kSubmitted);
  EXPECT_EQ(done.submitted_at, received);
  // The receipt names the tender, the vendor, each file's size and hash, and
  // the server time, and the signature is over exactly that text.
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
  EXPECT_NE(done.receipt.find("\"tender\":\"" + v.tender.code + "\""), std::string::npos);
  EXPECT_NE(done.receipt.find("\"name\":\"CV Maju Jaya\""), std::string::npos);
  EXPECT_NE(done.receipt.find("\"sha256\":\"" + Sha(Bytes('x')) + "\""), std::string::npos);
  EXPECT_NE(done.receipt.find("\"size\":300"), std::string::npos);
  EXPECT_NE(done.receipt.find("\"received_at\":" + std::to_string(received)), std::string::npos);
  EXPECT_EQ(done.receipt_signature, signer_->Sign(done.receipt));
  ASSERT_OK_AND_ASSIGN(ReceiptView r, bids_->Receipt(vendor_, bid.id));
  EXPECT_EQ(r.public_key, "receipt-public-key");
  EXPECT_THAT(bids_->Receipt(rival_, bid.id), StatusIs(Code::kNotFound, "bid.not_found"));
  ASSERT_OK(bids_->Receipt(member_, bid.id).status());
  EXPECT_EQ(AuditCount("bid.submitted"), 1);
}

TEST_F(BidServiceTest, BID_02_AFileThatIsNotWhatTheBrowserDeclaredRefusesTheBid) {
  Keys();
  At("upload_penawaran");
  Bid bid = Prepare(vendor_);
  EXPECT_THAT(bids_->CompleteUpload(vendor_, bid.files[0].upload_id, Blob(Bytes('z'))),
              StatusIs(Code::kFailedPrecondition, "bid.file_mismatch"));
  ASSERT_OK_AND_ASSIGN(Bid refused, Reload(bid.id));
  EXPECT_EQ(refused.status, BidStatus::kRefused);
  EXPECT_EQ(refused.refused_reason, "bid.file_mismatch");
  EXPECT_EQ(AuditCount("bid.refused"), 1);
  // The vendor starts again with a new declaration.
  Bid again = Prepare(vendor_);
  Complete(vendor_, again);
  ASSERT_OK_AND_ASSIGN(Bid done, Reload(again.id));
  EXPECT_EQ(done.status, BidStatus::kSubmitted);
}

TEST_F(BidServiceTest, BID_02_AnUploadCompletedAfterTheDeadlineIsRefusedEvenIfItBeganBefore) {
  Keys();
  At("upload_penawaran");
  Bid bid = Prepare(vendor_);
  ASSERT_OK(bids_->CompleteUpload(vendor_, bid.files[0].upload_id, Blob(Bytes('x'))));
  const Micros deadline = schedule_[Stage("upload_penawaran")].end;
  // The last byte became durable 1 µs after the deadline.
  clock_.Set(deadline + 1);
  EXPECT_THAT(bids_->CompleteUpload(vendor_, bid.files[1].upload_id, Blob(Bytes('y', 300))),
              StatusIs(Code::kFailedPrecondition, "bid.deadline_passed"));
  ASSERT_OK_AND_ASSIGN(Bid late, Reload(bid.id));
  EXPECT_EQ(late.status, BidStatus::kRefused);
  EXPECT_TRUE(late.receipt.empty());

  // Exactly at the deadline is too late as well (the stage is [start, end)).
  clock_.Set(deadline - 10);
  Bid other = Prepare(rival_, 'p');
  ASSERT_OK(bids_->CompleteUpload(rival_, other.files[0].upload_id, Blob(Bytes('p'))));
  clock_.Set(deadline);
  EXPECT_THAT(bids_->FindUpload(rival_, other.files[1].upload_id),
              StatusIs(Code::kFailedPrecondition, "upload.closed"));
  EXPECT_THAT(bids_->CompleteUpload(rival_, other.files[1].upload_id, Blob(Bytes('q', 300))),
              StatusIs(Code::kFailedPrecondition, "bid.deadline_passed"));

  // 1 µs before it counts.
  clock_.Set(deadline - 20);
  Bid third = Prepare(rival_, 'r');
  ASSERT_OK(bids_->CompleteUpload(rival_, third.files[0].upload_id, Blob(Bytes('r'))));
  clock_.Set(deadline - 1);
  ASSERT_OK(bids_->CompleteUpload(rival_, third.files[1].upload_id, Blob(Bytes('s', 300))));
  ASSERT_OK_AND_ASSIGN(Bid in_time, Reload(third.id));
  EXPECT_EQ(in_time.status, BidStatus::kSubmitted);
}

TEST_F(BidServiceTest, BID_03_04_TheLatestCompleteBidCountsEarlierOnesStayAndAWithdrawalEndsIt) {
  Keys();
  At("upload_penawaran");
  Bid first = Prepare(vendor_, 'a');
  Complete(vendor_, first, 'a');
  // A second declaration does not touch the first until it is complete.
  Bid second = Prepare(vendor_, 'c');
  ASSERT_OK_AND_ASSIGN(Bid still, Reload(first.id));
  EXPECT_EQ(still.status, BidStatus::kSubmitted);
  Complete(vendor_, second, 'c');
  ASSERT_OK_AND_ASSIGN(Bid old, Reload(first.id));
  EXPECT_EQ(old.status, BidStatus::kSuperseded);
  EXPECT_FALSE(old.receipt.empty());  // kept for the audit, with its receipt
  // An unfinished third declaration is given up by a fourth.
  Bid third = Prepare(vendor_, 'e');
  Bid fourth = Prepare(vendor_, 'g');
  ASSERT_OK_AND_ASSIGN(Bid abandoned, Reload(third.id));
  EXPECT_EQ(abandoned.status, BidStatus::kAbandoned);
  EXPECT_THAT(bids_->FindUpload(vendor_, third.files[0].upload_id),
              StatusIs(Code::kFailedPrecondition, "upload.closed"));
  ASSERT_OK(bids_->CancelUpload(vendor_, fourth.files[0].upload_id));

  EXPECT_THAT(bids_->Withdraw(rival_, second.id), StatusIs(Code::kNotFound, "bid.not_found"));
  EXPECT_THAT(bids_->Withdraw(vendor_, first.id),
              StatusIs(Code::kFailedPrecondition, "bid.not_submitted"));
  ASSERT_OK(bids_->Withdraw(vendor_, second.id));
  ASSERT_OK_AND_ASSIGN(Bid withdrawn, Reload(second.id));
  EXPECT_EQ(withdrawn.status, BidStatus::kWithdrawn);
  ASSERT_OK_AND_ASSIGN(VendorBidsView mine, bids_->MyBids(vendor_, tender_));
  EXPECT_EQ(mine.bids.size(), 4u);
  ASSERT_EQ(mine.keys.size(), 1u);
  EXPECT_EQ(mine.keys[0].public_key, Key32('T'));
  EXPECT_TRUE(mine.keys[0].shares.empty());
  EXPECT_EQ(AuditCount("bid.withdrawn"), 1);
  // After the deadline nothing can be withdrawn.
  Bid fifth = Prepare(vendor_, 'i');
  Complete(vendor_, fifth, 'i');
  AfterEndOf("upload_penawaran");
  EXPECT_THAT(bids_->Withdraw(vendor_, fifth.id),
              StatusIs(Code::kFailedPrecondition, "bid.deadline_passed"));
}

TEST_F(BidServiceTest, CLS_01_TheDeadlineClosesTheTenderOnceNamingEachCountingBidsHash) {
  Keys();
  At("upload_penawaran");
  Bid a = Prepare(vendor_, 'a');
  Complete(vendor_, a, 'a');
  Bid b = Prepare(rival_, 'c');
  Complete(rival_, b, 'c');
  Prepare(rival_, 'e');  // unfinished: not a bid
  AfterEndOf("upload_penawaran");
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
  domain::StageEvent end{schedule_[Stage("upload_penawaran")].end, Stage("upload_penawaran"),
                         false};
  domain::StageEvent other{schedule_[Stage("penjelasan")].end, Stage("penjelasan"), false};
  for (int i = 0; i < 2; ++i) {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK(bids_->OnStageEvent(*tx, v.tender, other));
    ASSERT_OK(bids_->OnStageEvent(*tx, v.tender, end));
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(AuditCount("bid.closed"), 1);
  ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kRead));
  ASSERT_OK_AND_ASSIGN(auto closing, tx->bids().ClosingOf(tender_));
  ASSERT_TRUE(closing.has_value());
  EXPECT_EQ(closing->bids, 2);
  EXPECT_EQ(closing->at, end.at);
  AuditFilter f;
  f.action = "bid.closed";
  ASSERT_OK_AND_ASSIGN(auto entries, tx->audit().Query(f));
  ASSERT_EQ(entries.size(), 1u);
  ASSERT_OK_AND_ASSIGN(Bid ra, Reload(a.id));
  EXPECT_NE(entries[0].summary.find(Sha(ra.receipt)), std::string::npos);
  EXPECT_NE(entries[0].summary.find("2 penawaran"), std::string::npos);
}


TEST_F(BidServiceTest, ThePokjaSeesEachBidsCiphertextFactsAndTheClosingOnceRecorded) {
  Keys();
  At("upload_penawaran");
  Bid a = Prepare(vendor_, 'a');
  Complete(vendor_, a, 'a');
  EXPECT_THAT(bids_->Incoming(vendor_, tender_),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  ASSERT_OK_AND_ASSIGN(IncomingBidsView before, bids_->Incoming(member_, tender_));
  ASSERT_EQ(before.bids.size(), 1u);
  EXPECT_EQ(before.bids[0].files[0].sha256, a.files[0].sha256);
  EXPECT_FALSE(before.closing.has_value());
  ASSERT_TRUE(before.deadline.has_value());
  EXPECT_EQ(*before.deadline, schedule_[Stage("upload_penawaran")].end);

  AfterEndOf("upload_penawaran");
  ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK(bids_->OnStageEvent(*tx, v.tender,
                                  {schedule_[Stage("upload_penawaran")].end,
                                   Stage("upload_penawaran"), false}));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(IncomingBidsView after, bids_->Incoming(member_, tender_));
  ASSERT_TRUE(after.closing.has_value());
  EXPECT_EQ(after.closing->bids, 1);
  EXPECT_EQ(after.closing->digest.size(), 64u);
}

// Keeps the document it is asked to print.
class CapturingPrinter final : public DocumentPrinter {
 public:
  StatusOr<std::string> Render(const PrintedDocument& doc) override {
    last = doc;
    return std::string("%PDF-1.4 stand-in");
  }
  PrintedDocument last;
};

std::string AllText(const PrintedDocument& doc) {
  std::string out = doc.title + "\n" + doc.subtitle + "\n";
  for (const auto& s : doc.sections) {
    out += s.heading + "\n";
    for (const auto& r : s.rows) out += r.label + ": " + r.value + "\n";
    for (const auto& p : s.paragraphs) out += p + "\n";
  }
  return out;
}

TEST_F(BidServiceTest, TheReceiptPrintsWithEveryFilesHashTheSignatureAndTheKeyForItsReadersOnly) {
  Keys();
  At("upload_penawaran");
  Bid a = Prepare(vendor_, 'a');
  CapturingPrinter printer;
  EXPECT_THAT(bids_->ReceiptPdf(vendor_, a.id, printer),
              StatusIs(Code::kNotFound, "bid.no_receipt"));
  Complete(vendor_, a, 'a');
  ASSERT_OK_AND_ASSIGN(std::string pdf, bids_->ReceiptPdf(vendor_, a.id, printer));
  EXPECT_EQ(pdf, "%PDF-1.4 stand-in");
  EXPECT_EQ(printer.last.title, "TANDA TERIMA PENAWARAN");
  const std::string text = AllText(printer.last);
  for (const BidFile& f : a.files) EXPECT_NE(text.find(f.sha256), std::string::npos) << f.name;
  EXPECT_NE(text.find("receipt-public-key"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(Bid ra, Reload(a.id));
  EXPECT_NE(text.find(ra.receipt_signature), std::string::npos);
  EXPECT_NE(text.find("spse verify-receipt"), std::string::npos);
  EXPECT_THAT(bids_->ReceiptPdf(rival_, a.id, printer),
              StatusIs(Code::kNotFound, "bid.not_found"));
  ASSERT_OK(bids_->ReceiptPdf(member_, a.id, printer).status());
}

}  // namespace
}  // namespace spse::app
