-- Planning (Pasal 4(1)a-b): the Rencana Umum Pengadaan items PA/KPA publish,
-- the packages PPK make from them, the packages' HPS lines, and their
-- documents (every upload a new version; earlier versions stay). Money is
-- in sen, HPS quantities in hundredths.
CREATE TABLE rup_items (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  code            TEXT UNIQUE,
  agency_id       BIGINT NOT NULL REFERENCES agencies(id),
  name            TEXT NOT NULL,
  fiscal_year     INTEGER NOT NULL,
  pagu_sen        BIGINT NOT NULL CHECK (pagu_sen > 0),
  funding         TEXT NOT NULL,
  procurement_type TEXT NOT NULL,
  method          TEXT NOT NULL,
  selection_from  INTEGER NOT NULL,
  selection_to    INTEGER NOT NULL,
  work_from       INTEGER NOT NULL,
  work_to         INTEGER NOT NULL,
  location        TEXT NOT NULL,
  description     TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'diumumkan', 'dibatalkan')),
  cancel_reason   TEXT NOT NULL DEFAULT '',
  created_by      BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  published_at    BIGINT
);
CREATE INDEX rup_items_agency ON rup_items(agency_id, fiscal_year);
CREATE INDEX rup_items_public ON rup_items(status, fiscal_year);

CREATE TABLE packages (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  code           TEXT UNIQUE,
  agency_id      BIGINT NOT NULL REFERENCES agencies(id),
  ppk_id         BIGINT NOT NULL REFERENCES users(id),
  name           TEXT NOT NULL,
  contract_type  TEXT NOT NULL,
  qualification  TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('draft', 'diserahkan')),
  pokja_group_id BIGINT REFERENCES pokja_groups(id),
  official_id    BIGINT REFERENCES users(id),
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  assigned_at    BIGINT
);
CREATE INDEX packages_agency ON packages(agency_id);
CREATE INDEX packages_pokja ON packages(pokja_group_id);
CREATE INDEX packages_official ON packages(official_id);

-- A RUP item is in at most one package (PKT-02).
CREATE TABLE package_rup_items (
  package_id BIGINT NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
  rup_id     BIGINT NOT NULL UNIQUE REFERENCES rup_items(id),
  PRIMARY KEY (package_id, rup_id)
);

CREATE TABLE hps_lines (
  package_id      BIGINT NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
  line_no         INTEGER NOT NULL,
  description     TEXT NOT NULL,
  unit            TEXT NOT NULL,
  quantity        BIGINT NOT NULL CHECK (quantity > 0),
  unit_price_sen  BIGINT NOT NULL CHECK (unit_price_sen > 0),
  PRIMARY KEY (package_id, line_no)
);

CREATE TABLE package_documents (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  package_id   BIGINT NOT NULL REFERENCES packages(id),
  kind         TEXT NOT NULL CHECK (kind IN ('kak', 'spesifikasi', 'rancangan_kontrak', 'lainnya')),
  version      INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  uploaded_at  BIGINT NOT NULL,
  uploaded_by  BIGINT NOT NULL,
  UNIQUE (package_id, kind, version)
);
CREATE INDEX package_documents_sha256 ON package_documents(sha256);
