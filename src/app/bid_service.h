// Sealed bids (issue 5): Pokja members' personal keys, the tender key the
// chair makes on their own machine and shares k-of-n among the members,
// vendors' sealed bids arriving as resumable uploads, the signed receipt of
// each bid, withdrawal, and the closing of the tender for bids at its
// deadline. Every change commits with its audit entry.
//
// The server sees public keys, sealed shares, ciphertext, sizes and
// hashes; never a passphrase, a whole tender private key or a price.
#ifndef SPSE_APP_BID_SERVICE_H_
#define SPSE_APP_BID_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/resumable_upload.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/bids.h"

namespace spse::app {

struct BidConfig {
  std::string lpse_name;
  Zone zone;
};

// The member's own key, for the key page and for unwrapping in the browser.
struct MemberKeyView {
  std::optional<domain::MemberKey> key;
  bool in_use = false;  // holds a share of a running tender's key: no replacing it
};

// Who shares a tender's key, for the chair's page.
struct KeyHolder {
  std::int64_t user_id = 0;
  std::string name;
  bool chair = false;
  std::optional<domain::MemberKey> key;  // the member's current key
};

struct TenderKeyView {
  domain::Tender tender;
  std::string package_name;
  std::vector<KeyHolder> holders;  // the Pokja's members (or the Pejabat Pengadaan)
  std::vector<domain::Envelope> envelopes;  // each needs its own key
  std::vector<domain::TenderKey> keys;      // those set, in envelope order
  bool is_chair = false;
  Status may_set;            // OK when the actor may set it now
  int default_threshold = 0;
};

// A vendor's bids in one tender, for the bid page.
struct VendorBidsView {
  domain::Tender tender;
  std::string package_name;
  std::vector<domain::Envelope> envelopes;
  std::vector<domain::TenderKey> keys;  // the public keys set (shares cleared)
  std::optional<Micros> deadline;
  Status window;  // CheckBidWindow now
  bool joined = false;
  std::vector<domain::Bid> bids;  // the vendor's own, oldest first
  // Harga satuan and gabungan contracts: the HPS lines (description, unit,
  // quantity) the vendor prices in the price form; empty for lump sums.
  std::vector<domain::HpsLine> bill;
};

// What the Pokja sees of the bids received: ciphertext facts, never a
// price, and the closing record once the deadline has passed.
struct IncomingBidsView {
  domain::Tender tender;
  std::string package_name;
  std::optional<Micros> deadline;
  std::vector<domain::Bid> bids;  // every bid, oldest first
  std::optional<BidRepo::Closing> closing;
};

// A bid's receipt: the signed text and what verifies it.
struct ReceiptView {
  domain::Bid bid;
  std::string tender_code;
  std::string package_name;
  std::string public_key;  // the server's Ed25519 key, base64url
};

class BidService final : public ResumableUploadOwner {
 public:
  BidService(Store& store, CryptoPort& crypto, SignerPort& signer, const Clock& clock,
             const domain::Catalogue& catalogue, BidConfig config)
      : store_(store), crypto_(crypto), signer_(signer), clock_(clock), catalogue_(catalogue),
        config_(std::move(config)) {}

  // --- Members' keys (those who run selections) ---
  StatusOr<MemberKeyView> MyKey(const Actor& actor);
  // KEY-04: stores the member's public key and wrapped secret, retiring the
  // old pair. Reasons: "key.public_key_invalid", "key.wrapped_invalid",
  // "key.in_use".
  Status SetMyKey(const Actor& actor, std::string_view public_key, std::string_view wrapped);

  // --- The tender key (the Pokja chair) ---
  StatusOr<TenderKeyView> TenderKeySetup(const Actor& actor, std::int64_t tender_id);
  // KEY-01..03: the public key of one envelope and one sealed share per
  // member, each to the member's current key, x = 1..n. Reasons:
  // "key.chair_only", CheckMaySetTenderKey's, "bid.envelope_invalid",
  // CheckThreshold's, "key.public_key_invalid", "key.member_without_key",
  // "key.shares_mismatch", "key.share_invalid", "key.already_set".
  Status SetTenderKey(const Actor& actor, std::int64_t tender_id, domain::Envelope envelope,
                      std::string_view public_key, int threshold,
                      const std::vector<domain::KeyShare>& shares);

  // --- Bids (vendors) ---
  StatusOr<VendorBidsView> MyBids(const Actor& actor, std::int64_t tender_id);
  // BID-01, BID-05, BID-06: declares a bid's files (names, ciphertext sizes
  // and SHA-256) before their bytes; returns the bid with an upload id per
  // file. An unfinished earlier bid of the same envelope is abandoned.
  // Reasons: "participation.not_joined", CheckBidWindow's,
  // "bid.no_tender_key", "bid.envelope_invalid", CheckManifest's.
  StatusOr<domain::Bid> PrepareBid(const Actor& actor, std::int64_t tender_id,
                                   domain::Envelope envelope, std::vector<domain::BidFile> files);
  // BID-04: withdraws the vendor's counting bid before the deadline.
  // Reasons: "bid.not_found", CheckBidWindow's, "bid.not_submitted".
  Status Withdraw(const Actor& actor, std::int64_t bid_id);
  // The vendor's own bid, or any bid to those who run the tender.
  StatusOr<ReceiptView> Receipt(const Actor& actor, std::int64_t bid_id);
  // Every bid of the tender, for those who run it (ciphertext facts only).
  StatusOr<std::vector<domain::Bid>> Received(const Actor& actor, std::int64_t tender_id);
  // Received with the tender and its closing record, for the Pokja's page.
  StatusOr<IncomingBidsView> Incoming(const Actor& actor, std::int64_t tender_id);
  // The receipt as a printable PDF, for those Receipt allows.
  StatusOr<std::string> ReceiptPdf(const Actor& actor, std::int64_t bid_id,
                                   DocumentPrinter& printer);
  // The server's receipt key (public).
  std::string ReceiptKey() const { return signer_.PublicKey(); }

  // --- The deadline (CLS-01) ---
  // Called by the stage scheduler inside its transaction: when `event` is
  // the end of the bid stage, records the closing once with an audit entry
  // naming the number of counting bids and the hash of each receipt.
  Status OnStageEvent(Tx& tx, const domain::Tender& tender, const domain::StageEvent& event);

  // --- ResumableUploadOwner: the bytes of a declared bid file ---
  // Metadata "upload" names the declared file's upload id.
  StatusOr<ResumableUpload> CreateUpload(const Actor& actor, std::uint64_t length,
                                         const std::map<std::string, std::string>& metadata) override;
  StatusOr<ResumableUpload> FindUpload(const Actor& actor, std::string_view id) override;
  // BID-02, BID-03: checks size and hash, and the deadline by the server
  // clock after the bytes are durable; when the bid's last file is in, the
  // bid counts, earlier counting bids of the envelope are superseded, and
  // the receipt is signed. A late or mismatched file refuses the whole bid.
  Status CompleteUpload(const Actor& actor, std::string_view id, const BlobInfo& blob) override;
  Status CancelUpload(const Actor& actor, std::string_view id) override;

 private:
  struct OwnedUpload {
    domain::Bid bid;
    size_t file = 0;
    LoadedTender tender;
  };
  StatusOr<OwnedUpload> LoadUpload(Tx& tx, const Actor& actor, std::string_view id);
  StatusOr<std::vector<KeyHolder>> Holders(Tx& tx, const domain::Tender& t);

  Store& store_;
  CryptoPort& crypto_;
  SignerPort& signer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  BidConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_BID_SERVICE_H_
