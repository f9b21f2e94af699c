// Sealed bids (issue 5, items 1-4): the Pokja member's personal opening
// key, the chair's tender key, the vendor's bid page and its JSON
// declaration, the signed receipts, and the Pokja's list of what arrived.
// The cryptography happens in the browser (web/static/js/sealing.mjs); the
// handlers only carry public keys, sealed shares and ciphertext facts.
#include <nlohmann/json.hpp>

#include "app/bid_service.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/tus.h"

namespace spse::http::handlers {
namespace {

using domain::Envelope;

app::BidService* Bids(Context& ctx) { return ctx.site.services().bids; }

Status NoBids() { return NotFound("http.not_found"); }

// The first 16 characters of a base64 public key: enough to compare by eye.
std::string Fingerprint(std::string_view public_key) {
  return std::string(public_key.substr(0, 16));
}

std::string EnvelopeLabel(const Context& ctx, Envelope e) {
  return ctx.T("bid.envelope." + std::string(domain::EnvelopeName(e)));
}

// JSON that is safe inside <script type="application/json">: no "<" at all.
std::string ScriptJson(const nlohmann::json& j) {
  std::string out;
  for (char c : j.dump()) {
    out += c == '<' ? std::string("\\u003c") : std::string(1, c);
  }
  return out;
}

data FileRows(const std::vector<domain::BidFile>& files) {
  data rows = List();
  for (const auto& f : files) {
    data r;
    r.set("file_name", f.name);
    r.set("size", std::to_string(f.size));
    r.set("sha256", f.sha256);
    r.set("price_form", f.price_form);
    rows.push_back(r);
  }
  return rows;
}

data BidRow(Context& ctx, const domain::Bid& b) {
  data r;
  r.set("bid_id", std::to_string(b.id));
  r.set("vendor", b.company_name);
  r.set("envelope_label", EnvelopeLabel(ctx, b.envelope));
  r.set("status_code", std::string(domain::BidStatusName(b.status)));
  r.set("status", ctx.T("bid.status." + std::string(domain::BidStatusName(b.status))));
  r.set("created_at", ctx.FormatTime(b.created_at));
  if (b.submitted_at) {
    r.set("submitted_at", ctx.FormatTime(*b.submitted_at));
  } else {
    r.set("submitted_at", false);
  }
  if (!b.refused_reason.empty()) {
    r.set("refused_reason", ctx.ErrorText(FailedPrecondition(b.refused_reason)));
    r.set("refused_code", b.refused_reason);
  } else {
    r.set("refused_reason", false);
  }
  r.set("has_receipt", !b.receipt.empty());
  r.set("files", FileRows(b.files));
  return r;
}

// ---------------------------------------------------------------- member key

StatusOr<Response> RenderMemberKey(Context& ctx, int status, const Status& error) {
  if (!Bids(ctx)) return NoBids();
  SPSE_ASSIGN_OR_RETURN(app::MemberKeyView v, Bids(ctx)->MyKey(ctx.actor()));
  data view;
  view.set("title", ctx.T("memberkey.title"));
  view.set("has_key", v.key.has_value());
  if (v.key) {
    view.set("fingerprint", Fingerprint(v.key->public_key));
    view.set("public_key", v.key->public_key);
    view.set("created_at", ctx.FormatTime(v.key->created_at));
  }
  view.set("in_use", v.in_use);
  view.set("may_set", !v.in_use);
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("kunci_pembukaan", view, status);
}

// ---------------------------------------------------------------- tender key

StatusOr<Response> RenderTenderKey(Context& ctx, std::int64_t id, int status, const Status& error) {
  if (!Bids(ctx)) return NoBids();
  SPSE_ASSIGN_OR_RETURN(app::TenderKeyView v, Bids(ctx)->TenderKeySetup(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("tenderkey.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  data holders = List();
  nlohmann::json members = nlohmann::json::array();
  bool all_have_keys = !v.holders.empty();
  for (const auto& h : v.holders) {
    data r;
    r.set("member_name", h.name);
    r.set("chair", h.chair);
    r.set("has_key", h.key.has_value());
    if (h.key) {
      r.set("fingerprint", Fingerprint(h.key->public_key));
      members.push_back({{"user_id", h.user_id}, {"public_key", h.key->public_key}});
    } else {
      all_have_keys = false;
    }
    holders.push_back(r);
  }
  view.set("holders", holders);
  view.set("members_json", ScriptJson(members));
  view.set("n", std::to_string(v.holders.size()));
  view.set("min_threshold", std::string(v.holders.size() >= 2 ? "2" : "1"));
  view.set("default_threshold", std::to_string(v.default_threshold));
  data envelopes = List();
  std::string missing;
  for (Envelope e : v.envelopes) {
    data r;
    r.set("envelope", std::string(domain::EnvelopeName(e)));
    r.set("envelope_label", EnvelopeLabel(ctx, e));
    const domain::TenderKey* key = nullptr;
    for (const auto& k : v.keys) {
      if (k.envelope == e) key = &k;
    }
    r.set("is_set", key != nullptr);
    if (key) {
      r.set("fingerprint", Fingerprint(key->public_key));
      r.set("threshold", std::to_string(key->threshold));
      r.set("set_at", ctx.FormatTime(key->created_at));
    } else {
      if (!missing.empty()) missing += ' ';
      missing += domain::EnvelopeName(e);
    }
    envelopes.push_back(r);
  }
  view.set("envelopes", envelopes);
  view.set("missing_envelopes", missing);
  view.set("all_have_keys", all_have_keys);
  // Shared k of n, 2 <= k <= n; a single key holder (a Pejabat Pengadaan)
  // holds the whole key, 1 of 1 (docs/sealed-bids.md §3).
  const bool may_set = v.may_set.ok() && all_have_keys;
  view.set("may_set", may_set);
  // Every envelope's key is set: the list above says so, no warning needed.
  if (v.may_set.reason() == "key.already_set") {
    view.set("why_not", false);
  } else if (!v.may_set.ok()) {
    view.set("why_not", ctx.ErrorText(v.may_set));
  } else if (!all_have_keys) {
    view.set("why_not", ctx.ErrorText(FailedPrecondition("key.member_without_key")));
  } else {
    view.set("why_not", false);
  }
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_kunci", view, status);
}

// The bundles the chair's browser made: [{"envelope":"tunggal","bundle":{...}}].
struct SubmittedKey {
  Envelope envelope = Envelope::kSingle;
  std::string public_key;
  int threshold = 0;
  std::vector<domain::KeyShare> shares;
};

StatusOr<std::vector<SubmittedKey>> ParseBundles(std::string_view text) {
  std::vector<SubmittedKey> out;
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_array() || j.empty()) return InvalidArgument("key.bundle_invalid");
    for (const auto& item : j) {
      SubmittedKey k;
      auto e = domain::ParseEnvelope(item.at("envelope").get<std::string>());
      if (!e) return InvalidArgument("bid.envelope_invalid");
      k.envelope = *e;
      const auto& b = item.at("bundle");
      if (b.at("v").get<int>() != 1) return InvalidArgument("key.bundle_invalid");
      k.public_key = b.at("public_key").get<std::string>();
      k.threshold = b.at("threshold").get<int>();
      for (const auto& s : b.at("shares")) {
        domain::KeyShare share;
        share.user_id = s.at("user_id").get<std::int64_t>();
        share.x = s.at("x").get<int>();
        share.sealed_share = s.at("sealed_share").get<std::string>();
        k.shares.push_back(std::move(share));
      }
      out.push_back(std::move(k));
    }
  } catch (const nlohmann::json::exception&) {
    return InvalidArgument("key.bundle_invalid");
  }
  return out;
}

// ---------------------------------------------------------------- vendor's bids

StatusOr<Response> RenderBids(Context& ctx, std::int64_t id, int status, const Status& error) {
  if (!Bids(ctx)) return NoBids();
  SPSE_ASSIGN_OR_RETURN(app::VendorBidsView v, Bids(ctx)->MyBids(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("bid.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("joined", v.joined);
  view.set("deadline", v.deadline ? ctx.FormatTime(*v.deadline) : std::string("—"));
  view.set("now", ctx.FormatTime(ctx.site.services().clock.Now()));
  view.set("window_open", v.window.ok());
  if (!v.window.ok()) {
    view.set("window_text", ctx.ErrorText(v.window));
  } else {
    view.set("window_text", false);
  }
  const bool may_bid = v.joined && v.window.ok();
  data envelopes = List();
  for (Envelope e : v.envelopes) {
    data r;
    r.set("envelope", std::string(domain::EnvelopeName(e)));
    r.set("envelope_label", EnvelopeLabel(ctx, e));
    r.set("price", domain::CarriesPrice(e));
    // Harga satuan: the vendor prices each line of the bill of quantities;
    // the bid price is their sum (issue 5, item 3).
    const bool priced = domain::CarriesPrice(e) && !v.bill.empty();
    r.set("has_bill", priced);
    data lines = List();
    if (priced) {
      int no = 0;
      for (const auto& line : v.bill) {
        data l;
        l.set("line_no", std::to_string(++no));
        l.set("line_description", line.description);
        l.set("line_unit", line.unit);
        const std::int64_t q = line.quantity;
        std::string quantity = std::to_string(q / 100);
        if (q % 100 != 0) quantity += (q % 100 < 10 ? ".0" : ".") + std::to_string(q % 100);
        l.set("line_quantity", quantity);
        lines.push_back(l);
      }
    }
    r.set("bill", lines);
    const domain::TenderKey* key = nullptr;
    for (const auto& k : v.keys) {
      if (k.envelope == e) key = &k;
    }
    r.set("has_key", key != nullptr);
    r.set("tender_public_key", key ? key->public_key : std::string());
    r.set("may_bid", may_bid && key != nullptr);
    envelopes.push_back(r);
  }
  view.set("envelopes", envelopes);
  data bids = List();
  for (auto it = v.bids.rbegin(); it != v.bids.rend(); ++it) {
    data r = BidRow(ctx, *it);
    r.set("may_withdraw", v.window.ok() && it->status == domain::BidStatus::kSubmitted);
    bids.push_back(r);
  }
  view.set("bids", bids);
  view.set("no_bids", v.bids.empty());
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_penawaran", view, status);
}

StatusOr<std::vector<domain::BidFile>> ParseDeclaredFiles(const nlohmann::json& files) {
  std::vector<domain::BidFile> out;
  if (!files.is_array()) return InvalidArgument("bid.request_invalid");
  for (const auto& f : files) {
    domain::BidFile file;
    file.name = f.at("name").get<std::string>();
    file.size = f.at("size").get<std::uint64_t>();
    file.sha256 = f.at("sha256").get<std::string>();
    file.price_form = f.value("price_form", false);
    out.push_back(std::move(file));
  }
  return out;
}

StatusOr<std::int64_t> BidParam(Context& ctx) {
  auto id = ParseId(ctx.req.params["bid"]);
  if (!id) return NotFound("bid.not_found");
  return *id;
}

}  // namespace

StatusOr<Response> MemberKeyPage(Context& ctx) { return RenderMemberKey(ctx, 200, OkStatus()); }

StatusOr<Response> MemberKeySave(Context& ctx) {
  if (!Bids(ctx)) return NoBids();
  const Status s =
      Bids(ctx)->SetMyKey(ctx.actor(), Field(ctx, "public_key"), Field(ctx, "wrapped"));
  if (s.ok()) return Response::Redirect("/akun/kunci-pembukaan?ok=member_key_set");
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderMemberKey(ctx, HttpStatusFor(s.code()), s);
}

StatusOr<Response> TenderKeyPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderTenderKey(ctx, id, 200, OkStatus());
}

StatusOr<Response> TenderKeySave(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  if (!Bids(ctx)) return NoBids();
  Status s = OkStatus();
  auto keys = ParseBundles(Field(ctx, "bundles"));
  if (!keys.ok()) {
    s = keys.status();
  } else {
    for (const SubmittedKey& k : *keys) {
      s = Bids(ctx)->SetTenderKey(ctx.actor(), id, k.envelope, k.public_key, k.threshold, k.shares);
      if (!s.ok()) break;
    }
  }
  if (s.ok())
    return Response::Redirect("/tender/" + std::to_string(id) + "/kunci?ok=tender_key_set");
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderTenderKey(ctx, id, HttpStatusFor(s.code()), s);
}

StatusOr<Response> BidPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderBids(ctx, id, 200, OkStatus());
}

StatusOr<Response> BidWithdraw(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(std::int64_t bid, BidParam(ctx));
  if (!Bids(ctx)) return NoBids();
  const Status s = Bids(ctx)->Withdraw(ctx.actor(), bid);
  if (s.ok())
    return Response::Redirect("/tender/" + std::to_string(id) + "/penawaran?ok=bid_withdrawn");
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderBids(ctx, id, HttpStatusFor(s.code()), s);
}

StatusOr<Response> BidDeclare(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  if (!Bids(ctx)) return NoBids();
  std::optional<Envelope> envelope;
  std::vector<domain::BidFile> files;
  try {
    const auto j = nlohmann::json::parse(ctx.req.body);
    envelope = domain::ParseEnvelope(j.at("envelope").get<std::string>());
    if (!envelope) return InvalidArgument("bid.envelope_invalid");
    SPSE_ASSIGN_OR_RETURN(files, ParseDeclaredFiles(j.at("files")));
  } catch (const nlohmann::json::exception&) {
    return InvalidArgument("bid.request_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(domain::Bid bid,
                        Bids(ctx)->PrepareBid(ctx.actor(), id, *envelope, std::move(files)));
  nlohmann::json out = {{"bid", bid.id},
                        {"envelope", std::string(domain::EnvelopeName(bid.envelope))},
                        {"files", nlohmann::json::array()}};
  for (const auto& f : bid.files) {
    out["files"].push_back({{"name", f.name},
                            {"upload_id", f.upload_id},
                            {"upload_url", std::string(kUploadsPath) + "/" + f.upload_id}});
  }
  out["receipt_url"] = "/penawaran/" + std::to_string(bid.id) + "/tanda-terima";
  return Response::Json(201, out.dump());
}

StatusOr<Response> ReceiptPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "bid"));
  if (!Bids(ctx)) return NoBids();
  SPSE_ASSIGN_OR_RETURN(app::ReceiptView v, Bids(ctx)->Receipt(ctx.actor(), id));
  data view = BidRow(ctx, v.bid);
  view.set("title", ctx.T("receipt.title"));
  view.set("id", std::to_string(id));
  view.set("tender_id", std::to_string(v.bid.tender_id));
  view.set("code", v.tender_code);
  view.set("name", v.package_name);
  view.set("receipt", v.bid.receipt);
  view.set("signature", v.bid.receipt_signature);
  view.set("public_key", v.public_key);
  view.set("mine", v.bid.vendor_user_id == ctx.who.user_id);
  return ctx.Page("tanda_terima", view);
}

StatusOr<Response> ReceiptFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "bid"));
  if (!Bids(ctx)) return NoBids();
  SPSE_ASSIGN_OR_RETURN(app::ReceiptView v, Bids(ctx)->Receipt(ctx.actor(), id));
  nlohmann::ordered_json j;
  j["v"] = 1;
  j["receipt"] = v.bid.receipt;
  j["signature"] = v.bid.receipt_signature;
  j["public_key"] = v.public_key;
  Response r = Response::Json(200, j.dump());
  r.Set("Content-Disposition",
        "attachment; filename=\"tanda-terima-" + std::to_string(id) + ".json\"");
  return r;
}

