import type { LoggedImage } from '../../../../shared/loggedImages.js';

/** One image of one run, as the batch call names it. */
export interface ImageRef {
  runId: number;
  path: string;
}

/** A run's images of the chosen key, sorted by step. */
export interface RunImages {
  runId: number;
  images: readonly LoggedImage[];
}

/** An image as fetched: its bytes, or the one-line reason it is not shown. */
export type FetchedImage =
  | { kind: 'image'; runId: number; path: string; mime: string; bytes: Uint8Array }
  | { kind: 'refused'; runId: number; path: string; reason: string };

export type CacheEntry<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'refused'; reason: string };

export interface StepImageCacheOptions<T> {
  /** Fetches many images in one request (`artifacts.imageFrames`, split by splitFrames). */
  fetch(items: ImageRef[]): Promise<{ images: FetchedImage[]; rest: number }>;
  /** Decodes an image fully, so showing it later costs only a draw. */
  decode(image: { mime: string; bytes: Uint8Array }): Promise<T>;
  /** Frees a decoded image once it leaves the cache (ImageBitmap.close). */
  release?(value: T): void;
  /** Steps prefetched on each side of the slider's. */
  radius?: number;
  /** Images kept, besides the ones around the slider, for moving back. */
  capacity?: number;
  /** Images asked for in one request. */
  batchSize?: number;
  /** Requests on their way at once. */
  concurrency?: number;
}

export const PREFETCH_RADIUS = 12;
const CAPACITY = 2000;
const BATCH_SIZE = 256;

export const refKey = (r: ImageRef): string => `${r.runId}\n${r.path}`;

/** The file shown for a logged image: MLflow's compressed copy when it wrote one. */
export const shownPath = (image: LoggedImage): string => image.thumb ?? image.path;

/** The last image logged at or before `step` (images sorted by step), by binary search. */
export function imageAt(images: readonly LoggedImage[], step: number): LoggedImage | null {
  let lo = 0;
  let hi = images.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (images[mid]!.step <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : images[lo - 1]!;
}

/**
 * The images the steps around `center` (an index into `steps`) show, the slider's own step
 * first, then outwards (+1, −1, +2, −2…), each image once.
 */
export function imagesAround(
  runs: readonly RunImages[],
  steps: readonly number[],
  center: number,
  radius: number,
): ImageRef[] {
  const out: ImageRef[] = [];
  const seen = new Set<string>();
  const take = (index: number) => {
    if (index < 0 || index >= steps.length) return;
    for (const run of runs) {
      const image = imageAt(run.images, steps[index]!);
      if (!image) continue;
      const ref = { runId: run.runId, path: shownPath(image) };
      const key = refKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  };
  take(center);
  for (let d = 1; d <= radius; d++) {
    take(center + d);
    take(center - d);
  }
  return out;
}

/**
 * Decoded images for the compare view's step slider. `want` names the slider's position; the
 * images of its step and the `radius` steps on each side are fetched in batches (nearest
 * first, one request at a time) and decoded before anyone is told, so a step is shown only
 * when its images can be drawn at once. Images far from the slider are evicted oldest first.
 */
export class StepImageCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();
  private queue: ImageRef[] = [];
  private pinned = new Set<string>();
  /** Requests on their way: two, so the server reads one batch while the page decodes another. */
  private inFlight = 0;
  private readonly listeners = new Set<() => void>();
  private readonly radius: number;
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  /** The first image of the slider's own step in the queue, and how many images that step has. */
  private centerRef: ImageRef | null = null;
  private centerCount = 0;
  /** The last request's failure, shown until a request succeeds. */
  error: unknown = null;

  constructor(private readonly options: StepImageCacheOptions<T>) {
    this.radius = options.radius ?? PREFETCH_RADIUS;
    this.capacity = options.capacity ?? CAPACITY;
    this.batchSize = options.batchSize ?? BATCH_SIZE;
    this.concurrency = options.concurrency ?? 2;
  }

  get(ref: ImageRef): CacheEntry<T> | undefined {
    return this.entries.get(refKey(ref));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Keys in the cache, oldest use first (for tests and the bench). */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The slider is at `steps[center]`: load what it and its neighbours show, nearest first. */
  want(runs: readonly RunImages[], steps: readonly number[], center: number): void {
    const refs = imagesAround(runs, steps, center, this.radius);
    this.pinned = new Set(refs.map(refKey));
    for (const ref of refs) this.touch(refKey(ref));
    this.queue = refs.filter((r) => !this.entries.has(refKey(r)));
    const own = imagesAround(runs, steps, center, 0).filter((r) => !this.entries.has(refKey(r)));
    this.centerRef = own.length > 0 ? this.queue[0]! : null;
    this.centerCount = own.length;
    this.evict();
    void this.pump();
  }

  /** Frees every image and forgets what was queued (the view unmounts); `want` starts again. */
  clear(): void {
    this.queue = [];
    this.pinned = new Set();
    for (const entry of this.entries.values()) this.free(entry);
    this.entries.clear();
  }

  /** Moves a key to the newest end of the map's order (the map is the LRU list). */
  private touch(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private free(entry: CacheEntry<T>): void {
    if (entry.state === 'ready') this.options.release?.(entry.value);
  }

  /** Drops the oldest images outside the slider's window (never one being fetched) past capacity. */
  private evict(): void {
    let over = this.entries.size - Math.max(this.capacity, this.pinned.size);
    if (over <= 0) return;
    for (const [key, entry] of this.entries) {
      if (over <= 0) break;
      if (this.pinned.has(key) || entry.state === 'loading') continue;
      this.free(entry);
      this.entries.delete(key);
      over--;
    }
  }

  private async pump(): Promise<void> {
    if (this.inFlight >= this.concurrency || this.queue.length === 0) return;
    this.inFlight++;
    // The slider's own step alone first, so it shows as soon as it can; then full batches.
    const center = this.queue[0] === this.centerRef ? this.centerCount : this.batchSize;
    const batch = this.queue.splice(0, Math.min(center, this.batchSize));
    for (const ref of batch) this.entries.set(refKey(ref), { state: 'loading' });
    try {
      const reply = this.options.fetch(batch);
      void this.pump();
      const { images } = await reply;
      const decoded = await Promise.all(
        images.map(async (image): Promise<[string, CacheEntry<T>]> => {
          const key = refKey(image);
          if (image.kind === 'refused') return [key, { state: 'refused', reason: image.reason }];
          try {
            return [key, { state: 'ready', value: await this.options.decode(image) }];
          } catch {
            return [key, { state: 'refused', reason: `${image.path} could not be decoded` }];
          }
        }),
      );
      for (const [key, entry] of decoded) {
        // Cleared while it was fetched: nobody wants it any more.
        if (this.entries.get(key)?.state !== 'loading') this.free(entry);
        else this.entries.set(key, entry);
      }
      // What did not fit the batch's byte budget goes back to the front of the queue.
      const answered = new Set(decoded.map(([key]) => key));
      const unanswered = batch.filter((ref) => !answered.has(refKey(ref)));
      for (const ref of unanswered) this.entries.delete(refKey(ref));
      this.queue = [...unanswered.filter((r) => this.pinned.has(refKey(r))), ...this.queue];
      this.error = null;
    } catch (e) {
      for (const ref of batch) this.entries.delete(refKey(ref));
      this.error = e;
      this.queue = []; // the next move of the slider asks again
    } finally {
      this.inFlight--;
    }
    this.evict();
    for (const listener of this.listeners) listener();
    void this.pump();
  }
}
