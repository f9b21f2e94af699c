-- Cari Paket on PostgreSQL: the words of a listed tender move from the side
-- table tender_fts onto the tender's own row. A search then visits one heap
-- instead of two (tender_fts, then tenders by id), the GIN index combines in
-- one bitmap with the category/year and agency indexes, and a page in list
-- order can check the words on the row it reads from the published_at index
-- and stop after the page. Drafts keep NULL: never listed, never matched.
ALTER TABLE tenders ADD COLUMN search_doc tsvector;
UPDATE tenders t SET search_doc = f.doc FROM tender_fts f WHERE f.tender_id = t.id;
CREATE INDEX tenders_search_doc ON tenders USING GIN (search_doc) WHERE status <> 'draft';
DROP TABLE tender_fts;
-- Running tenders alone (a few percent of them): words with a stage now, or
-- anything else only running tenders answer, read a small index instead of
-- every running tender's row.
CREATE INDEX tenders_search_doc_running ON tenders USING GIN (search_doc) WHERE status = 'berjalan';
