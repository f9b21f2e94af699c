// The stage boundaries the scheduler recorded, over SOCI.
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::RecordedStageEvent;

class SociStageEvents final : public app::StageEventRepo {
 public:
  explicit SociStageEvents(soci::session& sql) : sql_(sql) {}

  StatusOr<bool> Record(const RecordedStageEvent& e) override {
    return Guard("stage_events.record", [&]() -> StatusOr<bool> {
      long long tender = e.tender_id, at = e.event.at, recorded = e.recorded_at;
      int position = static_cast<int>(e.event.stage);
      const std::string kind = e.event.start ? "start" : "end";
      // DO NOTHING rather than catching the unique violation: on PostgreSQL
      // a failed statement would abort the whole transaction.
      soci::statement st =
          (sql_.prepare << "INSERT INTO tender_stage_events (tender_id, position, kind, at, "
                           "recorded_at) VALUES (:t, :p, :k, :a, :r) "
                           "ON CONFLICT (tender_id, position, kind) DO NOTHING",
           soci::use(tender, "t"), soci::use(position, "p"), soci::use(kind, "k"),
           soci::use(at, "a"), soci::use(recorded, "r"));
      st.execute(true);
      return st.get_affected_rows() > 0;
    });
  }

  StatusOr<std::vector<RecordedStageEvent>> ForTender(std::int64_t tender_id) override {
    return Guard("stage_events.for_tender", [&]() -> StatusOr<std::vector<RecordedStageEvent>> {
      std::vector<RecordedStageEvent> out;
      long long tender = tender_id, at = 0, recorded = 0;
      int position = 0;
      std::string kind;
      // The order of domain::EventsBetween: by time, starts before ends, then stage.
      soci::statement st =
          (sql_.prepare << "SELECT position, kind, at, recorded_at FROM tender_stage_events "
                           "WHERE tender_id = :t ORDER BY at, CASE kind WHEN 'start' THEN 0 "
                           "ELSE 1 END, position",
           soci::use(tender, "t"), soci::into(position), soci::into(kind), soci::into(at),
           soci::into(recorded));
      st.execute();
      while (st.fetch()) {
        RecordedStageEvent e;
        e.tender_id = tender_id;
        e.event.at = at;
        e.event.stage = static_cast<size_t>(position);
        e.event.start = kind == "start";
        e.recorded_at = recorded;
        out.push_back(e);
      }
      return out;
    });
  }

  StatusOr<std::vector<std::int64_t>> RunningTendersDue(Micros after, Micros until) override {
    return Guard("stage_events.due", [&]() -> StatusOr<std::vector<std::int64_t>> {
      // Each bind name appears once: on SQLite SOCI binds names by position.
      long long a1 = after, u1 = until, a2 = after, u2 = until, a3 = after, u3 = until, id = 0;
      std::vector<std::int64_t> out;
      soci::statement st =
          (sql_.prepare << "SELECT s.tender_id FROM tender_stages s JOIN tenders t ON t.id = "
                           "s.tender_id WHERE t.status = 'berjalan' AND s.starts_at > :a1 AND "
                           "s.starts_at <= :u1 "
                           "UNION SELECT s.tender_id FROM tender_stages s JOIN tenders t ON t.id "
                           "= s.tender_id WHERE t.status = 'berjalan' AND s.ends_at > :a2 AND "
                           "s.ends_at <= :u2 "
                           "UNION SELECT id FROM tenders WHERE status = 'berjalan' AND "
                           "published_at > :a3 AND published_at <= :u3 ORDER BY 1",
           soci::use(a1, "a1"), soci::use(u1, "u1"), soci::use(a2, "a2"), soci::use(u2, "u2"),
           soci::use(a3, "a3"), soci::use(u3, "u3"), soci::into(id));
      st.execute();
      while (st.fetch()) out.push_back(id);
      return out;
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::StageEventRepo> NewStageEventRepo(soci::session& sql) {
  return std::make_unique<SociStageEvents>(sql);
}

}  // namespace spse::storage
