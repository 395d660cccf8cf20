import { useLayoutEffect, useRef, useState } from 'react';
import type { LoggedImage } from '../../../../shared/loggedImages.js';
import { shownPath, type CacheEntry } from './stepImageCache.js';

/**
 * One run's image at the slider's step, drawn on a canvas from a decoded bitmap. Until the
 * step's image is decoded the canvas keeps the last one drawn (never a blank frame); its label,
 * caption and `data-path` always name the image actually on screen.
 */
export function StepImageCell({
  name,
  image,
  entry,
}: {
  name: string;
  image: LoggedImage | null;
  entry: CacheEntry<ImageBitmap> | null | undefined;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const caption = useRef<HTMLSpanElement>(null);
  const [drawn, setDrawn] = useState(false);
  const bitmap = entry?.state === 'ready' ? entry.value : null;

  useLayoutEffect(() => {
    const c = canvas.current;
    if (!c || !image || !bitmap) return;
    if (c.width !== bitmap.width || c.height !== bitmap.height) {
      c.width = bitmap.width;
      c.height = bitmap.height;
    }
    const context = c.getContext('2d');
    context?.clearRect(0, 0, c.width, c.height);
    context?.drawImage(bitmap, 0, 0);
    c.dataset.path = shownPath(image);
    c.setAttribute('aria-label', `${image.key} at step ${image.step}`);
    if (caption.current) caption.current.textContent = `step ${image.step}`;
    setDrawn(true);
  }, [image, bitmap]);

  useLayoutEffect(() => {
    if (!image && caption.current) caption.current.textContent = '—';
  }, [image]);

  const refused = image && entry?.state === 'refused' ? entry.reason : null;
  return (
    <figure className="image-cell">
      <canvas ref={canvas} role="img" hidden={!image || !drawn || refused !== null} />
      {!image ? (
        <div className="image-missing muted">No image yet</div>
      ) : refused !== null ? (
        <div className="image-missing">{refused}</div>
      ) : (
        !drawn && <div className="image-missing muted">Loading…</div>
      )}
      <figcaption>
        <span>{name}</span>
        <span className="muted num" ref={caption} />
      </figcaption>
    </figure>
  );
}
