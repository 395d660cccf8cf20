import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ArtifactPreview } from '../../../../shared/api/artifactPreview.js';
import { useConnection } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';
import { startDownload } from '../../lib/startDownload.js';
import { HtmlPreview } from './HtmlPreview.js';
import { ModelPreview } from './ModelPreview.js';
import { StructuredPreview } from './StructuredPreview.js';
import { TablePreview } from './TablePreview.js';
import { TextPreview } from './TextPreview.js';

/** One selected artifact: its preview, and a download of the file (a folder only previews a model). */
export function ArtifactViewer({
  runId,
  path,
  isDir,
}: {
  runId: number;
  path: string;
  isDir: boolean;
}) {
  const { client } = useConnection();
  const preview = useQuery({
    queryKey: ['artifacts', runId, 'preview', path],
    queryFn: () => client.call('artifacts.preview', { runId, path }),
  });
  return (
    <div className="artifact-viewer" aria-label={`Preview of ${path}`} role="region">
      <div className="artifact-viewer-head">
        <code className="artifact-path">{path}</code>
        {!isDir && <DownloadButton runId={runId} path={path} />}
      </div>
      {preview.isPending && <p className="muted">Loading…</p>}
      {preview.isError && (
        <p className="artifact-refused" role="alert">
          {messageOf(preview.error)}
        </p>
      )}
      {preview.data &&
        (isDir && preview.data.kind === 'unavailable' ? (
          <p className="muted">A folder: its files are listed in the tree.</p>
        ) : (
          <PreviewBody runId={runId} path={path} preview={preview.data} />
        ))}
    </div>
  );
}

function PreviewBody({
  runId,
  path,
  preview,
}: {
  runId: number;
  path: string;
  preview: ArtifactPreview;
}) {
  switch (preview.kind) {
    case 'image':
      return (
        <img
          className="artifact-image"
          alt={path}
          src={`data:${preview.mime};base64,${preview.base64}`}
        />
      );
    case 'text':
      return <TextPreview runId={runId} path={path} first={preview} />;
    case 'structured':
      return <StructuredPreview value={preview.value} format={preview.format} />;
    case 'table':
      return <TablePreview key={path} runId={runId} path={path} table={preview} />;
    case 'html':
      return <HtmlPreview page={preview} />;
    case 'model':
      return <ModelPreview model={preview} />;
    case 'refused':
      return (
        <p className="artifact-refused" role="alert">
          Not shown: {preview.reason}
        </p>
      );
    case 'unavailable':
      return <p className="muted">Preview not available: {preview.reason}</p>;
  }
}

function DownloadButton({ runId, path }: { runId: number; path: string }) {
  const { save, artifactUrl } = useConnection();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    try {
      // Desktop: a save dialog and main copies the file; browser: the server streams it.
      if (save) await save({ kind: 'artifact', runId, path });
      else startDownload(artifactUrl(runId, path), path.split('/').pop() ?? path);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void download()}>
        Download
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
