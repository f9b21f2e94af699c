-- The second factor (TOTP, RFC 6238). The shared secret is stored sealed
-- (crypto_secretbox under a key derived from the server secret); recovery
-- codes only as hashes; a sign-in waiting for its code only by the SHA-256
-- of the browser's token.
CREATE TABLE totp_credentials (
  user_id       BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  last_step     BIGINT NOT NULL,
  enabled_at    BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash  TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  used_at    BIGINT,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE login_challenges (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  client_addr TEXT NOT NULL,
  user_agent  TEXT NOT NULL
);
CREATE INDEX login_challenges_expiry ON login_challenges(expires_at);
CREATE INDEX login_challenges_user ON login_challenges(user_id);
