#include "app/stage_scheduler.h"

#include <charconv>
#include <limits>
#include <string>

#include "app/actor.h"
#include "app/demo_data.h"
#include "base/time_format.h"

namespace spse::app {
namespace {

constexpr Micros kLookBack = 5 * kMicrosPerMinute;

StatusOr<std::optional<Micros>> ReadWatermark(Tx& tx) {
  SPSE_ASSIGN_OR_RETURN(auto text, tx.settings().Get(StageScheduler::kWatermarkKey));
  if (!text) return std::optional<Micros>();
  Micros value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Internal("scheduler.watermark_invalid", *text);
  }
  return std::optional<Micros>(value);
}

std::string Describe(const domain::Tender& t, const domain::ProcedureSpec* p,
                     const domain::StageEvent& e) {
  const std::string stage = p && e.stage < p->stages.size() ? p->stages[e.stage].name_id
                            : e.stage < t.schedule.size()  ? t.schedule[e.stage].stage
                                                           : std::to_string(e.stage + 1);
  return t.code + ": " + stage + (e.start ? " dimulai" : " berakhir") + " (jadwal " +
         FormatRfc3339(e.at) + ")";
}

}  // namespace

StatusOr<int> StageScheduler::Tick() {
  const Actor actor{SystemPrincipal("system:scheduler"), "local"};
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  // Read inside the transaction: on SQLite, a publication that committed
  // before it is stamped earlier than `now`.
  const Micros now = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(std::optional<Micros> watermark, ReadWatermark(*tx));
  constexpr Micros kBeginning = std::numeric_limits<Micros>::min();
  // A little before the watermark too: a publication or schedule change that
  // another transaction committed while the last tick ran (PostgreSQL lets
  // them overlap) is seen now. What is recorded already is skipped.
  const Micros after = watermark ? *watermark - kLookBack : kBeginning;
  int recorded = 0;
  if (after < now) {
    SPSE_ASSIGN_OR_RETURN(auto due, tx->stage_events().RunningTendersDue(after, now));
    for (std::int64_t id : due) {
      SPSE_ASSIGN_OR_RETURN(auto tender, tx->tenders().FindById(id));
      if (!tender || tender->status != domain::TenderStatus::kRunning) continue;
      // A tender published since may have a boundary up to a minute before
      // its publication (Publish allows that much): from its first.
      const bool new_since = tender->published_at && *tender->published_at > after;
      const auto events = domain::EventsBetween(tender->schedule, new_since ? kBeginning : after, now);
      const domain::ProcedureSpec* procedure = catalogue_.Find(tender->procedure_code);
      for (const domain::StageEvent& e : events) {
        SPSE_ASSIGN_OR_RETURN(bool fresh, tx->stage_events().Record({id, e, now}));
        if (!fresh) continue;
        SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor,
                                        e.start ? "tender.stage_start" : "tender.stage_end",
                                        "tender", std::to_string(id),
                                        Describe(*tender, procedure, e)));
        if (observer_) SPSE_RETURN_IF_ERROR(observer_(*tx, *tender, e));
        ++recorded;
      }
    }
  }
  // Never backwards: should the clock be set back, the boundaries between
  // stay recorded and are not looked at twice.
  if (!watermark || now > *watermark) {
    SPSE_RETURN_IF_ERROR(tx->settings().Put(kWatermarkKey, std::to_string(now)));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return recorded;
}

}  // namespace spse::app
