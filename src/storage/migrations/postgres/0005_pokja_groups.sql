-- Pokja Pemilihan: named committees of Pokja members with a chair.
CREATE TABLE pokja_groups (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  agency_id  BIGINT NOT NULL REFERENCES agencies(id),
  chair_id   BIGINT NOT NULL REFERENCES users(id),
  active     BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);

CREATE TABLE pokja_members (
  group_id BIGINT NOT NULL REFERENCES pokja_groups(id) ON DELETE CASCADE,
  user_id  BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX pokja_members_user ON pokja_members(user_id);
