// Tender Cepat's electronic reverse auction (issue 6, item 7): the auction
// page (a vendor's price form, its own prices and the anonymous ranking;
// the Pokja's ranking with names, the invitations and the decision), the
// live ranking as server-sent events, and the price as a JSON API for the
// page's script (and a plain form POST without it).
#include <nlohmann/json.hpp>

#include "app/auction_service.h"
#include "app/invitation_service.h"
#include "base/money.h"
#include "domain/planning.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

// The reasons a price can be refused for: the page carries their messages
// so its script shows them without a reload.
constexpr const char* kBidReasons[] = {
    "auction.closed",         "auction.not_started",        "auction.not_lower",
    "auction.decrement_too_small", "auction.above_hps",     "auction.price_invalid",
    "auction.not_invited",    "participation.not_joined",   "tender.not_running",
    "auth.blacklisted",       "http.csrf"};

StatusOr<app::AuctionService*> Auction(Context& ctx) {
  if (ctx.site.services().auction == nullptr) return NotFound("tender.not_found");
  return ctx.site.services().auction;
}

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

// "1.250.000.000" or "1250000000": whole rupiah.
std::optional<std::int64_t> ParsePrice(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == '.' || c == ' ') continue;
    if (c < '0' || c > '9' || digits.size() >= 16) return std::nullopt;
    digits += c;
  }
  if (digits.empty()) return std::nullopt;
  return std::stoll(digits);
}

// The live ranking for one reader, from the hub, as JSON.
std::string RankingJson(const app::AuctionSnapshot& s, const std::optional<std::int64_t>& viewer,
                        Micros now) {
  nlohmann::json j = {{"v", s.version}, {"now", now}, {"closes_at", s.closes_at},
                      {"closed", now >= s.closes_at}, {"ranking", nlohmann::json::array()}};
  if (viewer) {
    for (const auto& r : domain::AnonymousRanking(s.ranking, viewer)) {
      j["ranking"].push_back({{"rank", r.rank}, {"price", r.price_rupiah},
                              {"price_text", Rupiah(r.price_rupiah)}, {"mine", r.mine}});
    }
  } else {
    for (const auto& r : s.ranking) {
      j["ranking"].push_back({{"rank", r.rank}, {"price", r.price_rupiah},
                              {"price_text", Rupiah(r.price_rupiah)}, {"mine", false},
                              {"company", r.company_name}, {"bids", r.bids}});
    }
  }
  return j.dump();
}

// One reader's stream of a tender's ranking: an event when the ranking
// changes (the first at once), and a "closed" event when the auction ends.
class AuctionEvents final : public EventStream {
 public:
  AuctionEvents(app::AuctionHub& hub, const Clock& clock, app::AuctionStreamAccess access)
      : hub_(hub), clock_(clock), access_(std::move(access)) {}

  Next Poll() override {
    Next next;
    auto s = hub_.Current(access_.tender_id);
    if (!s) return next;
    const Micros now = clock_.Now();
    const bool closed = now >= s->closes_at;
    if (!sent_ || s->version != version_ || closed) {
      next.frames = std::string("event: ") + (closed ? "closed" : "ranking") + "\ndata: " +
                    RankingJson(*s, access_.viewer, now) + "\n\n";
      version_ = s->version;
      sent_ = true;
    }
    next.done = closed;
    return next;
  }

 private:
  app::AuctionHub& hub_;
  const Clock& clock_;
  app::AuctionStreamAccess access_;
  std::uint64_t version_ = 0;
  bool sent_ = false;
};

