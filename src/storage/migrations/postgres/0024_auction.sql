-- Invitations to a tender and the prices of reverse auctions (issue 6,
-- item 7). Tender Cepat invites qualified vendors and only they register;
-- a non-tender method that invites (penunjukan langsung) uses the same
-- table. Each auction price is a new row: a vendor's lower price does not
-- replace the earlier one, the lowest counts. Neither table is ever
-- changed or emptied.
CREATE TABLE tender_invitations (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id  BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id  BIGINT NOT NULL REFERENCES users(id),
  invited_by BIGINT NOT NULL REFERENCES users(id),
  invited_at BIGINT NOT NULL,
  UNIQUE (tender_id, vendor_id)
);

CREATE TABLE auction_bids (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id    BIGINT NOT NULL REFERENCES tenders(id),
  vendor_id    BIGINT NOT NULL REFERENCES users(id),
  price_rupiah BIGINT NOT NULL CHECK (price_rupiah > 0),
  at           BIGINT NOT NULL
);
CREATE INDEX auction_bids_tender ON auction_bids(tender_id, id);

CREATE FUNCTION auction_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER tender_invitations_no_update BEFORE UPDATE OR DELETE ON tender_invitations
  FOR EACH ROW EXECUTE FUNCTION auction_append_only();
CREATE TRIGGER tender_invitations_no_truncate BEFORE TRUNCATE ON tender_invitations
  FOR EACH STATEMENT EXECUTE FUNCTION auction_append_only();
CREATE TRIGGER auction_bids_no_update BEFORE UPDATE OR DELETE ON auction_bids
  FOR EACH ROW EXECUTE FUNCTION auction_append_only();
CREATE TRIGGER auction_bids_no_truncate BEFORE TRUNCATE ON auction_bids
  FOR EACH STATEMENT EXECUTE FUNCTION auction_append_only();
