-- Outgoing mail is queued in the transaction of the change that causes it
-- and delivered by a worker with retries; password reset links.
CREATE TABLE mail_outbox (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts        BIGINT NOT NULL DEFAULT 0,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX password_resets_user ON password_resets(user_id);
