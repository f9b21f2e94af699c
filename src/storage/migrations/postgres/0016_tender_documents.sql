-- What a tender asks and hands out (issue 4, items 4, 6, 8): its
-- qualification requirements, every version of its documents, the addenda
-- issued after publication, and every download of a document (who, when,
-- from where).
CREATE TABLE tender_requirements (
  tender_id BIGINT NOT NULL REFERENCES tenders(id),
  position  INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('izin_usaha', 'pengalaman', 'kemampuan_keuangan',
                                          'tenaga_ahli', 'peralatan', 'lainnya')),
  text      TEXT NOT NULL,
  PRIMARY KEY (tender_id, position)
);

CREATE TABLE tender_addenda (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id BIGINT NOT NULL REFERENCES tenders(id),
  number    INTEGER NOT NULL,
  issued_at BIGINT NOT NULL,
  issued_by BIGINT NOT NULL REFERENCES users(id),
  reason    TEXT NOT NULL,
  summary   TEXT NOT NULL,
  UNIQUE (tender_id, number)
);

CREATE TABLE tender_documents (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id    BIGINT NOT NULL REFERENCES tenders(id),
  kind         TEXT NOT NULL CHECK (kind IN ('dokumen_pemilihan', 'kak', 'spesifikasi', 'gambar',
                                             'rancangan_kontrak', 'lainnya')),
  version      INTEGER NOT NULL,
  addendum     INTEGER NOT NULL DEFAULT 0,
  sha256       TEXT NOT NULL,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  uploaded_at  BIGINT NOT NULL,
  uploaded_by  BIGINT NOT NULL REFERENCES users(id),
  UNIQUE (tender_id, kind, version)
);
CREATE INDEX tender_documents_sha256 ON tender_documents(sha256);

CREATE TABLE tender_document_downloads (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id     BIGINT NOT NULL REFERENCES tenders(id),
  document_id   BIGINT NOT NULL REFERENCES tender_documents(id),
  user_id       BIGINT NOT NULL REFERENCES users(id),
  downloaded_at BIGINT NOT NULL,
  client_addr   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tender_document_downloads_tender ON tender_document_downloads(tender_id, downloaded_at);
