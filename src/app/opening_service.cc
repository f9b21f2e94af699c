#include "app/opening_service.h"
#include "app/stored_file.h"

#include <algorithm>

#include "base/money.h"
#include "domain/permission.h"
#include "domain/planning.h"
#include "domain/shamir.h"

namespace spse::app {

using domain::Bid;
using domain::BidStatus;
using domain::Envelope;
using domain::Permission;

namespace {

void WipeString(std::string& s) {
  volatile char* p = s.data();
  for (size_t i = 0; i < s.size(); ++i) p[i] = 0;
  s.clear();
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string EnvelopeTitle(Envelope e) {
  switch (e) {
    case Envelope::kSingle: return "Penawaran (satu file)";
    case Envelope::kTechnical: return "Penawaran Teknis (file I)";
    case Envelope::kPrice: return "Penawaran Harga (file II)";
  }
  return "";
}

std::string Bytes(std::uint64_t n) { return std::to_string(n) + " byte"; }


}  // namespace

// ---------------------------------------------------------------- the vault

OpeningVault::~OpeningVault() {
  for (auto& [k, slot] : slots_) {
    for (auto& [u, s] : slot.shares) WipeString(s);
    WipeString(slot.key);
  }
}

void OpeningVault::ExpireLocked(Micros now) {
  for (auto it = slots_.begin(); it != slots_.end();) {
    Slot& slot = it->second;
    if (!slot.shares.empty() && now >= slot.shares_expire) {
      for (auto& [u, s] : slot.shares) WipeString(s);
      slot.shares.clear();
    }
    if (!slot.key.empty() && now >= slot.key_expires) WipeString(slot.key);
    if (slot.shares.empty() && slot.key.empty()) {
      it = slots_.erase(it);
    } else {
      ++it;
    }
  }
}

int OpeningVault::Give(std::int64_t tender, Envelope e, std::int64_t user, std::string share,
                       Micros now, Micros expires) {
  std::lock_guard lock(mu_);
  ExpireLocked(now);
  Slot& slot = slots_[{tender, static_cast<int>(e)}];
  auto& held = slot.shares[user];
  WipeString(held);
  held = std::move(share);
  slot.shares_expire = expires;
  return static_cast<int>(slot.shares.size());
}

std::map<std::int64_t, std::string> OpeningVault::TakeShares(std::int64_t tender, Envelope e) {
  std::lock_guard lock(mu_);
  auto it = slots_.find({tender, static_cast<int>(e)});
  if (it == slots_.end()) return {};
  return std::exchange(it->second.shares, {});
}

std::vector<std::int64_t> OpeningVault::GivenBy(std::int64_t tender, Envelope e, Micros now) {
  std::lock_guard lock(mu_);
  ExpireLocked(now);
  std::vector<std::int64_t> out;
  auto it = slots_.find({tender, static_cast<int>(e)});
  if (it == slots_.end()) return out;
  for (const auto& [user, share] : it->second.shares) out.push_back(user);
  return out;
}

void OpeningVault::KeepKey(std::int64_t tender, Envelope e, std::string secret, Micros expires) {
  std::lock_guard lock(mu_);
  Slot& slot = slots_[{tender, static_cast<int>(e)}];
  WipeString(slot.key);
  slot.key = std::move(secret);
  slot.key_expires = expires;
}

bool OpeningVault::HasKey(std::int64_t tender, Envelope e, Micros now) {
  std::lock_guard lock(mu_);
  ExpireLocked(now);
  auto it = slots_.find({tender, static_cast<int>(e)});
  return it != slots_.end() && !it->second.key.empty();
}

std::optional<std::string> OpeningVault::Key(std::int64_t tender, Envelope e, Micros now) {
  std::lock_guard lock(mu_);
  ExpireLocked(now);
  auto it = slots_.find({tender, static_cast<int>(e)});
  if (it == slots_.end() || it->second.key.empty()) return std::nullopt;
  return it->second.key;
}

// ---------------------------------------------------------------- reading

StatusOr<OpeningService::Loaded> OpeningService::LoadForOpening(Tx& tx, const Actor& actor,
                                                                std::int64_t tender_id) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  Loaded out;
  out.witness = domain::Authorize(actor.who, Permission::kWitnessOpenings).ok();
  SPSE_ASSIGN_OR_RETURN(out.l, LoadTender(tx, actor, catalogue_, tender_id));
  if (!out.l.runs && !out.witness) return NotFound("tender.not_found");
  return out;
}

StatusOr<OpeningView> OpeningService::View(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, LoadForOpening(*tx, actor, tender_id));
  const Micros now = clock_.Now();
  OpeningView v;
  v.runs = ld.l.runs;
  v.may_witness = ld.witness;
  SPSE_ASSIGN_OR_RETURN(auto keys, tx->bids().TenderKeysOf(tender_id));
  SPSE_ASSIGN_OR_RETURN(auto openings, tx->bids().OpeningsOf(tender_id));
  SPSE_ASSIGN_OR_RETURN(auto technical, tx->bids().TechnicalResultsOf(tender_id));
  SPSE_ASSIGN_OR_RETURN(auto bids, tx->bids().BidsOf(tender_id, std::nullopt));
  const bool technical_done =
      std::any_of(openings.begin(), openings.end(),
                  [](const auto& o) { return o.envelope == Envelope::kTechnical; }) &&
      domain::TechnicalResultsRecorded(bids, technical);
  for (Envelope e : domain::EnvelopesFor(*ld.l.procedure)) {
    EnvelopeState s;
    s.envelope = e;
    for (auto& k : keys) {
      if (k.envelope == e) s.key = k;
    }
    for (auto& o : openings) {
      if (o.envelope == e) s.opening = o;
    }
    s.given_by = vault_.GivenBy(tender_id, e, now);
    s.key_in_memory = vault_.HasKey(tender_id, e, now);
    s.may_open = domain::CheckMayOpen(ld.l.tender, *ld.l.procedure, e, now, technical_done);
    v.envelopes.push_back(std::move(s));
  }
  SPSE_ASSIGN_OR_RETURN(auto files, tx->bids().FileOpeningsOf(tender_id));
  SPSE_ASSIGN_OR_RETURN(auto prices, tx->bids().PricesOf(tender_id));
  SPSE_ASSIGN_OR_RETURN(auto witnesses, tx->bids().WitnessesOf(tender_id));
  for (Bid& b : bids) {
    if (b.status != BidStatus::kSubmitted) continue;
    OpenedBidView bv;
    for (const auto& f : b.files) {
      OpenedFileView fv;
      fv.file = f;
      for (const auto& o : files) {
        if (o.bid_file_id == f.id) fv.opening = o;
      }
      for (const auto& w : witnesses) {
        if (w.bid_file_id == f.id) fv.witnesses.push_back(w);
      }
      bv.files.push_back(std::move(fv));
    }
    for (const auto& p : prices) {
      if (p.bid_id == b.id) bv.price = p;
    }
    for (const auto& [id, passed] : technical) {
      if (id == b.id) bv.technical_passed = passed;
    }
    bv.bid = std::move(b);
    v.bids.push_back(std::move(bv));
  }
  if (ld.l.runs) {
    SPSE_ASSIGN_OR_RETURN(v.my_key, tx->bids().CurrentMemberKey(actor.who.user_id));
  }
  v.package_name = ld.l.package.name;
  v.tender = std::move(ld.l.tender);
  return v;
}

