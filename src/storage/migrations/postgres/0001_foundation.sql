-- Foundation: settings, agencies, accounts, sessions, throttling,
-- announcements and the append-only audit trail.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE agencies (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind      TEXT NOT NULL CHECK (kind IN ('skpd', 'satker', 'institusi')),
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  parent_id BIGINT REFERENCES agencies(id),
  address   TEXT NOT NULL DEFAULT '',
  active    BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE users (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,
  full_name            TEXT NOT NULL,
  email                TEXT NOT NULL,
  agency_id            BIGINT REFERENCES agencies(id),
  active               BIGINT NOT NULL DEFAULT 1,
  must_change_password BIGINT NOT NULL DEFAULT 0,
  password_hash        TEXT NOT NULL,
  created_at           BIGINT NOT NULL
);
CREATE INDEX users_agency ON users(agency_id);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role ON user_roles(role);

CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  client_addr  TEXT NOT NULL,
  user_agent   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_throttle (
  key          TEXT PRIMARY KEY,
  failures     BIGINT NOT NULL,
  last_failure BIGINT NOT NULL
);

CREATE TABLE announcements (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('berita', 'pemeliharaan', 'gangguan')),
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  starts_at  BIGINT NOT NULL,
  ends_at    BIGINT,
  author_id  BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX announcements_starts ON announcements(starts_at);

CREATE TABLE audit_log (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          BIGINT NOT NULL,
  actor_id    BIGINT NOT NULL,
  actor_name  TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  summary     TEXT NOT NULL,
  client_addr TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_actor ON audit_log(actor_name, at);
CREATE INDEX audit_object ON audit_log(object_type, object_id);

-- The audit trail is append-only: no change or removal, by anyone.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
