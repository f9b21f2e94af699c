-- The opened price form is kept as the vendor sealed it, with its priced
-- bill of quantities (harga satuan), for the evaluation's arithmetic check.
ALTER TABLE bid_prices ADD COLUMN form_json TEXT NOT NULL DEFAULT '';
