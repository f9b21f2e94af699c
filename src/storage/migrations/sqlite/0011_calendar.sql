-- The LPSE's working calendar (issue 4, item 3): the working weekdays and
-- hours Admin Sistem sets (one row; none until first set, when Monday-Friday
-- 08:00-16:00 applies), and the holidays and cuti bersama days, one name per
-- local date. Schedule rules count "hari kerja" and "jam kerja" on them.
CREATE TABLE working_week (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  weekdays  TEXT NOT NULL CHECK (length(weekdays) = 7),  -- Monday..Sunday, '1' working, '0' not
  day_start INTEGER NOT NULL CHECK (day_start >= 0 AND day_start < 1440),
  day_end   INTEGER NOT NULL CHECK (day_end > day_start AND day_end <= 1440)
);

CREATE TABLE holidays (
  holiday_date TEXT PRIMARY KEY,  -- YYYY-MM-DD, the LPSE's local date
  name         TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  created_by   BIGINT NOT NULL
);
