-- An LPSE announcement may carry one document (a PDF notice, a picture).
ALTER TABLE announcements ADD COLUMN attachment_sha256 TEXT;
ALTER TABLE announcements ADD COLUMN attachment_name TEXT;
ALTER TABLE announcements ADD COLUMN attachment_type TEXT;
ALTER TABLE announcements ADD COLUMN attachment_size BIGINT;
