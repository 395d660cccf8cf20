import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRunTree,
  hasNestedRuns,
  layoutRunTree,
  PARENT_TAG,
  SOURCE_TAG,
  type RunTree,
  type TreeRun,
} from './runTree.js';

/** Run n's uid: n in the last hex digits, so its MLflow run id is easy to write. */
const uidOf = (n: number) => `00000000-0000-0000-0000-${n.toString(16).padStart(12, '0')}`;
const mlflowId = (n: number) => uidOf(n).replaceAll('-', '');
const run = (id: number, tags: Record<string, string> = {}): TreeRun => ({ id, tags });
const childOf = (id: number, parent: number, tags: Record<string, string> = {}) =>
  run(id, { [PARENT_TAG]: mlflowId(parent), ...tags });
const tree = (runs: TreeRun[]) => buildRunTree(runs, (r) => uidOf(r.id));
const open = () => true;
const shut = () => false;
/** Each row as `id@depth`, `*` marking a context row. */
const shape = (
  t: RunTree,
  order: number[],
  isExpanded: (id: number, c: boolean) => boolean = open,
) => layoutRunTree(t, order, isExpanded).map((r) => `${r.id}@${r.depth}${r.context ? '*' : ''}`);

describe('buildRunTree', () => {
  it('finds a parent by its uid, else by the MLflow id it was imported from', () => {
    const runs = [
      run(1),
      childOf(2, 1),
      // Imported: its uid is new, its MLflow id is in the source tag.
      run(3, { [SOURCE_TAG]: 'ABCDEF0123456789abcdef0123456789' }),
      run(4, { [PARENT_TAG]: 'abcdef0123456789abcdef0123456789' }),
    ];
    const t = buildRunTree(runs, (r) => (r.id === 3 ? undefined : uidOf(r.id)));
    expect([...t.parentOf]).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect([...t.childrenOf]).toEqual([
      [1, [2]],
      [3, [4]],
    ]);
  });

  it('prefers the run with the uid over one imported from the same id', () => {
    const runs = [run(1), run(5, { [SOURCE_TAG]: mlflowId(1) }), childOf(2, 1)];
    expect(tree(runs).parentOf.get(2)).toBe(1);
  });

  it('leaves a run whose parent is not here at the top, and does without uids', () => {
    const runs = [childOf(2, 99), run(3, { [PARENT_TAG]: 'not-a-run-id' }), run(4)];
    expect(tree(runs).parentOf.size).toBe(0);
    expect(buildRunTree(runs, () => undefined).parentOf.size).toBe(0);
    expect(hasNestedRuns(runs)).toBe(true);
    expect(hasNestedRuns([run(4)])).toBe(false);
  });

  it('breaks cycles (a run its own parent included) at their smallest run id', () => {
    const self = tree([childOf(1, 1)]);
    expect(self.parentOf.size).toBe(0);
    // 3 → 4 → 5 → 3, with 6 hanging off 5.
    const t = tree([childOf(3, 4), childOf(4, 5), childOf(5, 3), childOf(6, 5)]);
    expect([...t.parentOf].sort()).toEqual([
      [4, 5],
      [5, 3],
      [6, 5],
    ]);
    expect(shape(t, [6, 5, 4, 3])).toEqual(['3@0', '5@1', '6@2', '4@2']);
  });
});

