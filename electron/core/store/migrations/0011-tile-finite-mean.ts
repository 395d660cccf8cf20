/**
 * A tile's line is the mean of its finite values: a tile holding both +∞ and −∞ had a sum of NaN,
 * which SQLite stores as NULL, so writing it broke the NOT NULL column and the chart with it.
 * `finite` counts the values `sum_value` adds up; the envelope (`lo`, `hi`) keeps the infinities.
 * The tiles are a cache of `metrics`: dropped here and rebuilt when a series is next charted.
 */
export default `
DROP TABLE metric_tiles;
DELETE FROM metric_tile_state;
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
  finite INTEGER NOT NULL,
  PRIMARY KEY (run_id, key_id, level, tile)
) STRICT, WITHOUT ROWID;
`;
