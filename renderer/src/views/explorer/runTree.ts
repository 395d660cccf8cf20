import { runIdFromUid } from '../../../../shared/mlflow/wireValues.js';

/** MLflow's nested runs: a child carries its parent's MLflow run id in this tag. */
export const PARENT_TAG = 'mlflow.parentRunId';
/** An imported run that could not keep its uid remembers its MLflow run id here. */
export const SOURCE_TAG = 'benchtop.source_run_id';

export interface TreeRun {
  id: number;
  tags: Readonly<Record<string, string>>;
}

/** Which run is whose child, among a set of runs. */
export interface RunTree {
  /** Each nested run's parent: only parents among the runs, and never a cycle. */
  parentOf: ReadonlyMap<number, number>;
  /** Each parent's children, in the runs' order. */
  childrenOf: ReadonlyMap<number, readonly number[]>;
}

/** One row of the tree as the table shows it. */
export interface TreeRow {
  id: number;
  /** 0 for a top-level run. */
  depth: number;
  /** The children shown under it (those the query keeps, or that lead to a run it keeps). */
  shownChildren: readonly number[];
  /** All its children, whatever the query. */
  children: number;
  expanded: boolean;
  /** Shown only as the parent of a run the query keeps; the query itself does not keep it. */
  context: boolean;
}

const NONE: readonly number[] = [];
const key = (mlflowRunId: string) => mlflowRunId.trim().toLowerCase();

/** Whether any run says it has a parent: without one there is no tree to build. */
export const hasNestedRuns = (runs: readonly TreeRun[]): boolean =>
  runs.some((r) => r.tags[PARENT_TAG] !== undefined);

/**
 * Links each run to its parent: the run whose uid is the parent tag's MLflow run id, else the run
 * that was imported from it (its source tag). A run whose parent is not among `runs` is top-level;
 * a cycle of parent tags (a run its own parent included) is broken at its smallest run id.
 */
export function buildRunTree<T extends TreeRun>(
  runs: readonly T[],
  uidOf: (run: T) => string | undefined,
): RunTree {
  const byUid = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (const r of runs) {
    const uid = uidOf(r);
    if (uid) byUid.set(key(runIdFromUid(uid)), r.id);
    const source = r.tags[SOURCE_TAG];
    if (source !== undefined && !bySource.has(key(source))) bySource.set(key(source), r.id);
  }
  const parentOf = new Map<number, number>();
  for (const r of runs) {
    const tag = r.tags[PARENT_TAG];
    if (tag === undefined) continue;
    const parent = byUid.get(key(tag)) ?? bySource.get(key(tag));
    if (parent !== undefined && parent !== r.id) parentOf.set(r.id, parent);
  }
  breakCycles(parentOf);
  const childrenOf = new Map<number, number[]>();
  for (const r of runs) {
    const parent = parentOf.get(r.id);
    if (parent === undefined) continue;
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(r.id);
    else childrenOf.set(parent, [r.id]);
  }
  return { parentOf, childrenOf };
}

/** Walks each chain of parents once; a chain that comes back on itself loses one link. */
function breakCycles(parentOf: Map<number, number>): void {
  const done = new Set<number>();
  for (const start of [...parentOf.keys()]) {
    const path: number[] = [];
    const onPath = new Set<number>();
    for (let id: number | undefined = start; id !== undefined && !done.has(id);) {
      if (onPath.has(id)) {
        const cycle = path.slice(path.indexOf(id));
        parentOf.delete(Math.min(...cycle));
        break;
      }
      onPath.add(id);
      path.push(id);
      id = parentOf.get(id);
    }
    for (const id of path) done.add(id);
  }
}

/**
 * The rows to show, in tree order. `order` is the runs the query keeps, sorted: siblings keep
 * that order, children follow their parent, and a parent the query does not keep is shown
 * (as `context`) before the first of its descendants it does keep, so a match is never
 * shown without the run it belongs to. Children show only under an expanded parent.
 */
export function layoutRunTree(
  tree: RunTree,
  order: readonly number[],
  isExpanded: (id: number, context: boolean) => boolean,
): TreeRow[] {
  const { parentOf, childrenOf } = tree;
  const nested = (id: number) => parentOf.has(id) || childrenOf.has(id);
  const kept = new Set<number>();
  for (const id of order) if (nested(id)) kept.add(id);
  const placed = new Set<number>();
  const context = new Set<number>();
  const roots: number[] = [];
  const shownChildren = new Map<number, number[]>();
  const place = (id: number) => {
    placed.add(id);
    const parent = parentOf.get(id);
    if (parent === undefined) return void roots.push(id);
    const siblings = shownChildren.get(parent);
    if (siblings) siblings.push(id);
    else shownChildren.set(parent, [id]);
  };
  const chain: number[] = [];
  for (const id of order) {
    if (!nested(id)) {
      roots.push(id);
      continue;
    }
    // The ancestors the query does not keep and nothing placed yet: they come first, top-down.
    chain.length = 0;
    for (let p = parentOf.get(id); p !== undefined && !placed.has(p) && !kept.has(p);) {
      chain.push(p);
      p = parentOf.get(p);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      context.add(chain[i]!);
      place(chain[i]!);
    }
    if (!placed.has(id)) place(id);
  }

  const rows: TreeRow[] = [];
  // Depth-first without recursion: a long chain of nested runs cannot overflow the stack.
  const stack: { id: number; depth: number }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ id: roots[i]!, depth: 0 });
  while (stack.length) {
    const { id, depth } = stack.pop()!;
    const shown = shownChildren.get(id) ?? NONE;
    const isContext = context.has(id);
    const expanded = shown.length > 0 && isExpanded(id, isContext);
    rows.push({
      id,
      depth,
      shownChildren: shown,
      children: childrenOf.get(id)?.length ?? 0,
      expanded,
      context: isContext,
    });
    if (expanded)
      for (let i = shown.length - 1; i >= 0; i--) stack.push({ id: shown[i]!, depth: depth + 1 });
  }
  return rows;
}
