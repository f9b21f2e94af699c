-- Invitations to a tender and the prices of reverse auctions (issue 6,
-- item 7). Tender Cepat invites qualified vendors and only they register;
-- a non-tender method that invites (penunjukan langsung) uses the same
-- table. Each auction price is a new row: a vendor's lower price does not
-- replace the earlier one, the lowest counts. Neither table is ever
-- changed or emptied.
CREATE TABLE tender_invitations (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tender_id  BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id  BIGINT NOT NULL REFERENCES users(id),
  invited_by BIGINT NOT NULL REFERENCES users(id),
  invited_at BIGINT NOT NULL,
  UNIQUE (tender_id, vendor_id)
);

CREATE TABLE auction_bids (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  tender_id    BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id    BIGINT NOT NULL REFERENCES users(id),
  price_rupiah BIGINT NOT NULL CHECK (price_rupiah > 0),
  at           BIGINT NOT NULL
);
CREATE INDEX auction_bids_tender ON auction_bids(tender_id, id);

CREATE TRIGGER tender_invitations_no_update BEFORE UPDATE ON tender_invitations
BEGIN SELECT RAISE(ABORT, 'tender_invitations is append-only'); END;
CREATE TRIGGER tender_invitations_no_delete BEFORE DELETE ON tender_invitations
BEGIN SELECT RAISE(ABORT, 'tender_invitations is append-only'); END;
CREATE TRIGGER auction_bids_no_update BEFORE UPDATE ON auction_bids
BEGIN SELECT RAISE(ABORT, 'auction_bids is append-only'); END;
CREATE TRIGGER auction_bids_no_delete BEFORE DELETE ON auction_bids
BEGIN SELECT RAISE(ABORT, 'auction_bids is append-only'); END;
