-- Cari Paket and the Beranda lists (issue 4, item 5): what the public search
-- filters on is copied onto each tender when it is stored (from its package
-- and the package's RUP items), so a page is one indexed query; the words it
-- is found by sit in an FTS5 index (lower case, prefix-searchable), one row
-- per listed tender (never a draft) with rowid = tenders.id. The repository
-- rewrites both on every insert and update; this migration fills them for
-- the tenders there are.
ALTER TABLE tenders ADD COLUMN agency_id BIGINT REFERENCES agencies(id);
ALTER TABLE tenders ADD COLUMN satker_id BIGINT REFERENCES agencies(id);
ALTER TABLE tenders ADD COLUMN procurement_type TEXT NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN fiscal_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenders ADD COLUMN package_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN hps_sen BIGINT NOT NULL DEFAULT 0;

UPDATE tenders SET
  agency_id = (SELECT p.agency_id FROM packages p WHERE p.id = tenders.package_id),
  package_name = (SELECT p.name FROM packages p WHERE p.id = tenders.package_id),
  hps_sen = COALESCE((SELECT SUM((h.quantity * h.unit_price_sen + 50) / 100) FROM hps_lines h
                      WHERE h.package_id = tenders.package_id), 0),
  satker_id = (SELECT r.agency_id FROM package_rup_items pr JOIN rup_items r ON r.id = pr.rup_id
               WHERE pr.package_id = tenders.package_id ORDER BY r.id LIMIT 1),
  procurement_type = COALESCE((SELECT r.procurement_type FROM package_rup_items pr
                               JOIN rup_items r ON r.id = pr.rup_id
                               WHERE pr.package_id = tenders.package_id ORDER BY r.id LIMIT 1), ''),
  fiscal_year = COALESCE((SELECT r.fiscal_year FROM package_rup_items pr
                          JOIN rup_items r ON r.id = pr.rup_id
                          WHERE pr.package_id = tenders.package_id ORDER BY r.id LIMIT 1), 0);

-- The public lists never show drafts: partial indexes, each ending in the
-- list's order (newest publication first), so a page is read off an index.
CREATE INDEX tenders_listed ON tenders(published_at, id) WHERE status <> 'draft';
CREATE INDEX tenders_listed_type ON tenders(procurement_type, fiscal_year, published_at, id)
  WHERE status <> 'draft';
CREATE INDEX tenders_listed_year ON tenders(fiscal_year, published_at, id) WHERE status <> 'draft';
CREATE INDEX tenders_listed_agency ON tenders(agency_id, published_at, id) WHERE status <> 'draft';
CREATE INDEX tenders_listed_satker ON tenders(satker_id, published_at, id) WHERE status <> 'draft';
CREATE INDEX tenders_listed_procedure ON tenders(procedure_code, published_at, id)
  WHERE status <> 'draft';
-- The Beranda: the newest running tenders of each category.
CREATE INDEX tenders_running_type ON tenders(procurement_type, published_at, id)
  WHERE status = 'berjalan';
-- Which tenders are in a stage now: starts_at <= now < ends_at.
CREATE INDEX tender_stages_now ON tender_stages(stage, ends_at, starts_at, tender_id);

CREATE VIRTUAL TABLE tender_fts USING fts5(
  body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

INSERT INTO tender_fts (rowid, body)
SELECT t.id, LOWER(COALESCE(t.code, '') || ' ' || p.name || ' ' || a.name || ' ' ||
       COALESCE((SELECT GROUP_CONCAT(s.name || ' ' || r.location || ' ' || r.description, ' ')
                 FROM package_rup_items pr JOIN rup_items r ON r.id = pr.rup_id
                 JOIN agencies s ON s.id = r.agency_id
                 WHERE pr.package_id = p.id), ''))
FROM tenders t JOIN packages p ON p.id = t.package_id JOIN agencies a ON a.id = p.agency_id
WHERE t.status <> 'draft';
