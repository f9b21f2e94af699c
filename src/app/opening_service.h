// Opening sealed bids (issue 5, items 6-7; Pasal 23(2)). After the bid
// deadline each Pokja member unlocks their share in their own browser with
// their passphrase and gives it; once k shares are in, the tender's private
// key for the envelope is rebuilt in this process's memory only (never
// written anywhere), checked against the public key, and every counting bid
// of the envelope is opened: each file decrypted and checked, the price read
// from the price form, and the Berita Acara Pembukaan Penawaran issued as a
// PDF, all recorded with the audit in one transaction.
//
// A file that fails to open is recorded with its technical facts. While the
// rebuilt key is still in memory, an LPSE officer witnesses a second
// attempt in the system, and the Berita Acara Kesaksian records both.
// For dua file the price envelope opens only after the technical results
// are recorded, and only the bids that passed are opened.
#ifndef SPSE_APP_OPENING_SERVICE_H_
#define SPSE_APP_OPENING_SERVICE_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/bids.h"

namespace spse::app {

struct OpeningConfig {
  std::string lpse_name;
  Zone zone;
  // How long a rebuilt key stays in memory for a witnessed second attempt.
  Micros key_lifetime = 4 * kMicrosPerHour;
};

// The shares given for an envelope and, once k are in, the rebuilt key:
// in memory only, wiped when taken out or expired. Thread-safe.
class OpeningVault {
 public:
  ~OpeningVault();
  // Keeps `share` of `user` for (tender, envelope) until `expires` (with
  // the shares given before); returns how many are in at `now`.
  int Give(std::int64_t tender, domain::Envelope e, std::int64_t user, std::string share,
           Micros now, Micros expires);
  // The shares given, taken out (the vault forgets them).
  std::map<std::int64_t, std::string> TakeShares(std::int64_t tender, domain::Envelope e);
  std::vector<std::int64_t> GivenBy(std::int64_t tender, domain::Envelope e, Micros now);
  void KeepKey(std::int64_t tender, domain::Envelope e, std::string secret, Micros expires);
  // A copy of the key, for one use: the caller wipes it.
  std::optional<std::string> Key(std::int64_t tender, domain::Envelope e, Micros now);
  // Whether the key is in memory, without copying it.
  bool HasKey(std::int64_t tender, domain::Envelope e, Micros now);
  // One opening at a time per process.
  std::mutex& opening_mutex() { return opening_; }

 private:
  struct Slot {
    std::map<std::int64_t, std::string> shares;
    Micros shares_expire = 0;
    std::string key;
    Micros key_expires = 0;
  };
  void ExpireLocked(Micros now);
  std::mutex mu_;
  std::mutex opening_;
  std::map<std::pair<std::int64_t, int>, Slot> slots_;
};

struct EnvelopeState {
  domain::Envelope envelope = domain::Envelope::kSingle;
  std::optional<domain::TenderKey> key;  // with the sealed shares
  std::vector<std::int64_t> given_by;    // members whose shares are in memory now
  std::optional<domain::EnvelopeOpening> opening;
  bool key_in_memory = false;
  Status may_open;  // CheckMayOpen now
};

struct OpenedFileView {
  domain::BidFile file;
  std::optional<domain::FileOpening> opening;
  std::vector<domain::WitnessRecord> witnesses;
};
struct OpenedBidView {
  domain::Bid bid;
  std::vector<OpenedFileView> files;
  std::optional<domain::BidPrice> price;
  std::optional<bool> technical_passed;
};

struct OpeningView {
  domain::Tender tender;
  std::string package_name;
  std::vector<EnvelopeState> envelopes;
  std::vector<OpenedBidView> bids;  // the counting ones
  // The reader's own key material, for unlocking in the browser.
  std::optional<domain::MemberKey> my_key;
  bool runs = false;
  bool may_witness = false;
};

class OpeningService {
 public:
  OpeningService(Store& store, CryptoPort& crypto, EnvelopeOpenerPort& opener, BlobPort& blobs,
                 DocumentPrinter& printer, const Clock& clock, const domain::Catalogue& catalogue,
                 OpeningConfig config)
      : store_(store), crypto_(crypto), opener_(opener), blobs_(blobs), printer_(printer),
        clock_(clock), catalogue_(catalogue), config_(std::move(config)) {}

  // For those who run the tender and for LPSE officers who witness.
  StatusOr<OpeningView> View(const Actor& actor, std::int64_t tender_id);

  // OPN-01, OPN-02: a key holder gives their share, unlocked in their
  // browser: base64url of x || y (33 bytes). When k are in, the key is
  // rebuilt and checked, and (unless done already) the envelope opened.
  // Returns true when this share completed k. Reasons: CheckMayOpen's,
  // "opening.not_holder", "opening.share_invalid", "opening.key_mismatch",
  // "opening.no_key", "pdf.error".
  StatusOr<bool> GiveShare(const Actor& actor, std::int64_t tender_id, domain::Envelope envelope,
                           std::string_view share_b64);

  // Dua file: the technical result of a bid, once the technical envelope
  // is opened. Reasons: "opening.technical_not_opened", "bid.not_found".
  Status RecordTechnicalResult(const Actor& actor, std::int64_t tender_id, std::int64_t bid_id,
                               bool passed, std::string_view reason);

  // OPN-03 (Pasal 23(2)): an LPSE officer witnesses a second attempt at a
  // file that failed to open, while the rebuilt key is in memory. Records
  // the outcome and issues the Berita Acara Kesaksian. Returns its id.
  // Reasons: "opening.file_not_failed", "opening.key_gone", "pdf.error".
  StatusOr<std::int64_t> WitnessRetry(const Actor& officer, std::int64_t tender_id,
                                      std::int64_t bid_file_id, std::string_view note);

  // A Berita Acara PDF (kind "pembukaan" with the envelope name, or
  // "kesaksian" with the witness record id) for those who may view.
  struct MinutesFile {
    std::string path;
    std::string filename;
  };
  StatusOr<MinutesFile> MinutesPdf(const Actor& actor, std::int64_t tender_id,
                                   std::string_view kind, std::string_view which);

  OpeningVault& vault() { return vault_; }

 private:
  struct Loaded {
    LoadedTender l;
    bool witness = false;
  };
  StatusOr<Loaded> LoadForOpening(Tx& tx, const Actor& actor, std::int64_t tender_id);
  StatusOr<std::string> Rebuild(const std::map<std::int64_t, std::string>& shares,
                                const domain::TenderKey& key);
  Status OpenEnvelope(const Actor& actor, std::int64_t tender_id, domain::Envelope envelope,
                      const std::string& secret, const std::vector<std::int64_t>& holders);

  Store& store_;
  CryptoPort& crypto_;
  EnvelopeOpenerPort& opener_;
  BlobPort& blobs_;
  DocumentPrinter& printer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  OpeningConfig config_;
  OpeningVault vault_;
};

}  // namespace spse::app

#endif  // SPSE_APP_OPENING_SERVICE_H_
