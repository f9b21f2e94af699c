// The sealed-bid formats of docs/sealed-bids.md, on the known answers that
// tests/e2e/http/sealing_js.test.mjs checks in the browser's code too
// (tests/testdata/bid_crypto_vectors.json): sealed files and key bundles
// made by each side open on the other.
#include "crypto/bid_crypto.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "crypto/crypto.h"

namespace spse::crypto {
namespace {

using nlohmann::json;

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

std::string B64(std::string_view text) {
  auto bytes = FromBase64(text, "test");
  EXPECT_TRUE(bytes.ok()) << text;
  return bytes.ok() ? *bytes : std::string();
}

// Byte i is (i * 31 + 7) mod 256: the plaintext of the sealed-file vectors.
std::string Pattern(size_t n) {
  std::string out(n, '\0');
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<char>((i * 31 + 7) & 0xff);
  return out;
}

const json& Vectors() {
  static const json* vectors = [] {
    std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/tests/testdata/bid_crypto_vectors.json");
    std::stringstream text;
    text << in.rdbuf();
    return new json(json::parse(text.str()));
  }();
  return *vectors;
}

template <typename T>
std::string Reason(const StatusOr<T>& s) {
  return s.ok() ? "ok" : s.status().reason();
}

size_t SealedSize(size_t n) {
  const size_t chunks = n == 0 ? 1 : (n + kSealedChunkSize - 1) / kSealedChunkSize;
  return kSealedFileHeaderSize + n + chunks * kSealedChunkOverhead;
}

class BidCryptoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(Init().ok()); }
  BoxKeyPair tender_ = GenerateBoxKeyPair();
};

// ------------------------------------------------------------ known answers

TEST_F(BidCryptoTest, X25519PublicKeysMatchTheKnownAnswers) {
  for (const json& v : Vectors()["x25519"]) {
    auto pk = BoxPublicKey(Unhex(v["secret_key"].get<std::string>()));
    ASSERT_TRUE(pk.ok());
    EXPECT_EQ(Hex(*pk), v["public_key"].get<std::string>()) << v["source"];
  }
}

TEST_F(BidCryptoTest, Ed25519KeysAndSignaturesMatchTheKnownAnswers) {
  for (const json& v : Vectors()["ed25519"]) {
    auto keys = SignKeyPairFromSeed(Unhex(v["seed"].get<std::string>()));
    ASSERT_TRUE(keys.ok());
    const std::string message = Unhex(v["message"].get<std::string>());
    EXPECT_EQ(Hex(keys->public_key), v["public_key"].get<std::string>()) << v["source"];
    EXPECT_EQ(Hex(SignDetached(message, keys->secret_key)), v["signature"].get<std::string>());
    EXPECT_TRUE(
        VerifyDetached(Unhex(v["signature"].get<std::string>()), message, keys->public_key));
    EXPECT_FALSE(
        VerifyDetached(Unhex(v["signature"].get<std::string>()), message + "x", keys->public_key));
  }
}

TEST_F(BidCryptoTest, PassphraseKeysMatchTheKnownAnswersAtThePinnedAndASmallCost) {
  for (const json& v : Vectors()["argon2id"]) {
    auto key =
        PassphraseKey(v["passphrase"].get<std::string>(), Unhex(v["salt"].get<std::string>()),
                      {v["ops"].get<unsigned long long>(), v["mem"].get<size_t>()});
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_EQ(Hex(*key), v["key"].get<std::string>()) << v["mem"];
  }
  ASSERT_EQ(Vectors()["argon2id"][0]["ops"], 3);
  ASSERT_EQ(Vectors()["argon2id"][0]["mem"], 67108864);
}

// ------------------------------------------------------------ personal keys

