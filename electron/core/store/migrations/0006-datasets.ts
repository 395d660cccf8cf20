/**
 * Dataset versions: each version links to its parent (the previous version of the same name),
 * keeps the import options that shaped it (type overrides, delimiter, header), its profile, and
 * the path of the original file; `storage_path` becomes the columnar cache training and drift read.
 */
export default `
ALTER TABLE datasets ADD COLUMN parent_id INTEGER REFERENCES datasets (id);
ALTER TABLE datasets ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
ALTER TABLE datasets ADD COLUMN profile TEXT;
ALTER TABLE datasets ADD COLUMN original_path TEXT;
CREATE INDEX datasets_by_name ON datasets (name, version);
`;