// ---------------------------------------------------------------- shares

StatusOr<std::string> OpeningService::Rebuild(const std::map<std::int64_t, std::string>& shares,
                                              const domain::TenderKey& key) {
  std::vector<domain::SecretShare> parts;
  for (const auto& [user, bytes] : shares) {
    parts.push_back(domain::SecretShare{static_cast<std::uint8_t>(bytes[0]), bytes.substr(1)});
  }
  auto secret = domain::CombineShares(parts);
  for (auto& p : parts) WipeString(p.y);
  if (!secret.ok()) return InvalidArgument("opening.share_invalid", secret.status().reason());
  auto pk = opener_.PublicKeyOf(*secret);
  if (!pk.ok() || *pk != key.public_key) {
    WipeString(*secret);
    return InvalidArgument("opening.key_mismatch");
  }
  return std::move(*secret);
}

StatusOr<bool> OpeningService::GiveShare(const Actor& actor, std::int64_t tender_id,
                                         Envelope envelope, std::string_view share_b64) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  const Micros now = clock_.Now();
  domain::TenderKey key;
  bool opened_already = false;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
    if (!l.runs) return NotFound("tender.not_found");
    SPSE_ASSIGN_OR_RETURN(auto openings, tx->bids().OpeningsOf(tender_id));
    SPSE_ASSIGN_OR_RETURN(auto technical, tx->bids().TechnicalResultsOf(tender_id));
    SPSE_ASSIGN_OR_RETURN(auto bids, tx->bids().BidsOf(tender_id, std::nullopt));
    const bool technical_done =
        std::any_of(openings.begin(), openings.end(),
                    [](const auto& o) { return o.envelope == Envelope::kTechnical; }) &&
        domain::TechnicalResultsRecorded(bids, technical);
    SPSE_RETURN_IF_ERROR(domain::CheckMayOpen(l.tender, *l.procedure, envelope, now, technical_done));
    opened_already = std::any_of(openings.begin(), openings.end(),
                                 [&](const auto& o) { return o.envelope == envelope; });
    SPSE_ASSIGN_OR_RETURN(auto keys, tx->bids().TenderKeysOf(tender_id));
    auto it = std::find_if(keys.begin(), keys.end(),
                           [&](const auto& k) { return k.envelope == envelope; });
    if (it == keys.end()) return FailedPrecondition("opening.no_key");
    key = *it;
  }
  auto mine = std::find_if(key.shares.begin(), key.shares.end(),
                           [&](const auto& s) { return s.user_id == actor.who.user_id; });
  if (mine == key.shares.end()) return PermissionDenied("opening.not_holder");
  auto bytes = domain::DecodeBase64Url(share_b64);
  if (!bytes || bytes->size() != 33 || static_cast<std::uint8_t>((*bytes)[0]) != mine->x) {
    if (bytes) WipeString(*bytes);
    return InvalidArgument("opening.share_invalid");
  }
  const int given = vault_.Give(tender_id, envelope, actor.who.user_id, std::move(*bytes), now,
                                now + config_.key_lifetime);
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "opening.share_given", "tender",
                                    std::to_string(tender_id),
                                    "Bagian kunci amplop " +
                                        std::string(domain::EnvelopeName(envelope)) +
                                        " diserahkan (" + std::to_string(given) + " dari " +
                                        std::to_string(key.threshold) + ")"));
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  if (given < key.threshold) return false;

  std::lock_guard opening(vault_.opening_mutex());
  auto shares = vault_.TakeShares(tender_id, envelope);
  if (static_cast<int>(shares.size()) < key.threshold) return false;  // another request took them
  std::vector<std::int64_t> holders;
  for (const auto& [user, s] : shares) holders.push_back(user);
  auto secret = Rebuild(shares, key);
  for (auto& [user, s] : shares) WipeString(s);
  if (!secret.ok()) {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "opening.key_mismatch", "tender",
                                    std::to_string(tender_id),
                                    "Kunci amplop " + std::string(domain::EnvelopeName(envelope)) +
                                        " tidak terbentuk dari bagian yang diserahkan"));
    SPSE_RETURN_IF_ERROR(tx->Commit());
    return secret.status();
  }
  Status opened = OkStatus();
  if (!opened_already) opened = OpenEnvelope(actor, tender_id, envelope, *secret, holders);
  if (opened.ok()) {
    vault_.KeepKey(tender_id, envelope, std::move(*secret), clock_.Now() + config_.key_lifetime);
  } else {
    WipeString(*secret);
    return opened;
  }
  return true;
}

