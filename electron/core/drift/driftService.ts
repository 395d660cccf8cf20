import { z } from 'zod';
import { DriftColumnResult, DriftRequest, type DriftReport } from '../../../shared/api/drift.js';
import type { EventBus } from '../eventBus.js';
import { startJob } from '../jobs/jobProcess.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';

const JobReport = z.object({
  reference_rows: z.number().int(),
  current_rows: z.number().int(),
  columns: z.array(DriftColumnResult),
});

/** Most severe first: drifted columns, then by effect size; skipped columns last. */
function bySeverity(a: DriftColumnResult, b: DriftColumnResult): number {
  return (
    Number(b.drifted) - Number(a.drifted) ||
    Number(b.test !== null) - Number(a.test !== null) ||
    (b.effect_size ?? -1) - (a.effect_size ?? -1)
  );
}

/**
 * Runs a drift check in a job process, stores the report with its history, and returns it.
 * Everything the user can get wrong is checked here first, so a bad request starts no process.
 */
export function createDriftService(
  store: Store,
  events: EventBus,
  getDataset: (id: number) => StoredDataset,
) {
  /** A model's reference data: its champion's training data, else its latest version's. */
  function modelReference(name: string): { datasetId: number; versionId: number } {
    const versions = store.registry.list().filter((v) => v.model === name);
    if (versions.length === 0) throw new UserError(`no model named ${name}`);
    const version = versions.find((v) => v.aliases.includes('champion')) ?? versions.at(-1)!;
    if (version.dataset_id === null)
      throw new UserError(
        `${name} v${version.version}'s training data is not in this data directory`,
      );
    return { datasetId: version.dataset_id, versionId: version.id };
  }

  return {
    async check(raw: DriftRequest): Promise<DriftReport> {
      const request = DriftRequest.parse(raw);
      if (request.model !== undefined && request.referenceId !== undefined)
        throw new UserError('give a reference dataset or a model, not both');
      const forModel = request.model === undefined ? null : modelReference(request.model);
      const reference = getDataset(forModel?.datasetId ?? request.referenceId!);
      const current = getDataset(request.currentId);
      for (const [side, d] of [
        ['reference', reference],
        ['current', current],
      ] as const) {
        if (d.rows === 0)
          throw new UserError(`the ${side} data (${d.name} v${d.version}) has no rows to compare`);
      }
      const { threshold } = request;
      if (threshold !== undefined && threshold >= 1) {
        // "auto" may pick a p-value test, and p-value tests need a threshold below 1.
        const tests = [request.numericTest, request.categoricalTest];
        const pValueTest = tests.find(
          (t) => t === 'auto' || t === 'ks' || t === 'chi2' || t === 'ztest',
        );
        if (pValueTest) {
          throw new UserError(
            `the threshold must be below 1 when ${pValueTest === 'auto' ? 'tests are chosen automatically' : `the ${pValueTest} test is used`} (it is a p-value there), got ${threshold}`,
          );
        }
      }
      const side = (d: StoredDataset) => ({
        path: d.storage_path,
        fileName: d.file_name,
        columns: d.columns.map(({ name, type }) => ({ name, type })),
      });
      let report: unknown;
      const handle = startJob(
        {
          kind: 'drift',
          reference: side(reference),
          current: side(current),
          ...(request.columns ? { columns: request.columns } : {}),
          numericTest: request.numericTest,
          categoricalTest: request.categoricalTest,
          ...(request.threshold !== undefined ? { threshold: request.threshold } : {}),
          driftShare: request.driftShare,
          ...(request.overrides ? { overrides: request.overrides } : {}),
        },
        (message) => {
          if (message.type === 'report') report = message.report;
          if (message.type === 'progress') {
            events.emit({
              type: 'drift.progress',
              jobId: handle.jobId,
              fraction: message.fraction,
              message: message.message,
            });
          }
        },
      );
      const outcome = await handle.done;
      if (outcome.kind === 'error')
        throw outcome.user ? new UserError(outcome.message) : new Error(outcome.message);
      if (outcome.kind === 'crashed') throw new Error(`the drift check failed: ${outcome.message}`);
      if (outcome.kind === 'cancelled') throw new UserError('the drift check was cancelled');
      const parsed = JobReport.parse(report);
      const columns = [...parsed.columns].sort(bySeverity);
      // A column the current data lacks counts as tested and drifted.
      const tested = columns.filter((c) => c.status === 'tested' || c.status === 'missing');
      const drifted = tested.filter((c) => c.drifted).length;
      const share = tested.length ? drifted / tested.length : 0;
      const summary = {
        reference_id: reference.id,
        current_id: current.id,
        model_version_id: forModel?.versionId ?? null,
        reference_rows: parsed.reference_rows,
        current_rows: parsed.current_rows,
        tested_columns: tested.length,
        drifted_columns: drifted,
        drift_share: share,
        drift_share_threshold: request.driftShare,
        dataset_drift: tested.length > 0 && share >= request.driftShare,
        columns,
      };
      const id = store.drift.insert(summary, request);
      return store.drift.get(id)!;
    },
    get(id: number): DriftReport {
      const report = store.drift.get(id);
      if (!report) throw new UserError(`no drift report with id ${id}`);
      return report;
    },
    list: (filter: { referenceId?: number | undefined; model?: string | undefined }) =>
      store.drift.list(filter),
  };
}
