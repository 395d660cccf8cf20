import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';
import { imageAt, shownPath } from './stepImageCache.js';
import { StepImageCell } from './StepImageCell.js';
import { useStepImageCache } from './useStepImageCache.js';
import './imageCompare.css';

/**
 * Images logged per step, side by side across the compared runs with one step slider. Each run
 * shows its last image at or before the chosen step (the compressed copy when MLflow wrote one).
 * The steps around the slider's are fetched in batches and decoded ahead (stepImageCache.ts), so
 * moving the slider draws from memory; a cell keeps its last image until the next is ready.
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

  const cache = useStepImageCache();
  useEffect(() => {
    if (steps.length > 0) cache.want(byRun, steps, at);
  }, [cache, byRun, steps, at]);

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
      {cache.error != null && <p className="run-error">{messageOf(cache.error)}</p>}
      <div className="image-grid">
        {byRun.map((r) => {
          const image = imageAt(r.images, step);
          return (
            <StepImageCell
              key={r.runId}
              name={names.get(r.runId) ?? `Run ${r.runId}`}
              image={image}
              entry={image && cache.get({ runId: r.runId, path: shownPath(image) })}
            />
          );
        })}
      </div>
    </section>
  );
}
