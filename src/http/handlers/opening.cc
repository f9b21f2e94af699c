// Opening sealed bids (issue 5, items 6-7): the Pembukaan page where each
// Pokja member unlocks their share in the browser (web/static/js/
// pembukaan.mjs) and gives it, the technical results of dua file, the
// witnessed second attempt at an unopenable file, and the Berita Acara.
#include "app/opening_service.h"
#include "base/money.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

// The opening use case; absent only in sites built without it (tests).
StatusOr<app::OpeningService*> Opening(Context& ctx) {
  if (ctx.site.services().opening == nullptr) return NotFound("tender.not_found");
  return ctx.site.services().opening;
}

StatusOr<Response> RenderOpening(Context& ctx, std::int64_t id, int status, const Status& error) {
  SPSE_ASSIGN_OR_RETURN(app::OpeningService * opening, Opening(ctx));
  SPSE_ASSIGN_OR_RETURN(app::OpeningView v, opening->View(ctx.actor(), id));
  data view;
  view.set("title", ctx.T("opening.title"));
  view.set("id", std::to_string(id));
  view.set("code", v.tender.code);
  view.set("name", v.package_name);
  view.set("runs", v.runs);
  view.set("may_witness", v.may_witness);
  if (v.my_key) view.set("wrapped", v.my_key->wrapped_secret);
  view.set("has_key", v.my_key.has_value());
  data envelopes = List();
  bool any_opened = false;
  for (const auto& e : v.envelopes) {
    data r;
    const std::string name(domain::EnvelopeName(e.envelope));
    r.set("envelope", name);
    r.set("envelope_label", Label(ctx, "bid.envelope.", name));
    r.set("keyed", e.key.has_value());
    if (e.key) {
      r.set("threshold", std::to_string(e.key->threshold));
      r.set("holders", std::to_string(e.key->shares.size()));
      for (const auto& s : e.key->shares) {
        if (s.user_id == ctx.actor().who.user_id) {
          r.set("my_share", s.sealed_share);
          r.set("my_x", std::to_string(s.x));
        }
      }
    }
    r.set("given", std::to_string(e.given_by.size()));
    bool given_mine = false;
    for (auto u : e.given_by) given_mine = given_mine || u == ctx.actor().who.user_id;
    r.set("given_mine", given_mine);
    r.set("opened", e.opening.has_value());
    if (e.opening) {
      any_opened = true;
      r.set("opened_at", ctx.FormatTime(e.opening->opened_at));
      r.set("minutes_number", e.opening->minutes_number);
      r.set("minutes_sha256", e.opening->minutes_sha256);
    }
    r.set("key_in_memory", e.key_in_memory);
    r.set("may_give", v.runs && e.key && e.may_open.ok() && !given_mine &&
                          (!e.opening || !e.key_in_memory));
    if (!e.may_open.ok()) r.set("why_not", ctx.ErrorText(e.may_open));
    envelopes.push_back(r);
  }
  view.set("envelopes", envelopes);
  data bids = List();
  for (const auto& b : v.bids) {
    data r;
    r.set("bid", std::to_string(b.bid.id));
    r.set("company", b.bid.company_name);
    r.set("envelope_label", Label(ctx, "bid.envelope.", domain::EnvelopeName(b.bid.envelope)));
    if (b.bid.submitted_at) r.set("submitted_at", ctx.FormatTime(*b.bid.submitted_at));
    r.set("has_price", b.price.has_value());
    if (b.price) r.set("price", Money::FromRupiah(b.price->price_rupiah).Format());
    r.set("technical", b.bid.envelope == domain::Envelope::kTechnical);
    r.set("technical_set", b.technical_passed.has_value());
    r.set("technical_passed", b.technical_passed.value_or(false));
    data files = List();
    for (const auto& f : b.files) {
      data fr;
      fr.set("fid", std::to_string(f.file.id));
      fr.set("fname", f.file.name);
      fr.set("size", std::to_string(f.file.size));
      fr.set("sha256", f.file.sha256);
      fr.set("opened", f.opening.has_value());
      const bool failed = f.opening && !f.opening->ok;
      fr.set("ok", f.opening && f.opening->ok);
      fr.set("failed", failed);
      if (f.opening) {
        fr.set("ferror", f.opening->error.empty() ? false : true);
        fr.set("error_text", f.opening->error);
        fr.set("received_sha256", f.opening->received_sha256);
      }
      fr.set("may_witness", failed && v.may_witness);
      data ws = List();
      for (const auto& w : f.witnesses) {
        data wr;
        wr.set("wid", std::to_string(w.id));
        wr.set("wnumber", w.minutes_number);
        wr.set("wok", w.ok);
        wr.set("wat", ctx.FormatTime(w.at));
        ws.push_back(wr);
      }
      fr.set("witnesses", ws);
      files.push_back(fr);
    }
    r.set("files", files);
    bids.push_back(r);
  }
  view.set("bids", bids);
  view.set("no_bids", v.bids.empty());
  view.set("any_opened", any_opened);
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("tender_pembukaan", view, status);
}

