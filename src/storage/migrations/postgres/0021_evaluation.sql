-- Evaluation and award (issue 6): each Pokja member's judgement of every
-- criterion for every bidder and the agreed result (member 0), the
-- invitations to and results of the qualification proof, and the award
-- decisions with their frozen results (one row per bidder, in the order
-- the decision shows them), announced once and revoked at most once. None
-- of it is ever changed or removed: a new judgement or decision is a new
-- row and the latest counts, so every earlier one stays visible.
CREATE TABLE evaluation_judgements (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id     BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id     BIGINT NOT NULL REFERENCES users(id),
  criterion     TEXT NOT NULL,
  member_id     BIGINT NOT NULL,  -- 0: the agreed result, no member
  pass          INTEGER NOT NULL,
  score         INTEGER NOT NULL,
  amount_rupiah BIGINT NOT NULL,
  reason        TEXT NOT NULL,
  recorded_by   BIGINT NOT NULL REFERENCES users(id),
  at            BIGINT NOT NULL
);
CREATE INDEX evaluation_judgements_tender ON evaluation_judgements(tender_id, id);

CREATE TABLE proof_invitations (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id  BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id  BIGINT NOT NULL REFERENCES users(id),
  at         BIGINT NOT NULL,
  place      TEXT NOT NULL,
  notes      TEXT NOT NULL,
  invited_by BIGINT NOT NULL REFERENCES users(id),
  invited_at BIGINT NOT NULL
);
CREATE INDEX proof_invitations_tender ON proof_invitations(tender_id, id);

CREATE TABLE proof_results (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id   BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id   BIGINT NOT NULL REFERENCES users(id),
  passed      INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  at          BIGINT NOT NULL
);
CREATE INDEX proof_results_tender ON proof_results(tender_id, id);

CREATE TABLE award_decisions (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id        BIGINT NOT NULL REFERENCES tenders(id),
  winner_vendor_id BIGINT REFERENCES users(id),
  price_rupiah     BIGINT NOT NULL,
  failure          TEXT NOT NULL,
  decided_by       BIGINT NOT NULL REFERENCES users(id),
  decided_at       BIGINT NOT NULL,
  minutes_number   TEXT NOT NULL,
  minutes_sha256   TEXT NOT NULL,
  minutes_size     BIGINT NOT NULL
);
CREATE INDEX award_decisions_tender ON award_decisions(tender_id, id);

-- Stage outcomes as words: menunggu, lulus, gugur, tidak_dievaluasi.
-- Prices in rupiah and scores in hundredths of a point; NULL: none.
CREATE TABLE award_results (
  decision_id            BIGINT NOT NULL REFERENCES award_decisions(id),
  position               INTEGER NOT NULL,
  vendor_id              BIGINT NOT NULL REFERENCES users(id),
  company_name           TEXT NOT NULL,
  administration         TEXT NOT NULL,
  technical              TEXT NOT NULL,
  price                  TEXT NOT NULL,
  qualification          TEXT NOT NULL,
  proof                  TEXT NOT NULL,
  fail_reason            TEXT NOT NULL,
  stated_price_rupiah    BIGINT,
  corrected_price_rupiah BIGINT,
  evaluated_price_rupiah BIGINT,
  technical_score        BIGINT,
  price_score            BIGINT,
  total_score            BIGINT,
  below_80_percent_hps   INTEGER NOT NULL,
  rank                   INTEGER NOT NULL,
  tie_break              TEXT NOT NULL,
  winner                 INTEGER NOT NULL,
  reserve                INTEGER NOT NULL,
  PRIMARY KEY (decision_id, position)
);

CREATE TABLE award_announcements (
  decision_id  BIGINT PRIMARY KEY REFERENCES award_decisions(id),
  announced_at BIGINT NOT NULL,
  announced_by BIGINT NOT NULL REFERENCES users(id)
);

CREATE TABLE award_revocations (
  decision_id BIGINT PRIMARY KEY REFERENCES award_decisions(id),
  revoked_at  BIGINT NOT NULL,
  revoked_by  BIGINT NOT NULL REFERENCES users(id),
  reason      TEXT NOT NULL
);

CREATE FUNCTION evaluation_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER evaluation_judgements_no_update BEFORE UPDATE OR DELETE ON evaluation_judgements
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER evaluation_judgements_no_truncate BEFORE TRUNCATE ON evaluation_judgements
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER proof_invitations_no_update BEFORE UPDATE OR DELETE ON proof_invitations
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER proof_invitations_no_truncate BEFORE TRUNCATE ON proof_invitations
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER proof_results_no_update BEFORE UPDATE OR DELETE ON proof_results
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER proof_results_no_truncate BEFORE TRUNCATE ON proof_results
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_decisions_no_update BEFORE UPDATE OR DELETE ON award_decisions
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_decisions_no_truncate BEFORE TRUNCATE ON award_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_results_no_update BEFORE UPDATE OR DELETE ON award_results
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_results_no_truncate BEFORE TRUNCATE ON award_results
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_announcements_no_update BEFORE UPDATE OR DELETE ON award_announcements
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_announcements_no_truncate BEFORE TRUNCATE ON award_announcements
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_revocations_no_update BEFORE UPDATE OR DELETE ON award_revocations
  FOR EACH ROW EXECUTE FUNCTION evaluation_append_only();
CREATE TRIGGER award_revocations_no_truncate BEFORE TRUNCATE ON award_revocations
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_append_only();
