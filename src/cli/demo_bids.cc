#include "cli/demo_bids.h"

#include <nlohmann/json.hpp>

#include <map>

#include "app/actor.h"
#include "app/demo_data.h"
#include "app/stored_file.h"
#include "cli/demo_history.h"
#include "cli/demo_seal.h"
#include "crypto/bid_crypto.h"
#include "domain/bids.h"

namespace spse::cli {

namespace demo {

using domain::Bid;
using domain::BidFile;
using domain::BidStatus;
using domain::Envelope;

std::string OfferText(const std::string& company, const std::string& tender) {
  return "%PDF-1.4\n% Demo: dokumen penawaran " + company + " untuk " + tender +
         "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

app::Actor ActorOf(const domain::User& u) {
  app::Actor a;
  a.who.user_id = u.id;
  a.who.username = u.username;
  a.who.full_name = u.full_name;
  a.who.roles = u.roles;
  a.client_addr = "local";
  return a;
}

KeyHolders::~KeyHolders() {
  for (auto& [id, secret] : secret_of) crypto::Wipe(secret);
}

StatusOr<KeyHolders> MakePersonalKeys(app::BidService& bids, std::vector<domain::User> users) {
  KeyHolders h;
  for (const auto& u : users) {
    crypto::BoxKeyPair pair = crypto::GenerateBoxKeyPair();
    SPSE_ASSIGN_OR_RETURN(std::string wrapped,
                          crypto::WrapSecretKey(pair.secret_key, kDemoOpeningPassphrase));
    SPSE_RETURN_IF_ERROR(bids.SetMyKey(ActorOf(u), crypto::ToBase64(pair.public_key), wrapped));
    h.secret_of[u.id] = pair.secret_key;
    crypto::Wipe(pair.secret_key);
    h.members.push_back({u.id, pair.public_key});
  }
  h.users = std::move(users);
  return h;
}

StatusOr<std::string> SetTenderKey(app::Store& store, const Clock& clock, const domain::Tender& t,
                                   const KeyHolders& holders, int threshold) {
  SPSE_ASSIGN_OR_RETURN(crypto::TenderKeyBundle bundle,
                        crypto::MakeTenderKeyBundle(holders.members, threshold));
  crypto::Wipe(bundle.secret_key);
  const auto json = nlohmann::json::parse(bundle.json);
  domain::TenderKey key;
  key.tender_id = t.id;
  key.envelope = Envelope::kSingle;
  key.public_key = json["public_key"].get<std::string>();
  key.threshold = threshold;
  key.created_by = holders.users.front().id;
  key.created_at = t.published_at.value_or(clock.Now());
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
  SPSE_RETURN_IF_ERROR(app::WriteAudit(
      *tx, clock, app::Actor{app::SystemPrincipal("system:demo"), "local"}, "tender.key_set",
      "tender", std::to_string(t.id),
      "demo: " + t.code + " kunci amplop tunggal, " + std::to_string(threshold) + " dari " +
          std::to_string(holders.members.size())));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return bundle.public_key;
}

std::string PriceFormJson(std::int64_t price_rupiah, const std::vector<PricedItem>& items) {
  nlohmann::json form = {{"v", 1},
                         {"price", std::to_string(price_rupiah)},
                         {"currency", "IDR"},
                         {"notes", "Harga sudah termasuk PPN"}};
  if (!items.empty()) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& i : items) {
      std::string quantity = std::to_string(i.quantity_hundredths / 100);
      if (i.quantity_hundredths % 100 != 0) {
        const auto frac = i.quantity_hundredths % 100;
        quantity += (frac < 10 ? ".0" : ".") + std::to_string(frac);
      }
      lines.push_back({{"description", i.description},
                       {"unit", i.unit},
                       {"quantity", quantity},
                       {"unit_price", std::to_string(i.unit_price_rupiah)}});
    }
    form["items"] = std::move(lines);
  }
  return form.dump();
}

Status SubmitReceivedBid(const SealContext& c, const app::PublicTender& t,
                         const std::string& public_key, const ReceivedBid& in) {
  SPSE_ASSIGN_OR_RETURN(std::string offer,
                        crypto::SealFile(public_key, OfferText(in.company_name, t.tender.code)));
  SPSE_ASSIGN_OR_RETURN(std::string form, crypto::SealFile(public_key, in.price_form));
  std::vector<BidFile> files(2);
  files[0].name = "penawaran-" + std::to_string(in.n) + ".pdf";
  files[1].name = std::string(domain::kPriceFormName);
  files[1].price_form = true;
  const std::string* bytes[] = {&offer, &form};
  for (int f = 0; f < 2; ++f) {
    files[f].size = bytes[f]->size();
    files[f].sha256 = c.crypto.Sha256Hex(*bytes[f]);
    files[f].position = f;
    files[f].upload_id = c.crypto.RandomToken(24);
  }
  Bid bid;
  bid.tender_id = t.tender.id;
  bid.vendor_user_id = in.vendor->id;
  bid.envelope = Envelope::kSingle;
  bid.status = BidStatus::kUploading;
  bid.created_at = in.at - 10 * kMicrosPerMinute;
  bid.client_addr = "local";
  bid.files = files;
  SPSE_ASSIGN_OR_RETURN(auto tx, c.store.Begin(app::Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(bid.id, tx->bids().InsertBid(bid));
  SPSE_ASSIGN_OR_RETURN(auto stored, tx->bids().FindBid(bid.id));
  if (!stored) return Internal("demo.bid_missing", t.tender.code);
  for (int f = 0; f < 2; ++f) {
    SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, app::StoreBytes(c.blobs, *bytes[f]));
    SPSE_RETURN_IF_ERROR(tx->bids().CompleteFile(stored->files[f].id, blob.sha256, in.at));
  }
  domain::ReceiptFacts facts;
  facts.lpse = c.config.lpse_name;
  facts.tender_code = t.tender.code;
  facts.package_name = t.package_name;
  facts.vendor_user_id = in.vendor->id;
  facts.company_name = in.company_name;
  facts.bid_id = bid.id;
  facts.received_at = in.at;
  facts.received_at_text = FormatDateTime(in.at, c.config.zone, Lang::kId);
  facts.files = stored->files;
  const std::string receipt = domain::ReceiptText(facts);
  SPSE_RETURN_IF_ERROR(tx->bids().SubmitBid(bid.id, in.at, receipt, c.signer.Sign(receipt)));
  SPSE_RETURN_IF_ERROR(app::WriteAudit(*tx, c.clock, ActorOf(*in.vendor), "bid.submitted", "bid",
                                       std::to_string(bid.id),
                                       "demo: " + t.tender.code + " penawaran diterima"));
  return tx->Commit();
}

StatusOr<int> GiveShares(app::Store& store, app::OpeningService& opening, std::int64_t tender_id,
                         const KeyHolders& holders, size_t count) {
  SPSE_ASSIGN_OR_RETURN(auto keys, [&]() -> StatusOr<std::vector<domain::TenderKey>> {
    SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kRead));
    return tx->bids().TenderKeysOf(tender_id);
  }());
  if (keys.empty()) return 0;
  int opened = 0;
  for (size_t m = 0; m < count && m < holders.users.size(); ++m) {
    const domain::User& member = holders.users[m];
    for (const auto& s : keys.front().shares) {
      if (s.user_id != member.id) continue;
      SPSE_ASSIGN_OR_RETURN(std::string share,
                            crypto::OpenShare(s.sealed_share, holders.secret_of.at(member.id)));
      auto done = opening.GiveShare(ActorOf(member), tender_id, Envelope::kSingle,
                                    crypto::ToBase64(share));
      crypto::Wipe(share);
      SPSE_RETURN_IF_ERROR(done.status());
      if (*done) ++opened;
    }
  }
  return opened;
}

}  // namespace demo