StatusOr<Response> RenderAuction(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::AuctionService * svc, Auction(ctx));
  SPSE_ASSIGN_OR_RETURN(app::AuctionView v, svc->View(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("auction.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("hps", v.hps.Format());
  view.set("csrf", ctx.csrf);
  SetNotice(ctx, view);
  if (!error.ok()) SetError(ctx, view, error);
  if (v.period) {
    view.set("opens_at", ctx.FormatTime(v.period->start));
    view.set("closes_at", ctx.FormatTime(v.period->end));
    view.set("closes_at_micros", std::to_string(v.period->end));
  }
  view.set("now_micros", std::to_string(v.now));
  view.set("decrement", v.min_decrement_permille > 0);
  view.set("decrement_percent", domain::FormatQuantity(v.min_decrement_permille * 10));
  view.set("runs", v.runs);
  view.set("insider", v.runs || v.auditor);
  view.set("vendor", v.vendor);
  view.set("joined", v.joined);
  view.set("may_bid", v.may_bid.ok());
  if (v.vendor && !v.may_bid.ok()) view.set("bid_closed_reason", ctx.ErrorText(v.may_bid));
  view.set("highest", Rupiah(v.highest_acceptable));
  view.set("highest_plain", std::to_string(v.highest_acceptable));
  data own = List();
  for (auto it = v.own_bids.rbegin(); it != v.own_bids.rend(); ++it) {
    data r;
    r.set("price", Rupiah(it->price_rupiah));
    r.set("at", ctx.FormatTime(it->at));
    own.push_back(r);
  }
  view.set("own_bids", own);
  view.set("has_own_bids", !v.own_bids.empty());
  data rows = List();
  if (v.runs || v.auditor) {
    for (const auto& s : v.ranking) {
      data r;
      r.set("rank", std::to_string(s.rank));
      r.set("price", Rupiah(s.price_rupiah));
      r.set("company", s.company_name);
      r.set("bids", std::to_string(s.bids));
      r.set("mine", false);
      rows.push_back(r);
    }
  } else {
    for (const auto& s : v.anonymous) {
      data r;
      r.set("rank", std::to_string(s.rank));
      r.set("price", Rupiah(s.price_rupiah));
      r.set("mine", s.mine);
      rows.push_back(r);
    }
  }
  view.set("rows", rows);
  view.set("version", std::to_string(v.version));
  data invitations = List();
  for (const auto& inv : v.invitations) {
    data r;
    r.set("company", inv.company_name);
    r.set("at", ctx.FormatTime(inv.invited_at));
    invitations.push_back(r);
  }
  view.set("invitations", invitations);
  view.set("may_invite", v.may_invite.ok());
  data candidates = List();
  for (const auto& c : v.candidates) {
    if (c.invited) continue;
    data r;
    r.set("user_id", std::to_string(c.user_id));
    r.set("label", (c.company_name.empty() ? c.username : c.company_name) + " (" + c.username + ")");
    r.set("eligible", c.eligible.ok());
    if (!c.eligible.ok()) r.set("why", ctx.ErrorText(c.eligible));
    candidates.push_back(r);
  }
  view.set("candidates", candidates);
  view.set("is_chair", v.is_chair);
  view.set("may_decide", v.may_decide.ok());
  if (v.is_chair && !v.may_decide.ok()) view.set("decide_why", ctx.ErrorText(v.may_decide));
  view.set("decided", v.decision.has_value());
  data reasons = List();
  for (const char* r : kBidReasons) {
    data m;
    m.set("reason", std::string(r));
    m.set("text", ctx.T("err." + std::string(r)));
    reasons.push_back(m);
  }
  view.set("reasons", reasons);
  return ctx.Page("tender_lelang", view, status);
}

StatusOr<Response> AfterAuction(Context& ctx, std::int64_t id, const Status& s, const char* notice) {
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "/lelang?ok=" + notice);
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderAuction(ctx, id, HttpStatusFor(s.code()), s);
}

}  // namespace

StatusOr<Response> AuctionPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderAuction(ctx, id, 200, OkStatus());
}

StatusOr<Response> AuctionStream(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::AuctionService * svc, Auction(ctx));
  SPSE_ASSIGN_OR_RETURN(app::AuctionStreamAccess access, svc->OpenStream(ctx.actor(), id));
  Response r;
  r.events = std::make_shared<AuctionEvents>(svc->hub(), svc->clock(), std::move(access));
  return r;
}

StatusOr<Response> AuctionBidForm(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::AuctionService * svc, Auction(ctx));
  auto price = ParsePrice(Field(ctx, "price"));
  if (!price) return AfterAuction(ctx, id, InvalidArgument("auction.price_invalid"), "");
  return AfterAuction(ctx, id, svc->Bid(ctx.actor(), id, *price).status(), "auction_bid");
}

StatusOr<Response> AuctionBidApi(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::AuctionService * svc, Auction(ctx));
  std::optional<std::int64_t> price;
  try {
    const auto j = nlohmann::json::parse(ctx.req.body);
    const auto& p = j.at("price");
    if (p.is_number_integer()) {
      price = p.get<std::int64_t>();
    } else if (p.is_string()) {
      price = ParsePrice(p.get<std::string>());
    }
  } catch (const nlohmann::json::exception&) {
    return InvalidArgument("auction.request_invalid");
  }
  if (!price) return InvalidArgument("auction.price_invalid");
  SPSE_ASSIGN_OR_RETURN(app::AuctionBidResult r, svc->Bid(ctx.actor(), id, *price));
  nlohmann::json out = {{"bid", r.bid_id}, {"rank", r.rank}, {"price", r.price_rupiah},
                        {"price_text", Rupiah(r.price_rupiah)}};
  return Response::Json(201, out.dump());
}

// The invite form of the auction page (InvitationService does the work).
StatusOr<Response> AuctionInvite(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  app::InvitationService* invitations = ctx.site.services().invitations;
  if (invitations == nullptr) return NotFound("tender.not_found");
  auto vendor = ParseId(Field(ctx, "vendor"));
  if (!vendor) return AfterAuction(ctx, id, InvalidArgument("auction.vendor_not_found"), "");
  return AfterAuction(ctx, id, invitations->Invite(ctx.actor(), id, *vendor).status(),
                      "auction_invited");
}

StatusOr<Response> AuctionDecide(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::AuctionService * svc, Auction(ctx));
  auto d = svc->Decide(ctx.actor(), id);
  if (d.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "/hasil");
  return AfterAuction(ctx, id, d.status(), "");
}

}  // namespace spse::http::handlers
