-- Objections to the announced award (sanggah) and appeals (sanggah banding),
-- issue 6, items 4 and 8: the objection against one award decision with its
-- attachments, the Pokja's answer (once, with who, when and whether it was
-- late), the appeal with its guarantee and the PA/KPA's answer (once). None
-- of it is ever changed or removed.
CREATE TABLE objections (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  id                       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

CREATE FUNCTION objections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER objections_no_update BEFORE UPDATE OR DELETE ON objections
  FOR EACH ROW EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER objections_no_truncate BEFORE TRUNCATE ON objections
  FOR EACH STATEMENT EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER objection_attachments_no_update BEFORE UPDATE OR DELETE ON objection_attachments
  FOR EACH ROW EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER objection_attachments_no_truncate BEFORE TRUNCATE ON objection_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER objection_answers_no_update BEFORE UPDATE OR DELETE ON objection_answers
  FOR EACH ROW EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER objection_answers_no_truncate BEFORE TRUNCATE ON objection_answers
  FOR EACH STATEMENT EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER appeals_no_update BEFORE UPDATE OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER appeals_no_truncate BEFORE TRUNCATE ON appeals
  FOR EACH STATEMENT EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER appeal_answers_no_update BEFORE UPDATE OR DELETE ON appeal_answers
  FOR EACH ROW EXECUTE FUNCTION objections_append_only();
CREATE TRIGGER appeal_answers_no_truncate BEFORE TRUNCATE ON appeal_answers
  FOR EACH STATEMENT EXECUTE FUNCTION objections_append_only();
