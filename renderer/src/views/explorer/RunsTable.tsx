import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  type Cell,
  type ExpandedState,
  type Header,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { groupKey } from '../../../../shared/runGroups.js';
import { gridArrowKeys } from './gridArrowKeys.js';
import { eachWhenIdle } from './eachWhenIdle.js';
import { flatFilteredRowModel } from './flatFilteredRowModel.js';
import { prepareSort, rankedSortRowModel } from './rankedSortRowModel.js';
import { compareValues, parseColumnId, type CellValue } from './runColumns.js';
import type { RunTreeMeta } from './RunTreeControls.js';
import { layoutRunTree, type RunTree, type TreeRow } from './runTree.js';
import { buildColumns, GROUP_COLUMN, PINNED } from './tableColumns.js';
import { useKeptTable } from './useKeptTable.js';

interface RunsTableProps {
  runs: ExplorerRun[];
  /** The runs the query keeps; filtering here leaves react-table's row model of all runs cached. */
  visible: ReadonlySet<number>;
  columns: string[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  /** The params whose values group the runs (null: not grouped); see shared/runGroups.ts. */
  groupKeys: readonly string[] | null;
  /** Each group's label, by group key. */
  groupLabels: ReadonlyMap<string, string>;
  selected: ReadonlySet<number>;
  onToggle: (ids: number[], on: boolean) => void;
  onOpen: (id: number) => void;
  /** Nested runs (null: none); shown as a tree unless grouped by a param. */
  tree: RunTree | null;
  /** Compare these runs (a parent and its children). */
  onCompare: (ids: number[]) => void;
}

const ROW_HEIGHT = 32;
/** The name column, wider in a tree: indents, a toggle and a parent's count and action. */
const TREE_SIZING = { name: 300 };
/** The name column of a grouped table holds each group's label (`lr = 0.1, layers = 2 · 3 runs`). */
const GROUP_SIZING = { name: 340 };
/** The group key column groups the rows; its label shows in the name column instead. */
const GROUP_HIDDEN = { [GROUP_COLUMN]: false };
const NO_HIDDEN = {};
const NO_SIZING = {};
const filteredRowModel = flatFilteredRowModel<ExplorerRun>();
/** Param, metric and tag columns compare their values directly (see rankedSortRowModel). */
const sortedRowModel = rankedSortRowModel<ExplorerRun>((id) =>
  parseColumnId(id) ? (a, b) => compareValues(a as CellValue, b as CellValue) : undefined,
);

/**
 * The runs table: rows and columns virtualised, so 10,000 runs × 1,000 columns stay instant.
 * Memoised: the explorer's other state (a query being typed or awaiting SQLite) leaves it be.
 */
export const RunsTable = memo(function RunsTable({
  runs,
  visible,
  columns,
  sorting,
  onSortingChange,
  groupKeys,
  groupLabels,
  selected,
  onToggle,
  onOpen,
  tree,
  onCompare,
}: RunsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const defs = useMemo(() => {
    const built = buildColumns(columns, { onToggle, onOpen });
    if (!groupKeys) return built;
    // Runs equal in every grouped param share a key: one row of react-table's grouping per key.
    return [
      ...built,
      { id: GROUP_COLUMN, accessorFn: (r: ExplorerRun) => groupKey(r.params, groupKeys) },
    ];
  }, [columns, onToggle, onOpen, groupKeys]);
  const grouping = useMemo(() => (groupKeys ? [GROUP_COLUMN] : []), [groupKeys]);
  const columnFilters = useMemo(() => [{ id: 'name', value: visible }], [visible]);
  // Groups start folded: one row each with its aggregates; open one to see its runs.
  const [expanded, setExpanded] = useState<ExpandedState>({});
  // react-table folds every group again after each filter: keeping the same empty state when
  // nothing was open spares the whole table a second render per filter.
  const onExpandedChange = useCallback<OnChangeFn<ExpandedState>>(
    (update) =>
      setExpanded((prev) => {
        const next = typeof update === 'function' ? update(prev) : update;
        const empty = (e: ExpandedState) => e !== true && Object.keys(e).length === 0;
        return empty(next) && empty(prev) ? prev : next;
      }),
    [],
  );
  // Nested runs start folded. A parent shown only for a child the query keeps starts open, and
  // remembers its own choice apart: folding a parent earlier does not hide a query's matches.
  const [runExpanded, setRunExpanded] = useState<ReadonlyMap<string, boolean>>(new Map());
  const onExpand = useCallback(
    (id: number, open: boolean, context: boolean) =>
      setRunExpanded((prev) => new Map(prev).set(`${context ? 'c' : ''}${id}`, open)),
    [],
  );
  const inTree = tree !== null && !groupKeys;
  const table = useKeptTable({
    data: runs,
    columns: defs,
    state: {
      sorting,
      grouping,
      expanded,
      columnFilters,
      columnSizing: inTree ? TREE_SIZING : groupKeys ? GROUP_SIZING : NO_SIZING,
      columnVisibility: groupKeys ? GROUP_HIDDEN : NO_HIDDEN,
    },
    onSortingChange,
    onExpandedChange,
    getRowId: (r) => String(r.id),
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: filteredRowModel,
    getSortedRowModel: sortedRowModel,
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    groupedColumnMode: false,
    // Nothing here pages: react-table's reset of the page index after each filter or sort would
    // only set new state and render the whole table a second time.
    autoResetPageIndex: false,
  });
  const modelRows = table.getRowModel().rows;
  // The tree orders the rows the query keeps, sorted: react-table's flat row model stays as fast.
  const treeRows = useMemo(
    () =>
      inTree
        ? layoutRunTree(
            tree,
            modelRows.map((r) => r.original.id),
            (id, context) => runExpanded.get(`${context ? 'c' : ''}${id}`) ?? context,
          )
        : null,
    [inTree, tree, modelRows, runExpanded],
  );
  const treeMeta = useMemo<RunTreeMeta | undefined>(() => {
    if (!treeRows) return undefined;
    const byId = new Map<number, TreeRow>(treeRows.map((r) => [r.id, r]));
    return { nodeOf: (id) => byId.get(id), onExpand, onCompare };
  }, [treeRows, onExpand, onCompare]);
  table.options.meta = { tree: treeMeta, selected, groupLabels };
  const coreRows = table.getCoreRowModel().rowsById;
  const rowCount = treeRows ? treeRows.length : modelRows.length;
  const rowAt = (i: number) => (treeRows ? coreRows[String(treeRows[i]!.id)]! : modelRows[i]!);
  // Each shown param and metric column's order over all runs is worked out while the browser is
  // idle (a few ms each at 10,000 runs), so a first click on its header only walks that order.
  // Text columns rank at their first click instead: their keys take longer, and an idle task
  // that outlasts its idle period delays whatever click comes next.
  useEffect(() => {
    const ordered = table
      .getVisibleLeafColumns()
      .filter((c) => c.getCanSort() && parseColumnId(c.id));
    return eachWhenIdle(ordered, (c) => prepareSort(table, c.id));
  }, [table, runs, defs]);
  const leaves = table.getVisibleLeafColumns();
  const pinned = leaves.filter((c) => PINNED.has(c.id));
  const scrolling = leaves.filter((c) => !PINNED.has(c.id));
  const pinnedWidth = pinned.reduce((w, c) => w + c.getSize(), 0);

  // TanStack Table and Virtual hand back fresh functions each render; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rowVirtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: scrolling.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => scrolling[i]!.getSize(),
    overscan: 4,
  });
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const padLeft = virtualColumns[0]?.start ?? 0;
  const padRight = columnVirtualizer.getTotalSize() - (virtualColumns.at(-1)?.end ?? 0);
  const totalWidth = pinnedWidth + columnVirtualizer.getTotalSize();
  const headerGroup = table.getHeaderGroups()[0]!;
  const headerOf = (id: string) => headerGroup.headers.find((h) => h.column.id === id)!;

