#include "app/bid_service.h"

#include <algorithm>
#include <set>

#include "domain/permission.h"

namespace spse::app {

using domain::Bid;
using domain::BidFile;
using domain::BidStatus;
using domain::Envelope;
using domain::Permission;

namespace {

// Opaque to the server, but bounded and printable: the browser's JSON.
bool PlausibleWrapped(std::string_view s) {
  if (s.size() < 20 || s.size() > 2048) return false;
  if (s.front() != '{' || s.back() != '}') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
}

bool HasCompleteFiles(const Bid& b) {
  return std::all_of(b.files.begin(), b.files.end(),
                     [](const BidFile& f) { return f.completed_at.has_value(); });
}

}  // namespace

// ---------------------------------------------------------------- members' keys

StatusOr<MemberKeyView> BidService::MyKey(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  MemberKeyView v;
  SPSE_ASSIGN_OR_RETURN(v.key, tx->bids().CurrentMemberKey(actor.who.user_id));
  SPSE_ASSIGN_OR_RETURN(v.in_use, tx->bids().HoldsRunningShare(actor.who.user_id));
  return v;
}

Status BidService::SetMyKey(const Actor& actor, std::string_view public_key,
                            std::string_view wrapped) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  if (!domain::IsBase64Url(public_key, 32)) return InvalidArgument("key.public_key_invalid");
  if (!PlausibleWrapped(wrapped)) return InvalidArgument("key.wrapped_invalid");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(bool in_use, tx->bids().HoldsRunningShare(actor.who.user_id));
  if (in_use) return FailedPrecondition("key.in_use");
  domain::MemberKey k;
  k.user_id = actor.who.user_id;
  k.public_key = std::string(public_key);
  k.wrapped_secret = std::string(wrapped);
  k.created_at = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->bids().ReplaceMemberKey(k));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "key.member_set", "member_key",
                                  std::to_string(id), "Kunci pembukaan pribadi: " + k.public_key));
  return tx->Commit();
}

// ---------------------------------------------------------------- the tender key

StatusOr<std::vector<KeyHolder>> BidService::Holders(Tx& tx, const domain::Tender& t) {
  std::vector<std::int64_t> ids;
  std::int64_t chair = 0;
  if (t.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx.pokja().FindById(*t.pokja_group_id));
    if (group) {
      ids = group->member_ids;
      chair = group->chair_id;
    }
  } else if (t.official_id) {
    ids = {*t.official_id};
    chair = *t.official_id;
  }
  std::vector<KeyHolder> out;
  for (std::int64_t id : ids) {
    KeyHolder h;
    h.user_id = id;
    h.chair = id == chair;
    SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(id));
    if (user) h.name = user->full_name;
    SPSE_ASSIGN_OR_RETURN(h.key, tx.bids().CurrentMemberKey(id));
    out.push_back(std::move(h));
  }
  return out;
}

StatusOr<TenderKeyView> BidService::TenderKeySetup(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  TenderKeyView v;
  SPSE_ASSIGN_OR_RETURN(v.holders, Holders(*tx, l.tender));
  v.envelopes = domain::EnvelopesFor(*l.procedure);
  SPSE_ASSIGN_OR_RETURN(v.keys, tx->bids().TenderKeysOf(tender_id));
  for (const auto& h : v.holders) {
    if (h.chair && h.user_id == actor.who.user_id) v.is_chair = true;
  }
  v.default_threshold = domain::DefaultThreshold(static_cast<int>(v.holders.size()));
  if (v.keys.size() >= v.envelopes.size()) {
    v.may_set = AlreadyExists("key.already_set");
  } else if (!v.is_chair) {
    v.may_set = PermissionDenied("key.chair_only");
  } else {
    v.may_set = domain::CheckMaySetTenderKey(l.tender, *l.procedure, clock_.Now());
  }
  v.package_name = l.package.name;
  v.tender = std::move(l.tender);
  return v;
}

