// Sealed bids (issue 5; Pasal 4(1)c): the keys that seal them, the bids and
// their files, and the rules of when and how a bid counts. The bytes are
// sealed in the vendor's browser; the server sees ciphertext, sizes and
// hashes only, and never the whole private key of a tender before the
// deadline. The rules here are listed in docs/rules.md (KEY-*, BID-*).
#ifndef SPSE_DOMAIN_BIDS_H_
#define SPSE_DOMAIN_BIDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/procedure.h"
#include "domain/tender.h"

namespace spse::domain {

// A Pokja member's personal X25519 key. The secret half is stored only
// wrapped under the member's opening passphrase (argon2id), which the
// server never sees; it is opaque here.
struct MemberKey {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string public_key;      // base64url, 32 bytes
  std::string wrapped_secret;  // the JSON the member's browser made
  Micros created_at = 0;
  std::optional<Micros> retired_at;  // replaced by a newer key
};

// The envelopes of a bid: one for satu file, a technical and a price
// envelope for dua file and dua tahap, sealed and opened separately.
enum class Envelope { kSingle, kTechnical, kPrice };
std::string_view EnvelopeName(Envelope e);  // "tunggal", "teknis", "harga"
std::optional<Envelope> ParseEnvelope(std::string_view s);
std::vector<Envelope> EnvelopesFor(const ProcedureSpec& p);
// Whether the envelope carries the price form (tunggal and harga).
bool CarriesPrice(Envelope e);

// One member's share of a tender's private key, sealed to that member.
struct KeyShare {
  std::int64_t user_id = 0;
  std::int64_t member_key_id = 0;
  int x = 0;                 // the share's Shamir x, 1..n
  std::string sealed_share;  // base64url crypto_box_seal of x || y
};

// The public key of one envelope of a tender and the sealed shares of its
// private key. Dua file has a key per envelope, opened separately.
struct TenderKey {
  std::int64_t tender_id = 0;
  Envelope envelope = Envelope::kSingle;
  std::string public_key;  // base64url, 32 bytes
  int threshold = 0;       // k: shares needed to open
  std::int64_t created_by = 0;
  Micros created_at = 0;
  std::vector<KeyShare> shares;  // one per Pokja member, by x
};

enum class BidStatus {
  kUploading,   // declared, its files not all in yet
  kSubmitted,   // every file in before the deadline: it counts (the latest one)
  kSuperseded,  // a later bid of the same vendor and envelope replaced it
  kWithdrawn,   // the vendor withdrew it before the deadline
  kAbandoned,   // replaced or given up before it was complete
  kRefused,     // a file arrived too late or not as declared
};
std::string_view BidStatusName(BidStatus s);
std::optional<BidStatus> ParseBidStatus(std::string_view s);

// One sealed file of a bid. What the browser declared first; the blob once
// every byte is in and matches.
struct BidFile {
  std::int64_t id = 0;
  std::int64_t bid_id = 0;
  int position = 0;
  std::string upload_id;  // the resumable upload's token
  std::string name;       // the plaintext file's name, e.g. "teknis.pdf"
  bool price_form = false;  // the sealed price form (penawaran-harga.json)
  std::uint64_t size = 0;   // of the ciphertext
  std::string sha256;       // of the ciphertext, lowercase hex
  std::string blob_sha256;  // empty until complete
  std::optional<Micros> completed_at;
};

struct Bid {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t vendor_user_id = 0;
  std::string company_name;  // read with the row
  Envelope envelope = Envelope::kSingle;
  BidStatus status = BidStatus::kUploading;
  Micros created_at = 0;
  std::optional<Micros> submitted_at;  // when the last file was durable
  std::optional<Micros> ended_at;      // superseded, withdrawn, abandoned or refused
  std::string refused_reason;
  std::string receipt;            // the signed text (JSON)
  std::string receipt_signature;  // base64url Ed25519 over `receipt`
  std::string client_addr;
  std::vector<BidFile> files;  // by position
};

// The bid stage: Upload Dokumen Penawaran. nullopt when the procedure has none.
std::optional<size_t> BidStage(const ProcedureSpec& p);
// The bid deadline: the end of the bid stage.
std::optional<Micros> BidDeadline(const Tender& t, const ProcedureSpec& p);

// BID-01: bids are taken only while the bid stage runs, start <= now < end.
// Reasons: "tender.not_running", "bid.no_stage", "bid.not_open",
// "bid.deadline_passed".
Status CheckBidWindow(const Tender& t, const ProcedureSpec& p, Micros now);

// KEY-02: the tender key is set once, by the Pokja chair, before the bid
// stage begins. Reasons: "tender.not_running" (cancelled or failed),
// "key.too_late".
Status CheckMaySetTenderKey(const Tender& t, const ProcedureSpec& p, Micros now);

// KEY-01: k of n, n the Pokja's members: 2 <= k <= n (1 <= k when n is 1).
// Reason: "key.threshold_invalid".
Status CheckThreshold(int k, int n);
// The default k: a majority of n.
int DefaultThreshold(int n);

// A base64url (no padding) encoding of exactly `bytes` bytes.
bool IsBase64Url(std::string_view s, size_t bytes);
// Lowercase hex SHA-256.
bool IsSha256Hex(std::string_view s);
// The bytes of a base64url text without padding; nullopt for anything else.
std::optional<std::string> DecodeBase64Url(std::string_view s);

// The ciphertext of an empty file is 112 + 17 bytes (header and one final
// chunk); a bid file may be as large as this.
inline constexpr std::uint64_t kMinSealedSize = 129;
inline constexpr std::uint64_t kMaxSealedFileSize = 200ull << 20;
inline constexpr int kMaxBidFiles = 20;
inline constexpr std::string_view kPriceFormName = "penawaran-harga.json";

// BID-06: what the browser declares before sending the bytes. 1..20 files
// with clean, distinct names, plausible ciphertext sizes and SHA-256 hex;
// the price form exactly once in envelopes that carry the price and never
// in the technical one. Reasons: "bid.files_required", "bid.too_many_files",
// "bid.file_name_invalid", "bid.file_name_repeated", "bid.file_size_invalid",
// "bid.sha256_invalid", "bid.price_form_required", "bid.price_form_misplaced".
Status CheckManifest(Envelope e, const std::vector<BidFile>& files);

// The receipt's signed text: canonical JSON (fixed key order, no spaces)
// naming the tender, the vendor, the bid, each file with its size and
// SHA-256, and the server time. A vendor's browser and `spse
// verify-receipt` read it.
struct ReceiptFacts {
  std::string lpse;
  std::string tender_code;
  std::string package_name;
  std::int64_t vendor_user_id = 0;
  std::string company_name;
  std::int64_t bid_id = 0;
  Envelope envelope = Envelope::kSingle;
  Micros received_at = 0;          // server time the last file was durable
  std::string received_at_text;    // the same, "26 November 2026 14:00:00 WIB"
  std::vector<BidFile> files;
};
std::string ReceiptText(const ReceiptFacts& f);

// JSON string escaping (RFC 8259) for the canonical texts above.
std::string JsonQuote(std::string_view s);

// --- Opening (Pembukaan Penawaran) ---

// OPN-01: an envelope opens only after the bid deadline; for dua file the
// price envelope only once the technical one is opened and the technical
// results are recorded (the caller says so). Reasons: "tender.not_running",
// "bid.no_stage", "opening.before_deadline", "opening.technical_first".
Status CheckMayOpen(const Tender& t, const ProcedureSpec& p, Envelope e, Micros now,
                    bool technical_done);

// OPN-01: the technical results are recorded when every submitted technical
// bid of `bids` has one in `results` ((bid id, passed) pairs), and there is
// at least one. A bid left without one would never have its price opened.
bool TechnicalResultsRecorded(const std::vector<Bid>& bids,
                              const std::vector<std::pair<std::int64_t, bool>>& results);

// The price form sealed inside the envelope (docs/sealed-bids.md §5): the
// bid price, notes, and for harga satuan / gabungan contracts the priced
// bill of quantities (the HPS lines with the vendor's unit prices). Read
// from its JSON by the crypto adapter (EnvelopeOpenerPort::ReadPriceForm).
struct PricedLine {
  std::string description;
  std::string unit;
  std::int64_t quantity = 0;  // hundredths, as in the HPS
  std::int64_t unit_price_rupiah = 0;
};
struct PriceForm {
  std::int64_t price_rupiah = 0;
  std::string notes;
  std::vector<PricedLine> items;  // empty for lump-sum contracts
};
// The price is positive with at most 15 digits; at most 500 lines, each
// with a description, a positive quantity and a unit price of at least 0.
// The stated price need not equal the lines' sum: arithmetic correction is
// the evaluation's. Reason: "price_form.invalid".
Status CheckPriceForm(const PriceForm& f);
// quantity x unit price of a line, in rupiah rounded half up (nullopt on overflow).
std::optional<std::int64_t> PricedLineTotal(const PricedLine& line);

// What opening one sealed file found.
struct FileOpening {
  std::int64_t bid_file_id = 0;
  std::int64_t bid_id = 0;
  Micros at = 0;
  bool ok = false;
  std::string received_sha256;   // of the ciphertext as read from storage now
  std::string plaintext_sha256;  // the opened file's blob (ok only)
  std::uint64_t plaintext_size = 0;
  std::string error;  // "seal.chunk", "blob.not_found", ... (not ok only)
};

// The price read from a bid's price form at the opening.
struct BidPrice {
  std::int64_t bid_id = 0;
  std::int64_t price_rupiah = 0;
  std::string notes;
  std::string form_json;  // the opened price form as the vendor sealed it (with its lines)
};

// An envelope of a tender opened, with its Berita Acara Pembukaan.
struct EnvelopeOpening {
  std::int64_t tender_id = 0;
  Envelope envelope = Envelope::kSingle;
  Micros opened_at = 0;
  std::int64_t opened_by = 0;   // the member whose share completed k
  std::string holders;          // user ids of the members who gave shares, "3,5"
  std::string minutes_number;
  std::string minutes_sha256;   // the PDF's blob
  std::uint64_t minutes_size = 0;
};

// Pasal 23(2): a second attempt at an unopenable file, witnessed by an LPSE
// officer, with its Berita Acara Kesaksian.
struct WitnessRecord {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t bid_file_id = 0;
  std::int64_t recorded_by = 0;   // the Pokja member who asked for it
  std::int64_t witness_id = 0;    // the LPSE officer
  Micros at = 0;
  bool ok = false;
  std::string declared_sha256;  // what the vendor's browser declared and the receipt names
  std::string received_sha256;  // what storage holds now
  std::string error;
  std::string note;
  std::string minutes_number;
  std::string minutes_sha256;
  std::uint64_t minutes_size = 0;
};

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_BIDS_H_
