// Members' keys, tender keys, sealed bids and their closing, over SOCI.
#include <algorithm>

#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::Bid;
using domain::BidFile;
using domain::BidStatus;
using domain::KeyShare;
using domain::MemberKey;
using domain::TenderKey;

std::optional<Micros> Maybe(long long v, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return v;
}

class SociBids final : public app::BidRepo {
 public:
  explicit SociBids(soci::session& sql) : sql_(sql) {}

  StatusOr<std::optional<MemberKey>> CurrentMemberKey(std::int64_t user_id) override {
    return Guard("bids.current_member_key", [&]() -> StatusOr<std::optional<MemberKey>> {
      return SelectMemberKey(" WHERE user_id = :k AND retired_at IS NULL", user_id);
    });
  }

  StatusOr<std::optional<MemberKey>> MemberKeyById(std::int64_t id) override {
    return Guard("bids.member_key", [&]() -> StatusOr<std::optional<MemberKey>> {
      return SelectMemberKey(" WHERE id = :k", id);
    });
  }

  StatusOr<std::int64_t> ReplaceMemberKey(const MemberKey& k) override {
    return Guard("bids.replace_member_key", [&]() -> StatusOr<std::int64_t> {
      long long user = k.user_id, at = k.created_at, id = 0;
      sql_ << "UPDATE member_keys SET retired_at = :at WHERE user_id = :u AND retired_at IS NULL",
          soci::use(at, "at"), soci::use(user, "u");
      sql_ << "INSERT INTO member_keys (user_id, public_key, wrapped_secret, created_at) "
              "VALUES (:u, :pk, :w, :at) RETURNING id",
          soci::use(user, "u"), soci::use(k.public_key, "pk"), soci::use(k.wrapped_secret, "w"),
          soci::use(at, "at"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<bool> HoldsRunningShare(std::int64_t user_id) override {
    return Guard("bids.holds_running_share", [&]() -> StatusOr<bool> {
      long long user = user_id, n = 0;
      sql_ << "SELECT COUNT(*) FROM tender_key_shares s JOIN tenders t ON t.id = s.tender_id "
              "WHERE s.user_id = :u AND t.status IN ('draft', 'berjalan')",
          soci::use(user, "u"), soci::into(n);
      return n > 0;
    });
  }

  Status InsertTenderKey(const TenderKey& k) override {
    return Guard("bids.insert_tender_key", [&]() -> Status {
      long long tender = k.tender_id, by = k.created_by, at = k.created_at;
      int threshold = k.threshold;
      const std::string envelope(domain::EnvelopeName(k.envelope));
      soci::statement st =
          (sql_.prepare << "INSERT INTO tender_keys (tender_id, envelope, public_key, threshold, "
                           "created_by, created_at) VALUES (:t, :e, :pk, :k, :by, :at) "
                           "ON CONFLICT (tender_id, envelope) DO NOTHING",
           soci::use(tender, "t"), soci::use(envelope, "e"), soci::use(k.public_key, "pk"),
           soci::use(threshold, "k"), soci::use(by, "by"), soci::use(at, "at"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return AlreadyExists("key.already_set");
      for (const KeyShare& s : k.shares) {
        long long user = s.user_id, member_key = s.member_key_id;
        int x = s.x;
        sql_ << "INSERT INTO tender_key_shares (tender_id, envelope, user_id, member_key_id, x, "
                "sealed_share) VALUES (:t, :e, :u, :m, :x, :s)",
            soci::use(tender, "t"), soci::use(envelope, "e"), soci::use(user, "u"),
            soci::use(member_key, "m"),
            soci::use(x, "x"), soci::use(s.sealed_share, "s");
      }
      return OkStatus();
    });
  }

  StatusOr<std::vector<TenderKey>> TenderKeysOf(std::int64_t tender_id) override {
    return Guard("bids.tender_keys", [&]() -> StatusOr<std::vector<TenderKey>> {
      std::vector<TenderKey> out;
      {
        long long tender = tender_id, by = 0, at = 0;
        int threshold = 0;
        std::string envelope, public_key;
        soci::statement st =
            (sql_.prepare << "SELECT envelope, public_key, threshold, created_by, created_at "
                             "FROM tender_keys WHERE tender_id = :t",
             soci::use(tender, "t"), soci::into(envelope), soci::into(public_key),
             soci::into(threshold), soci::into(by), soci::into(at));
        st.execute();
        while (st.fetch()) {
          TenderKey k;
          k.tender_id = tender_id;
          k.envelope = domain::ParseEnvelope(envelope).value_or(domain::Envelope::kSingle);
          k.public_key = public_key;
          k.threshold = threshold;
          k.created_by = by;
          k.created_at = at;
          out.push_back(std::move(k));
        }
      }
      std::sort(out.begin(), out.end(), [](const TenderKey& a, const TenderKey& b) {
        return static_cast<int>(a.envelope) < static_cast<int>(b.envelope);
      });
      for (TenderKey& k : out) {
        long long tender = tender_id, user = 0, member_key = 0;
        int x = 0;
        const std::string envelope(domain::EnvelopeName(k.envelope));
        KeyShare s;
        soci::statement st =
            (sql_.prepare << "SELECT user_id, member_key_id, x, sealed_share FROM "
                             "tender_key_shares WHERE tender_id = :t AND envelope = :e ORDER BY x",
             soci::use(tender, "t"), soci::use(envelope, "e"), soci::into(user),
             soci::into(member_key), soci::into(x), soci::into(s.sealed_share));
        st.execute();
        while (st.fetch()) {
          s.user_id = user;
          s.member_key_id = member_key;
          s.x = x;
          k.shares.push_back(s);
        }
      }
      return out;
    });
  }

  StatusOr<std::int64_t> InsertBid(const Bid& b) override {
    return Guard("bids.insert", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = b.tender_id, vendor = b.vendor_user_id, at = b.created_at;
      const std::string envelope(domain::EnvelopeName(b.envelope));
      const std::string status(domain::BidStatusName(b.status));
      sql_ << "INSERT INTO bids (tender_id, vendor_user_id, envelope, status, created_at, "
              "client_addr) VALUES (:t, :v, :e, :s, :at, :a) RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(envelope, "e"),
          soci::use(status, "s"), soci::use(at, "at"), soci::use(b.client_addr, "a"),
          soci::into(id);
      int position = 0;
      for (const BidFile& f : b.files) {
        long long size = static_cast<long long>(f.size);
        int price_form = f.price_form ? 1 : 0;
        sql_ << "INSERT INTO bid_files (bid_id, position, upload_id, name, price_form, "
                "declared_size, declared_sha256) VALUES (:b, :p, :u, :n, :pf, :sz, :h)",
            soci::use(id, "b"), soci::use(position, "p"), soci::use(f.upload_id, "u"),
            soci::use(f.name, "n"), soci::use(price_form, "pf"), soci::use(size, "sz"),
            soci::use(f.sha256, "h");
        ++position;
      }
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::optional<Bid>> FindBid(std::int64_t id) override {
    return Guard("bids.find", [&]() -> StatusOr<std::optional<Bid>> {
      auto all = SelectBids(" WHERE b.id = :k AND :v = 0", id);
      if (all.empty()) return std::optional<Bid>();
      return std::optional<Bid>(std::move(all.front()));
    });
  }

  StatusOr<std::optional<Bid>> BidOfUpload(std::string_view upload_id) override {
    return Guard("bids.of_upload", [&]() -> StatusOr<std::optional<Bid>> {
      const std::string upload(upload_id);
      long long bid = 0;
      sql_ << "SELECT bid_id FROM bid_files WHERE upload_id = :u", soci::use(upload, "u"),
          soci::into(bid);
      if (!sql_.got_data()) return std::optional<Bid>();
      auto all = SelectBids(" WHERE b.id = :k AND :v = 0", bid);
      if (all.empty()) return std::optional<Bid>();
      return std::optional<Bid>(std::move(all.front()));
    });
  }

  StatusOr<std::vector<Bid>> BidsOf(std::int64_t tender_id,
                                    std::optional<std::int64_t> vendor_user_id) override {
    return Guard("bids.of_tender", [&]() -> StatusOr<std::vector<Bid>> {
      if (vendor_user_id) {
        return SelectBids(" WHERE b.tender_id = :k AND b.vendor_user_id = :v", tender_id,
                          *vendor_user_id);
      }
      return SelectBids(" WHERE b.tender_id = :k AND :v = 0", tender_id, 0);
    });
  }

  Status CompleteFile(std::int64_t file_id, std::string_view blob_sha256, Micros at) override {
    return Guard("bids.complete_file", [&]() -> Status {
      long long id = file_id, when = at;
      const std::string blob(blob_sha256);
      sql_ << "UPDATE bid_files SET blob_sha256 = :b, completed_at = :at WHERE id = :id",
          soci::use(blob, "b"), soci::use(when, "at"), soci::use(id, "id");
      return OkStatus();
    });
  }

  Status EndBid(std::int64_t bid_id, BidStatus status, Micros at,
                std::string_view reason) override {
    return Guard("bids.end", [&]() -> Status {
      long long id = bid_id, when = at;
      const std::string s(domain::BidStatusName(status));
      const std::string why(reason);
      sql_ << "UPDATE bids SET status = :s, ended_at = :at, refused_reason = :r WHERE id = :id",
          soci::use(s, "s"), soci::use(when, "at"), soci::use(why, "r"), soci::use(id, "id");
      return OkStatus();
    });
  }

  Status SubmitBid(std::int64_t bid_id, Micros at, std::string_view receipt,
                   std::string_view signature) override {
    return Guard("bids.submit", [&]() -> Status {
      long long id = bid_id, when = at;
      const std::string text(receipt), sig(signature);
      sql_ << "UPDATE bids SET status = 'submitted', submitted_at = :at, receipt = :r, "
              "receipt_signature = :sig WHERE id = :id",
          soci::use(when, "at"), soci::use(text, "r"), soci::use(sig, "sig"), soci::use(id, "id");
      return OkStatus();
    });
  }

  StatusOr<bool> RecordClosing(std::int64_t tender_id, Micros at, int bids,
                               std::string_view digest) override {
    return Guard("bids.record_closing", [&]() -> StatusOr<bool> {
      long long tender = tender_id, when = at;
      const std::string d(digest);
      soci::statement st =
          (sql_.prepare << "INSERT INTO tender_bid_closings (tender_id, closed_at, bids, digest) "
                           "VALUES (:t, :at, :n, :d) ON CONFLICT (tender_id) DO NOTHING",
           soci::use(tender, "t"), soci::use(when, "at"), soci::use(bids, "n"),
           soci::use(d, "d"));
      st.execute(true);
      return st.get_affected_rows() > 0;
    });
  }

  StatusOr<std::optional<Closing>> ClosingOf(std::int64_t tender_id) override {
    return Guard("bids.closing", [&]() -> StatusOr<std::optional<Closing>> {
      long long tender = tender_id, at = 0;
      int n = 0;
      std::string digest;
      soci::indicator ind = soci::i_null;
      sql_ << "SELECT closed_at, bids, digest FROM tender_bid_closings WHERE tender_id = :t",
          soci::use(tender, "t"), soci::into(at, ind), soci::into(n), soci::into(digest);
      if (!sql_.got_data()) return std::optional<Closing>();
      return std::optional<Closing>(Closing{at, n, digest});
    });
  }

  Status InsertOpening(const domain::EnvelopeOpening& o) override {
    return Guard("bids.insert_opening", [&]() -> Status {
      long long tender = o.tender_id, at = o.opened_at, by = o.opened_by,
                size = static_cast<long long>(o.minutes_size);
      const std::string envelope(domain::EnvelopeName(o.envelope));
      soci::statement st =
          (sql_.prepare << "INSERT INTO bid_envelope_openings (tender_id, envelope, opened_at, "
                           "opened_by, holders, minutes_number, minutes_sha256, minutes_size) "
                           "VALUES (:t, :e, :at, :by, :h, :n, :s, :sz) "
                           "ON CONFLICT (tender_id, envelope) DO NOTHING",
           soci::use(tender, "t"), soci::use(envelope, "e"), soci::use(at, "at"),
           soci::use(by, "by"), soci::use(o.holders, "h"), soci::use(o.minutes_number, "n"),
           soci::use(o.minutes_sha256, "s"), soci::use(size, "sz"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return AlreadyExists("opening.already_done");
      return OkStatus();
    });
  }

  StatusOr<std::vector<domain::EnvelopeOpening>> OpeningsOf(std::int64_t tender_id) override {
    return Guard("bids.openings", [&]() -> StatusOr<std::vector<domain::EnvelopeOpening>> {
      std::vector<domain::EnvelopeOpening> out;
      domain::EnvelopeOpening o;
      long long tender = tender_id, at = 0, by = 0, size = 0;
      std::string envelope;
      soci::statement st =
          (sql_.prepare << "SELECT envelope, opened_at, opened_by, holders, minutes_number, "
                           "minutes_sha256, minutes_size FROM bid_envelope_openings "
                           "WHERE tender_id = :t ORDER BY opened_at",
           soci::use(tender, "t"), soci::into(envelope), soci::into(at), soci::into(by),
           soci::into(o.holders), soci::into(o.minutes_number), soci::into(o.minutes_sha256),
           soci::into(size));
      st.execute();
      while (st.fetch()) {
        domain::EnvelopeOpening row = o;
        row.tender_id = tender_id;
        row.envelope = domain::ParseEnvelope(envelope).value_or(domain::Envelope::kSingle);
        row.opened_at = at;
        row.opened_by = by;
        row.minutes_size = static_cast<std::uint64_t>(size);
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<bool> RecordFileOpening(const domain::FileOpening& f) override {
    return Guard("bids.record_file_opening", [&]() -> StatusOr<bool> {
      long long file = f.bid_file_id, bid = f.bid_id, at = f.at,
                size = static_cast<long long>(f.plaintext_size);
      int ok = f.ok ? 1 : 0;
      soci::statement st =
          (sql_.prepare << "INSERT INTO bid_file_openings (bid_file_id, bid_id, opened_at, ok, "
                           "received_sha256, plaintext_sha256, plaintext_size, error) VALUES "
                           "(:f, :b, :at, :ok, :r, :p, :sz, :e) "
                           "ON CONFLICT (bid_file_id) DO NOTHING",
           soci::use(file, "f"), soci::use(bid, "b"), soci::use(at, "at"), soci::use(ok, "ok"),
           soci::use(f.received_sha256, "r"), soci::use(f.plaintext_sha256, "p"),
           soci::use(size, "sz"), soci::use(f.error, "e"));
      st.execute(true);
      return st.get_affected_rows() > 0;
    });
  }

  StatusOr<std::vector<domain::FileOpening>> FileOpeningsOf(std::int64_t tender_id) override {
    return Guard("bids.file_openings", [&]() -> StatusOr<std::vector<domain::FileOpening>> {
      std::vector<domain::FileOpening> out;
      domain::FileOpening f;
      long long tender = tender_id, file = 0, bid = 0, at = 0, size = 0;
      int ok = 0;
      soci::statement st =
          (sql_.prepare << "SELECT o.bid_file_id, o.bid_id, o.opened_at, o.ok, o.received_sha256, "
                           "o.plaintext_sha256, o.plaintext_size, o.error FROM bid_file_openings o "
                           "JOIN bids b ON b.id = o.bid_id WHERE b.tender_id = :t "
                           "ORDER BY o.bid_id, o.bid_file_id",
           soci::use(tender, "t"), soci::into(file), soci::into(bid), soci::into(at),
           soci::into(ok), soci::into(f.received_sha256), soci::into(f.plaintext_sha256),
           soci::into(size), soci::into(f.error));
      st.execute();
      while (st.fetch()) {
        domain::FileOpening row = f;
        row.bid_file_id = file;
        row.bid_id = bid;
        row.at = at;
        row.ok = ok != 0;
        row.plaintext_size = static_cast<std::uint64_t>(size);
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  Status RecordPrice(const domain::BidPrice& p) override {
    return Guard("bids.record_price", [&]() -> Status {
      long long bid = p.bid_id, price = p.price_rupiah;
      sql_ << "INSERT INTO bid_prices (bid_id, price_rupiah, notes, form_json) VALUES (:b, :p, :n, :f) "
              "ON CONFLICT (bid_id) DO NOTHING",
          soci::use(bid, "b"), soci::use(price, "p"), soci::use(p.notes, "n"),
          soci::use(p.form_json, "f");
      return OkStatus();
    });
  }

  StatusOr<std::vector<domain::BidPrice>> PricesOf(std::int64_t tender_id) override {
    return Guard("bids.prices", [&]() -> StatusOr<std::vector<domain::BidPrice>> {
      std::vector<domain::BidPrice> out;
      long long tender = tender_id, bid = 0, price = 0;
      std::string notes, form;
      soci::statement st =
          (sql_.prepare << "SELECT p.bid_id, p.price_rupiah, p.notes, p.form_json FROM bid_prices p "
                           "JOIN bids b ON b.id = p.bid_id WHERE b.tender_id = :t ORDER BY p.bid_id",
           soci::use(tender, "t"), soci::into(bid), soci::into(price), soci::into(notes),
           soci::into(form));
      st.execute();
      while (st.fetch()) out.push_back(domain::BidPrice{bid, price, notes, form});
      return out;
    });
  }

  Status SetTechnicalResult(std::int64_t bid_id, bool passed, std::string_view reason,
                            std::int64_t by, Micros at) override {
    return Guard("bids.technical_result", [&]() -> Status {
      long long bid = bid_id, who = by, when = at;
      int pass = passed ? 1 : 0;
      const std::string why(reason);
      sql_ << "INSERT INTO bid_technical_results (bid_id, passed, reason, recorded_by, "
              "recorded_at) VALUES (:b, :p, :r, :by, :at) ON CONFLICT (bid_id) DO UPDATE SET "
              "passed = excluded.passed, reason = excluded.reason, "
              "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(bid, "b"), soci::use(pass, "p"), soci::use(why, "r"), soci::use(who, "by"),
          soci::use(when, "at");
      return OkStatus();
    });
  }

  StatusOr<std::vector<std::pair<std::int64_t, bool>>> TechnicalResultsOf(
      std::int64_t tender_id) override {
    return Guard("bids.technical_results",
                 [&]() -> StatusOr<std::vector<std::pair<std::int64_t, bool>>> {
                   std::vector<std::pair<std::int64_t, bool>> out;
                   long long tender = tender_id, bid = 0;
                   int passed = 0;
                   soci::statement st =
                       (sql_.prepare << "SELECT r.bid_id, r.passed FROM bid_technical_results r "
                                        "JOIN bids b ON b.id = r.bid_id WHERE b.tender_id = :t "
                                        "ORDER BY r.bid_id",
                        soci::use(tender, "t"), soci::into(bid), soci::into(passed));
                   st.execute();
                   while (st.fetch()) out.emplace_back(bid, passed != 0);
                   return out;
                 });
  }

  StatusOr<std::int64_t> InsertWitness(const domain::WitnessRecord& w) override {
    return Guard("bids.insert_witness", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = w.tender_id, file = w.bid_file_id, by = w.recorded_by,
                witness = w.witness_id, at = w.at, size = static_cast<long long>(w.minutes_size);
      int ok = w.ok ? 1 : 0;
      sql_ << "INSERT INTO bid_witness_records (tender_id, bid_file_id, recorded_by, witness_id, "
              "at, ok, declared_sha256, received_sha256, error, note, minutes_number, "
              "minutes_sha256, minutes_size) VALUES (:t, :f, :by, :w, :at, :ok, :d, :r, :e, :n, "
              ":mn, :ms, :sz) RETURNING id",
          soci::use(tender, "t"), soci::use(file, "f"), soci::use(by, "by"),
          soci::use(witness, "w"), soci::use(at, "at"), soci::use(ok, "ok"),
          soci::use(w.declared_sha256, "d"), soci::use(w.received_sha256, "r"),
          soci::use(w.error, "e"), soci::use(w.note, "n"), soci::use(w.minutes_number, "mn"),
          soci::use(w.minutes_sha256, "ms"), soci::use(size, "sz"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<domain::WitnessRecord>> WitnessesOf(std::int64_t tender_id) override {
    return Guard("bids.witnesses", [&]() -> StatusOr<std::vector<domain::WitnessRecord>> {
      std::vector<domain::WitnessRecord> out;
      domain::WitnessRecord w;
      long long tender = tender_id, id = 0, file = 0, by = 0, witness = 0, at = 0, size = 0;
      int ok = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, bid_file_id, recorded_by, witness_id, at, ok, "
                           "declared_sha256, received_sha256, error, note, minutes_number, "
                           "minutes_sha256, minutes_size FROM bid_witness_records "
                           "WHERE tender_id = :t ORDER BY at, id",
           soci::use(tender, "t"), soci::into(id), soci::into(file), soci::into(by),
           soci::into(witness), soci::into(at), soci::into(ok), soci::into(w.declared_sha256),
           soci::into(w.received_sha256), soci::into(w.error), soci::into(w.note),
           soci::into(w.minutes_number), soci::into(w.minutes_sha256), soci::into(size));
      st.execute();
      while (st.fetch()) {
        domain::WitnessRecord row = w;
        row.id = id;
        row.tender_id = tender_id;
        row.bid_file_id = file;
        row.recorded_by = by;
        row.witness_id = witness;
        row.at = at;
        row.ok = ok != 0;
        row.minutes_size = static_cast<std::uint64_t>(size);
        out.push_back(std::move(row));
      }
      return out;
    });
  }

 private:
  std::optional<MemberKey> SelectMemberKey(const std::string& where, std::int64_t key) {
    long long k = key, id = 0, user = 0, at = 0, retired = 0;
    soci::indicator retired_ind = soci::i_null;
    MemberKey m;
    sql_ << "SELECT id, user_id, public_key, wrapped_secret, created_at, retired_at "
            "FROM member_keys" + where,
        soci::use(k, "k"), soci::into(id), soci::into(user), soci::into(m.public_key),
        soci::into(m.wrapped_secret), soci::into(at), soci::into(retired, retired_ind);
    if (!sql_.got_data()) return std::nullopt;
    m.id = id;
    m.user_id = user;
    m.created_at = at;
    m.retired_at = Maybe(retired, retired_ind);
    return m;
  }

  std::vector<Bid> SelectBids(const std::string& where, std::int64_t key,
                              std::int64_t vendor = 0) {
    std::vector<Bid> out;
    {
      Bid b;
      long long k = key, v = vendor, id = 0, tender = 0, user = 0, created = 0, submitted = 0,
                ended = 0;
      std::string envelope, status, company;
      soci::indicator submitted_ind = soci::i_null, ended_ind = soci::i_null,
                      company_ind = soci::i_null;
      // Both names are always bound, in this order (SQLite binds by position).
      soci::statement st =
          (sql_.prepare << "SELECT b.id, b.tender_id, b.vendor_user_id, b.envelope, b.status, "
                           "b.created_at, b.submitted_at, b.ended_at, b.refused_reason, "
                           "b.receipt, b.receipt_signature, b.client_addr, v.company_name "
                           "FROM bids b LEFT JOIN vendors v ON v.user_id = b.vendor_user_id" +
                               where + " ORDER BY b.id",
           soci::use(k, "k"), soci::use(v, "v"), soci::into(id), soci::into(tender),
           soci::into(user), soci::into(envelope), soci::into(status), soci::into(created),
           soci::into(submitted, submitted_ind), soci::into(ended, ended_ind),
           soci::into(b.refused_reason), soci::into(b.receipt), soci::into(b.receipt_signature),
           soci::into(b.client_addr), soci::into(company, company_ind));
      st.execute();
      while (st.fetch()) {
        Bid row = b;
        row.id = id;
        row.tender_id = tender;
        row.vendor_user_id = user;
        row.envelope = domain::ParseEnvelope(envelope).value_or(domain::Envelope::kSingle);
        row.status = domain::ParseBidStatus(status).value_or(BidStatus::kRefused);
        row.created_at = created;
        row.submitted_at = Maybe(submitted, submitted_ind);
        row.ended_at = Maybe(ended, ended_ind);
        row.company_name = company_ind == soci::i_ok ? company : "";
        out.push_back(std::move(row));
      }
    }
    for (Bid& b : out) {
      BidFile f;
      long long bid = b.id, id = 0, size = 0, completed = 0;
      int position = 0, price_form = 0;
      soci::indicator completed_ind = soci::i_null;
      soci::statement st =
          (sql_.prepare << "SELECT id, position, upload_id, name, price_form, declared_size, "
                           "declared_sha256, blob_sha256, completed_at FROM bid_files "
                           "WHERE bid_id = :b ORDER BY position",
           soci::use(bid, "b"), soci::into(id), soci::into(position), soci::into(f.upload_id),
           soci::into(f.name), soci::into(price_form), soci::into(size), soci::into(f.sha256),
           soci::into(f.blob_sha256), soci::into(completed, completed_ind));
      st.execute();
      while (st.fetch()) {
        BidFile row = f;
        row.id = id;
        row.bid_id = b.id;
        row.position = position;
        row.price_form = price_form != 0;
        row.size = static_cast<std::uint64_t>(size);
        row.completed_at = Maybe(completed, completed_ind);
        b.files.push_back(std::move(row));
      }
    }
    return out;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::BidRepo> NewBidRepo(soci::session& sql) {
  return std::make_unique<SociBids>(sql);
}

}  // namespace spse::storage
