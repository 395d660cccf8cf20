import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useClient } from '../../data/connection.js';
import { formatBytes } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { artifactRows, type FolderState } from './artifactRows.js';

const ROW_HEIGHT = 26;

export const artifactFolderKey = (runId: number, path: string) =>
  ['artifacts', runId, 'folder', path] as const;

/**
 * A run's artifacts as a tree: a folder is listed when it is opened, and only the rows in view
 * are drawn, so a folder of thousands of files scrolls like a short one.
 */
export function ArtifactTree({
  runId,
  selected,
  onSelect,
}: {
  runId: number;
  selected: string | null;
  onSelect: (path: string, isDir: boolean) => void;
}) {
  const client = useClient();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const paths = useMemo(() => ['', ...expanded], [expanded]);
  const listings = useQueries({
    queries: paths.map((path) => ({
      queryKey: artifactFolderKey(runId, path),
      queryFn: () => client.call('artifacts.browse', { runId, path }),
    })),
  });
  const folders = new Map<string, FolderState>(
    paths.map((path, i) => {
      const q = listings[i]!;
      return [
        path,
        { entries: q.data?.entries, error: q.isError ? messageOf(q.error) : undefined },
      ];
    }),
  );
  const rows = artifactRows(folders, expanded);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const toggle = (path: string) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  return (
    <div className="artifact-tree" ref={scrollRef} role="tree" aria-label="Artifacts">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const style = {
            transform: `translateY(${item.start}px)`,
            height: ROW_HEIGHT,
            paddingLeft: 8 + row.depth * 16,
          };
          if (row.type === 'note')
            return (
              <div key={row.key} className="artifact-row muted" style={style} role="none">
                {row.text}
              </div>
            );
          const { node } = row;
          return (
            <div
              key={node.path}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={node.is_dir ? row.expanded : undefined}
              aria-selected={selected === node.path}
              tabIndex={0}
              className={`artifact-row${selected === node.path ? ' selected' : ''}`}
              style={style}
              title={node.path}
              onClick={() => {
                if (node.is_dir) toggle(node.path);
                onSelect(node.path, node.is_dir);
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                if (node.is_dir) toggle(node.path);
                onSelect(node.path, node.is_dir);
              }}
            >
              <span className="artifact-twisty" aria-hidden>
                {node.is_dir ? (row.expanded ? '▾' : '▸') : ''}
              </span>
              <span className="artifact-name">{node.name}</span>
              {!node.is_dir && <span className="artifact-size">{formatBytes(node.size)}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
