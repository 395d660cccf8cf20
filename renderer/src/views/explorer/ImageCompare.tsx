import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { imageAtStep, type LoggedImage } from '../../../../shared/loggedImages.js';
import { useClient } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';
import './imageCompare.css';

/**
 * Images logged per step, side by side across the compared runs with one step slider. Each run
 * shows its last image at or before the chosen step (the compressed copy when MLflow wrote one).
 */
export function ImageCompare({
  ids,
  names,
}: {
  ids: number[];
  names: ReadonlyMap<number, string>;
}) {
  const client = useClient();
  const listing = useQuery({
    queryKey: ['artifacts', 'images', ids.join(',')],
    queryFn: () => client.call('artifacts.images', { runIds: ids }),
    enabled: ids.length > 0,
  });
  const runs = useMemo(() => listing.data?.runs ?? [], [listing.data]);
  const keys = useMemo(
    () => [...new Set(runs.flatMap((r) => r.images.map((i) => i.key)))].sort(),
    [runs],
  );
  const [chosenKey, setKey] = useState<string | null>(null);
  const key = chosenKey !== null && keys.includes(chosenKey) ? chosenKey : (keys[0] ?? '');
  const byRun = useMemo(
    () =>
      runs
        .map((r) => ({ runId: r.runId, images: r.images.filter((i) => i.key === key) }))
        .filter((r) => r.images.length > 0),
    [runs, key],
  );
  const steps = useMemo(
    () => [...new Set(byRun.flatMap((r) => r.images.map((i) => i.step)))].sort((a, b) => a - b),
    [byRun],
  );
  const [index, setIndex] = useState<number | null>(null);
  const at = Math.min(index ?? steps.length - 1, steps.length - 1);
  const step = steps[at] ?? 0;

  if (listing.isError) return <p className="run-error">{messageOf(listing.error)}</p>;
  if (keys.length === 0) return null;
  return (
    <section className="panel compare-panel image-compare" aria-labelledby="images-heading">
      <div className="panel-head">
        <h2 id="images-heading">Images by step</h2>
        <label className="inline-field">
          <span>Image</span>
          <select aria-label="Image key" value={key} onChange={(e) => setKey(e.target.value)}>
            {keys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="inline-field image-step">
          <span>Step</span>
          <input
            type="range"
            aria-label="Image step"
            min={0}
            max={Math.max(0, steps.length - 1)}
            step={1}
            value={at}
            onChange={(e) => setIndex(Number(e.target.value))}
          />
          <output className="num" aria-label="Shown step">
            {step}
          </output>
        </label>
      </div>
      <div className="image-grid">
        {byRun.map((r) => (
          <figure key={r.runId} className="image-cell">
            <StepImage runId={r.runId} image={imageAtStep(r.images, step)} />
            <figcaption>
              <span>{names.get(r.runId) ?? `Run ${r.runId}`}</span>
              <span className="muted num">
                {imageAtStep(r.images, step) ? `step ${imageAtStep(r.images, step)!.step}` : '—'}
              </span>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

/** One run's image at the chosen step; the previous one stays up while the next loads, so the slider never blanks. */
function StepImage({ runId, image }: { runId: number; image: LoggedImage | null }) {
  const client = useClient();
  const path = image ? (image.thumb ?? image.path) : null;
  const preview = useQuery({
    queryKey: ['artifacts', runId, 'preview', path],
    queryFn: () => client.call('artifacts.preview', { runId, path: path! }),
    enabled: path !== null,
    staleTime: Infinity, // a logged image never changes
    placeholderData: keepPreviousData,
  });
  if (!image) return <div className="image-missing muted">No image yet</div>;
  const data = preview.data;
  if (data?.kind === 'image')
    return (
      <img
        alt={`${image.key} at step ${image.step}`}
        src={`data:${data.mime};base64,${data.base64}`}
      />
    );
  if (data?.kind === 'refused') return <div className="image-missing">{data.reason}</div>;
  return <div className="image-missing muted">Loading…</div>;
}
