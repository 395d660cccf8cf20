import {
  DriftColumnResult,
  type DriftReport,
  type DriftSummary,
} from '../../../shared/api/drift.js';
import type { Db } from './db.js';

interface SummaryRow extends Omit<DriftSummary, 'dataset_drift' | 'statistics'> {
  dataset_drift: number;
}
// model_versions comes with the registry's migration; a drift report's model link is optional.
const SELECT = `SELECT r.id, r.reference_id, r.current_id, d.name AS reference_name, m.name AS model, r.model_version_id,
  r.reference_rows, r.current_rows, r.tested_columns, r.drifted_columns, r.drift_share, r.drift_share_threshold,
  r.dataset_drift, r.created_at
  FROM drift_reports r JOIN datasets d ON d.id = r.reference_id
  LEFT JOIN model_versions v ON v.id = r.model_version_id LEFT JOIN models m ON m.id = v.model_id`;

/** Drift reports: a summary row per check and each column's result as JSON. */
export function createDriftRepo(db: Db) {
  const insertReport = db.prepare(
    `INSERT INTO drift_reports (reference_id, current_id, model_version_id, options, reference_rows, current_rows, tested_columns,
       drifted_columns, drift_share, drift_share_threshold, dataset_drift, created_at)
     VALUES (@reference_id, @current_id, @model_version_id, @options, @reference_rows, @current_rows, @tested_columns,
       @drifted_columns, @drift_share, @drift_share_threshold, @dataset_drift, @created_at)`,
  );
  const insertColumn = db.prepare<[number, number, string, number]>(
    'INSERT INTO drift_columns (report_id, position, result, drifted) VALUES (?, ?, ?, ?)',
  );
  const byId = db.prepare<[number], SummaryRow>(`${SELECT} WHERE r.id = ?`);
  const columnsOf = db.prepare<[number], { result: string }>(
    'SELECT result FROM drift_columns WHERE report_id = ? ORDER BY position',
  );
  const all = db.prepare<[], SummaryRow>(`${SELECT} ORDER BY r.id DESC`);
  const byReferenceName = db.prepare<[number], SummaryRow>(
    `${SELECT} WHERE d.name = (SELECT name FROM datasets WHERE id = ?) ORDER BY r.id DESC`,
  );
  const byModel = db.prepare<[string], SummaryRow>(`${SELECT} WHERE m.name = ? ORDER BY r.id DESC`);
  const statisticsOf = (id: number): Record<string, number | null> =>
    Object.fromEntries(
      columnsOf
        .all(id)
        .map((c) => DriftColumnResult.parse(JSON.parse(c.result)))
        .filter((c) => c.status === 'tested')
        .map((c) => [c.column, c.statistic]),
    );
  const toSummary = (row: SummaryRow): DriftSummary => ({
    ...row,
    dataset_drift: row.dataset_drift === 1,
    statistics: statisticsOf(row.id),
  });

  return {
    insert(
      report: Omit<DriftReport, 'id' | 'reference_name' | 'model' | 'created_at' | 'statistics'>,
      options: unknown,
    ): number {
      return db.transaction(() => {
        const id = Number(
          insertReport.run({
            ...report,
            options: JSON.stringify(options),
            dataset_drift: report.dataset_drift ? 1 : 0,
            created_at: new Date().toISOString(),
          }).lastInsertRowid,
        );
        report.columns.forEach((c, i) =>
          insertColumn.run(id, i, JSON.stringify(c), c.drifted ? 1 : 0),
        );
        return id;
      })();
    },
    get(id: number): DriftReport | undefined {
      const row = byId.get(id);
      if (!row) return undefined;
      return {
        ...toSummary(row),
        columns: columnsOf.all(id).map((c) => DriftColumnResult.parse(JSON.parse(c.result))),
      };
    },
    list(
      filter: { referenceId?: number | undefined; model?: string | undefined } = {},
    ): DriftSummary[] {
      if (filter.model !== undefined) return byModel.all(filter.model).map(toSummary);
      return (
        filter.referenceId === undefined ? all.all() : byReferenceName.all(filter.referenceId)
      ).map(toSummary);
    },
  };
}
export type DriftRepo = ReturnType<typeof createDriftRepo>;
