-- Registration and verification of users (Pasal 9(2-3), 21): each account's
-- verification status (existing accounts are verified), the emailed
-- confirmation links, vendors' registered identities, and the documents
-- applicants upload (history kept: a re-upload supersedes, never overwrites).
ALTER TABLE users ADD COLUMN verification_status TEXT NOT NULL DEFAULT 'verified'
  CHECK (verification_status IN ('verified', 'draft', 'submitted', 'rejected'));
ALTER TABLE users ADD COLUMN rejection_note TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN submitted_at BIGINT;
ALTER TABLE users ADD COLUMN decided_at BIGINT;
ALTER TABLE users ADD COLUMN decided_by BIGINT;
CREATE INDEX users_verification ON users(verification_status, submitted_at);

CREATE TABLE registration_requests (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);

CREATE TABLE vendors (
  user_id              BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  company_name         TEXT NOT NULL,
  business_form        TEXT NOT NULL,
  npwp                 TEXT NOT NULL UNIQUE,
  address              TEXT NOT NULL,
  regency              TEXT NOT NULL,
  province             TEXT NOT NULL,
  phone                TEXT NOT NULL,
  company_email        TEXT NOT NULL,
  responsible_name     TEXT NOT NULL,
  responsible_position TEXT NOT NULL,
  responsible_nik      TEXT NOT NULL,
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);

CREATE TABLE account_documents (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('ktp', 'akta_pendirian', 'akta_perubahan', 'npwp',
                                              'izin_usaha', 'surat_tugas')),
  licence_type  TEXT NOT NULL DEFAULT '',
  sha256        TEXT NOT NULL,
  filename      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          BIGINT NOT NULL,
  uploaded_at   BIGINT NOT NULL,
  uploaded_by   BIGINT NOT NULL,
  original_seen BIGINT NOT NULL DEFAULT 0,
  superseded_by BIGINT
);
CREATE INDEX account_documents_user ON account_documents(user_id, kind);
CREATE INDEX account_documents_sha256 ON account_documents(sha256);
