// Tenders move between stages by the server clock (issue 4, item 9): every
// stage start and end of every running tender is recorded once, with an
// audit entry, as the clock passes it; a restart neither skips nor repeats
// one, and boundaries that passed while the server was down are caught up.
#ifndef SPSE_APP_STAGE_SCHEDULER_H_
#define SPSE_APP_STAGE_SCHEDULER_H_

#include <functional>
#include <string_view>

#include "app/ports.h"
#include "domain/procedure.h"
#include "domain/tender.h"
#include "domain/tender_schedule.h"

namespace spse::app {

class StageScheduler {
 public:
  // Called inside the tick's transaction for each boundary as it is
  // recorded, exactly once per boundary (to tell participants that a stage
  // began, say). An error rolls the whole tick back; the next tick tries
  // again.
  using Observer =
      std::function<Status(Tx& tx, const domain::Tender& tender, const domain::StageEvent& event)>;

  // Where the last tick got to: Micros in decimal, in the settings.
  static constexpr std::string_view kWatermarkKey = "scheduler.watermark";

  StageScheduler(Store& store, const Clock& clock, const domain::Catalogue& catalogue,
                 Observer observer = nullptr)
      : store_(store), clock_(clock), catalogue_(catalogue), observer_(std::move(observer)) {}

  // In one write transaction: records every stage boundary of the running
  // tenders in (watermark, now] (those of a tender published since the
  // watermark from its first), writes an audit entry for each, and moves
  // the watermark to now. Returns how many boundaries it recorded.
  //
  // Without a watermark (the first start) it records every past boundary of
  // the tenders running now, once: a tender runs for weeks, so this is
  // bounded by what is running, and finished, cancelled or failed tenders
  // are never replayed. After downtime it catches up every boundary that
  // passed meanwhile, stamped with the time it was noticed.
  //
  // Safe against a second instance ticking the same database at the same
  // time: a boundary already recorded is skipped, not repeated (the tick
  // also looks a few minutes behind the watermark, for changes committed
  // while the last one ran). Call from one thread per instance.
  StatusOr<int> Tick();

 private:
  Store& store_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  Observer observer_;
};

}  // namespace spse::app

#endif  // SPSE_APP_STAGE_SCHEDULER_H_
