-- Klarifikasi teknis dan negosiasi (issue 6, item 6): the price agreed with
-- the candidate of a non-tender selection or a seleksi, with its Berita
-- Acara Negosiasi. Appended only: a correction is a new row, the latest counts.
CREATE TABLE negotiations (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id      BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id      BIGINT NOT NULL REFERENCES users(id),
  offered_rupiah BIGINT NOT NULL,
  agreed_rupiah  BIGINT NOT NULL,
  notes          TEXT NOT NULL,
  recorded_by    BIGINT NOT NULL REFERENCES users(id),
  at             BIGINT NOT NULL,
  minutes_number TEXT NOT NULL,
  minutes_sha256 TEXT NOT NULL,
  minutes_size   BIGINT NOT NULL
);
CREATE INDEX negotiations_tender ON negotiations(tender_id, id);

CREATE TRIGGER negotiations_no_update BEFORE UPDATE OR DELETE ON negotiations
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER negotiations_no_truncate BEFORE TRUNCATE ON negotiations
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
