/** Run explorer: tags, notes, archive and soft delete, saved views, and indexes for filters. */
export default `
ALTER TABLE runs ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN deleted_at TEXT;
ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT '';

CREATE TABLE tags (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX tags_by_key ON tags (key, value);

CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  query TEXT NOT NULL,
  columns TEXT NOT NULL,
  sort TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Downsampling pyramid (a cache, rebuilt when a series changes): per run and metric, tiles of
-- 4^level steps holding count, min, max and sums, so a chart reads ~maxPoints rows, not every point.
CREATE TABLE metric_tiles (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key_id INTEGER NOT NULL,
  level INTEGER NOT NULL,
  tile INTEGER NOT NULL,
  n INTEGER NOT NULL,
  lo REAL NOT NULL,
  hi REAL NOT NULL,
  sum_step REAL NOT NULL,
  sum_time REAL NOT NULL,
  sum_value REAL NOT NULL,
  PRIMARY KEY (run_id, key_id, level, tile)
) STRICT, WITHOUT ROWID;
CREATE TABLE metric_tile_state (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key_id INTEGER NOT NULL,
  points INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  PRIMARY KEY (run_id, key_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX params_by_key ON params (key, value);
CREATE INDEX latest_metrics_by_key ON latest_metrics (key_id, value);
CREATE INDEX runs_by_started ON runs (started_at);
CREATE INDEX runs_by_name ON runs (name);
`;
