// The pure rules of sealed bids (domain/bids.h): envelopes per procedure,
// thresholds, the bid window, the declared files and the receipt's text.
#include "domain/bids.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

BidFile File(std::string name, std::uint64_t size = 4096, bool price_form = false) {
  BidFile f;
  f.name = std::move(name);
  f.size = size;
  f.sha256 = std::string(64, 'a');
  f.price_form = price_form;
  return f;
}

TEST(BidsTest, DuaFileTendersHaveATechnicalAndAPriceEnvelope) {
  ProcedureSpec one, two;
  one.envelope = "satu_file";
  two.envelope = "dua_file";
  EXPECT_EQ(EnvelopesFor(one), std::vector<Envelope>{Envelope::kSingle});
  EXPECT_EQ(EnvelopesFor(two), (std::vector<Envelope>{Envelope::kTechnical, Envelope::kPrice}));
  EXPECT_TRUE(CarriesPrice(Envelope::kSingle));
  EXPECT_FALSE(CarriesPrice(Envelope::kTechnical));
  for (Envelope e : {Envelope::kSingle, Envelope::kTechnical, Envelope::kPrice}) {
    EXPECT_EQ(ParseEnvelope(EnvelopeName(e)), e);
  }
  EXPECT_FALSE(ParseEnvelope("amplop").has_value());
}

TEST(BidsTest, KEY_01_KOfNNeedsAtLeastTwoMembersToOpenAndNoMoreThanThereAre) {
  EXPECT_THAT(CheckThreshold(1, 3), StatusIs(Code::kInvalidArgument, "key.threshold_invalid"));
  EXPECT_OK(CheckThreshold(2, 3));
  EXPECT_OK(CheckThreshold(3, 3));
  EXPECT_THAT(CheckThreshold(4, 3), StatusIs(Code::kInvalidArgument, "key.threshold_invalid"));
  // A Pejabat Pengadaan alone holds the whole key.
  EXPECT_OK(CheckThreshold(1, 1));
  EXPECT_EQ(DefaultThreshold(3), 2);
  EXPECT_EQ(DefaultThreshold(5), 3);
  EXPECT_EQ(DefaultThreshold(1), 1);
}

TEST(BidsTest, BID_01_TheWindowIsTheBidStageFromItsStartUntilJustBeforeItsEnd) {
  ProcedureSpec p;
  p.stages.resize(2);
  p.stages[0].code = "pengumuman";
  p.stages[1].code = "upload_penawaran";
  Tender t;
  t.status = TenderStatus::kRunning;
  t.schedule = {{"pengumuman", 0, 100}, {"upload_penawaran", 100, 200}};
  EXPECT_THAT(CheckBidWindow(t, p, 99), StatusIs(Code::kFailedPrecondition, "bid.not_open"));
  EXPECT_OK(CheckBidWindow(t, p, 100));
  EXPECT_OK(CheckBidWindow(t, p, 199));
  EXPECT_THAT(CheckBidWindow(t, p, 200),
              StatusIs(Code::kFailedPrecondition, "bid.deadline_passed"));
  EXPECT_EQ(BidDeadline(t, p), 200);
  t.status = TenderStatus::kCancelled;
  EXPECT_THAT(CheckBidWindow(t, p, 150), StatusIs(Code::kFailedPrecondition, "tender.not_running"));
  t.status = TenderStatus::kDraft;
  EXPECT_OK(CheckMaySetTenderKey(t, p, 500));  // a draft's dates are not yet real
  t.status = TenderStatus::kRunning;
  EXPECT_OK(CheckMaySetTenderKey(t, p, 99));
  EXPECT_THAT(CheckMaySetTenderKey(t, p, 100),
              StatusIs(Code::kFailedPrecondition, "key.too_late"));
}

