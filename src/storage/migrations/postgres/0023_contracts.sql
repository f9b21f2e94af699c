-- The letters of award (SPPBJ, one per award decision) and the contract
-- record (issue 6, item 5): version 1 is the contract as signed, each later
-- version a correction with its reason. Dates signed are YYYY-MM-DD in the
-- LPSE's zone; values in rupiah. Nothing is ever changed or removed: a
-- correction is a new row, so every earlier version stays visible.
CREATE TABLE sppbj_letters (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id    BIGINT NOT NULL REFERENCES tenders(id),
  decision_id  BIGINT NOT NULL UNIQUE REFERENCES award_decisions(id),
  vendor_id    BIGINT NOT NULL REFERENCES users(id),
  number       TEXT NOT NULL,
  price_rupiah BIGINT NOT NULL,
  issued_by    BIGINT NOT NULL REFERENCES users(id),
  issued_at    BIGINT NOT NULL,
  pdf_sha256   TEXT NOT NULL,
  pdf_size     BIGINT NOT NULL
);
CREATE INDEX sppbj_letters_tender ON sppbj_letters(tender_id, id);

CREATE TABLE contracts (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id        BIGINT NOT NULL REFERENCES tenders(id),
  sppbj_id         BIGINT NOT NULL REFERENCES sppbj_letters(id),
  version          INTEGER NOT NULL,
  number           TEXT NOT NULL,
  signed_on        TEXT NOT NULL,
  value_rupiah     BIGINT NOT NULL,
  duration_days    INTEGER NOT NULL,
  ppk_name         TEXT NOT NULL,
  ppk_nip          TEXT NOT NULL,
  vendor_signatory TEXT NOT NULL,
  vendor_position  TEXT NOT NULL,
  recorded_by      BIGINT NOT NULL REFERENCES users(id),
  recorded_at      BIGINT NOT NULL,
  reason           TEXT NOT NULL,
  pdf_sha256       TEXT NOT NULL,
  pdf_size         BIGINT NOT NULL,
  UNIQUE (sppbj_id, version)
);
CREATE INDEX contracts_tender ON contracts(tender_id, sppbj_id, version);

CREATE FUNCTION contracts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER sppbj_letters_no_update BEFORE UPDATE OR DELETE ON sppbj_letters
  FOR EACH ROW EXECUTE FUNCTION contracts_append_only();
CREATE TRIGGER sppbj_letters_no_truncate BEFORE TRUNCATE ON sppbj_letters
  FOR EACH STATEMENT EXECUTE FUNCTION contracts_append_only();
CREATE TRIGGER contracts_no_update BEFORE UPDATE OR DELETE ON contracts
  FOR EACH ROW EXECUTE FUNCTION contracts_append_only();
CREATE TRIGGER contracts_no_truncate BEFORE TRUNCATE ON contracts
  FOR EACH STATEMENT EXECUTE FUNCTION contracts_append_only();