Status BidService::SetTenderKey(const Actor& actor, std::int64_t tender_id,
                                Envelope envelope, std::string_view public_key, int threshold,
                                const std::vector<domain::KeyShare>& shares) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  SPSE_ASSIGN_OR_RETURN(auto holders, Holders(*tx, l.tender));
  const bool chair = std::any_of(holders.begin(), holders.end(), [&](const KeyHolder& h) {
    return h.chair && h.user_id == actor.who.user_id;
  });
  if (!chair) return PermissionDenied("key.chair_only");
  SPSE_RETURN_IF_ERROR(domain::CheckMaySetTenderKey(l.tender, *l.procedure, clock_.Now()));
  const auto allowed = domain::EnvelopesFor(*l.procedure);
  if (std::find(allowed.begin(), allowed.end(), envelope) == allowed.end()) {
    return InvalidArgument("bid.envelope_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->bids().TenderKeysOf(tender_id));
  for (const auto& k : existing) {
    if (k.envelope == envelope) return AlreadyExists("key.already_set");
  }
  const int n = static_cast<int>(holders.size());
  SPSE_RETURN_IF_ERROR(domain::CheckThreshold(threshold, n));
  if (!domain::IsBase64Url(public_key, 32)) return InvalidArgument("key.public_key_invalid");
  for (const auto& h : holders) {
    if (!h.key) return FailedPrecondition("key.member_without_key", h.name);
  }
  // KEY-03: one share per member, sealed to that member's current key, x = 1..n.
  if (static_cast<int>(shares.size()) != n) return InvalidArgument("key.shares_mismatch");
  domain::TenderKey key;
  key.tender_id = tender_id;
  key.envelope = envelope;
  key.public_key = std::string(public_key);
  key.threshold = threshold;
  key.created_by = actor.who.user_id;
  key.created_at = clock_.Now();
  std::set<std::int64_t> users;
  std::set<int> xs;
  for (const auto& s : shares) {
    auto holder = std::find_if(holders.begin(), holders.end(),
                               [&](const KeyHolder& h) { return h.user_id == s.user_id; });
    if (holder == holders.end() || !users.insert(s.user_id).second) {
      return InvalidArgument("key.shares_mismatch");
    }
    if (s.x < 1 || s.x > n || !xs.insert(s.x).second) return InvalidArgument("key.shares_mismatch");
    // crypto_box_seal of 33 bytes: 33 + 48.
    if (!domain::IsBase64Url(s.sealed_share, 81)) return InvalidArgument("key.share_invalid");
    domain::KeyShare share = s;
    share.member_key_id = holder->key->id;
    key.shares.push_back(std::move(share));
  }
  std::sort(key.shares.begin(), key.shares.end(),
            [](const auto& a, const auto& b) { return a.x < b.x; });
  SPSE_RETURN_IF_ERROR(tx->bids().InsertTenderKey(key));
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "tender.key_set", "tender", std::to_string(tender_id),
      l.tender.code + ": kunci amplop " + std::string(domain::EnvelopeName(envelope)) + " " +
          key.public_key + ", dibuka oleh " +
          std::to_string(threshold) + " dari " + std::to_string(n) + " anggota"));
  return tx->Commit();
}

// ---------------------------------------------------------------- bids

StatusOr<VendorBidsView> BidService::MyBids(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  VendorBidsView v;
  SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
  v.joined = joined.has_value();
  v.envelopes = domain::EnvelopesFor(*l.procedure);
  SPSE_ASSIGN_OR_RETURN(v.keys, tx->bids().TenderKeysOf(tender_id));
  for (auto& k : v.keys) k.shares.clear();
  v.deadline = domain::BidDeadline(l.tender, *l.procedure);
  v.window = domain::CheckBidWindow(l.tender, *l.procedure, clock_.Now());
  SPSE_ASSIGN_OR_RETURN(v.bids, tx->bids().BidsOf(tender_id, actor.who.user_id));
  if (l.package.contract_type == "harga_satuan" || l.package.contract_type == "gabungan") {
    v.bill = l.package.hps;
    for (auto& line : v.bill) line.unit_price = Money();  // the HPS prices stay the Pokja's
  }
  v.package_name = l.package.name;
  v.tender = std::move(l.tender);
  return v;
}

