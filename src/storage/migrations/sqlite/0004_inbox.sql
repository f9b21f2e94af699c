-- Every user's in-application inbox, and whether they also want notices by mail.
CREATE TABLE inbox_messages (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  read_at    BIGINT
);
CREATE INDEX inbox_user ON inbox_messages(user_id, id);

ALTER TABLE users ADD COLUMN notify_email BIGINT NOT NULL DEFAULT 1;
