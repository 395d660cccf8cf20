import type { JobContext } from '../jobs/jobContext.js';
import { prepareVersion } from './prepareVersion.js';
import type { ImportJob } from './versionOptions.js';

/** Progress at most this often (bytes): often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 4 << 20;

/** The job-process side of an import: read, hash, store, profile; report what main should record. */
export async function runImportJob(job: ImportJob, ctx: JobContext): Promise<void> {
  ctx.send({ type: 'start', backend: 'none' });
  let last = -PROGRESS_EVERY;
  const prepared = await prepareVersion({
    ...job,
    onProgress: (p) => {
      if (p.bytes - last < PROGRESS_EVERY && p.bytes < p.totalBytes) return;
      last = p.bytes;
      ctx.send({ type: 'import-progress', bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows });
    },
    cancelled: ctx.cancelled,
  });
  ctx.send({ type: 'report', report: prepared });
  ctx.send({ type: 'result', metrics: { rows: prepared.rows } });
}