describe('layoutRunTree', () => {
  // 1 ─┬ 2 ── 4
  //    └ 3
  // 5   6 (whose parent 7 is not here)
  const family = tree([run(1), childOf(2, 1), childOf(3, 1), childOf(4, 2), run(5), childOf(6, 7)]);

  it('puts children under their parent, grandchildren a level deeper', () => {
    expect(shape(family, [1, 2, 3, 4, 5, 6])).toEqual(['1@0', '2@1', '4@2', '3@1', '5@0', '6@0']);
    const rows = layoutRunTree(family, [1, 2, 3, 4, 5, 6], open);
    expect(rows[0]).toMatchObject({ id: 1, children: 2, shownChildren: [2, 3], expanded: true });
    expect(rows[1]).toMatchObject({ id: 2, children: 1, shownChildren: [4], expanded: true });
    expect(rows[2]).toMatchObject({ id: 4, children: 0, shownChildren: [], expanded: false });
  });

  it('starts folded: only top-level runs, each parent with its count', () => {
    const rows = layoutRunTree(family, [1, 2, 3, 4, 5, 6], shut);
    expect(rows.map((r) => [r.id, r.children, r.expanded])).toEqual([
      [1, 2, false],
      [5, 0, false],
      [6, 0, false],
    ]);
    const one = (id: number) => id === 1;
    expect(shape(family, [1, 2, 3, 4, 5, 6], one)).toEqual(['1@0', '2@1', '3@1', '5@0', '6@0']);
  });

  it('sorts among siblings: each keeps its place in the sorted order, children stay home', () => {
    // Sorted so that a child comes before its parent, and the parents apart.
    expect(shape(family, [4, 3, 6, 2, 5, 1])).toEqual(['6@0', '5@0', '1@0', '3@1', '2@1', '4@2']);
    // Ties were broken by the sort (by row index): the given order is kept as is.
    const twins = tree([run(1), childOf(2, 1), childOf(3, 1), childOf(4, 1)]);
    expect(shape(twins, [1, 3, 4, 2])).toEqual(['1@0', '3@1', '4@1', '2@1']);
  });

  it('shows the parent of a match as context, where its first match sorts', () => {
    // The query keeps 4 and 5 only: 1 and 2 lead to 4.
    const rows = layoutRunTree(family, [5, 4], (_id, context) => context);
    expect(rows.map((r) => `${r.id}@${r.depth}${r.context ? '*' : ''}`)).toEqual([
      '5@0',
      '1@0*',
      '2@1*',
      '4@2',
    ]);
    expect(rows[1]).toMatchObject({ children: 2, shownChildren: [2] });
    // Folded, a context parent still counts what it holds.
    expect(layoutRunTree(family, [5, 4], shut).map((r) => r.id)).toEqual([5, 1]);
    // A kept parent is not context; its child the query drops is not shown.
    expect(shape(family, [3, 1])).toEqual(['1@0', '3@1']);
    expect(layoutRunTree(family, [3, 1], open)[0]).toMatchObject({
      children: 2,
      shownChildren: [3],
    });
  });

  it('places a kept parent by its own value, not its children’s', () => {
    // 4 sorts first, but its grandparent 1 (kept) sorts after 5.
    expect(shape(family, [4, 5, 1])).toEqual(['5@0', '1@0', '2@1*', '4@2']);
  });

  it('shows flat runs as they come', () => {
    const none = tree([run(1), run(2), run(3)]);
    expect(shape(none, [3, 1, 2])).toEqual(['3@0', '1@0', '2@0']);
    expect(shape(none, [])).toEqual([]);
  });

  it('shows every kept run once, after its parent, whatever the tags and order', () => {
    const arb = fc
      .array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 30 })
      .chain((parents) =>
        fc.record({
          parents: fc.constant(parents),
          order: fc.shuffledSubarray(
            parents.map((_, i) => i + 1),
            { minLength: 0 },
          ),
        }),
      );
    fc.assert(
      fc.property(arb, ({ parents, order }) => {
        // Run i+1's parent tag names run parents[i] (0 or a missing run: none; cycles allowed).
        const runs = parents.map((p, i) => (p ? childOf(i + 1, p) : run(i + 1)));
        const t = tree(runs);
        const rows = layoutRunTree(t, order, open);
        const ids = rows.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(rows.filter((r) => !r.context).map((r) => r.id))).toEqual(new Set(order));
        rows.forEach((r, i) => {
          const parent = t.parentOf.get(r.id);
          if (parent === undefined) return expect(r.depth).toBe(0);
          const at = ids.indexOf(parent);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThan(i);
          expect(r.depth).toBe(rows[at]!.depth + 1);
        });
        // Context rows are there for a kept descendant.
        for (const r of rows) if (r.context) expect(r.shownChildren.length).toBeGreaterThan(0);
      }),
    );
  });
});