namespace {

using domain::Envelope;

constexpr const char* kLoadedKey = "demo.bids_loaded";
constexpr const char* kGroup = "Pokja Pemilihan 1 Tahun 2026";
// The tender whose bid upload runs now, and the one past its opening.
constexpr const char* kBidding = "Rehabilitasi Ruang Kelas SD Negeri (12 sekolah)";
constexpr const char* kOpened = "Pengadaan Alat Peraga Pendidikan Sekolah Dasar";
constexpr const char* kAwaiting = "Pengadaan Bahan Habis Pakai Laboratorium RSUD";
// Also in its bid stage, with its key but no bid yet.
constexpr const char* kKeyedOnly = "Jasa Laundry Linen Rumah Sakit";
// The Pejabat Pengadaan of the demo's Pengadaan Langsung.
constexpr const char* kOfficial = "pp.dinkes";

}  // namespace

StatusOr<DemoBidsReport> LoadDemoBids(app::Store& store, app::BidService& bids,
                                      app::OpeningService& opening, app::BlobPort& blobs,
                                      app::SignerPort& signer, app::CryptoPort& crypto,
                                      const Clock& clock, const app::BidConfig& config,
                                      const DemoHistoryServices& history) {
  DemoBidsReport report;
  const Micros now = clock.Now();
  std::vector<domain::User> members;
  std::vector<domain::User> officials;
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
    SPSE_ASSIGN_OR_RETURN(auto official, tx->users().FindByUsername(kOfficial));
    if (official) officials.push_back(*official);
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
  SPSE_ASSIGN_OR_RETURN(demo::KeyHolders pokja, demo::MakePersonalKeys(bids, members));
  SPSE_ASSIGN_OR_RETURN(demo::KeyHolders official, demo::MakePersonalKeys(bids, officials));

  // Tender keys, 2 of 3, for the group's running tenders with a bid stage.
  // The chair would make them before the bid stage; the demo arrives late,
  // so it writes them directly.
  std::map<std::int64_t, std::string> tender_pk;  // tender id -> raw public key
  for (const auto& t : tenders) {
    if (!t.tender.pokja_group_id) continue;
    if (t.package_name != kBidding && t.package_name != kOpened && t.package_name != kAwaiting &&
        t.package_name != kKeyedOnly) {
      continue;
    }
    SPSE_ASSIGN_OR_RETURN(tender_pk[t.tender.id], demo::SetTenderKey(store, clock, t.tender, pokja, 2));
    ++report.keys;
  }

  // Bids. In the running bid stage they go through the use case, as the
  // browser's would; in the tenders past their deadline they are written as
  // they were received before it.
  const demo::SealContext seal{store, blobs, signer, crypto, clock, config};
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
    const domain::StagePeriod* upload = nullptr;
    for (const auto& s : t.tender.schedule) {
      if (s.stage == "upload_penawaran") upload = &s;
    }
    int i = 0;
    for (const auto& p : participants) {
      // Prices a little under the HPS, different per vendor.
      const std::int64_t price = hps_rupiah / 1000 * (930 + 17 * ((vendor_turn++) % 4));
      const domain::User* vendor = nullptr;
      for (const auto& v : vendors) {
        if (v.id == p.vendor_user_id) vendor = &v;
      }
      if (vendor == nullptr) continue;
      ++i;
      if (live) {
        SPSE_ASSIGN_OR_RETURN(std::string offer,
                              crypto::SealFile(pk->second, demo::OfferText(p.company_name, t.tender.code)));
        SPSE_ASSIGN_OR_RETURN(std::string form,
                              crypto::SealFile(pk->second, demo::PriceFormJson(price)));
        std::vector<domain::BidFile> files(2);
        files[0].name = "penawaran-" + std::to_string(i) + ".pdf";
        files[1].name = std::string(domain::kPriceFormName);
        files[1].price_form = true;
        const std::string* bytes[] = {&offer, &form};
        for (int f = 0; f < 2; ++f) {
          files[f].size = bytes[f]->size();
          files[f].sha256 = crypto.Sha256Hex(*bytes[f]);
        }
        SPSE_ASSIGN_OR_RETURN(domain::Bid bid, bids.PrepareBid(demo::ActorOf(*vendor), t.tender.id,
                                                                Envelope::kSingle, files));
        for (int f = 0; f < 2; ++f) {
          SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, app::StoreBytes(blobs, *bytes[f]));
          SPSE_RETURN_IF_ERROR(bids.CompleteUpload(demo::ActorOf(*vendor), bid.files[f].upload_id, blob));
        }
        ++report.bids;
        continue;
      }
      // Received before the deadline of a tender now past it.
      if (upload == nullptr) continue;
      SPSE_RETURN_IF_ERROR(demo::SubmitReceivedBid(
          seal, t, pk->second,
          {vendor, p.company_name, demo::PriceFormJson(price), upload->end - (6 - i) * kMicrosPerHour, i}));
      ++report.bids;
    }
  }

  // The opening of the tender past it: the chair and one member give their shares.
  for (const auto& t : tenders) {
    if (t.package_name != kOpened || !tender_pk.count(t.tender.id)) continue;
    SPSE_ASSIGN_OR_RETURN(int opened, demo::GiveShares(store, opening, t.tender.id, pokja, 2));
    report.opened += opened;
  }

  // Tenders that are over: evaluated, awarded, contracted (or failed).
  SPSE_ASSIGN_OR_RETURN(report.history,
                        LoadDemoHistory(history, seal, tenders, vendors, pokja, official));

  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(app::Access::kWrite));
  SPSE_RETURN_IF_ERROR(tx->settings().Put(kLoadedKey, std::to_string(now)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace spse::cli