StatusOr<Bid> BidService::PrepareBid(const Actor& actor, std::int64_t tender_id,
                                     Envelope envelope, std::vector<BidFile> files) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  // BID-05: only participants bid.
  SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
  if (!joined) return FailedPrecondition("participation.not_joined");
  const Micros now = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::CheckBidWindow(l.tender, *l.procedure, now));
  const auto allowed = domain::EnvelopesFor(*l.procedure);
  if (std::find(allowed.begin(), allowed.end(), envelope) == allowed.end()) {
    return InvalidArgument("bid.envelope_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(auto keys, tx->bids().TenderKeysOf(tender_id));
  if (std::none_of(keys.begin(), keys.end(),
                   [&](const domain::TenderKey& k) { return k.envelope == envelope; })) {
    return FailedPrecondition("bid.no_tender_key");
  }
  SPSE_RETURN_IF_ERROR(domain::CheckManifest(envelope, files));
  // An unfinished earlier bid of this envelope is given up.
  SPSE_ASSIGN_OR_RETURN(auto earlier, tx->bids().BidsOf(tender_id, actor.who.user_id));
  for (const Bid& b : earlier) {
    if (b.envelope == envelope && b.status == BidStatus::kUploading) {
      SPSE_RETURN_IF_ERROR(tx->bids().EndBid(b.id, BidStatus::kAbandoned, now, ""));
    }
  }
  Bid bid;
  bid.tender_id = tender_id;
  bid.vendor_user_id = actor.who.user_id;
  bid.envelope = envelope;
  bid.status = BidStatus::kUploading;
  bid.created_at = now;
  bid.client_addr = actor.client_addr;
  for (size_t i = 0; i < files.size(); ++i) {
    files[i].position = static_cast<int>(i);
    files[i].upload_id = crypto_.RandomToken(24);
    files[i].blob_sha256.clear();
    files[i].completed_at.reset();
  }
  bid.files = std::move(files);
  SPSE_ASSIGN_OR_RETURN(bid.id, tx->bids().InsertBid(bid));
  std::string summary = l.tender.code + ": penawaran (" +
                        std::string(domain::EnvelopeName(envelope)) + ") dinyatakan, " +
                        std::to_string(bid.files.size()) + " berkas";
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.prepared", "bid",
                                  std::to_string(bid.id), summary));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return bid;
}

Status BidService::Withdraw(const Actor& actor, std::int64_t bid_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto bid, tx->bids().FindBid(bid_id));
  if (!bid || bid->vendor_user_id != actor.who.user_id) return NotFound("bid.not_found");
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, bid->tender_id));
  const Micros now = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::CheckBidWindow(l.tender, *l.procedure, now));
  if (bid->status != BidStatus::kSubmitted) return FailedPrecondition("bid.not_submitted");
  SPSE_RETURN_IF_ERROR(tx->bids().EndBid(bid_id, BidStatus::kWithdrawn, now, ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.withdrawn", "bid",
                                  std::to_string(bid_id),
                                  l.tender.code + ": penawaran (" +
                                      std::string(domain::EnvelopeName(bid->envelope)) +
                                      ") ditarik"));
  return tx->Commit();
}

StatusOr<ReceiptView> BidService::Receipt(const Actor& actor, std::int64_t bid_id) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto bid, tx->bids().FindBid(bid_id));
  if (!bid) return NotFound("bid.not_found");
  auto l = LoadTender(*tx, actor, catalogue_, bid->tender_id);
  if (!l.ok()) return NotFound("bid.not_found");
  if (bid->vendor_user_id != actor.who.user_id && !l->runs) return NotFound("bid.not_found");
  if (bid->receipt.empty()) return NotFound("bid.no_receipt");
  ReceiptView v;
  v.tender_code = l->tender.code;
  v.package_name = l->package.name;
  v.public_key = signer_.PublicKey();
  v.bid = std::move(*bid);
  return v;
}

StatusOr<std::vector<Bid>> BidService::Received(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  return tx->bids().BidsOf(tender_id, std::nullopt);
}

StatusOr<IncomingBidsView> BidService::Incoming(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(LoadedTender l, LoadTender(*tx, actor, catalogue_, tender_id));
  if (!l.runs) return NotFound("tender.not_found");
  IncomingBidsView v;
  SPSE_ASSIGN_OR_RETURN(v.bids, tx->bids().BidsOf(tender_id, std::nullopt));
  SPSE_ASSIGN_OR_RETURN(v.closing, tx->bids().ClosingOf(tender_id));
  v.deadline = domain::BidDeadline(l.tender, *l.procedure);
  v.package_name = l.package.name;
  v.tender = std::move(l.tender);
  return v;
}

