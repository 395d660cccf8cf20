/**
 * Runs from anywhere: a run logged by a script or imported from another tracker has no dataset,
 * model or target, so those columns become nullable (SQLite cannot drop NOT NULL in place: the
 * table is rebuilt, with foreign keys off so the rebuild cascades nothing). `source` says who
 * made a run. Experiments can be deleted and restored and carry tags, as MLflow's do.
 *
 * `metrics` holds one point per run, key and step: what charts, tiles and comparisons read.
 * Trackers keep more — a step logged twice (MLflow without `step=`, a restarted TensorBoard
 * writer) and NaN (SQLite turns NaN into NULL) — so those points go to `metric_extra_points`,
 * in logging order (`id`), and a metric's full history is both tables merged.
 */
export default `
CREATE TABLE runs_new (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (id),
  dataset_id INTEGER REFERENCES datasets (id),
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted')),
  model TEXT,
  task TEXT,
  target TEXT,
  backend TEXT,
  error TEXT,
  owner_pid INTEGER,
  created_at TEXT NOT NULL,
  started_at TEXT,
  ended_at TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  note TEXT NOT NULL DEFAULT '',
  uid TEXT,
  source TEXT NOT NULL DEFAULT 'benchtop' CHECK (source IN ('benchtop', 'script', 'import'))
) STRICT;
INSERT INTO runs_new (id, experiment_id, dataset_id, name, status, model, task, target, backend, error, owner_pid,
  created_at, started_at, ended_at, archived, deleted_at, note, uid)
  SELECT id, experiment_id, dataset_id, name, status, model, task, target, backend, error, owner_pid,
  created_at, started_at, ended_at, archived, deleted_at, note, uid FROM runs;
DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_started ON runs (started_at);
CREATE INDEX runs_by_name ON runs (name);
CREATE UNIQUE INDEX runs_by_uid ON runs (uid);
CREATE INDEX runs_by_experiment ON runs (experiment_id);
CREATE TRIGGER runs_uid_on_insert AFTER INSERT ON runs WHEN NEW.uid IS NULL
BEGIN
  UPDATE runs SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
  WHERE id = NEW.id;
END;

ALTER TABLE experiments ADD COLUMN deleted_at TEXT;
ALTER TABLE experiments ADD COLUMN updated_at TEXT;
UPDATE experiments SET updated_at = created_at;
CREATE TABLE experiment_tags (
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (experiment_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE metric_extra_points (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key_id INTEGER NOT NULL REFERENCES metric_keys (id),
  step INTEGER NOT NULL,
  time REAL NOT NULL,
  value REAL
) STRICT;
CREATE INDEX metric_extra_points_by_run ON metric_extra_points (run_id, key_id, step);

-- MLflow 3's logged models (what log_model makes): files under the run's artifacts/models/<id>/.
CREATE TABLE logged_models (
  id TEXT PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  model_type TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'failed')),
  tags TEXT NOT NULL DEFAULT '{}',
  params TEXT NOT NULL DEFAULT '{}',
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX logged_models_by_run ON logged_models (run_id, name);
`;
