-- Sealed bids (issue 5): each Pokja member's personal key (the secret half
-- only as the member's browser wrapped it under a passphrase the server
-- never sees), each tender's public key with its private key's shares
-- sealed to the members (one key per envelope: dua file opens its two
-- envelopes separately), the bids with their sealed files (ciphertext only:
-- sizes and hashes, the blob once every byte is in), and the closing of a
-- tender for bids at its deadline, recorded once.
CREATE TABLE member_keys (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id        BIGINT NOT NULL REFERENCES users(id),
  public_key     TEXT NOT NULL,
  wrapped_secret TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  retired_at     BIGINT
);
CREATE UNIQUE INDEX member_keys_current ON member_keys(user_id) WHERE retired_at IS NULL;

CREATE TABLE tender_keys (
  tender_id  BIGINT NOT NULL REFERENCES tenders(id),
  envelope   TEXT NOT NULL,
  public_key TEXT NOT NULL,
  threshold  INTEGER NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (tender_id, envelope)
);

CREATE TABLE tender_key_shares (
  tender_id     BIGINT NOT NULL REFERENCES tenders(id),
  envelope      TEXT NOT NULL,
  user_id       BIGINT NOT NULL REFERENCES users(id),
  member_key_id BIGINT NOT NULL REFERENCES member_keys(id),
  x             INTEGER NOT NULL,
  sealed_share  TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope, user_id),
  UNIQUE (tender_id, envelope, x)
);

CREATE TABLE bids (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id         BIGINT NOT NULL REFERENCES tenders(id),
  vendor_user_id    BIGINT NOT NULL REFERENCES users(id),
  envelope          TEXT NOT NULL,
  status            TEXT NOT NULL,
  created_at        BIGINT NOT NULL,
  submitted_at      BIGINT,
  ended_at          BIGINT,
  refused_reason    TEXT NOT NULL DEFAULT '',
  receipt           TEXT NOT NULL DEFAULT '',
  receipt_signature TEXT NOT NULL DEFAULT '',
  client_addr       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bids_tender ON bids(tender_id, vendor_user_id, envelope);

CREATE TABLE bid_files (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bid_id          BIGINT NOT NULL REFERENCES bids(id),
  position        INTEGER NOT NULL,
  upload_id       TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  price_form      INTEGER NOT NULL DEFAULT 0,
  declared_size   BIGINT NOT NULL,
  declared_sha256 TEXT NOT NULL,
  blob_sha256     TEXT NOT NULL DEFAULT '',
  completed_at    BIGINT,
  UNIQUE (bid_id, position)
);

CREATE TABLE tender_bid_closings (
  tender_id BIGINT PRIMARY KEY REFERENCES tenders(id),
  closed_at BIGINT NOT NULL,
  bids      INTEGER NOT NULL,
  digest    TEXT NOT NULL
);
