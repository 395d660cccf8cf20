/**
 * A saved view keeps the explorer's grouping too (`group=*&group=-params.seed` in its URL): the
 * values as a JSON array, `[]` for ungrouped, which every view saved before this reads as.
 */
export default `
ALTER TABLE saved_views ADD COLUMN grouping TEXT NOT NULL DEFAULT '[]';
`;
