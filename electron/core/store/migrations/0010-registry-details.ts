/**
 * The registry as MLflow clients use it: models carry a description and tags, versions carry
 * tags and the source URI a client registered them from, and both know when they last changed.
 *
 * Deleting keeps the record: a deleted model or version stays as a tombstone (`deleted_at`) so
 * lineage, history, drift reports and pipeline runs that point at it stay whole, and a version
 * number is never handed out twice. A deleted model frees its name, so `models` is rebuilt with
 * the name unique among live models only (foreign keys off, as SQLite documents for a rebuild).
 */
export default `
CREATE TABLE models_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
INSERT INTO models_new (id, name, created_at, updated_at)
  SELECT m.id, m.name, m.created_at,
    max(m.created_at, coalesce((SELECT max(v.created_at) FROM model_versions v WHERE v.model_id = m.id), m.created_at))
  FROM models m;
DROP TABLE models;
ALTER TABLE models_new RENAME TO models;
CREATE UNIQUE INDEX models_by_live_name ON models (name) WHERE deleted_at IS NULL;

ALTER TABLE model_versions ADD COLUMN source_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE model_versions ADD COLUMN updated_at TEXT;
ALTER TABLE model_versions ADD COLUMN deleted_at TEXT;
UPDATE model_versions SET updated_at = created_at;

CREATE TABLE model_tags (
  model_id INTEGER NOT NULL REFERENCES models (id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (model_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE model_version_tags (
  version_id INTEGER NOT NULL REFERENCES model_versions (id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (version_id, key)
) STRICT, WITHOUT ROWID;
`;
