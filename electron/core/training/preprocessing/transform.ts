import type { Table } from '../../datasets/loadTable.js';
import { isMissing, parseNumber } from '../../datasets/missing.js';
import { UserError } from '../../userError.js';
import { parseDays } from './fitPreprocess.js';
import { widthOf, type PreprocessSpec } from './preprocessSpec.js';

/** The model's input width for a spec. */
export const inputWidth = (spec: PreprocessSpec): number =>
  spec.steps.reduce((w, s) => w + widthOf(s), 0);

/**
 * Applies a fitted spec to `rows` of `table`: row-major float32, one row per table row. Values the
 * spec never saw (a new category) go to the "other" column; unparseable numbers are imputed.
 */
export function transformRows(
  spec: PreprocessSpec,
  table: Table,
  rows: readonly number[],
  fileName = 'the data',
): Float32Array {
  const width = inputWidth(spec);
  const out = new Float32Array(rows.length * width);
  let offset = 0;
  for (const step of spec.steps) {
    const c = table.header.indexOf(step.name);
    if (c < 0)
      throw new UserError(`${fileName} has no column "${step.name}", which the model needs`);
    if (step.kind === 'categorical') {
      const index = new Map(step.categories.map((v, i) => [v, i]));
      const other = step.categories.length;
      rows.forEach((r, i) => {
        const cell = table.rows[r]![c] ?? '';
        const value = isMissing(cell) ? step.fill : cell.trim();
        out[i * width + offset + (index.get(value) ?? other)] = 1;
      });
    } else {
      const parse = step.kind === 'numeric' ? parseNumber : parseDays;
      rows.forEach((r, i) => {
        const v = parse(table.rows[r]![c] ?? '');
        out[i * width + offset] = ((Number.isNaN(v) ? step.fill : v) - step.mean) / step.std;
      });
    }
    offset += widthOf(step);
  }
  return out;
}