StatusOr<std::string> BidService::ReceiptPdf(const Actor& actor, std::int64_t bid_id,
                                             DocumentPrinter& printer) {
  SPSE_ASSIGN_OR_RETURN(ReceiptView v, Receipt(actor, bid_id));
  const Bid& b = v.bid;
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "TANDA TERIMA PENAWARAN";
  doc.subtitle = "Nomor penawaran: " + std::to_string(b.id);
  const std::string received =
      b.submitted_at ? FormatDateTime(*b.submitted_at, config_.zone, Lang::kId) : "";
  doc.sections.push_back(PrintedSection{"A. Penawaran",
                                        {{"Kode tender", v.tender_code},
                                         {"Nama paket", v.package_name},
                                         {"Penyedia", b.company_name},
                                         {"Amplop", std::string(domain::EnvelopeName(b.envelope))},
                                         {"Diterima (waktu server)", received}},
                                        {}});
  PrintedSection files{"B. Berkas tersegel", {}, {}};
  for (const BidFile& f : b.files) {
    files.rows.push_back({f.name, std::to_string(f.size) + " byte, SHA-256 " + f.sha256});
  }
  doc.sections.push_back(std::move(files));
  doc.sections.push_back(PrintedSection{
      "C. Tanda tangan elektronik",
      {{"Algoritma", "Ed25519"}, {"Kunci publik LPSE", v.public_key},
       {"Tanda tangan", b.receipt_signature}},
      {"Teks tanda terima yang ditandatangani:", b.receipt,
       "Periksa tanda terima ini secara mandiri dengan berkas JSON-nya: "
       "spse verify-receipt tanda-terima.json --public-key " + v.public_key}});
  return printer.Render(doc);
}

// ---------------------------------------------------------------- the deadline

Status BidService::OnStageEvent(Tx& tx, const domain::Tender& tender,
                                const domain::StageEvent& event) {
  if (event.start) return OkStatus();
  const domain::ProcedureSpec* p = catalogue_.Find(tender.procedure_code);
  if (!p) return OkStatus();
  const auto stage = domain::BidStage(*p);
  if (!stage || *stage != event.stage) return OkStatus();
  SPSE_ASSIGN_OR_RETURN(auto bids, tx.bids().BidsOf(tender.id, std::nullopt));
  std::string list;
  int counted = 0;
  for (const Bid& b : bids) {
    if (b.status != BidStatus::kSubmitted) continue;
    ++counted;
    list += std::to_string(b.id) + " " + std::string(domain::EnvelopeName(b.envelope)) + " " +
            crypto_.Sha256Hex(b.receipt) + "\n";
  }
  const std::string digest = crypto_.Sha256Hex(list);
  SPSE_ASSIGN_OR_RETURN(bool recorded, tx.bids().RecordClosing(tender.id, event.at, counted, digest));
  if (!recorded) return OkStatus();
  Actor system;
  system.client_addr = "scheduler";
  return WriteAudit(tx, clock_, system, "bid.closed", "tender", std::to_string(tender.id),
                    tender.code + ": batas akhir penawaran, " + std::to_string(counted) +
                        " penawaran (digest " + digest + ")\n" + list);
}

// ---------------------------------------------------------------- uploads

StatusOr<BidService::OwnedUpload> BidService::LoadUpload(Tx& tx, const Actor& actor,
                                                         std::string_view id) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  SPSE_ASSIGN_OR_RETURN(auto bid, tx.bids().BidOfUpload(id));
  if (!bid || bid->vendor_user_id != actor.who.user_id) return NotFound("upload.not_found");
  OwnedUpload o;
  for (size_t i = 0; i < bid->files.size(); ++i) {
    if (bid->files[i].upload_id == id) o.file = i;
  }
  SPSE_ASSIGN_OR_RETURN(o.tender, LoadTender(tx, actor, catalogue_, bid->tender_id));
  o.bid = std::move(*bid);
  return o;
}

StatusOr<ResumableUpload> BidService::CreateUpload(
    const Actor& actor, std::uint64_t length, const std::map<std::string, std::string>& metadata) {
  auto it = metadata.find("upload");
  if (it == metadata.end()) return InvalidArgument("upload.metadata_required");
  SPSE_ASSIGN_OR_RETURN(ResumableUpload u, FindUpload(actor, it->second));
  if (u.length != length) return InvalidArgument("bid.file_mismatch");
  return u;
}

StatusOr<ResumableUpload> BidService::FindUpload(const Actor& actor, std::string_view id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(OwnedUpload o, LoadUpload(*tx, actor, id));
  const BidFile& f = o.bid.files[o.file];
  if (o.bid.status != BidStatus::kUploading || f.completed_at) {
    return FailedPrecondition("upload.closed");
  }
  Status window = domain::CheckBidWindow(o.tender.tender, *o.tender.procedure, clock_.Now());
  if (!window.ok()) return FailedPrecondition("upload.closed", window.reason());
  return ResumableUpload{f.upload_id, f.size, f.sha256};
}

