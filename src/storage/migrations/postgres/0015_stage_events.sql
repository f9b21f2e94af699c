-- The stage boundaries of running tenders as the server clock passed them
-- (issue 4, item 9): each stage's start and end recorded once, when it fell
-- due (at) and when the scheduler noticed (recorded_at: later only after the
-- server was down). The UNIQUE constraint makes a second recording of the
-- same boundary impossible, even by two instances at once. The indexes on
-- the stage periods let the scheduler find the few tenders with a boundary
-- since its last tick among many.
CREATE TABLE tender_stage_events (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id   BIGINT NOT NULL REFERENCES tenders(id),
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('start', 'end')),
  at          BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  UNIQUE (tender_id, position, kind)
);

CREATE INDEX tender_stages_starts ON tender_stages(starts_at);
CREATE INDEX tender_stages_ends ON tender_stages(ends_at);
