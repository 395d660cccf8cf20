import { fieldName, type Expr, type Field, type Value } from './ast.js';

const formatValue = (v: Value): string =>
  typeof v === 'string' ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : String(v);

const formatField = (f: Field): string =>
  f.kind === 'run' || /^[A-Za-z_][A-Za-z0-9_\-/]*$/.test(f.key)
    ? fieldName(f)
    : `${f.kind}.${formatValue(f.key)}`;

/** Prints a query back as text that parses to the same tree (fully parenthesised). */
export function formatQuery(e: Expr): string {
  switch (e.type) {
    case 'and':
    case 'or':
      return `(${formatQuery(e.left)} ${e.type} ${formatQuery(e.right)})`;
    case 'not':
      return `not ${formatQuery(e.expr)}`;
    case 'exists':
      return formatField(e.field);
    case 'compare':
      return `${formatField(e.field)} ${e.op} ${formatValue(e.value)}`;
    case 'in':
      return `${formatField(e.field)} in (${e.values.map(formatValue).join(', ')})`;
  }
}
