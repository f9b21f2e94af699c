-- Data penyedia, versioned: every edit appends the whole record as a new
-- version (JSON); versions are never changed or removed, so what the data
-- said at any moment can be shown later and a tender can freeze a snapshot.
CREATE TABLE vendor_data_versions (
  vendor_id       BIGINT NOT NULL REFERENCES users(id),
  version         INTEGER NOT NULL,
  created_at      BIGINT NOT NULL,
  created_by      BIGINT NOT NULL,
  created_by_name TEXT NOT NULL,
  summary         TEXT NOT NULL,
  document        TEXT NOT NULL,
  PRIMARY KEY (vendor_id, version)
);
CREATE INDEX vendor_data_versions_time ON vendor_data_versions(vendor_id, created_at);

CREATE FUNCTION vendor_data_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'vendor_data_versions is append-only';
END;
$$;
CREATE TRIGGER vendor_data_versions_no_update BEFORE UPDATE OR DELETE ON vendor_data_versions
  FOR EACH ROW EXECUTE FUNCTION vendor_data_versions_append_only();
CREATE TRIGGER vendor_data_versions_no_truncate BEFORE TRUNCATE ON vendor_data_versions
  FOR EACH STATEMENT EXECUTE FUNCTION vendor_data_versions_append_only();
