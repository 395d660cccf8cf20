export default `
CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE model_versions (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  model_id INTEGER NOT NULL REFERENCES models (id),
  version INTEGER NOT NULL,
  run_id INTEGER REFERENCES runs (id),
  dataset_id INTEGER REFERENCES datasets (id),
  parent_id INTEGER REFERENCES model_versions (id),
  stage TEXT NOT NULL DEFAULT 'none' CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  note TEXT NOT NULL DEFAULT '',
  card TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (model_id, version)
) STRICT;
CREATE INDEX model_versions_by_parent ON model_versions (parent_id);

CREATE TABLE model_aliases (
  model_id INTEGER NOT NULL REFERENCES models (id),
  alias TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES model_versions (id),
  PRIMARY KEY (model_id, alias)
) STRICT, WITHOUT ROWID;

CREATE TABLE registry_history (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES model_versions (id),
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
) STRICT;
CREATE INDEX registry_history_by_version ON registry_history (version_id, id);
`;