  const renderRowCells = <T,>(
    items: T[],
    render: (item: T, style: CSSProperties, index: number) => React.ReactNode,
    widthOf: (item: T) => number,
  ) => {
    let left = 0;
    return items.map((item, i) => {
      const style: CSSProperties = { width: widthOf(item), left, position: 'sticky', zIndex: 1 };
      left += widthOf(item);
      return render(item, style, i);
    });
  };

  return (
    <div
      className="runs-table"
      ref={scrollRef}
      // A tree grid once runs nest: its rows carry their level and whether they are open.
      role={treeRows ? 'treegrid' : 'grid'}
      aria-label="Runs table"
      aria-rowcount={rowCount + 1}
      aria-colcount={leaves.length}
      onKeyDown={gridArrowKeys(rowCount, (i) => rowVirtualizer.scrollToIndex(i))}
    >
      <div
        className="runs-table-inner"
        style={{ width: totalWidth, height: rowVirtualizer.getTotalSize() + ROW_HEIGHT }}
      >
        <div className="rt-row rt-head" role="row" style={{ width: totalWidth }}>
          {renderRowCells(
            pinned,
            (c, style) => (
              <HeaderCell key={c.id} header={headerOf(c.id)} style={style} pinned />
            ),
            (c) => c.getSize(),
          )}
          <div style={{ width: padLeft, flexShrink: 0 }} />
          {virtualColumns.map((v) => {
            const c = scrolling[v.index]!;
            return <HeaderCell key={c.id} header={headerOf(c.id)} style={{ width: c.getSize() }} />;
          })}
          <div style={{ width: padRight, flexShrink: 0 }} />
        </div>
        {rowVirtualizer.getVirtualItems().map((vr) => {
          const row = rowAt(vr.index);
          const node = treeRows?.[vr.index];
          const cells = row.getVisibleCells();
          const cellOf = (id: string) => cells.find((c) => c.column.id === id)!;
          const isSelected = !row.getIsGrouped() && selected.has(row.original.id);
          return (
            <div
              // Keyed by position: a sort or filter updates the rows on screen instead of remounting them.
              key={vr.index}
              role="row"
              aria-rowindex={vr.index + 2}
              aria-selected={row.getIsGrouped() ? undefined : isSelected}
              aria-level={node ? node.depth + 1 : undefined}
              aria-expanded={node?.shownChildren.length ? node.expanded : undefined}
              className={`rt-row${row.getIsGrouped() ? ' rt-group' : ''}${isSelected ? ' rt-selected' : ''}${node?.context ? ' rt-context' : ''}`}
              style={{ transform: `translateY(${vr.start + ROW_HEIGHT}px)`, width: totalWidth }}
            >
              {renderRowCells(
                pinned,
                (c, style) => (
                  <BodyCell key={c.id} cell={cellOf(c.id)} style={style} pinned />
                ),
                (c) => c.getSize(),
              )}
              <div style={{ width: padLeft, flexShrink: 0 }} />
              {virtualColumns.map((v) => {
                const c = scrolling[v.index]!;
                return <BodyCell key={c.id} cell={cellOf(c.id)} style={{ width: c.getSize() }} />;
              })}
              <div style={{ width: padRight, flexShrink: 0 }} />
            </div>
          );
        })}
      </div>
    </div>
  );
});