TEST(BidsTest, BID_06_TheDeclaredFilesAreCleanAndThePriceFormIsInTheRightEnvelope) {
  EXPECT_THAT(CheckManifest(Envelope::kSingle, {}),
              StatusIs(Code::kInvalidArgument, "bid.files_required"));
  std::vector<BidFile> many(21, File("a.pdf"));
  EXPECT_THAT(CheckManifest(Envelope::kTechnical, many),
              StatusIs(Code::kInvalidArgument, "bid.too_many_files"));
  for (std::string bad : {"", "../etc/passwd", "a\\b.pdf", "a\nb", "..", "C:x"}) {
    EXPECT_THAT(CheckManifest(Envelope::kTechnical, {File(bad)}),
                StatusIs(Code::kInvalidArgument, "bid.file_name_invalid"))
        << bad;
  }
  EXPECT_THAT(CheckManifest(Envelope::kTechnical, {File("a.pdf"), File("a.pdf")}),
              StatusIs(Code::kInvalidArgument, "bid.file_name_repeated"));
  EXPECT_THAT(CheckManifest(Envelope::kTechnical, {File("a.pdf", 128)}),
              StatusIs(Code::kInvalidArgument, "bid.file_size_invalid"));
  EXPECT_THAT(CheckManifest(Envelope::kTechnical, {File("a.pdf", kMaxSealedFileSize + 1)}),
              StatusIs(Code::kInvalidArgument, "bid.file_size_invalid"));
  BidFile upper = File("a.pdf");
  upper.sha256 = std::string(64, 'A');
  EXPECT_THAT(CheckManifest(Envelope::kTechnical, {upper}),
              StatusIs(Code::kInvalidArgument, "bid.sha256_invalid"));
  EXPECT_OK(CheckManifest(Envelope::kTechnical, {File("teknis.pdf"), File("a.pdf", 129)}));
  EXPECT_THAT(CheckManifest(Envelope::kTechnical, {File("teknis.pdf"), File("h.json", 300, true)}),
              StatusIs(Code::kInvalidArgument, "bid.price_form_misplaced"));
  EXPECT_THAT(CheckManifest(Envelope::kPrice, {File("harga.pdf")}),
              StatusIs(Code::kInvalidArgument, "bid.price_form_required"));
  EXPECT_THAT(CheckManifest(Envelope::kSingle,
                            {File("h1.json", 300, true), File("h2.json", 300, true)}),
              StatusIs(Code::kInvalidArgument, "bid.price_form_misplaced"));
  EXPECT_OK(CheckManifest(Envelope::kSingle, {File("a.pdf"), File("h.json", 300, true)}));
}

TEST(BidsTest, KeysAreExactBase64UrlOfTheirLength) {
  EXPECT_TRUE(IsBase64Url(std::string(42, 'a') + "A", 32));
  EXPECT_FALSE(IsBase64Url(std::string(42, 'a') + "B", 32));  // nonzero spare bits
  EXPECT_FALSE(IsBase64Url(std::string(43, '+'), 32));
  EXPECT_FALSE(IsBase64Url(std::string(44, 'a'), 32));
  EXPECT_TRUE(IsBase64Url(std::string(108, '_'), 81));
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'f')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'f')));
}

TEST(BidsTest, TheReceiptTextIsCanonicalJsonWithEveryFile) {
  ReceiptFacts f;
  f.lpse = "LPSE Kabupaten Bangkalan";
  f.tender_code = "TDR-000042";
  f.package_name = "Jalan \"Burneh\"\n";
  f.vendor_user_id = 7;
  f.company_name = "CV Maju Jaya";
  f.bid_id = 3;
  f.received_at = 1'790'000'000'000'000;
  f.received_at_text = "21 Februari 2026 10:13 WIB";
  f.files = {File("penawaran.pdf", 4113), File("penawaran-harga.json", 429, true)};
  EXPECT_EQ(ReceiptText(f),
            "{\"v\":1,\"kind\":\"spse-bid-receipt\",\"lpse\":\"LPSE Kabupaten Bangkalan\","
            "\"tender\":\"TDR-000042\",\"package\":\"Jalan \\\"Burneh\\\"\\n\","
            "\"vendor\":{\"id\":7,\"name\":\"CV Maju Jaya\"},\"bid\":3,\"envelope\":\"tunggal\","
            "\"files\":[{\"name\":\"penawaran.pdf\",\"size\":4113,\"sha256\":\"" +
                std::string(64, 'a') +
                "\"},{\"name\":\"penawaran-harga.json\",\"size\":429,\"sha256\":\"" +
                std::string(64, 'a') +
                "\",\"price_form\":true}],\"received_at\":1790000000000000,"
                "\"received_at_text\":\"21 Februari 2026 10:13 WIB\"}");
  EXPECT_EQ(JsonQuote(std::string("\x01", 1)), "\"\\u0001\"");
}

