/** A random UUID (version 4) in SQL: the stable identity a run keeps across installs. */
const UUID = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
  || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;

/**
 * Experiment export/import: every run gets a uid, so importing the same archive twice adds
 * nothing. SQLite cannot add a UNIQUE column, hence the separate unique index; a trigger gives
 * runs inserted without one (every existing insert) a fresh uid.
 */
export default `
ALTER TABLE runs ADD COLUMN uid TEXT;
UPDATE runs SET uid = ${UUID};
CREATE UNIQUE INDEX runs_by_uid ON runs (uid);
CREATE TRIGGER runs_uid_on_insert AFTER INSERT ON runs WHEN NEW.uid IS NULL
BEGIN
  UPDATE runs SET uid = ${UUID} WHERE id = NEW.id;
END;
`;
