import type { ArtifactNode } from '../../../../shared/api/artifactPreview.js';

/** One line of the artifact tree: a file or folder at a depth, or a folder's "loading" or error line. */
export type ArtifactRow =
  | { type: 'node'; node: ArtifactNode; depth: number; expanded: boolean }
  | { type: 'note'; key: string; text: string; depth: number };

export interface FolderState {
  entries?: ArtifactNode[];
  error?: string;
}

/**
 * The visible rows: the root's entries, and under each expanded folder its own entries once
 * listed (a "Loading…" line until then). Only expanded folders are ever listed.
 */
export function artifactRows(
  folders: ReadonlyMap<string, FolderState>,
  expanded: ReadonlySet<string>,
): ArtifactRow[] {
  const rows: ArtifactRow[] = [];
  const walk = (path: string, depth: number) => {
    const folder = folders.get(path);
    if (!folder || (!folder.entries && !folder.error)) {
      rows.push({ type: 'note', key: `${path}/…`, text: 'Loading…', depth });
      return;
    }
    if (folder.error) {
      rows.push({ type: 'note', key: `${path}/!`, text: folder.error, depth });
      return;
    }
    if (folder.entries!.length === 0 && depth > 0)
      rows.push({ type: 'note', key: `${path}/∅`, text: 'Empty folder', depth });
    for (const node of folder.entries!) {
      const open = node.is_dir && expanded.has(node.path);
      rows.push({ type: 'node', node, depth, expanded: open });
      if (open) walk(node.path, depth + 1);
    }
  };
  walk('', 0);
  return rows;
}