TEST_F(BidCryptoTest, AKeyWrappedByTheBrowserUnwrapsWithItsPassphraseOnly) {
  const json& v = Vectors()["wrapped_key"];
  const std::string wrapped = v["json"].get<std::string>();
  auto sk = UnwrapSecretKey(wrapped, v["passphrase"].get<std::string>());
  ASSERT_TRUE(sk.ok()) << sk.status().ToString();
  EXPECT_EQ(Hex(*sk), v["secret_key"].get<std::string>());
  EXPECT_EQ(Reason(UnwrapSecretKey(wrapped, "kata sandi lain")), "key.passphrase");
}

TEST_F(BidCryptoTest, WrapThenUnwrapGivesTheKeyBackInThePinnedLayout) {
  auto wrapped = WrapSecretKey(tender_.secret_key, "rahasia", {1, 8192});
  ASSERT_TRUE(wrapped.ok());
  const json j = json::parse(*wrapped);
  EXPECT_EQ(j["v"], 1);
  EXPECT_EQ(j["kdf"], "argon2id13");
  EXPECT_EQ(B64(j["salt"].get<std::string>()).size(), 16u);
  EXPECT_EQ(B64(j["nonce"].get<std::string>()).size(), 24u);
  EXPECT_EQ(B64(j["box"].get<std::string>()).size(), 48u);
  auto sk = UnwrapSecretKey(*wrapped, "rahasia");
  ASSERT_TRUE(sk.ok());
  EXPECT_EQ(*sk, tender_.secret_key);
  EXPECT_EQ(Reason(UnwrapSecretKey(*wrapped, "Rahasia")), "key.passphrase");
}

TEST_F(BidCryptoTest, MalformedWrappedKeysAreRefusedAsFormatErrors) {
  auto wrapped = WrapSecretKey(tender_.secret_key, "rahasia", {1, 8192});
  ASSERT_TRUE(wrapped.ok());
  const json good = json::parse(*wrapped);
  EXPECT_EQ(Reason(UnwrapSecretKey("not json", "rahasia")), "key.format");
  EXPECT_EQ(Reason(UnwrapSecretKey("[]", "rahasia")), "key.format");
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json>>{{"v", 2},
                                                 {"kdf", "scrypt"},
                                                 {"ops", "3"},
                                                 {"mem", 4096},
                                                 {"mem", 1ull << 40},
                                                 {"ops", 1000},
                                                 {"salt", "AAAA"},
                                                 {"nonce", "not base64!"},
                                                 {"box", nullptr}}) {
    json bad = good;
    bad[field] = value;
    EXPECT_EQ(Reason(UnwrapSecretKey(bad.dump(), "rahasia")), "key.format") << field << value;
  }
}

// ------------------------------------------------------------ sealed files

TEST_F(BidCryptoTest, SealedFilesMadeByEitherSideOpenToTheKnownPlaintext) {
  const json& v = Vectors()["sealed_files"];
  const std::string sk = Unhex(v["tender_secret_key"].get<std::string>());
  std::set<std::string> makers;
  for (const json& f : v["files"]) {
    const size_t n = f["length"].get<size_t>();
    const std::string sealed = B64(f["sealed"].get<std::string>());
    EXPECT_EQ(sealed.size(), SealedSize(n));
    auto plain = OpenFile(sk, sealed);
    ASSERT_TRUE(plain.ok()) << f["made_by"] << " " << n << ": " << plain.status().ToString();
    EXPECT_EQ(*plain, Pattern(n));
    EXPECT_EQ(Sha256Hex(*plain), f["sha256"].get<std::string>());
    makers.insert(f["made_by"].get<std::string>());
  }
  EXPECT_EQ(makers, (std::set<std::string>{"js", "cpp"}));
}

TEST_F(BidCryptoTest, TheLayoutIsMagicSealedKeyStreamHeaderThenChunksOf64KiB) {
  for (size_t n : {size_t{0}, size_t{1}, kSealedChunkSize - 1, kSealedChunkSize,
                   kSealedChunkSize + 1, 3 * kSealedChunkSize + 5}) {
    const std::string plain = Pattern(n);
    auto sealed = SealFile(tender_.public_key, plain);
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(sealed->size(), SealedSize(n)) << n;
    EXPECT_EQ(sealed->substr(0, 8), "SPSESF01");
    auto opened = OpenFile(tender_.secret_key, *sealed);
    ASSERT_TRUE(opened.ok()) << n << ": " << opened.status().ToString();
    EXPECT_EQ(*opened, plain);
  }
}

