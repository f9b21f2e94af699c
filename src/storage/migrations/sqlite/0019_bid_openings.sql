-- Opening sealed bids (issue 5, items 6-7): each envelope of a tender opened
-- once (by k members' shares, the key rebuilt in memory only) with its
-- Berita Acara Pembukaan; what opening each file found (the hash of the
-- ciphertext read, the opened file's blob, or the error); the prices read
-- from the price forms; the technical results that let dua file open its
-- price envelopes; and the witnessed second attempts at unopenable files
-- with their Berita Acara Kesaksian (Pasal 23(2)).
CREATE TABLE bid_envelope_openings (
  tender_id      BIGINT NOT NULL REFERENCES tenders(id),
  envelope       TEXT NOT NULL,
  opened_at      BIGINT NOT NULL,
  opened_by      BIGINT NOT NULL REFERENCES users(id),
  holders        TEXT NOT NULL,
  minutes_number TEXT NOT NULL,
  minutes_sha256 TEXT NOT NULL,
  minutes_size   BIGINT NOT NULL,
  PRIMARY KEY (tender_id, envelope)
);

CREATE TABLE bid_file_openings (
  bid_file_id      BIGINT PRIMARY KEY REFERENCES bid_files(id),
  bid_id           BIGINT NOT NULL REFERENCES bids(id),
  opened_at        BIGINT NOT NULL,
  ok               INTEGER NOT NULL,
  received_sha256  TEXT NOT NULL,
  plaintext_sha256 TEXT NOT NULL DEFAULT '',
  plaintext_size   BIGINT NOT NULL DEFAULT 0,
  error            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bid_file_openings_bid ON bid_file_openings(bid_id);

CREATE TABLE bid_prices (
  bid_id       BIGINT PRIMARY KEY REFERENCES bids(id),
  price_rupiah BIGINT NOT NULL,
  notes        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE bid_technical_results (
  bid_id      BIGINT PRIMARY KEY REFERENCES bids(id),
  passed      INTEGER NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at BIGINT NOT NULL
);

CREATE TABLE bid_witness_records (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  tender_id       BIGINT NOT NULL REFERENCES tenders(id),
  bid_file_id     BIGINT NOT NULL REFERENCES bid_files(id),
  recorded_by     BIGINT NOT NULL REFERENCES users(id),
  witness_id      BIGINT NOT NULL REFERENCES users(id),
  at              BIGINT NOT NULL,
  ok              INTEGER NOT NULL,
  declared_sha256 TEXT NOT NULL,
  received_sha256 TEXT NOT NULL,
  error           TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  minutes_number  TEXT NOT NULL,
  minutes_sha256  TEXT NOT NULL,
  minutes_size    BIGINT NOT NULL
);
CREATE INDEX bid_witness_records_tender ON bid_witness_records(tender_id, at);
