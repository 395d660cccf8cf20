import type { DriftColumnResult } from '../../../shared/api/drift.js';
import { columnReport } from './columnReport.js';
import type { ColumnOverride } from './driftStatistics.js';
import { sortedSampleOf, type NumberSource } from './numberSource.js';

/** A numeric column to test, as plain data: it crosses to a worker thread by structured clone. */
export interface NumericColumnTask {
  name: string;
  reference: NumberSource;
  current: NumberSource;
  override: ColumnOverride;
  note: string | null;
}

/** Reads and sorts both samples once, tests the column, and returns its line of the report. */
export function runNumericColumnTask(task: NumericColumnTask): DriftColumnResult {
  const reference = sortedSampleOf(task.reference);
  const current = sortedSampleOf(task.current);
  return columnReport(
    {
      name: task.name,
      kind: 'numeric',
      reference: reference.sorted,
      current: current.sorted,
      sorted: true,
    },
    task.override,
    { referenceMissing: reference.missing, currentMissing: current.missing, note: task.note },
  );
}

/** How many values a task reads (both samples, missing cells included). */
export function taskValues(task: NumericColumnTask): number {
  const size = (s: NumberSource) => (s.kind === 'cache' ? s.rows : s.values.length);
  return size(task.reference) + size(task.current);
}