TEST_F(BidCryptoTest, StreamingInPiecesOfAnySizeGivesTheSameLayoutAndPlaintext) {
  const std::string plain = Pattern(2 * kSealedChunkSize + 4321);
  SealedFileWriter writer(tender_.public_key);
  auto header = writer.Header();
  ASSERT_TRUE(header.ok());
  std::string sealed = *header;
  for (size_t at = 0, step = 1; at < plain.size(); at += step, step = step * 3 + 1) {
    auto piece = writer.Push(std::string_view(plain).substr(at, step), false);
    ASSERT_TRUE(piece.ok());
    sealed += *piece;
  }
  auto last = writer.Push({}, true);
  ASSERT_TRUE(last.ok());
  sealed += *last;
  EXPECT_EQ(sealed.size(), SealedSize(plain.size()));

  for (size_t piece : {size_t{1}, size_t{7777}, kSealedChunkSize + kSealedChunkOverhead}) {
    SealedFileReader reader(tender_.secret_key);
    std::string opened;
    for (size_t at = 0; at < sealed.size(); at += piece) {
      auto out = reader.Feed(std::string_view(sealed).substr(at, piece));
      ASSERT_TRUE(out.ok()) << out.status().ToString();
      opened += *out;
    }
    auto rest = reader.Finish();
    ASSERT_TRUE(rest.ok()) << rest.status().ToString();
    EXPECT_EQ(opened + *rest, plain) << piece;
  }
}

TEST_F(BidCryptoTest, TheWriterRefusesPushesOutOfOrderAndUnusableKeys) {
  SealedFileWriter writer(tender_.public_key);
  EXPECT_EQ(Reason(writer.Push("x", false)), "seal.state");
  ASSERT_TRUE(writer.Header().ok());
  EXPECT_EQ(Reason(writer.Header()), "seal.state");
  ASSERT_TRUE(writer.Push("x", true).ok());
  EXPECT_EQ(Reason(writer.Push("y", true)), "seal.state");
  EXPECT_EQ(Reason(SealFile(std::string(31, 'k'), "x")), "seal.public_key");
  EXPECT_EQ(Reason(SealFile(std::string(32, '\0'), "x")), "seal.public_key");
}

class SealedFileRefusals : public BidCryptoTest {
 protected:
  void SetUp() override {
    auto sealed = SealFile(tender_.public_key, Pattern(kSealedChunkSize + 100));
    ASSERT_TRUE(sealed.ok());
    sealed_ = *sealed;
  }
  std::string Flipped(size_t at) const {
    std::string s = sealed_;
    s[at] = static_cast<char>(s[at] ^ 0x01);
    return s;
  }
  std::string sealed_;
};

TEST_F(SealedFileRefusals, ShortInputOrAnotherMagicIsNotASealedFile) {
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, "")), "seal.format");
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, sealed_.substr(0, 111))), "seal.format");
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, Flipped(7))), "seal.format");
}

TEST_F(SealedFileRefusals, AnAlteredSealedKeyOrAnotherTenderKeyIsAKeyError) {
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, Flipped(8))), "seal.key");
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, Flipped(87))), "seal.key");
  EXPECT_EQ(Reason(OpenFile(GenerateBoxKeyPair().secret_key, sealed_)), "seal.key");
}

TEST_F(SealedFileRefusals, AnyAlteredByteAfterTheSealedKeyIsAChunkError) {
  for (size_t at : {size_t{88}, size_t{111}, size_t{112}, size_t{5000}, size_t{112 + 65552},
                    size_t{112 + 65553}, sealed_.size() - 1}) {
    EXPECT_EQ(Reason(OpenFile(tender_.secret_key, Flipped(at))), "seal.chunk") << at;
  }
}

