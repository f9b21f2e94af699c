// Opening sealed bids through OpeningService with the real cryptography
// (issue 5, items 6-7): members' shares unlocked with their own keys, the
// tender key rebuilt from k of them in memory only, every bid opened and
// its price read, the Berita Acara issued; and the witnessed second attempt
// at a tampered file (Pasal 23(2)). Rule ids: OPN-* in docs/rules.md.
#include "app/opening_service.h"

#include <nlohmann/json.hpp>

#include <fstream>

#include "app/bid_service.h"
#include "app/tender_fixture.h"
#include "crypto/bid_crypto.h"
#include "crypto/envelope_opener.h"
#include "domain/shamir.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"

namespace spse::app {
namespace {

using domain::Bid;
using domain::BidStatus;
using domain::Envelope;

class TestSigner final : public SignerPort {
 public:
  std::string Sign(std::string_view) override { return "signature"; }
  std::string PublicKey() const override { return "key"; }
};

class OpeningServiceTest : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    bids_ = std::make_unique<BidService>(*store_, crypto_, signer_, clock_, catalogue_,
                                         BidConfig{"LPSE Kabupaten Bangkalan", kWib});
    opening_ = std::make_unique<OpeningService>(
        *store_, crypto_, opener_, *blobs_, printer_, clock_, catalogue_,
        OpeningConfig{"LPSE Kabupaten Bangkalan", kWib, kMicrosPerHour});
    vendor_ = Vendor("cv.maju", "CV Maju Jaya");
    rival_ = Vendor("pt.rival", "PT Rival Konstruksi");
    officer_ = As("helpdesk.lpse", Role::kHelpdesk);
    tender_ = ReadyDraft();
    ASSERT_OK(service_->Publish(chair_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
    schedule_ = v.tender.schedule;
    for (const Actor* a : {&vendor_, &rival_}) {
      ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
      domain::Participant p;
      p.tender_id = tender_;
      p.vendor_user_id = a->who.user_id;
      p.joined_at = clock_.Now();
      p.pact_sha256 = crypto_.Sha256Hex("pakta");
      ASSERT_OK(tx->participation().Join(p));
      ASSERT_OK(tx->Commit());
    }
    // Each member makes a personal key; the chair makes the tender key, 2 of 3.
    std::vector<crypto::TenderMember> members;
    for (const Actor* a : {&chair_, &member_, &third_}) {
      crypto::BoxKeyPair pair = crypto::GenerateBoxKeyPair();
      member_secret_[a->who.user_id] = pair.secret_key;
      ASSERT_OK(bids_->SetMyKey(*a, crypto::ToBase64(pair.public_key), R"({"v":1,"kdf":"argon2id13"})"));
      members.push_back({a->who.user_id, pair.public_key});
    }
    ASSERT_OK_AND_ASSIGN(crypto::TenderKeyBundle bundle, crypto::MakeTenderKeyBundle(members, 2));
    tender_pk_ = bundle.public_key;
    crypto::Wipe(bundle.secret_key);
    auto json = nlohmann::json::parse(bundle.json);
    std::vector<domain::KeyShare> shares;
    for (const auto& s : json["shares"]) {
      domain::KeyShare k;
      k.user_id = s["user_id"].get<std::int64_t>();
      k.x = s["x"].get<int>();
      k.sealed_share = s["sealed_share"].get<std::string>();
      sealed_share_[k.user_id] = k.sealed_share;
      shares.push_back(k);
    }
    ASSERT_OK(bids_->SetTenderKey(chair_, tender_, Envelope::kSingle,
                                  json["public_key"].get<std::string>(), 2, shares));
  }

  // The vendor's browser: seals the offer and the price form, declares them
  // and sends the bytes. Returns the bid.
  Bid SealAndSend(const Actor& who, std::int64_t price, const std::string& offer) {
    auto sealed_offer = crypto::SealFile(tender_pk_, offer);
    auto sealed_form = crypto::SealFile(
        tender_pk_, R"({"v":1,"price":")" + std::to_string(price) + R"(","currency":"IDR","notes":"termasuk PPN"})");
    EXPECT_TRUE(sealed_offer.ok() && sealed_form.ok());
    std::vector<domain::BidFile> files(2);
    files[0].name = "penawaran.pdf";
    files[1].name = "penawaran-harga.json";
    files[1].price_form = true;
    const std::string* bytes[] = {&*sealed_offer, &*sealed_form};
    for (int i = 0; i < 2; ++i) {
      files[i].size = bytes[i]->size();
      files[i].sha256 = crypto_.Sha256Hex(*bytes[i]);
    }
    auto bid = bids_->PrepareBid(who, tender_, Envelope::kSingle, files);
    EXPECT_TRUE(bid.ok()) << bid.status().ToString();
    for (int i = 0; i < 2; ++i) {
      auto sink = blobs_->NewSink(1 << 20);
      EXPECT_TRUE(sink.ok());
      EXPECT_OK((*sink)->Append(*bytes[i]));
      auto info = (*sink)->Commit();
      EXPECT_OK(bids_->CompleteUpload(who, bid->files[i].upload_id, *info));
    }
    return *bid;
  }

  // A member's browser: opens their sealed share with their own secret key.
  std::string ShareOf(const Actor& a) {
    auto share = crypto::OpenShare(sealed_share_[a.who.user_id], member_secret_[a.who.user_id]);
    EXPECT_TRUE(share.ok()) << share.status().ToString();
    return crypto::ToBase64(*share);
  }

  std::string PdfText(const std::string& path) {
    const std::string out = (dir_ / "ba.txt").string();
    const std::string cmd = "pdftotext -layout '" + path + "' '" + out + "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return "";
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  TestSigner signer_;
  crypto::SodiumEnvelopeOpener opener_;
  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<BidService> bids_;
  std::unique_ptr<OpeningService> opening_;
  Actor vendor_, rival_, officer_;
  std::int64_t tender_ = 0;
  std::string tender_pk_;
  std::map<std::int64_t, std::string> member_secret_, sealed_share_;
};

TEST_F(OpeningServiceTest, OPN_01_NothingOpensBeforeTheDeadlineAndKMinusOneSharesRevealNothing) {
  At("upload_penawaran");
  Bid bid = SealAndSend(vendor_, 1'250'000'000, "dokumen penawaran CV Maju Jaya");
  EXPECT_THAT(opening_->GiveShare(chair_, tender_, Envelope::kSingle, ShareOf(chair_)),
              StatusIs(Code::kFailedPrecondition, "opening.before_deadline"));

  // Holding the whole database, the blob store and k-1 = 1 unlocked share:
  // the key it yields is not the tender's, and the bid does not open.
  auto one = crypto::OpenShare(sealed_share_[member_.who.user_id], member_secret_[member_.who.user_id]);
  ASSERT_OK(one.status());
  // The attacker completes k with a made-up share: every key stays possible.
  const auto x = static_cast<std::uint8_t>((*one)[0]);
  auto guess = domain::CombineShares({domain::SecretShare{x, one->substr(1)},
                                      domain::SecretShare{static_cast<std::uint8_t>(x == 3 ? 2 : 3),
                                                          std::string(32, '\x42')}});
  ASSERT_OK(guess.status());
  ASSERT_OK_AND_ASSIGN(std::string guess_pk, opener_.PublicKeyOf(*guess));
  EXPECT_NE(guess_pk, crypto::ToBase64(tender_pk_));
  ASSERT_OK_AND_ASSIGN(std::string path, blobs_->FileOf(bid.files[0].sha256));
  std::ifstream in(path, std::ios::binary);
  const std::string sealed((std::istreambuf_iterator<char>(in)), {});
  EXPECT_THAT(crypto::OpenFile(*guess, sealed).status(), StatusIs(Code::kInvalidArgument, "seal.key"));

  // After the deadline one share is not enough either.
  AfterEndOf("upload_penawaran");
  ASSERT_OK_AND_ASSIGN(bool opened, opening_->GiveShare(member_, tender_, Envelope::kSingle, ShareOf(member_)));
  EXPECT_FALSE(opened);
  ASSERT_OK_AND_ASSIGN(OpeningView v, opening_->View(chair_, tender_));
  ASSERT_EQ(v.envelopes.size(), 1u);
  EXPECT_FALSE(v.envelopes[0].opening.has_value());
  EXPECT_EQ(v.envelopes[0].given_by, std::vector<std::int64_t>{member_.who.user_id});
  ASSERT_EQ(v.bids.size(), 1u);
  EXPECT_FALSE(v.bids[0].price.has_value());

  // A share waits in memory for its lifetime only: one given long after
  // the other does not meet it.
  clock_.Advance(2 * kMicrosPerHour);
  ASSERT_OK_AND_ASSIGN(opened, opening_->GiveShare(chair_, tender_, Envelope::kSingle, ShareOf(chair_)));
  EXPECT_FALSE(opened);
  ASSERT_OK_AND_ASSIGN(v, opening_->View(chair_, tender_));
  EXPECT_EQ(v.envelopes[0].given_by, std::vector<std::int64_t>{chair_.who.user_id});
}

TEST_F(OpeningServiceTest, OPN_02_KMembersOpenEveryBidReadThePricesAndIssueTheBeritaAcara) {
  At("upload_penawaran");
  Bid a = SealAndSend(vendor_, 1'250'000'000, "penawaran A");
  Bid b = SealAndSend(rival_, 1'190'500'000, "penawaran B");
  AfterEndOf("upload_penawaran");
  // Not a holder, a share of someone else, a malformed one.
  EXPECT_THAT(opening_->GiveShare(outsider_, tender_, Envelope::kSingle, ShareOf(chair_)),
              StatusIs(Code::kNotFound, "tender.not_found"));
  EXPECT_THAT(opening_->GiveShare(chair_, tender_, Envelope::kSingle, ShareOf(member_)),
              StatusIs(Code::kInvalidArgument, "opening.share_invalid"));
  EXPECT_THAT(opening_->GiveShare(chair_, tender_, Envelope::kSingle, "AAAA"),
              StatusIs(Code::kInvalidArgument, "opening.share_invalid"));

  ASSERT_OK_AND_ASSIGN(bool first, opening_->GiveShare(chair_, tender_, Envelope::kSingle, ShareOf(chair_)));
  EXPECT_FALSE(first);
  clock_.Advance(10 * kMicrosPerMinute);  // the members arrive one after the other
  ASSERT_OK_AND_ASSIGN(bool second, opening_->GiveShare(third_, tender_, Envelope::kSingle, ShareOf(third_)));
  EXPECT_TRUE(second);

  ASSERT_OK_AND_ASSIGN(OpeningView v, opening_->View(member_, tender_));
  ASSERT_TRUE(v.envelopes[0].opening.has_value());
  EXPECT_TRUE(v.envelopes[0].key_in_memory);
  EXPECT_TRUE(v.envelopes[0].given_by.empty()) << "the shares are gone from memory";
  ASSERT_EQ(v.bids.size(), 2u);
  ASSERT_TRUE(v.bids[0].price.has_value());
  EXPECT_EQ(v.bids[0].price->price_rupiah, 1'250'000'000);
  EXPECT_EQ(v.bids[0].price->notes, "termasuk PPN");
  EXPECT_EQ(v.bids[1].price->price_rupiah, 1'190'500'000);
  for (const auto& bid : v.bids) {
    for (const auto& f : bid.files) {
      ASSERT_TRUE(f.opening.has_value());
      EXPECT_TRUE(f.opening->ok) << f.opening->error;
      EXPECT_EQ(f.opening->received_sha256, f.file.sha256);
    }
  }
  // The opened offer is the vendor's plaintext, kept as a blob.
  ASSERT_OK_AND_ASSIGN(std::string plain_path, blobs_->FileOf(v.bids[0].files[0].opening->plaintext_sha256));
  std::ifstream in(plain_path, std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), {}), "penawaran A");

  ASSERT_OK_AND_ASSIGN(auto ba, opening_->MinutesPdf(member_, tender_, "pembukaan", "tunggal"));
  const std::string text = PdfText(ba.path);
  ASSERT_FALSE(text.empty());
  EXPECT_NE(text.find("BERITA ACARA PEMBUKAAN PENAWARAN"), std::string::npos);
  EXPECT_NE(text.find("CV Maju Jaya"), std::string::npos);
  EXPECT_NE(text.find("Rp 1.250.000.000,00"), std::string::npos);
  EXPECT_NE(text.find("Rp 1.190.500.000,00"), std::string::npos);
  EXPECT_NE(text.find(a.files[0].sha256.substr(0, 32)), std::string::npos);
  EXPECT_NE(text.find(b.files[1].sha256.substr(0, 32)), std::string::npos);
  EXPECT_EQ(AuditCount("bid.opened"), 1);
  EXPECT_EQ(AuditCount("opening.share_given"), 2);

  // A third share later rebuilds nothing new: the envelope is opened once.
  ASSERT_OK_AND_ASSIGN(bool third, opening_->GiveShare(member_, tender_, Envelope::kSingle, ShareOf(member_)));
  EXPECT_FALSE(third);
  EXPECT_EQ(AuditCount("bid.opened"), 1);
}

TEST_F(OpeningServiceTest, OPN_03_ATamperedFileIsRecordedAndItsWitnessedSecondAttemptHasItsBeritaAcara) {
  At("upload_penawaran");
  Bid a = SealAndSend(vendor_, 1'250'000'000, std::string(200'000, 'A'));
  SealAndSend(rival_, 1'190'500'000, "penawaran B");
  // An insider flips one byte of the stored ciphertext.
  ASSERT_OK_AND_ASSIGN(std::string path, blobs_->FileOf(a.files[0].sha256));
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(70'000);
    f.put('\x5a');
  }
  AfterEndOf("upload_penawaran");
  ASSERT_OK(opening_->GiveShare(chair_, tender_, Envelope::kSingle, ShareOf(chair_)).status());
  ASSERT_OK(opening_->GiveShare(member_, tender_, Envelope::kSingle, ShareOf(member_)).status());
  ASSERT_OK_AND_ASSIGN(OpeningView v, opening_->View(chair_, tender_));
  const auto& failed = v.bids[0].files[0];
  ASSERT_TRUE(failed.opening.has_value());
  EXPECT_FALSE(failed.opening->ok);
  EXPECT_EQ(failed.opening->error, "seal.chunk");
  EXPECT_NE(failed.opening->received_sha256, a.files[0].sha256);
  EXPECT_TRUE(v.bids[0].files[1].opening->ok);  // the price form opened
  EXPECT_TRUE(v.bids[1].files[0].opening->ok);  // the other bid is untouched

  // Only an LPSE officer witnesses.
  EXPECT_THAT(opening_->WitnessRetry(chair_, tender_, failed.file.id, ""),
              StatusIs(Code::kPermissionDenied, "auth.forbidden"));
  EXPECT_THAT(opening_->WitnessRetry(officer_, tender_, v.bids[1].files[0].file.id, ""),
              StatusIs(Code::kFailedPrecondition, "opening.file_not_failed"));
  ASSERT_OK_AND_ASSIGN(std::int64_t id, opening_->WitnessRetry(officer_, tender_, failed.file.id,
                                                               "Percobaan kedua di ruang LPSE"));
  ASSERT_OK_AND_ASSIGN(OpeningView after, opening_->View(officer_, tender_));
  ASSERT_EQ(after.bids[0].files[0].witnesses.size(), 1u);
  const domain::WitnessRecord& w = after.bids[0].files[0].witnesses[0];
  EXPECT_FALSE(w.ok);
  EXPECT_EQ(w.error, "seal.chunk");
  EXPECT_EQ(w.declared_sha256, a.files[0].sha256);
  EXPECT_EQ(w.received_sha256, failed.opening->received_sha256);
  EXPECT_EQ(w.witness_id, officer_.who.user_id);
  ASSERT_OK_AND_ASSIGN(auto ba, opening_->MinutesPdf(officer_, tender_, "kesaksian", std::to_string(id)));
  const std::string text = PdfText(ba.path);
  EXPECT_NE(text.find("BERITA ACARA KESAKSIAN"), std::string::npos);
  EXPECT_NE(text.find("seal.chunk"), std::string::npos);
  EXPECT_NE(text.find(a.files[0].sha256.substr(0, 32)), std::string::npos);
  EXPECT_NE(text.find(w.received_sha256.substr(0, 32)), std::string::npos);
  EXPECT_NE(text.find("BERBEDA"), std::string::npos);
  EXPECT_EQ(AuditCount("bid.witnessed"), 1);

  // The rebuilt key leaves memory after its lifetime: a new attempt then
  // needs the members' shares again.
  clock_.Advance(2 * kMicrosPerHour);
  EXPECT_THAT(opening_->WitnessRetry(officer_, tender_, failed.file.id, ""),
              StatusIs(Code::kFailedPrecondition, "opening.key_gone"));
  ASSERT_OK(opening_->GiveShare(chair_, tender_, Envelope::kSingle, ShareOf(chair_)).status());
  ASSERT_OK(opening_->GiveShare(third_, tender_, Envelope::kSingle, ShareOf(third_)).status());
  ASSERT_OK(opening_->WitnessRetry(officer_, tender_, failed.file.id, "").status());
  EXPECT_EQ(AuditCount("bid.opened"), 1);
}

}  // namespace
}  // namespace spse::app
