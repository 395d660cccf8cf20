/** The syntax tree of a run query (see GRAMMAR.md). Positions are 1-based columns. */

export const RUN_FIELDS = [
  'id',
  'name',
  'status',
  'model',
  'experiment',
  'dataset',
  'started_at',
  'ended_at',
  'created_at',
  'uid',
] as const;
export type RunField = (typeof RUN_FIELDS)[number];

export type Field =
  { kind: 'run'; name: RunField } | { kind: 'params' | 'metrics' | 'tags'; key: string };

export type Value = number | string | boolean;

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';

export type Expr =
  | { type: 'and' | 'or'; left: Expr; right: Expr }
  | { type: 'not'; expr: Expr }
  | { type: 'exists'; field: Field; column: number }
  | { type: 'compare'; field: Field; op: CompareOp; value: Value; column: number }
  | { type: 'in'; field: Field; values: Value[]; column: number };

export const fieldName = (f: Field): string => (f.kind === 'run' ? f.name : `${f.kind}.${f.key}`);
