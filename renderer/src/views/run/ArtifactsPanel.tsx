import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../data/connection.js';
import { ArtifactTree, artifactFolderKey } from './ArtifactTree.js';
import { ArtifactViewer } from './ArtifactViewer.js';
import './artifacts.css';

/** The run page's artifacts: a lazily listed tree beside the selected file's preview. */
export function ArtifactsPanel({ runId }: { runId: number }) {
  const client = useClient();
  const [selected, setSelected] = useState<{ path: string; isDir: boolean } | null>(null);
  // The tree's own root listing (same query): an empty run says so instead of showing a tree.
  const root = useQuery({
    queryKey: artifactFolderKey(runId, ''),
    queryFn: () => client.call('artifacts.browse', { runId, path: '' }),
  });
  return (
    <section className="panel artifacts-panel" aria-labelledby="artifacts-heading">
      <h2 id="artifacts-heading">Artifacts</h2>
      {root.data?.entries.length === 0 ? (
        <p className="muted">This run has no artifacts.</p>
      ) : (
        <div className="artifacts-body">
          <ArtifactTree
            runId={runId}
            selected={selected?.path ?? null}
            onSelect={(path, isDir) => setSelected({ path, isDir })}
          />
          {selected ? (
            <ArtifactViewer
              key={selected.path}
              runId={runId}
              path={selected.path}
              isDir={selected.isDir}
            />
          ) : (
            <p className="muted artifact-hint">Pick a file to preview it.</p>
          )}
        </div>
      )}
    </section>
  );
}