TEST_F(SealedFileRefusals, AFileCutAtAChunkBoundaryIsTruncated) {
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, sealed_.substr(0, 112))), "seal.truncated");
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, sealed_.substr(0, 112 + 65553))), "seal.truncated");
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, sealed_.substr(0, 112 + 65553 + 5))),
            "seal.truncated");
  // Cut inside the last chunk, what is left fails to authenticate.
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, sealed_.substr(0, sealed_.size() - 1))),
            "seal.chunk");
}

TEST_F(SealedFileRefusals, BytesAfterTheFinalChunkAreRefused) {
  // A short final chunk has no visible end: bytes after it become part of it.
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, sealed_ + "x")), "seal.chunk");
  auto full = SealFile(tender_.public_key, Pattern(kSealedChunkSize));
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(Reason(OpenFile(tender_.secret_key, *full + std::string(100000, 'x'))),
            "seal.trailing");
  SealedFileReader reader(tender_.secret_key);
  ASSERT_TRUE(reader.Feed(*full).ok());
  EXPECT_EQ(Reason(reader.Feed("x")), "seal.trailing");
  EXPECT_EQ(Reason(reader.Finish()), "seal.trailing");
}

// ------------------------------------------------------------ tender keys

std::vector<std::string> OpenShares(const json& bundle, const json& members) {
  std::vector<std::string> out;
  for (size_t i = 0; i < bundle["shares"].size(); ++i) {
    const json& share = bundle["shares"][i];
    EXPECT_EQ(share["user_id"], members[i]["user_id"]);
    EXPECT_EQ(share["x"], i + 1);
    auto opened = OpenShare(share["sealed_share"].get<std::string>(),
                            Unhex(members[i]["secret_key"].get<std::string>()));
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    out.push_back(opened.ok() ? *opened : std::string());
  }
  return out;
}

TEST_F(BidCryptoTest, BundlesMadeByEitherSideRebuildFromAnyTwoSharesAndNotFromOne) {
  const json& v = Vectors()["tender_bundles"];
  std::vector<std::string> other_shares;
  for (const json& b : v["bundles"]) {
    const json bundle = json::parse(b["json"].get<std::string>());
    ASSERT_EQ(bundle["v"], 1);
    ASSERT_EQ(bundle["threshold"], 2);
    const std::string pk = B64(bundle["public_key"].get<std::string>());
    const std::vector<std::string> shares = OpenShares(bundle, v["members"]);
    ASSERT_EQ(shares.size(), 3u);
    for (const auto& pair : std::vector<std::vector<std::string>>{
             {shares[0], shares[1]}, {shares[2], shares[0]}, {shares[1], shares[2]}, shares}) {
      auto secret = RebuildTenderSecret(pair, pk);
      ASSERT_TRUE(secret.ok()) << b["made_by"] << ": " << secret.status().ToString();
      if (b.contains("secret_key")) {
        EXPECT_EQ(Hex(*secret), b["secret_key"].get<std::string>());
      }
    }
    EXPECT_EQ(Reason(RebuildTenderSecret({shares[1]}, pk)), "key.mismatch");
    if (!other_shares.empty()) {
      EXPECT_EQ(Reason(RebuildTenderSecret({shares[0], other_shares[1]}, pk)), "key.mismatch");
    }
    other_shares = shares;
    EXPECT_EQ(Reason(OpenShare(bundle["shares"][0]["sealed_share"].get<std::string>(),
                               Unhex(v["members"][1]["secret_key"].get<std::string>()))),
              "key.share");
  }
}

