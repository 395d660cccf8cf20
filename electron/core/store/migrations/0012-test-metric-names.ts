/**
 * One name, one meaning (docs/metrics.md): a trained run's test-split evaluation, kept until now
 * only in `run_evaluations` under the training curves' names (`accuracy`), becomes metrics of its
 * own, `test_accuracy`, `test_f1_macro`, … (cross-validation's `cv_*_mean`/`cv_*_std` keep their
 * names), one point each at the run's final step. `run_evaluations` stays as the job reported it.
 *
 * A registered version whose snapshot was that evaluation (every key is one of its run's
 * evaluation keys) gets the same names; a sweep ranks by `test_<metric>`. A run that already has
 * a metric under the new name keeps its own point.
 */
export default `
CREATE TEMP TABLE test_points AS
  SELECT e.run_id AS run_id,
    CASE WHEN j.key GLOB 'cv_*_mean' OR j.key GLOB 'cv_*_std' THEN j.key ELSE 'test_' || j.key END AS name,
    j.value AS value,
    coalesce((SELECT max(l.step) FROM latest_metrics l WHERE l.run_id = e.run_id), 0) AS step,
    coalesce(
      (SELECT max(m.time) FROM metrics m WHERE m.run_id = e.run_id),
      (julianday(r.ended_at) - 2440587.5) * 86400000.0,
      0
    ) AS time
  FROM run_evaluations e JOIN runs r ON r.id = e.run_id, json_each(e.metrics) j
  WHERE j.type IN ('integer', 'real');

INSERT OR IGNORE INTO metric_keys (name) SELECT DISTINCT name FROM temp.test_points ORDER BY name;

INSERT INTO latest_metrics (run_id, key_id, step, value)
  SELECT t.run_id, k.id, t.step, t.value FROM temp.test_points t JOIN metric_keys k ON k.name = t.name
  WHERE true
  ON CONFLICT (run_id, key_id) DO NOTHING;

INSERT OR IGNORE INTO metrics (run_id, key_id, step, time, value)
  SELECT t.run_id, k.id, t.step, t.time, t.value FROM temp.test_points t JOIN metric_keys k ON k.name = t.name
  WHERE NOT EXISTS (
    SELECT 1 FROM metrics m WHERE m.run_id = t.run_id AND m.key_id = k.id
  );

DROP TABLE temp.test_points;

UPDATE model_versions
  SET source = json_set(source, '$.run.metrics', json((
    SELECT json_group_object(
      CASE WHEN j.key GLOB 'cv_*_mean' OR j.key GLOB 'cv_*_std' THEN j.key ELSE 'test_' || j.key END,
      j.value
    ) FROM json_each(model_versions.source, '$.run.metrics') j
  )))
  WHERE json_valid(source)
    AND json_type(source, '$.run.metrics') = 'object'
    AND run_id IN (SELECT run_id FROM run_evaluations)
    AND NOT EXISTS (
      SELECT 1 FROM json_each(model_versions.source, '$.run.metrics') j
      WHERE j.key NOT IN (
        SELECT k.key FROM run_evaluations e, json_each(e.metrics) k WHERE e.run_id = model_versions.run_id
      )
    );

UPDATE sweeps SET metric = 'test_' || metric WHERE substr(metric, 1, 5) <> 'test_';
`;