function HeaderCell({
  header,
  style,
  pinned,
}: {
  header: Header<ExplorerRun, unknown>;
  style: CSSProperties;
  pinned?: boolean;
}) {
  const sorted = header.column.getIsSorted();
  const sortable = header.column.getCanSort();
  return (
    <div
      role="columnheader"
      className={`rt-cell rt-th${pinned ? ' rt-pinned' : ''}`}
      style={style}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
      title={header.column.id}
    >
      {sortable ? (
        <button type="button" className="rt-sort" onClick={header.column.getToggleSortingHandler()}>
          {flexRender(header.column.columnDef.header, header.getContext())}
          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
        </button>
      ) : (
        flexRender(header.column.columnDef.header, header.getContext())
      )}
    </div>
  );
}

function BodyCell({
  cell,
  style,
  pinned,
}: {
  cell: Cell<ExplorerRun, unknown>;
  style: CSSProperties;
  pinned?: boolean;
}) {
  const content = cell.getIsAggregated()
    ? flexRender(
        cell.column.columnDef.aggregatedCell ?? cell.column.columnDef.cell,
        cell.getContext(),
      )
    : cell.getIsPlaceholder()
      ? null
      : flexRender(cell.column.columnDef.cell, cell.getContext());
  return (
    <div role="gridcell" className={`rt-cell${pinned ? ' rt-pinned' : ''}`} style={style}>
      {content}
    </div>
  );
}