TEST_F(BidCryptoTest, AnyKOfNSharesRebuildTheTenderKeyAndKMinusOneDoNot) {
  std::vector<BoxKeyPair> keys;
  std::vector<TenderMember> members;
  for (int i = 0; i < 5; ++i) {
    keys.push_back(GenerateBoxKeyPair());
    members.push_back({1000 + i, keys.back().public_key});
  }
  auto bundle = MakeTenderKeyBundle(members, 3);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  const json j = json::parse(bundle->json);
  EXPECT_EQ(B64(j["public_key"].get<std::string>()), bundle->public_key);
  EXPECT_EQ(*BoxPublicKey(bundle->secret_key), bundle->public_key);
  std::vector<std::string> shares;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(j["shares"][i]["user_id"], 1000 + i);
    auto share = OpenShare(j["shares"][i]["sealed_share"].get<std::string>(), keys[i].secret_key);
    ASSERT_TRUE(share.ok());
    EXPECT_EQ(static_cast<int>((*share)[0]), i + 1);
    shares.push_back(*share);
  }
  for (int mask = 0; mask < 32; ++mask) {
    std::vector<std::string> subset;
    for (int i = 0; i < 5; ++i) {
      if (mask & (1 << i)) subset.push_back(shares[i]);
    }
    auto secret = RebuildTenderSecret(subset, bundle->public_key);
    if (subset.size() >= 3) {
      ASSERT_TRUE(secret.ok()) << mask;
      EXPECT_EQ(*secret, bundle->secret_key);
    } else if (subset.size() == 2) {
      EXPECT_EQ(Reason(secret), "key.mismatch") << mask;
    }
  }
  EXPECT_EQ(Reason(RebuildTenderSecret({shares[0], shares[1], "short"}, bundle->public_key)),
            "key.share");
}

TEST_F(BidCryptoTest, ASingleKeyHolderHoldsTheWholeKeyOneOfOne) {
  const BoxKeyPair official = GenerateBoxKeyPair();
  auto bundle = MakeTenderKeyBundle({{7, official.public_key}}, 1);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  const auto parsed = nlohmann::json::parse(bundle->json);
  ASSERT_EQ(parsed["shares"].size(), 1u);
  auto share = OpenShare(parsed["shares"][0]["sealed_share"].get<std::string>(), official.secret_key);
  ASSERT_TRUE(share.ok()) << share.status().ToString();
  auto secret = RebuildTenderSecret({*share}, bundle->public_key);
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(*secret, bundle->secret_key);
}

TEST_F(BidCryptoTest, BundlesRefuseBadThresholdsKeysAndRepeatedMembers) {
  const std::string a = GenerateBoxKeyPair().public_key, b = GenerateBoxKeyPair().public_key;
  EXPECT_EQ(Reason(MakeTenderKeyBundle({{1, a}, {2, b}}, 3)), "shamir.threshold_invalid");
  EXPECT_EQ(Reason(MakeTenderKeyBundle({{1, a}, {2, b}}, 1)), "shamir.threshold_invalid");
  EXPECT_EQ(Reason(MakeTenderKeyBundle({{1, a}}, 0)), "shamir.threshold_invalid");
  EXPECT_EQ(Reason(MakeTenderKeyBundle({{1, a}, {1, b}}, 2)), "key.format");
  EXPECT_EQ(Reason(MakeTenderKeyBundle({{1, a}, {2, "short"}}, 2)), "key.format");
  EXPECT_EQ(Reason(MakeTenderKeyBundle({{1, a}, {2, std::string(32, '\0')}}, 2)), "key.format");
}

TEST_F(BidCryptoTest, MembersParseFromTheirJsonAndMalformedListsAreRefused) {
  const std::string pk = GenerateBoxKeyPair().public_key;
  auto members = ParseTenderMembers(R"([{"user_id":7,"public_key":")" + ToBase64(pk) + R"("}])");
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].user_id, 7);
  EXPECT_EQ((*members)[0].public_key, pk);
  for (const char* bad : {"{}", "[1]", R"([{"user_id":"7","public_key":"AAAA"}])",
                          R"([{"user_id":7,"public_key":"AAAA"}])", "[{"}) {
    EXPECT_EQ(Reason(ParseTenderMembers(bad)), "key.format") << bad;
  }
}

// ------------------------------------------------------------ receipts