Status BidService::CompleteUpload(const Actor& actor, std::string_view id, const BlobInfo& blob) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(OwnedUpload o, LoadUpload(*tx, actor, id));
  // The bytes are durable now; the server clock decides (BID-02).
  const Micros now = clock_.Now();
  Bid& bid = o.bid;
  BidFile& file = bid.files[o.file];
  if (bid.status != BidStatus::kUploading) return FailedPrecondition("upload.closed");
  if (file.completed_at) return OkStatus();
  const std::string code = o.tender.tender.code;
  auto refuse = [&](std::string reason, std::string detail) -> Status {
    SPSE_RETURN_IF_ERROR(tx->bids().EndBid(bid.id, BidStatus::kRefused, now, reason));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.refused", "bid",
                                    std::to_string(bid.id),
                                    code + ": penawaran ditolak (" + reason + "): " + detail));
    SPSE_RETURN_IF_ERROR(tx->Commit());
    return FailedPrecondition(std::move(reason), std::move(detail));
  };
  if (blob.size != file.size || blob.sha256 != file.sha256) {
    return refuse("bid.file_mismatch", file.name + ": dinyatakan " + std::to_string(file.size) +
                                           " B sha256 " + file.sha256 + ", diterima " +
                                           std::to_string(blob.size) + " B sha256 " + blob.sha256);
  }
  Status window = domain::CheckBidWindow(o.tender.tender, *o.tender.procedure, now);
  if (!window.ok()) {
    return refuse(window.reason() == "bid.deadline_passed" ? "bid.deadline_passed"
                                                           : std::string(window.reason()),
                  file.name + " selesai " + FormatRfc3339(now));
  }
  SPSE_RETURN_IF_ERROR(tx->bids().CompleteFile(file.id, blob.sha256, now));
  file.completed_at = now;
  file.blob_sha256 = blob.sha256;
  if (!HasCompleteFiles(bid)) return tx->Commit();

  // BID-03: the latest complete bid of the envelope counts; earlier ones stay.
  SPSE_ASSIGN_OR_RETURN(auto others, tx->bids().BidsOf(bid.tender_id, bid.vendor_user_id));
  for (const Bid& b : others) {
    if (b.id != bid.id && b.envelope == bid.envelope && b.status == BidStatus::kSubmitted) {
      SPSE_RETURN_IF_ERROR(tx->bids().EndBid(b.id, BidStatus::kSuperseded, now, ""));
    }
  }
  domain::ReceiptFacts facts;
  facts.lpse = config_.lpse_name;
  facts.tender_code = code;
  facts.package_name = o.tender.package.name;
  facts.vendor_user_id = bid.vendor_user_id;
  SPSE_ASSIGN_OR_RETURN(auto vendor, tx->vendors().FindByUser(bid.vendor_user_id));
  facts.company_name = vendor ? vendor->company_name : actor.who.full_name;
  facts.bid_id = bid.id;
  facts.envelope = bid.envelope;
  facts.received_at = now;
  facts.received_at_text = FormatDateTime(now, config_.zone, Lang::kId);
  facts.files = bid.files;
  const std::string receipt = domain::ReceiptText(facts);
  const std::string signature = signer_.Sign(receipt);
  SPSE_RETURN_IF_ERROR(tx->bids().SubmitBid(bid.id, now, receipt, signature));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.submitted", "bid",
                                  std::to_string(bid.id),
                                  code + ": penawaran (" +
                                      std::string(domain::EnvelopeName(bid.envelope)) +
                                      ") diterima, tanda terima sha256 " +
                                      crypto_.Sha256Hex(receipt)));
  return tx->Commit();
}

Status BidService::CancelUpload(const Actor& actor, std::string_view id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(OwnedUpload o, LoadUpload(*tx, actor, id));
  if (o.bid.status != BidStatus::kUploading) return FailedPrecondition("upload.closed");
  SPSE_RETURN_IF_ERROR(tx->bids().EndBid(o.bid.id, BidStatus::kAbandoned, clock_.Now(), ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "bid.abandoned", "bid",
                                  std::to_string(o.bid.id),
                                  o.tender.tender.code + ": unggahan dibatalkan"));
  return tx->Commit();
}

}  // namespace spse::app
