export default `
CREATE TABLE drift_reports (
  id INTEGER PRIMARY KEY,
  reference_id INTEGER NOT NULL REFERENCES datasets (id),
  current_id INTEGER NOT NULL REFERENCES datasets (id),
  model_version_id INTEGER,
  options TEXT NOT NULL,
  reference_rows INTEGER NOT NULL,
  current_rows INTEGER NOT NULL,
  tested_columns INTEGER NOT NULL,
  drifted_columns INTEGER NOT NULL,
  drift_share REAL NOT NULL,
  drift_share_threshold REAL NOT NULL,
  dataset_drift INTEGER NOT NULL CHECK (dataset_drift IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX drift_reports_by_reference ON drift_reports (reference_id, id);
CREATE INDEX drift_reports_by_model_version ON drift_reports (model_version_id, id);

CREATE TABLE drift_columns (
  report_id INTEGER NOT NULL REFERENCES drift_reports (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  result TEXT NOT NULL,
  drifted INTEGER NOT NULL CHECK (drifted IN (0, 1)),
  PRIMARY KEY (report_id, position)
) STRICT, WITHOUT ROWID;
`;