// ---------------------------------------------------------------- opening

Status OpeningService::OpenEnvelope(const Actor& actor, std::int64_t tender_id, Envelope envelope,
                                    const std::string& secret,
                                    const std::vector<std::int64_t>& holders) {
  // Read what to open, outside any write transaction (decrypting takes time).
  std::vector<Bid> bids;
  std::vector<std::pair<std::int64_t, bool>> technical;
  LoadedTender l;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(l, LoadTender(*tx, actor, catalogue_, tender_id));
    SPSE_ASSIGN_OR_RETURN(bids, tx->bids().BidsOf(tender_id, std::nullopt));
    SPSE_ASSIGN_OR_RETURN(technical, tx->bids().TechnicalResultsOf(tender_id));
  }
  const Micros now = clock_.Now();
  std::vector<Bid> counted;
  for (Bid& b : bids) {
    if (b.status != BidStatus::kSubmitted || b.envelope != envelope) continue;
    if (envelope == Envelope::kPrice) {
      // Only the price envelopes of bidders whose technical offer passed.
      bool passed = false;
      for (const Bid& t : bids) {
        if (t.vendor_user_id != b.vendor_user_id || t.envelope != Envelope::kTechnical ||
            t.status != BidStatus::kSubmitted) {
          continue;
        }
        for (const auto& [id, ok] : technical) {
          if (id == t.id) passed = ok;
        }
      }
      if (!passed) continue;
    }
    counted.push_back(std::move(b));
  }
  std::vector<domain::FileOpening> results;
  std::vector<domain::BidPrice> prices;
  std::map<std::int64_t, domain::PriceForm> forms;
  for (const Bid& b : counted) {
    for (const auto& f : b.files) {
      domain::FileOpening r;
      r.bid_file_id = f.id;
      r.bid_id = b.id;
      r.at = now;
      auto path = blobs_.FileOf(f.blob_sha256);
      auto sink = blobs_.NewSink(domain::kMaxSealedFileSize);
      if (!path.ok() || !sink.ok()) {
        r.error = !path.ok() ? path.status().reason() : sink.status().reason();
        r.received_sha256 = "";
        results.push_back(r);
        continue;
      }
      SealedOpenResult opened =
          opener_.OpenSealed(secret, *path, std::move(*sink), f.price_form ? 64 * 1024 : 0);
      r.received_sha256 = opened.ciphertext_sha256;
      if (!opened.status.ok()) {
        r.error = opened.status.reason();
      } else if (opened.ciphertext_sha256 != f.sha256) {
        // Opened, but not the bytes the receipt names: treated as unopenable.
        r.error = "opening.hash_mismatch";
      } else {
        r.ok = true;
        r.plaintext_sha256 = opened.plaintext->sha256;
        r.plaintext_size = opened.plaintext->size;
        if (f.price_form) {
          auto form = opener_.ReadPriceForm(opened.small);
          if (form.ok()) {
            prices.push_back(domain::BidPrice{b.id, form->price_rupiah, form->notes, opened.small});
            forms[b.id] = std::move(*form);
          } else {
            r.ok = false;
            r.error = "price_form.invalid";
          }
        }
      }
      results.push_back(r);
    }
  }

  // The Berita Acara Pembukaan Penawaran.
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  std::vector<std::string> names;
  for (std::int64_t id : holders) {
    SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindById(id));
    names.push_back(u ? u->full_name : std::to_string(id));
  }
  SPSE_ASSIGN_OR_RETURN(auto keys, tx->bids().TenderKeysOf(tender_id));
  int threshold = 0, n = 0;
  for (const auto& k : keys) {
    if (k.envelope == envelope) {
      threshold = k.threshold;
      n = static_cast<int>(k.shares.size());
    }
  }
  const std::string number = "BA-PB/" + l.tender.code + "/" + Upper(domain::EnvelopeName(envelope));
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "BERITA ACARA PEMBUKAAN PENAWARAN";
  doc.subtitle = "Nomor: " + number;
  const auto deadline = domain::BidDeadline(l.tender, *l.procedure);
  doc.sections.push_back(PrintedSection{
      "A. Paket",
      {{"Kode tender", l.tender.code},
       {"Nama paket", l.package.name},
       {"Amplop", EnvelopeTitle(envelope)},
       {"Batas akhir penawaran", deadline ? FormatDateTime(*deadline, config_.zone, Lang::kId) : "-"},
       {"Waktu pembukaan", FormatDateTime(now, config_.zone, Lang::kId)},
       {"Kunci dibuka oleh", std::to_string(holders.size()) + " dari " + std::to_string(n) +
                                 " anggota (ambang " + std::to_string(threshold) + ")"},
       {"Jumlah penawaran", std::to_string(counted.size())}},
      {}});
  int failed = 0;
  int index = 0;
  for (const Bid& b : counted) {
    ++index;
    PrintedSection s;
    s.heading = "B." + std::to_string(index) + ". " + b.company_name;
    s.rows.push_back({"Diterima", b.submitted_at ? FormatDateTime(*b.submitted_at, config_.zone, Lang::kId) : "-"});
    for (const auto& price : prices) {
      if (price.bid_id == b.id) s.rows.push_back({"Harga penawaran", Money::FromRupiah(price.price_rupiah).Format()});
    }
    if (auto form = forms.find(b.id); form != forms.end()) {
      int line_no = 0;
      for (const auto& line : form->second.items) {
        const std::string quantity = domain::FormatQuantity(line.quantity);
        s.rows.push_back({"Rincian " + std::to_string(++line_no),
                          line.description + ": " + quantity + " " + line.unit + " × " +
                              Money::FromRupiah(line.unit_price_rupiah).Format() + " = " +
                              Money::FromRupiah(domain::PricedLineTotal(line).value_or(0)).Format()});
      }
    }
    for (const auto& f : b.files) {
      const domain::FileOpening* r = nullptr;
      for (const auto& x : results) {
        if (x.bid_file_id == f.id) r = &x;
      }
      std::string state = r && r->ok ? "dapat dibuka" : "TIDAK DAPAT DIBUKA (" + (r ? r->error : std::string("-")) + ")";
      if (r && !r->ok) ++failed;
      s.rows.push_back({f.name, Bytes(f.size) + ", SHA-256 " + f.sha256 + " — " + state});
    }
    doc.sections.push_back(std::move(s));
  }
  if (counted.empty()) {
    doc.sections.push_back(PrintedSection{"B. Penawaran", {}, {"Tidak ada penawaran yang masuk."}});
  }
  doc.sections.push_back(PrintedSection{
      "C. Catatan",
      {},
      {"Setiap berkas dibuka dengan kunci tender yang dibentuk kembali dari bagian kunci anggota "
       "Pokja; kunci itu hanya ada di memori server dan tidak pernah disimpan. SHA-256 di atas "
       "adalah milik berkas tersegel sebagaimana tercantum dalam tanda terima penyedia.",
       failed == 0 ? "Semua berkas dapat dibuka dan sesuai dengan tanda terimanya."
                   : std::to_string(failed) +
                         " berkas tidak dapat dibuka; sesuai Pasal 23 ayat (2) percobaan kedua "
                         "disaksikan petugas LPSE dan dituangkan dalam Berita Acara Kesaksian."}});
  for (const auto& name : names) doc.signatures.push_back(PrintedSignature{"Pokja Pemilihan", name, ""});
  SPSE_ASSIGN_OR_RETURN(BlobInfo pdf, StorePrinted(printer_, blobs_, doc));

  for (const auto& r : results) {
    SPSE_ASSIGN_OR_RETURN(bool fresh, tx->bids().RecordFileOpening(r));
    (void)fresh;
  }
  for (const auto& p : prices) SPSE_RETURN_IF_ERROR(tx->bids().RecordPrice(p));
  domain::EnvelopeOpening o;
  o.tender_id = tender_id;
  o.envelope = envelope;
  o.opened_at = now;
  o.opened_by = actor.who.user_id;
  for (size_t i = 0; i < holders.size(); ++i) {
    if (i > 0) o.holders += ",";
    o.holders += std::to_string(holders[i]);
  }
  o.minutes_number = number;
  o.minutes_sha256 = pdf.sha256;
  o.minutes_size = pdf.size;
  SPSE_RETURN_IF_ERROR(tx->bids().InsertOpening(o));
  std::string summary = l.tender.code + ": amplop " + std::string(domain::EnvelopeName(envelope)) +
                        " dibuka, " + std::to_string(counted.size()) + " penawaran, " +
                        std::to_string(failed) + " berkas gagal; " + number + " (sha256 " +
                        pdf.sha256 + ")";
  for (const auto& r : results) {
    if (!r.ok) {
      summary += "\nberkas " + std::to_string(r.bid_file_id) + ": " + r.error + ", diterima sha256 " +
                 r.received_sha256;
    }
  }
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.opened", "tender",
                                  std::to_string(tender_id), summary));
  return tx->Commit();
}

