import {
  formatQuery,
  type CompareOp,
  type Expr,
  type Field,
  type RunField,
  type Value,
} from '../query/index.js';

/** Builders for Benchtop run query trees (shared/query/ast.ts); columns are meaningless here. */
export const runField = (name: RunField): Field => ({ kind: 'run', name });
export const cmp = (field: Field, op: CompareOp, value: Value): Expr => ({
  type: 'compare',
  field,
  op,
  value,
  column: 0,
});
/** `field = v`, or `field in (…)` for several values. */
export const oneOf = (field: Field, values: Value[]): Expr =>
  values.length === 1 ? cmp(field, '=', values[0]!) : { type: 'in', field, values, column: 0 };
export const not = (expr: Expr): Expr => ({ type: 'not', expr });
export const has = (field: Field): Expr => ({ type: 'exists', field, column: 0 });
export const all = (es: Expr[]): Expr => es.reduce((left, right) => ({ type: 'and', left, right }));
export const any = (es: Expr[]): Expr => es.reduce((left, right) => ({ type: 'or', left, right }));
/** Every run has an id: `id` matches all, `not id` none. */
export const TRUE = has(runField('id'));
export const FALSE = not(TRUE);

/** A field as query text: `params.lr`, `params."val loss"`, `status`. */
export const fieldText = (field: Field): string => formatQuery(has(field));

function valueText(v: Value): string {
  if (typeof v === 'string') return `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  // formatQuery would write Infinity, which the parser reads as a word; 1e999 reads as Infinity.
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v < 0 ? '-' : ''}1e999`;
  return String(v);
}

/** Query text for a tree, parenthesised only where precedence needs (or clarity asks) it. */
export function emit(e: Expr): string {
  const group = (x: Expr, parent: 'and' | 'or' | 'not'): string =>
    (x.type === 'or' || x.type === 'and') && x.type !== parent ? `(${emit(x)})` : emit(x);
  switch (e.type) {
    case 'and':
    case 'or':
      return `${group(e.left, e.type)} ${e.type} ${group(e.right, e.type)}`;
    case 'not':
      return `not ${group(e.expr, 'not')}`;
    case 'exists':
      return fieldText(e.field);
    case 'compare':
      return `${fieldText(e.field)} ${e.op} ${valueText(e.value)}`;
    case 'in':
      return `${fieldText(e.field)} in (${e.values.map(valueText).join(', ')})`;
  }
}