TEST(BidsTest, OPN_01_EnvelopesOpenAfterTheDeadlineAndThePriceOnlyAfterTheTechnicalResults) {
  ProcedureSpec p;
  p.stages.resize(1);
  p.stages[0].code = "upload_penawaran";
  Tender t;
  t.status = TenderStatus::kRunning;
  t.schedule = {{"upload_penawaran", 100, 200}};
  EXPECT_THAT(CheckMayOpen(t, p, Envelope::kSingle, 199, false),
              StatusIs(Code::kFailedPrecondition, "opening.before_deadline"));
  EXPECT_OK(CheckMayOpen(t, p, Envelope::kSingle, 200, false));
  EXPECT_OK(CheckMayOpen(t, p, Envelope::kTechnical, 200, false));
  EXPECT_THAT(CheckMayOpen(t, p, Envelope::kPrice, 500, false),
              StatusIs(Code::kFailedPrecondition, "opening.technical_first"));
  EXPECT_OK(CheckMayOpen(t, p, Envelope::kPrice, 500, true));
}

TEST(BidsTest, OPN_01_TheTechnicalResultsAreRecordedOnlyWhenEveryTechnicalBidHasOne) {
  auto bid = [](std::int64_t id, Envelope e, BidStatus s) {
    Bid b;
    b.id = id;
    b.envelope = e;
    b.status = s;
    return b;
  };
  const std::vector<Bid> bids = {
      bid(1, Envelope::kTechnical, BidStatus::kSubmitted),
      bid(2, Envelope::kPrice, BidStatus::kSubmitted),
      bid(3, Envelope::kTechnical, BidStatus::kSubmitted),
      bid(4, Envelope::kTechnical, BidStatus::kWithdrawn),
  };
  EXPECT_FALSE(TechnicalResultsRecorded(bids, {}));
  EXPECT_FALSE(TechnicalResultsRecorded(bids, {{1, true}}));  // bid 3 still waits
  EXPECT_TRUE(TechnicalResultsRecorded(bids, {{1, true}, {3, false}}));
  EXPECT_FALSE(TechnicalResultsRecorded({bid(2, Envelope::kPrice, BidStatus::kSubmitted)}, {}));
}

TEST(BidsTest, APriceFormHasAPositivePriceAndSoundLines) {
  PriceForm f;
  f.price_rupiah = 1'250'000'000;
  EXPECT_OK(CheckPriceForm(f));
  f.items = {{"Lapis AC-WC", "m2", 400000, 3'100}};  // 4000 m2
  EXPECT_OK(CheckPriceForm(f));
  EXPECT_EQ(PricedLineTotal(f.items[0]), 12'400'000);
  EXPECT_EQ(PricedLineTotal({"x", "m", 150, 3}), 5);  // 1.5 x 3 = 4.5, rounded half up
  for (PriceForm bad : {PriceForm{0, "", {}}, PriceForm{-1, "", {}},
                        PriceForm{1'000'000'000'000'000, "", {}},
                        PriceForm{5, "", {{"", "m", 100, 1}}}, PriceForm{5, "", {{"x", "m", 0, 1}}},
                        PriceForm{5, "", {{"x", "m", 100, -1}}},
                        PriceForm{5, "", {{"x", "m", std::int64_t{1} << 61, 1'000'000}}}}) {
    EXPECT_THAT(CheckPriceForm(bad), StatusIs(Code::kInvalidArgument, "price_form.invalid"));
  }
}

TEST(BidsTest, Base64UrlDecodesOnlyItsOneEncoding) {
  EXPECT_EQ(DecodeBase64Url("AQID"), std::string("\x01\x02\x03"));
  EXPECT_EQ(DecodeBase64Url("_-8"), std::string("\xff\xef"));
  EXPECT_EQ(DecodeBase64Url(""), std::string());
  EXPECT_FALSE(DecodeBase64Url("AQID=").has_value());
  EXPECT_FALSE(DecodeBase64Url("A+/8").has_value());
  EXPECT_FALSE(DecodeBase64Url("_-9").has_value());  // spare bits set
  EXPECT_FALSE(DecodeBase64Url("A").has_value());
}

}  // namespace
}  // namespace spse::domain