Status OpeningService::RecordTechnicalResult(const Actor& actor, std::int64_t tender_id,
                                             std::int64_t bid_id, bool passed,
                                             std::string_view reason) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(auto openings, tx->bids().OpeningsOf(tender_id));
  if (std::none_of(openings.begin(), openings.end(),
                   [](const auto& o) { return o.envelope == Envelope::kTechnical; })) {
    return FailedPrecondition("opening.technical_not_opened");
  }
  if (std::any_of(openings.begin(), openings.end(),
                  [](const auto& o) { return o.envelope == Envelope::kPrice; })) {
    return FailedPrecondition("opening.already_done");
  }
  SPSE_ASSIGN_OR_RETURN(auto bid, tx->bids().FindBid(bid_id));
  if (!bid || bid->tender_id != tender_id || bid->envelope != Envelope::kTechnical ||
      bid->status != BidStatus::kSubmitted) {
    return NotFound("bid.not_found");
  }
  SPSE_RETURN_IF_ERROR(tx->bids().SetTechnicalResult(bid_id, passed, reason, actor.who.user_id,
                                                     clock_.Now()));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.technical_result", "bid",
                                  std::to_string(bid_id),
                                  l.tender.code + ": " + bid->company_name + " " +
                                      (passed ? "lulus" : "gugur") + " teknis" +
                                      (reason.empty() ? "" : ": " + std::string(reason))));
  return tx->Commit();
}

