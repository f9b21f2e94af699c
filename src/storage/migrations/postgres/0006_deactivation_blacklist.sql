-- Pasal 9(4): why the Verifikator deactivated a User ID, and the Daftar Hitam.
ALTER TABLE users ADD COLUMN deactivation_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE blacklist (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id),
  vendor_name TEXT NOT NULL,
  sk_number   TEXT NOT NULL,
  violation   TEXT NOT NULL,
  starts_at   BIGINT NOT NULL,
  ends_at     BIGINT,
  created_by  BIGINT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX blacklist_user ON blacklist(user_id);
CREATE INDEX blacklist_period ON blacklist(starts_at, ends_at);
