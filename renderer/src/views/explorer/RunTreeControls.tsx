import type { KeyboardEvent } from 'react';
import type { Table } from '@tanstack/react-table';
import type { TreeRow } from './runTree.js';
import './runTree.css';

/** What the runs table hands its name cells about nested runs (as react-table's `meta`). */
export interface RunTreeMeta {
  nodeOf: (id: number) => TreeRow | undefined;
  onExpand: (id: number, open: boolean, context: boolean) => void;
  onCompare: (ids: number[]) => void;
}

export const treeMetaOf = <T,>(table: Table<T>): RunTreeMeta | undefined =>
  (table.options.meta as { tree?: RunTreeMeta } | undefined)?.tree;

const childRuns = (n: number) => `${n} child run${n === 1 ? '' : 's'}`;
/** "3", or "2 of 3" when the query leaves some out. */
const countOf = (node: TreeRow) =>
  node.shownChildren.length === node.children
    ? `${node.children}`
    : `${node.shownChildren.length} of ${node.children}`;

/** The fold/unfold button before a parent's name (a spacer on other rows, so names line up). */
export function TreeToggle({
  node,
  name,
  tree,
}: {
  node: TreeRow;
  name: string;
  tree: RunTreeMeta;
}) {
  if (!node.shownChildren.length) return <span className="rt-tree-spacer" aria-hidden="true" />;
  const toggle = (open: boolean) => tree.onExpand(node.id, open, node.context);
  // A tree's keys: right opens a folded parent, left folds an open one.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    toggle(e.key === 'ArrowRight');
  };
  const count = countOf(node);
  return (
    <button
      type="button"
      className="rt-expand rt-tree-toggle"
      aria-expanded={node.expanded}
      aria-label={`${node.expanded ? 'Hide' : 'Show'} ${count} child run${node.children === 1 ? '' : 's'} of ${name}`}
      onClick={() => toggle(!node.expanded)}
      onKeyDown={onKeyDown}
    >
      {node.expanded ? '▾' : '▸'}
    </button>
  );
}

/** After a parent's name: how many children it has, and comparing it with the ones shown. */
export function ChildRunsActions({
  node,
  name,
  tree,
}: {
  node: TreeRow;
  name: string;
  tree: RunTreeMeta;
}) {
  if (!node.children) return null;
  const shown = node.shownChildren.length;
  return (
    <>
      <span
        className={`rt-child-count${shown ? '' : ' muted'}`}
        title={
          shown === node.children
            ? childRuns(node.children)
            : `${shown} of its ${childRuns(node.children)} shown (the query keeps these)`
        }
        // The toggle's name says it already.
        aria-hidden={shown > 0}
      >
        {countOf(node)}
      </span>
      {shown > 0 && (
        <button
          type="button"
          className="rt-compare-children"
          title="Compare with children"
          aria-label={`Compare ${name} with its ${shown === node.children ? '' : `${shown} shown of `}${childRuns(node.children)}`}
          onClick={() => tree.onCompare([node.id, ...node.shownChildren])}
        >
          Compare
        </button>
      )}
    </>
  );
}
