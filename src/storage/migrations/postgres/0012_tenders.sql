-- Tenders and non-tender selections set up from packages (issue 4): the
-- catalogue procedure each follows, its state, its schedule stage by stage
-- with how often each stage was changed, and every schedule change with its
-- reason (shown publicly).
CREATE TABLE tenders (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code               TEXT UNIQUE,
  package_id         BIGINT NOT NULL REFERENCES packages(id),
  procedure_code     TEXT NOT NULL,
  evaluation         TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'berjalan', 'selesai', 'batal', 'gagal')),
  pokja_group_id     BIGINT REFERENCES pokja_groups(id),
  official_id        BIGINT REFERENCES users(id),
  created_by         BIGINT NOT NULL,
  created_at         BIGINT NOT NULL,
  published_at       BIGINT,
  published_by       BIGINT,
  end_reason         TEXT NOT NULL DEFAULT '',
  previous_tender_id BIGINT REFERENCES tenders(id)
);
CREATE INDEX tenders_package ON tenders(package_id);
CREATE INDEX tenders_status ON tenders(status, published_at);

CREATE TABLE tender_stages (
  tender_id BIGINT NOT NULL REFERENCES tenders(id),
  position  INTEGER NOT NULL,
  stage     TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at   BIGINT NOT NULL,
  changes   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tender_id, position)
);

CREATE TABLE tender_schedule_changes (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id BIGINT NOT NULL REFERENCES tenders(id),
  at        BIGINT NOT NULL,
  by_id     BIGINT NOT NULL,
  by_name   TEXT NOT NULL,
  reason    TEXT NOT NULL,
  summary   TEXT NOT NULL
);
CREATE INDEX tender_schedule_changes_tender ON tender_schedule_changes(tender_id, at);