TEST_F(BidCryptoTest, TheKnownReceiptFileVerifiesWithAndWithoutTheExpectedKey) {
  const json& v = Vectors()["receipt_file"];
  const std::string file = v["json"].get<std::string>();
  const std::string key = B64(v["public_key_b64"].get<std::string>());
  auto receipt = VerifyReceiptFile(file, "");
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_EQ(*receipt, v["receipt"].get<std::string>());
  EXPECT_TRUE(VerifyReceiptFile(file, key).ok());
  EXPECT_EQ(Reason(VerifyReceiptFile(file, SignKeyPair().public_key)), "receipt.key_mismatch");
}

TEST_F(BidCryptoTest, AnAlteredOrMalformedReceiptIsRefused) {
  json file = json::parse(Vectors()["receipt_file"]["json"].get<std::string>());
  json altered = file;
  std::string text = altered["receipt"].get<std::string>();
  text[text.find("\"vendor_id\":42") + 13] = '3';
  altered["receipt"] = text;
  EXPECT_EQ(Reason(VerifyReceiptFile(altered.dump(), "")), "receipt.signature");
  for (const char* field : {"receipt", "signature", "public_key", "v"}) {
    json bad = file;
    bad.erase(field);
    EXPECT_EQ(Reason(VerifyReceiptFile(bad.dump(), "")), "receipt.format") << field;
  }
  EXPECT_EQ(Reason(VerifyReceiptFile("{", "")), "receipt.format");
}

TEST_F(BidCryptoTest, Base64IsTheUrlSafeUnpaddedVariantOnly) {
  EXPECT_EQ(ToBase64("\xfb\xff"), "-_8");
  EXPECT_EQ(*FromBase64("-_8", "r"), "\xfb\xff");
  EXPECT_EQ(Reason(FromBase64("+/8", "r")), "r");
  EXPECT_EQ(Reason(FromBase64("-_8=", "r")), "r");
  EXPECT_EQ(Reason(FromBase64("-_8 ", "r")), "r");
}

}  // namespace
}  // namespace spse::crypto

namespace spse::crypto {
namespace {

TEST(PriceFormTest, ThePriceFormIsReadWithItsPricedBillOfQuantities) {
  auto f = ParsePriceForm(
      R"({"v":1,"price":"1250000000","currency":"IDR","notes":"termasuk PPN é",
          "items":[{"description":"Lapis AC-WC","unit":"m2","quantity":"4000","unit_price":"185000"},
                   {"description":"Mobilisasi","unit":"LS","quantity":"1.5","unit_price":55000000}]})");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->price_rupiah, 1'250'000'000);
  EXPECT_EQ(f->notes, "termasuk PPN é");
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].quantity, 400000);
  EXPECT_EQ(f->items[0].unit_price_rupiah, 185'000);
  EXPECT_EQ(f->items[1].quantity, 150);
  EXPECT_EQ(f->items[1].unit, "LS");
  auto plain = ParsePriceForm(R"({"price":990000,"v":1})");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->price_rupiah, 990000);
  EXPECT_TRUE(plain->items.empty());
  for (std::string bad : {"", "[]", "{}", R"({"v":1})", R"({"v":2,"price":"1"})",
                          R"({"v":1,"price":"0"})", R"({"v":1,"price":"-5"})",
                          R"({"v":1,"price":"1.5"})", R"({"v":1,"price":"12","currency":"USD"})",
                          R"({"v":1,"price":"12"} x)", R"({"v":1,"price":{"a":1}})",
                          R"({"v":1,"price":"1234567890123456"})",
                          R"({"v":1,"price":"12","items":{}})",
                          R"({"v":1,"price":"12","items":[{"description":"x","quantity":"1.234","unit_price":"1"}]})",
                          R"({"v":1,"price":"12","items":[{"description":"","quantity":"1","unit_price":"1"}]})",
                          R"({"v":1,"price":"12","items":[{"description":"x","quantity":"1"}]})"}) {
    auto r = ParsePriceForm(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "price_form.invalid") << bad;
  }
}

}  // namespace
}  // namespace spse::crypto
