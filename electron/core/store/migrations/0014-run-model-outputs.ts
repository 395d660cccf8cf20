/**
 * Logged models' metrics (MLflow 3's `log_metric(..., model_id=…)`, and what `mlflow.evaluate`
 * logs for a model): the latest value per key and dataset, NaN kept as NULL.
 *
 * The models a run declares as its outputs, at a step (MLflow 3's `log_outputs`, sent by every
 * `log_model`): `register_model("runs:/<run>/model")` picks the one at the largest step when a
 * run logged several models under one name, and reads the steps from the run's outputs.
 */
export default `
CREATE TABLE run_model_outputs (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  model_id TEXT NOT NULL REFERENCES logged_models (id) ON DELETE CASCADE,
  step INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, model_id)
) STRICT;
CREATE INDEX run_model_outputs_by_model ON run_model_outputs (model_id);
CREATE TABLE logged_model_metrics (
  model_id TEXT NOT NULL REFERENCES logged_models (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  dataset_name TEXT NOT NULL DEFAULT '',
  dataset_digest TEXT NOT NULL DEFAULT '',
  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  value REAL,
  step INTEGER NOT NULL,
  time INTEGER NOT NULL,
  PRIMARY KEY (model_id, key, dataset_name, dataset_digest)
) STRICT;
`;
