#include "cli/demo_bids.h"

#include <nlohmann/json.hpp>

#include <map>

#include "app/actor.h"
#include "app/demo_data.h"
#include "crypto/bid_crypto.h"
#include "domain/bids.h"

namespace spse::cli {
namespace {

using domain::Bid;
using domain::BidFile;
using domain::BidStatus;
using domain::Envelope;

constexpr const char* kLoadedKey = "demo.bids_loaded";
constexpr const char* kGroup = "Pokja Pemilihan 1 Tahun 2026";
// The tender whose bid upload runs now, and the one past its opening.
constexpr const char* kBidding = "Rehabilitasi Ruang Kelas SD Negeri (12 sekolah)";
constexpr const char* kOpened = "Pengadaan Alat Peraga Pendidikan Sekolah Dasar";
constexpr const char* kAwaiting = "Pengadaan Bahan Habis Pakai Laboratorium RSUD";
// Also in its bid stage, with its key but no bid yet.
constexpr const char* kKeyedOnly = "Jasa Laundry Linen Rumah Sakit";

app::Actor ActorOf(const domain::User& u) {
  app::Actor a;
  a.who.user_id = u.id;
  a.who.username = u.username;
  a.who.full_name = u.full_name;
  a.who.roles = u.roles;
  a.client_addr = "local";
  return a;
}

// A small offer document: what a vendor's browser would seal.
std::string OfferText(const std::string& company, const std::string& tender) {
  return "%PDF-1.4\n% Demo: dokumen penawaran " + company + " untuk " + tender +
         "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

std::string PriceForm(std::int64_t rupiah) {
  return R"({"v":1,"price":")" + std::to_string(rupiah) +
         R"(","currency":"IDR","notes":"Harga sudah termasuk PPN"})";
}

StatusOr<app::BlobInfo> Store(app::BlobPort& blobs, const std::string& bytes) {
  SPSE_ASSIGN_OR_RETURN(auto sink, blobs.NewSink(bytes.size()));
  SPSE_RETURN_IF_ERROR(sink->Append(bytes));
  return sink->Commit();
}

}  // namespace

