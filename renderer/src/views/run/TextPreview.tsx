import { useState } from 'react';
import type { ArtifactPreview } from '../../../../shared/api/artifactPreview.js';
import { useClient } from '../../data/connection.js';
import { formatBytes } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

type TextPage = Extract<ArtifactPreview, { kind: 'text' }>;

/** A text file or log, one page at a time: "Load more" asks main for the next page from where this one ended. */
export function TextPreview({
  runId,
  path,
  first,
}: {
  runId: number;
  path: string;
  first: TextPage;
}) {
  const client = useClient();
  const [pages, setPages] = useState<string[]>([first.text]);
  const [next, setNext] = useState<number | null>(first.next);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loadMore = async () => {
    if (next === null) return;
    setBusy(true);
    setError(null);
    try {
      const page = await client.call('artifacts.preview', { runId, path, offset: next });
      if (page.kind !== 'text') throw new Error('the file changed: open it again');
      setPages((old) => [...old, page.text]);
      setNext(page.next);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = next ?? first.size;
  return (
    <div className="artifact-text">
      {first.note && <p className="muted">{first.note}</p>}
      <pre data-testid="artifact-text">{pages.join('')}</pre>
      <p className="muted artifact-text-foot">
        {next === null
          ? `${formatBytes(first.size)}, shown whole`
          : `First ${formatBytes(shown)} of ${formatBytes(first.size)}`}
        {next !== null && (
          <button type="button" className="button" disabled={busy} onClick={() => void loadMore()}>
            Load more
          </button>
        )}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