// ---------------------------------------------------------------- witness

StatusOr<std::int64_t> OpeningService::WitnessRetry(const Actor& officer, std::int64_t tender_id,
                                                    std::int64_t bid_file_id,
                                                    std::string_view note) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(officer.who, Permission::kWitnessOpenings));
  LoadedTender l;
  Bid bid;
  domain::BidFile file;
  domain::FileOpening first;
  domain::EnvelopeOpening opening;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(l, LoadTender(*tx, officer, catalogue_, tender_id));
    SPSE_ASSIGN_OR_RETURN(auto files, tx->bids().FileOpeningsOf(tender_id));
    auto it = std::find_if(files.begin(), files.end(),
                           [&](const auto& f) { return f.bid_file_id == bid_file_id; });
    if (it == files.end() || it->ok) return FailedPrecondition("opening.file_not_failed");
    first = *it;
    SPSE_ASSIGN_OR_RETURN(auto b, tx->bids().FindBid(first.bid_id));
    if (!b) return NotFound("bid.not_found");
    bid = std::move(*b);
    for (const auto& f : bid.files) {
      if (f.id == bid_file_id) file = f;
    }
    SPSE_ASSIGN_OR_RETURN(auto openings, tx->bids().OpeningsOf(tender_id));
    for (const auto& o : openings) {
      if (o.envelope == bid.envelope) opening = o;
    }
  }
  const Micros now = clock_.Now();
  auto secret = vault_.Key(tender_id, bid.envelope, now);
  if (!secret) return FailedPrecondition("opening.key_gone");
  domain::WitnessRecord w;
  w.tender_id = tender_id;
  w.bid_file_id = bid_file_id;
  w.recorded_by = opening.opened_by;
  w.witness_id = officer.who.user_id;
  w.at = now;
  w.declared_sha256 = file.sha256;
  w.note = std::string(note.substr(0, 2000));
  auto path = blobs_.FileOf(file.blob_sha256);
  auto sink = blobs_.NewSink(domain::kMaxSealedFileSize);
  if (!path.ok() || !sink.ok()) {
    w.error = !path.ok() ? path.status().reason() : sink.status().reason();
  } else {
    SealedOpenResult r = opener_.OpenSealed(*secret, *path, std::move(*sink));
    w.received_sha256 = r.ciphertext_sha256;
    if (!r.status.ok()) {
      w.error = r.status.reason();
    } else if (r.ciphertext_sha256 != file.sha256) {
      w.error = "opening.hash_mismatch";
    } else {
      w.ok = true;
    }
  }
  WipeString(*secret);

  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->bids().WitnessesOf(tender_id));
  w.minutes_number = "BA-KS/" + l.tender.code + "/" + std::to_string(existing.size() + 1);
  SPSE_ASSIGN_OR_RETURN(auto pokja, tx->users().FindById(opening.opened_by));
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "BERITA ACARA KESAKSIAN";
  doc.subtitle = "Nomor: " + w.minutes_number;
  doc.sections.push_back(PrintedSection{
      "A. Penawaran",
      {{"Kode tender", l.tender.code},
       {"Nama paket", l.package.name},
       {"Penyedia", bid.company_name},
       {"Amplop", EnvelopeTitle(bid.envelope)},
       {"Berkas", file.name},
       {"Ukuran dinyatakan", Bytes(file.size)},
       {"SHA-256 pada tanda terima", file.sha256}},
      {}});
  doc.sections.push_back(PrintedSection{
      "B. Fakta teknis",
      {{"Pembukaan pertama", FormatDateTime(first.at, config_.zone, Lang::kId)},
       {"Galat pembukaan pertama", first.error},
       {"SHA-256 yang diterima (pertama)", first.received_sha256.empty() ? "-" : first.received_sha256},
       {"Percobaan kedua", FormatDateTime(now, config_.zone, Lang::kId)},
       {"SHA-256 yang diterima (kedua)", w.received_sha256.empty() ? "-" : w.received_sha256},
       {"Hasil percobaan kedua", w.ok ? "dapat dibuka" : "tidak dapat dibuka (" + w.error + ")"},
       {"Catatan", w.note.empty() ? "-" : w.note}},
      {std::string("Sesuai Pasal 23 ayat (2), percobaan kedua membuka berkas ini dilakukan di dalam "
                   "sistem dan disaksikan oleh petugas LPSE. ") +
       (w.received_sha256 == file.sha256
            ? "Berkas yang tersimpan sama dengan yang tercantum dalam tanda terima."
            : "Berkas yang tersimpan BERBEDA dari yang tercantum dalam tanda terima.")}});
  doc.signatures.push_back(PrintedSignature{"Saksi (petugas LPSE)", officer.who.full_name.empty() ? officer.who.username : officer.who.full_name, ""});
  doc.signatures.push_back(PrintedSignature{"Pokja Pemilihan", pokja ? pokja->full_name : "-", ""});
  SPSE_ASSIGN_OR_RETURN(BlobInfo pdf, StorePrinted(printer_, blobs_, doc));
  w.minutes_sha256 = pdf.sha256;
  w.minutes_size = pdf.size;
  SPSE_ASSIGN_OR_RETURN(w.id, tx->bids().InsertWitness(w));
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, officer, "bid.witnessed", "bid", std::to_string(bid.id),
      l.tender.code + ": percobaan kedua berkas " + file.name + " " +
          (w.ok ? "berhasil" : "gagal (" + w.error + ")") + ", disaksikan; diterima sha256 " +
          w.received_sha256 + ", tanda terima sha256 " + file.sha256 + "; " + w.minutes_number));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return w.id;
}

