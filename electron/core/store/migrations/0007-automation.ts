/**
 * Continuous training: one policy per registered model, and pipeline runs persisted step by
 * step (so a restart can resume or mark them interrupted). At most one running pipeline per model.
 */
export default `
CREATE TABLE automation_policies (
  id INTEGER PRIMARY KEY,
  model_id INTEGER NOT NULL UNIQUE REFERENCES models (id),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  watch_dir TEXT,
  dataset TEXT,
  every_seconds INTEGER CHECK (every_seconds > 0),
  trigger TEXT NOT NULL CHECK (trigger IN ('drift', 'decay', 'always')),
  metric TEXT,
  margin REAL NOT NULL DEFAULT 0,
  threshold REAL,
  strategy TEXT NOT NULL,
  auto_promote INTEGER NOT NULL DEFAULT 0 CHECK (auto_promote IN (0, 1)),
  paused_reason TEXT,
  last_checked_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE automation_seen_files (
  policy_id INTEGER NOT NULL REFERENCES automation_policies (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (policy_id, path)
) STRICT, WITHOUT ROWID;

CREATE TABLE pipeline_runs (
  id INTEGER PRIMARY KEY,
  model_id INTEGER NOT NULL REFERENCES models (id),
  policy_id INTEGER REFERENCES automation_policies (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'finished', 'failed', 'interrupted')),
  trigger TEXT NOT NULL CHECK (trigger IN ('drift', 'decay', 'always')),
  source TEXT NOT NULL CHECK (source IN ('manual', 'watch', 'schedule')),
  config TEXT NOT NULL,
  data_path TEXT NOT NULL,
  data_hash TEXT NOT NULL,
  dataset_id INTEGER REFERENCES datasets (id),
  champion_version_id INTEGER REFERENCES model_versions (id),
  drift_report_id INTEGER REFERENCES drift_reports (id),
  training_dataset_id INTEGER REFERENCES datasets (id),
  run_id INTEGER REFERENCES runs (id),
  candidate_version_id INTEGER REFERENCES model_versions (id),
  triggered INTEGER CHECK (triggered IN (0, 1)),
  promoted INTEGER NOT NULL DEFAULT 0 CHECK (promoted IN (0, 1)),
  evaluation TEXT,
  reason TEXT NOT NULL DEFAULT '',
  owner_pid INTEGER,
  created_at TEXT NOT NULL,
  ended_at TEXT
) STRICT;
CREATE INDEX pipeline_runs_by_model ON pipeline_runs (model_id, id);
CREATE INDEX pipeline_runs_by_hash ON pipeline_runs (model_id, data_hash);
CREATE UNIQUE INDEX pipeline_runs_one_running ON pipeline_runs (model_id) WHERE status = 'running';

CREATE TABLE pipeline_steps (
  pipeline_id INTEGER NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped', 'interrupted', 'waiting')),
  started_at TEXT,
  ended_at TEXT,
  detail TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (pipeline_id, position)
) STRICT, WITHOUT ROWID;
`;