StatusOr<DemoBidsReport> LoadDemoBids(app::Store& store, app::BidService& bids,
                                      app::OpeningService& opening, app::BlobPort& blobs,
                                      app::SignerPort& signer, app::CryptoPort& crypto,
                                      const Clock& clock, const app::BidConfig& config) {
  DemoBidsReport report;
  const Micros now = clock.Now();
  std::vector<domain::User> members;
  std::vector<domain::User> vendors;
  std::vector<app::PublicTender> tenders;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kRead));
    SPSE_ASSIGN_OR_RETURN(auto loaded, tx->settings().Get(kLoadedKey));
    if (loaded) return report;
    SPSE_ASSIGN_OR_RETURN(auto groups, tx->pokja().List());
    for (const auto& g : groups) {
      if (g.name != kGroup) continue;
      for (std::int64_t id : g.member_ids) {
        SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindById(id));
        if (u) members.push_back(*u);
      }
    }
    if (members.size() < 3) return Internal("demo.user_missing", kGroup);
    for (const char* name : {"cv.madura", "cv.sumber", "cv.kamal", "ud.tanjung"}) {
      SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindByUsername(name));
      if (u) vendors.push_back(*u);
    }
    app::TenderFilter running;
    running.limit = 100;
    running.running_only = true;
    SPSE_ASSIGN_OR_RETURN(tenders, tx->tenders().SearchPublic(running));
  }

  // Each member's personal key, wrapped under the demo passphrase.
  std::map<std::int64_t, std::string> secret_of;
  std::vector<crypto::TenderMember> holders;
  for (const auto& m : members) {
    crypto::BoxKeyPair pair = crypto::GenerateBoxKeyPair();
    SPSE_ASSIGN_OR_RETURN(std::string wrapped,
                          crypto::WrapSecretKey(pair.secret_key, kDemoOpeningPassphrase));
    SPSE_RETURN_IF_ERROR(bids.SetMyKey(ActorOf(m), crypto::ToBase64(pair.public_key), wrapped));
    secret_of[m.id] = pair.secret_key;
    holders.push_back({m.id, pair.public_key});
  }

  // Tender keys, 2 of 3, for the group's running tenders with a bid stage.
  // The chair would make them before the bid stage; the demo arrives late,
  // so it writes them directly.
  std::map<std::int64_t, std::string> tender_pk;  // tender id -> raw public key
  std::map<std::int64_t, std::string> sealed_shares_json;
  for (const auto& t : tenders) {
    if (!t.tender.pokja_group_id) continue;
    if (t.package_name != kBidding && t.package_name != kOpened && t.package_name != kAwaiting &&
        t.package_name != kKeyedOnly) {
      continue;
    }
    SPSE_ASSIGN_OR_RETURN(crypto::TenderKeyBundle bundle, crypto::MakeTenderKeyBundle(holders, 2));
    crypto::Wipe(bundle.secret_key);
    const auto json = nlohmann::json::parse(bundle.json);
    domain::TenderKey key;
    key.tender_id = t.tender.id;
    key.envelope = Envelope::kSingle;
    key.public_key = json["public_key"].get<std::string>();
    key.threshold = 2;
    key.created_by = members.front().id;
    key.created_at = t.tender.published_at.value_or(now);
    SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kWrite));
    for (const auto& s : json["shares"]) {
      domain::KeyShare share;
      share.user_id = s["user_id"].get<std::int64_t>();
      share.x = s["x"].get<int>();
      share.sealed_share = s["sealed_share"].get<std::string>();
      SPSE_ASSIGN_OR_RETURN(auto mk, tx->bids().CurrentMemberKey(share.user_id));
      if (mk) share.member_key_id = mk->id;
      key.shares.push_back(share);
    }
    SPSE_RETURN_IF_ERROR(tx->bids().InsertTenderKey(key));
    SPSE_RETURN_IF_ERROR(app::WriteAudit(*tx, clock, app::Actor{app::SystemPrincipal("system:demo"), "local"},
                                         "tender.key_set", "tender", std::to_string(t.tender.id),
                                         "demo: " + t.tender.code + " kunci amplop tunggal, 2 dari 3"));
    SPSE_RETURN_IF_ERROR(tx->Commit());
    tender_pk[t.tender.id] = bundle.public_key;
    ++report.keys;
  }

  // Bids. In the running bid stage they go through the use case, as the
  // browser's would; in the tenders past their deadline they are written as
  // they were received before it.
  int vendor_turn = 0;
  for (const auto& t : tenders) {
    auto pk = tender_pk.find(t.tender.id);
    if (pk == tender_pk.end() || t.package_name == kKeyedOnly) continue;
    std::vector<domain::Participant> participants;
    {
      SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kRead));
      SPSE_ASSIGN_OR_RETURN(participants, tx->participation().Participants(t.tender.id));
    }
    const bool live = t.package_name == kBidding;
    const std::int64_t hps_rupiah = t.hps.sen() / 100;
    int i = 0;
    for (const auto& p : participants) {
      // Prices a little under the HPS, different per vendor.
      const std::int64_t price = hps_rupiah / 1000 * (930 + 17 * ((vendor_turn++) % 4));
      SPSE_ASSIGN_OR_RETURN(std::string offer,
                            crypto::SealFile(pk->second, OfferText(p.company_name, t.tender.code)));
      SPSE_ASSIGN_OR_RETURN(std::string form, crypto::SealFile(pk->second, PriceForm(price)));
      std::vector<BidFile> files(2);
      files[0].name = "penawaran-" + std::to_string(++i) + ".pdf";
      files[1].name = std::string(domain::kPriceFormName);
      files[1].price_form = true;
      const std::string* bytes[] = {&offer, &form};
      for (int f = 0; f < 2; ++f) {
        files[f].size = bytes[f]->size();
        files[f].sha256 = crypto.Sha256Hex(*bytes[f]);
      }
      domain::User vendor;
      for (const auto& v : vendors) {
        if (v.id == p.vendor_user_id) vendor = v;
      }
      if (vendor.id == 0) continue;
      if (live) {
        SPSE_ASSIGN_OR_RETURN(Bid bid, bids.PrepareBid(ActorOf(vendor), t.tender.id, Envelope::kSingle, files));
        for (int f = 0; f < 2; ++f) {
          SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, Store(blobs, *bytes[f]));
          SPSE_RETURN_IF_ERROR(bids.CompleteUpload(ActorOf(vendor), bid.files[f].upload_id, blob));
        }
        ++report.bids;
        continue;
      }
      // Received before the deadline of a tender now past it.
      const auto* stage_end = [&]() -> const domain::StagePeriod* {
        for (const auto& s : t.tender.schedule) {
          if (s.stage == "upload_penawaran") return &s;
        }
        return nullptr;
      }();
      if (!stage_end) continue;
      const Micros at = stage_end->end - (6 - i) * kMicrosPerHour;
      Bid bid;
      bid.tender_id = t.tender.id;
      bid.vendor_user_id = vendor.id;
      bid.envelope = Envelope::kSingle;
      bid.status = BidStatus::kUploading;
      bid.created_at = at - 10 * kMicrosPerMinute;
      bid.client_addr = "local";
      for (int f = 0; f < 2; ++f) {
        files[f].position = f;
        files[f].upload_id = crypto.RandomToken(24);
      }
      bid.files = files;
      SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kWrite));
      SPSE_ASSIGN_OR_RETURN(bid.id, tx->bids().InsertBid(bid));
      SPSE_ASSIGN_OR_RETURN(auto stored, tx->bids().FindBid(bid.id));
      for (int f = 0; f < 2; ++f) {
        SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, Store(blobs, *bytes[f]));
        SPSE_RETURN_IF_ERROR(tx->bids().CompleteFile(stored->files[f].id, blob.sha256, at));
      }
      domain::ReceiptFacts facts;
      facts.lpse = config.lpse_name;
      facts.tender_code = t.tender.code;
      facts.package_name = t.package_name;
      facts.vendor_user_id = vendor.id;
      facts.company_name = p.company_name;
      facts.bid_id = bid.id;
      facts.received_at = at;
      facts.received_at_text = FormatDateTime(at, config.zone, Lang::kId);
      facts.files = stored->files;
      const std::string receipt = domain::ReceiptText(facts);
      SPSE_RETURN_IF_ERROR(tx->bids().SubmitBid(bid.id, at, receipt, signer.Sign(receipt)));
      SPSE_RETURN_IF_ERROR(app::WriteAudit(*tx, clock, ActorOf(vendor), "bid.submitted", "bid",
                                           std::to_string(bid.id),
                                           "demo: " + t.tender.code + " penawaran diterima"));
      SPSE_RETURN_IF_ERROR(tx->Commit());
      ++report.bids;
    }
  }

  // The opening of the tender past it: the chair and one member give their shares.
  for (const auto& t : tenders) {
    if (t.package_name != kOpened || !tender_pk.count(t.tender.id)) continue;
    SPSE_ASSIGN_OR_RETURN(auto keys, [&]() -> StatusOr<std::vector<domain::TenderKey>> {
      SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kRead));
      return tx->bids().TenderKeysOf(t.tender.id);
    }());
    if (keys.empty()) continue;
    for (size_t m = 0; m < 2; ++m) {
      const auto& member = members[m];
      for (const auto& s : keys.front().shares) {
        if (s.user_id != member.id) continue;
        SPSE_ASSIGN_OR_RETURN(std::string share, crypto::OpenShare(s.sealed_share, secret_of[member.id]));
        SPSE_ASSIGN_OR_RETURN(bool opened, opening.GiveShare(ActorOf(member), t.tender.id,
                                                            Envelope::kSingle, crypto::ToBase64(share)));
        crypto::Wipe(share);
        if (opened) ++report.opened;
      }
    }
  }
  for (auto& [id, secret] : secret_of) crypto::Wipe(secret);

  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kWrite));
  SPSE_RETURN_IF_ERROR(tx->settings().Put(kLoadedKey, "1"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace spse::cli
