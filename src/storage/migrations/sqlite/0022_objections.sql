-- Objections to the announced award (sanggah) and appeals (sanggah banding),
-- issue 6, items 4 and 8: the objection against one award decision with its
-- attachments, the Pokja's answer (once, with who, when and whether it was
-- late), the appeal with its guarantee and the PA/KPA's answer (once). None
-- of it is ever changed or removed.
CREATE TABLE objections (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  tender_id   BIGINT NOT NULL REFERENCES tenders(id),
  decision_id BIGINT NOT NULL REFERENCES award_decisions(id),
  vendor_id   BIGINT NOT NULL REFERENCES users(id),
  filed_at    BIGINT NOT NULL,
  reasons     TEXT NOT NULL,
  UNIQUE (decision_id, vendor_id)
);
CREATE INDEX objections_tender ON objections(tender_id, id);

CREATE TABLE objection_attachments (
  objection_id BIGINT NOT NULL REFERENCES objections(id),
  position     INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  PRIMARY KEY (objection_id, position)
);

-- consequence: '' (rejected), 'evaluasi_ulang' or 'gagal'.
CREATE TABLE objection_answers (
  objection_id BIGINT PRIMARY KEY REFERENCES objections(id),
  upheld       INTEGER NOT NULL,
  answer       TEXT NOT NULL,
  consequence  TEXT NOT NULL,
  answered_by  BIGINT NOT NULL REFERENCES users(id),
  answered_at  BIGINT NOT NULL,
  late         INTEGER NOT NULL
);

CREATE TABLE appeals (
  id                       INTEGER PRIMARY KEY AUTOINCREMENT,
  objection_id             BIGINT NOT NULL UNIQUE REFERENCES objections(id),
  vendor_id                BIGINT NOT NULL REFERENCES users(id),
  filed_at                 BIGINT NOT NULL,
  reasons                  TEXT NOT NULL,
  guarantee_issuer         TEXT NOT NULL,
  guarantee_number         TEXT NOT NULL,
  guarantee_amount_rupiah  BIGINT NOT NULL,
  guarantee_valid_until    BIGINT NOT NULL
);

CREATE TABLE appeal_answers (
  appeal_id   BIGINT PRIMARY KEY REFERENCES appeals(id),
  upheld      INTEGER NOT NULL,
  answer      TEXT NOT NULL,
  consequence TEXT NOT NULL,
  answered_by BIGINT NOT NULL REFERENCES users(id),
  answered_at BIGINT NOT NULL
);

CREATE TRIGGER objections_no_update BEFORE UPDATE ON objections
BEGIN SELECT RAISE(ABORT, 'objections is append-only'); END;
CREATE TRIGGER objections_no_delete BEFORE DELETE ON objections
BEGIN SELECT RAISE(ABORT, 'objections is append-only'); END;
CREATE TRIGGER objection_attachments_no_update BEFORE UPDATE ON objection_attachments
BEGIN SELECT RAISE(ABORT, 'objection_attachments is append-only'); END;
CREATE TRIGGER objection_attachments_no_delete BEFORE DELETE ON objection_attachments
BEGIN SELECT RAISE(ABORT, 'objection_attachments is append-only'); END;
CREATE TRIGGER objection_answers_no_update BEFORE UPDATE ON objection_answers
BEGIN SELECT RAISE(ABORT, 'objection_answers is append-only'); END;
CREATE TRIGGER objection_answers_no_delete BEFORE DELETE ON objection_answers
BEGIN SELECT RAISE(ABORT, 'objection_answers is append-only'); END;
CREATE TRIGGER appeals_no_update BEFORE UPDATE ON appeals
BEGIN SELECT RAISE(ABORT, 'appeals is append-only'); END;
CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
BEGIN SELECT RAISE(ABORT, 'appeals is append-only'); END;
CREATE TRIGGER appeal_answers_no_update BEFORE UPDATE ON appeal_answers
BEGIN SELECT RAISE(ABORT, 'appeal_answers is append-only'); END;
CREATE TRIGGER appeal_answers_no_delete BEFORE DELETE ON appeal_answers
BEGIN SELECT RAISE(ABORT, 'appeal_answers is append-only'); END;
