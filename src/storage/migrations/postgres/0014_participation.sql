-- Taking part in a tender (issue 4, items 6-7): the vendors that joined by
-- accepting the Pakta Integritas (the hash of the exact text they accepted
-- is kept), the questions and answers of the Pemberian Penjelasan (who
-- asked is kept for the audit, never shown), and the Berita Acara the Pokja
-- issued (its PDF fixed as a blob once issued).
CREATE TABLE tender_participants (
  tender_id      BIGINT NOT NULL REFERENCES tenders(id),
  vendor_user_id BIGINT NOT NULL REFERENCES users(id),
  joined_at      BIGINT NOT NULL,
  pact_sha256    TEXT NOT NULL,
  client_addr    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (tender_id, vendor_user_id)
);
CREATE INDEX tender_participants_vendor ON tender_participants(vendor_user_id, joined_at);

CREATE TABLE tender_questions (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id   BIGINT NOT NULL REFERENCES tenders(id),
  stage       TEXT NOT NULL,
  asked_by    BIGINT NOT NULL REFERENCES users(id),
  asked_at    BIGINT NOT NULL,
  question    TEXT NOT NULL,
  answer      TEXT NOT NULL DEFAULT '',
  answered_by BIGINT REFERENCES users(id),
  answered_at BIGINT
);
CREATE INDEX tender_questions_tender ON tender_questions(tender_id, asked_at);

CREATE TABLE tender_minutes (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id   BIGINT NOT NULL REFERENCES tenders(id),
  kind        TEXT NOT NULL,
  stage       TEXT NOT NULL,
  number      TEXT NOT NULL,
  issued_at   BIGINT NOT NULL,
  issued_by   BIGINT NOT NULL REFERENCES users(id),
  blob_sha256 TEXT NOT NULL,
  size        BIGINT NOT NULL,
  UNIQUE (tender_id, kind, stage)
);