StatusOr<OpeningService::MinutesFile> OpeningService::MinutesPdf(const Actor& actor,
                                                                 std::int64_t tender_id,
                                                                 std::string_view kind,
                                                                 std::string_view which) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, LoadForOpening(*tx, actor, tender_id));
  std::string sha, number;
  if (kind == "pembukaan") {
    SPSE_ASSIGN_OR_RETURN(auto openings, tx->bids().OpeningsOf(tender_id));
    for (const auto& o : openings) {
      if (domain::EnvelopeName(o.envelope) == which) {
        sha = o.minutes_sha256;
        number = o.minutes_number;
      }
    }
  } else if (kind == "kesaksian") {
    SPSE_ASSIGN_OR_RETURN(auto witnesses, tx->bids().WitnessesOf(tender_id));
    for (const auto& w : witnesses) {
      if (std::to_string(w.id) == which) {
        sha = w.minutes_sha256;
        number = w.minutes_number;
      }
    }
  }
  if (sha.empty()) return NotFound("minutes.not_found");
  MinutesFile f;
  SPSE_ASSIGN_OR_RETURN(f.path, blobs_.FileOf(sha));
  for (char& c : number) {
    if (c == '/') c = '-';
  }
  f.filename = number + ".pdf";
  return f;
}

}  // namespace spse::app