StatusOr<Response> AfterOpening(Context& ctx, std::int64_t id, const Status& s, const char* notice) {
  if (s.ok()) return Response::Redirect("/tender/" + std::to_string(id) + "/pembukaan?ok=" + notice);
  if (HttpStatusFor(s.code()) >= 500 || s.code() == Code::kNotFound) return s;
  return RenderOpening(ctx, id, HttpStatusFor(s.code()), s);
}

}  // namespace

StatusOr<Response> OpeningPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  return RenderOpening(ctx, id, 200, OkStatus());
}

StatusOr<Response> OpeningShare(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto envelope = domain::ParseEnvelope(Field(ctx, "envelope"));
  if (!envelope) return AfterOpening(ctx, id, InvalidArgument("bid.envelope_invalid"), "");
  SPSE_ASSIGN_OR_RETURN(app::OpeningService * opening, Opening(ctx));
  auto opened = opening->GiveShare(ctx.actor(), id, *envelope, Field(ctx, "share"));
  if (!opened.ok()) return AfterOpening(ctx, id, opened.status(), "");
  return AfterOpening(ctx, id, OkStatus(), *opened ? "envelope_opened" : "share_given");
}

StatusOr<Response> OpeningTechnical(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto bid = ParseId(Field(ctx, "bid"));
  if (!bid) return NotFound("bid.not_found");
  const std::string result = Field(ctx, "result");
  if (result != "lulus" && result != "gugur") {
    return AfterOpening(ctx, id, InvalidArgument("opening.result_required"), "");
  }
  SPSE_ASSIGN_OR_RETURN(app::OpeningService * opening, Opening(ctx));
  const Status s = opening->RecordTechnicalResult(ctx.actor(), id, *bid, result == "lulus",
                                                  Field(ctx, "reason"));
  return AfterOpening(ctx, id, s, "technical_recorded");
}

StatusOr<Response> OpeningWitness(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  auto file = ParseId(Field(ctx, "file"));
  if (!file) return NotFound("bid.not_found");
  SPSE_ASSIGN_OR_RETURN(app::OpeningService * opening, Opening(ctx));
  auto w = opening->WitnessRetry(ctx.actor(), id, *file, Field(ctx, "note"));
  return AfterOpening(ctx, id, w.status(), "witness_recorded");
}

StatusOr<Response> OpeningMinutes(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "tender"));
  SPSE_ASSIGN_OR_RETURN(app::OpeningService * opening, Opening(ctx));
  SPSE_ASSIGN_OR_RETURN(auto file, opening->MinutesPdf(ctx.actor(), id, ctx.req.params["kind"],
                                                       ctx.req.params["no"]));
  return StoredFile(std::move(file.path), "application/pdf", file.filename, Disposition::kInline,
                    "private, max-age=300");
}

}  // namespace spse::http::handlers