StatusOr<Response> ReceiptPdfFile(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "bid"));
  if (!Bids(ctx) || !ctx.site.services().printer) return NoBids();
  SPSE_ASSIGN_OR_RETURN(std::string pdf,
                        Bids(ctx)->ReceiptPdf(ctx.actor(), id, *ctx.site.services().printer));
  Response r;
  r.body = std::move(pdf);
  r.Set("Content-Type", "application/pdf");
  r.Set("Content-Disposition", "inline; filename=\"tanda-terima-" + std::to_string(id) + ".pdf\"");
  return r;
}

StatusOr<Response> ReceiptKey(Context& ctx) {
  if (!Bids(ctx)) return NoBids();
  nlohmann::json j = {{"public_key", Bids(ctx)->ReceiptKey()}, {"algorithm", "Ed25519"}};
  Response r = Response::Json(200, j.dump());
  r.Set("Cache-Control", "public, max-age=300");
  return r;
}

StatusOr<Response> IncomingBids(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  if (!Bids(ctx)) return NoBids();
  SPSE_ASSIGN_OR_RETURN(app::IncomingBidsView v, Bids(ctx)->Incoming(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("incoming.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("deadline", v.deadline ? ctx.FormatTime(*v.deadline) : std::string("—"));
  data bids = List();
  int counting = 0;
  for (const auto& b : v.bids) {
    if (b.status == domain::BidStatus::kSubmitted) ++counting;
    bids.push_back(BidRow(ctx, b));
  }
  view.set("bids", bids);
  view.set("no_bids", v.bids.empty());
  view.set("counting", std::to_string(counting));
  view.set("closed", v.closing.has_value());
  if (v.closing) {
    view.set("closed_at", ctx.FormatTime(v.closing->at));
    view.set("closed_count", std::to_string(v.closing->bids));
    view.set("closed_digest", v.closing->digest);
  }
  return ctx.Page("penawaran_masuk", view);
}

}  // namespace spse::http::handlers
