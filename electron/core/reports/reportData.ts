import type { Input, Method, Output } from '../../../shared/api.js';
import type { Dataset } from '../../../shared/domain.js';
import type { ExplorerRun } from '../../../shared/api/runRecords.js';
import { UserError } from '../userError.js';
import type { DriftReportData } from './driftReport.js';
import type { ModelReportData } from './modelReport.js';
import type { Provenance } from './provenance.js';
import type { RunsReportData } from './runReports.js';

/** The core's typed call: reports read through the same contract as every other client. */
export type Caller = <M extends Method>(method: M, input: Input<M>) => Promise<Output<M>>;

export interface Stamp {
  appVersion: string;
  exportedAt: string;
}

/** Gathers what reports show, through the contract (so unknown ids fail as they do elsewhere). */
export function createReportData(call: Caller, stamp: () => Stamp) {
  const datasetsById = async () => new Map((await call('datasets.list', {})).map((d) => [d.id, d]));
  const provenance = (
    datasets: Map<number, Dataset>,
    used: Iterable<number | null>,
    ids: Partial<Provenance>,
  ): Provenance => ({
    ...stamp(),
    runIds: ids.runIds ?? [],
    versionIds: ids.versionIds ?? [],
    driftIds: ids.driftIds ?? [],
    datasets: [...new Set(used)].flatMap((id) => {
      const d = id === null ? undefined : datasets.get(id);
      return d ? [{ id: d.id, name: d.name, version: d.version, hash: d.hash }] : [];
    }),
  });

  async function runsTable(ids: number[]): Promise<ExplorerRun[]> {
    const byId = new Map((await call('runs.table', { ids })).map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) throw new UserError(`no run with id ${missing.join(', ')}`);
    return ids.map((id) => byId.get(id)!);
  }

  return {
    datasetsById,
    provenance,
    runsTable,

    async runs(ids: number[]): Promise<RunsReportData> {
      const unique = [...new Set(ids)];
      const runs = await runsTable(unique);
      const comparison = await call('runs.compare', { ids: unique });
      const series: RunsReportData['series'] = {};
      const evaluations: RunsReportData['evaluations'] = {};
      for (const id of unique) {
        series[id] = await call('runs.metrics', { id });
        evaluations[id] = (await call('runs.details', { id })).evaluation_details;
      }
      return {
        runs,
        comparison,
        series,
        evaluations,
        provenance: provenance(
          await datasetsById(),
          runs.map((r) => r.dataset_id),
          { runIds: unique },
        ),
      };
    },

    async drift(id: number): Promise<DriftReportData> {
      const report = await call('drift.get', { id });
      const ids = {
        driftIds: [id],
        versionIds: report.model_version_id === null ? [] : [report.model_version_id],
      };
      return {
        report,
        provenance: provenance(await datasetsById(), [report.reference_id, report.current_id], ids),
      };
    },

    async model(name: string, version?: number): Promise<ModelReportData> {
      const model = (await call('registry.models', {})).find((m) => m.name === name);
      if (!model) throw new UserError(`no model named ${name}`);
      const versions = [...model.versions].sort((a, b) => a.version - b.version);
      const chosen =
        version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
      if (!chosen) throw new UserError(`model ${name} has no version ${version}`);
      const detail = await call('registry.version', { id: chosen.id });
      const used = [detail.dataset?.id ?? null];
      const runIds = detail.run_id === null ? [] : [detail.run_id];
      const p = provenance(await datasetsById(), used, { runIds, versionIds: [detail.id] });
      // An imported version keeps its dataset's hash even when the dataset is not in this install.
      if (!p.datasets.length && detail.dataset)
        p.datasets.push({
          id: detail.dataset.id ?? 0,
          name: detail.dataset.name,
          version: detail.dataset.version,
          hash: detail.dataset.hash,
        });
      return { detail, versions, provenance: p };
    },
  };
}
