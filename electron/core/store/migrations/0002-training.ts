/** Training: each run's environment, test-split metrics, artifacts and log, and sweeps of runs. */
export default `
CREATE TABLE run_environments (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  env TEXT NOT NULL
) STRICT;

CREATE TABLE run_evaluations (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  metrics TEXT NOT NULL
) STRICT;

CREATE TABLE run_artifacts (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (run_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE run_logs (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  message TEXT NOT NULL
) STRICT;
CREATE INDEX run_logs_by_run ON run_logs (run_id);

CREATE TABLE sweeps (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  experiment_id INTEGER NOT NULL REFERENCES experiments (id),
  dataset_id INTEGER NOT NULL REFERENCES datasets (id),
  target TEXT NOT NULL,
  model TEXT NOT NULL,
  spec TEXT NOT NULL,
  metric TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled', 'interrupted')),
  best_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  ended_at TEXT
) STRICT;

CREATE TABLE sweep_runs (
  sweep_id INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  trial INTEGER NOT NULL,
  PRIMARY KEY (sweep_id, run_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sweep_runs_by_run ON sweep_runs (run_id);
`;
