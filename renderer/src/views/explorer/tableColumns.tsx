import type { ColumnDef, Row, Table } from '@tanstack/react-table';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { hrefOf } from '../../data/route.js';
import { formatNumber } from '../../lib/format.js';
import { idSetFilter } from './flatFilteredRowModel.js';
import { cellValue, compareValues, parseColumnId, type CellValue } from './runColumns.js';
import { ChildRunsActions, treeMetaOf, TreeToggle } from './RunTreeControls.js';

/** The hidden column whose value is a run's group key (see RunsTable). */
export const GROUP_COLUMN = 'group';
/** Always on the left, whatever the horizontal scroll. */
export const PINNED = new Set(['select', 'name']);
/** How far a nested run's name sits right of its parent's, in pixels. */
const TREE_INDENT = 16;

interface Handlers {
  onToggle: (ids: number[], on: boolean) => void;
  onOpen: (id: number) => void;
}

/** A dynamic column is wide enough for its whole key (up to a limit), so no header is clipped. */
const KEY_CHAR_PX = 7.4;
const HEADER_CHROME_PX = 52; // padding, the kind badge, the sort arrow
export const headerWidth = (key: string): number =>
  Math.min(280, Math.max(118, Math.ceil(HEADER_CHROME_PX + key.length * KEY_CHAR_PX)));

/**
 * The selected runs, read from the table's `meta` at render: columns that closed over the set would
 * be new components at each selection, and the focused checkbox would be replaced (focus lost).
 */
const selectedOf = (table: Table<ExplorerRun>): ReadonlySet<number> =>
  (table.options.meta as { selected?: ReadonlySet<number> } | undefined)?.selected ?? new Set();
/** A group row's label, read from `meta` as the selection is. */
const groupLabelOf = (table: Table<ExplorerRun>, key: unknown): string =>
  (
    table.options.meta as { groupLabels?: ReadonlyMap<string, string> } | undefined
  )?.groupLabels?.get(String(key)) ?? '';

export const display = (v: CellValue): string =>
  v === undefined || v === null ? '' : typeof v === 'number' ? formatNumber(v) : String(v);

interface Aggregate {
  count: number;
  mean: number;
  min: number;
  max: number;
}

/** Group rows show mean, min, max and count of a numeric column over the group's runs. */
function aggregate(
  _columnId: string,
  leaves: Row<ExplorerRun>[],
  getValue: (r: Row<ExplorerRun>) => CellValue,
): Aggregate | null {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of leaves) {
    const v = getValue(r);
    if (typeof v !== 'number') continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count ? { count, mean: sum / count, min, max } : null;
}

/**
 * Text columns sort as react-table's automatic choice would pick for them (numbers within text by
 * value), named here because picking reads every run's value first (10,000 at a first click).
 */
const TEXT_SORT = 'alphanumeric' as const;
const byRunId = idSetFilter<ExplorerRun>((r) => r.id);

const fixed = (
  id: string,
  header: string,
  size: number,
  get: (r: ExplorerRun) => string | null,
): ColumnDef<ExplorerRun> => ({
  id,
  header,
  size,
  accessorFn: (r) => get(r) ?? undefined,
  sortUndefined: 'last',
  sortingFn: TEXT_SORT,
  cell: (c) => c.getValue<string | undefined>() ?? '',
});

export function buildColumns(ids: string[], h: Handlers): ColumnDef<ExplorerRun>[] {
  const dynamic = ids.flatMap((id) => {
    const col = parseColumnId(id);
    if (!col) return [];
    const def: ColumnDef<ExplorerRun> = {
      id,
      header: () => (
        <>
          <span className={`col-kind col-${col.kind}`}>
            {col.kind === 'metrics' ? 'm' : col.kind === 'params' ? 'p' : 't'}
          </span>
          {/* Too long even for the widest column: its start gives way, the end stays readable. */}
          <span className="col-key">
            <span>{col.key}</span>
          </span>
        </>
      ),
      size: headerWidth(col.key),
      accessorFn: (r) => cellValue(r, col),
      sortUndefined: 'last',
      // Metrics sort best-first for accuracies on the first click; params and tags ascending.
      sortDescFirst: col.kind === 'metrics',
      sortingFn: (a, b, columnId) => compareValues(a.getValue(columnId), b.getValue(columnId)),
      cell: (c) => (
        <span className={typeof c.getValue() === 'number' ? 'num' : undefined}>
          {display(c.getValue<CellValue>())}
        </span>
      ),
      aggregationFn: (columnId, leaves) =>
        aggregate(columnId, leaves, (r) => r.getValue<CellValue>(columnId)),
      aggregatedCell: (c) => {
        const a = c.getValue<Aggregate | null>();
        if (!a) return '';
        return (
          <span
            className="num"
            title={`mean ${a.mean}, min ${a.min}, max ${a.max}, count ${a.count}`}
          >
            {formatNumber(a.mean)}{' '}
            <span className="muted">
              ({formatNumber(a.min)}–{formatNumber(a.max)})
            </span>
          </span>
        );
      },
    };
    return [def];
  });
  return [
    {
      id: 'select',
      size: 36,
      enableSorting: false,
      header: ({ table }) => {
        const rows = table.getFilteredRowModel().rows;
        const selected = selectedOf(table);
        // Fewer runs selected than shown: not all, without a look at each of 10,000 per render.
        const all =
          rows.length > 0 &&
          selected.size >= rows.length &&
          rows.every((r) => selected.has(r.original.id));
        return (
          <input
            type="checkbox"
            aria-label="Select every run shown"
            checked={all}
            onChange={(e) =>
              h.onToggle(
                rows.map((r) => r.original.id),
                e.target.checked,
              )
            }
          />
        );
      },
      cell: ({ row, table }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.name}`}
          checked={selectedOf(table).has(row.original.id)}
          onChange={(e) => h.onToggle([row.original.id], e.target.checked)}
        />
      ),
      aggregatedCell: ({ row, table }) => {
        const ids = row.getLeafRows().map((r) => r.original.id);
        const selected = selectedOf(table);
        const all = ids.every((id) => selected.has(id));
        return (
          <input
            type="checkbox"
            aria-label="Select the group"
            checked={all}
            onChange={(e) => h.onToggle(ids, e.target.checked)}
          />
        );
      },
    },
    {
      id: 'name',
      header: 'Run',
      // The query's result, as a set of ids (see RunsTable): one lookup per row.
      filterFn: byRunId,
      size: 190,
      accessorFn: (r) => r.name,
      sortingFn: TEXT_SORT,
      cell: ({ row, table }) => {
        const tree = treeMetaOf(table);
        const node = tree?.nodeOf(row.original.id);
        const name = row.original.name;
        return (
          <span
            className="rt-name"
            style={node?.depth ? { paddingLeft: node.depth * TREE_INDENT } : undefined}
          >
            {node && tree && <TreeToggle node={node} name={name} tree={tree} />}
            <a
              href={hrefOf({ view: 'run', id: row.original.id })}
              title={
                node?.context
                  ? `${name}: shown for its child runs; the query does not keep it`
                  : undefined
              }
            >
              {name}
            </a>
            {node && tree && <ChildRunsActions node={node} name={name} tree={tree} />}
            <button
              type="button"
              className="rt-note-button"
              title={row.original.note ? 'Note and tags (has a note)' : 'Note and tags'}
              aria-label={`Note and tags of ${row.original.name}`}
              onClick={() => h.onOpen(row.original.id)}
            >
              {row.original.note ? '✎' : '+'}
            </button>
          </span>
        );
      },
      aggregatedCell: ({ row, table }) => {
        const label =
          row.groupingColumnId === GROUP_COLUMN
            ? groupLabelOf(table, row.groupingValue)
            : `${row.groupingColumnId?.replace(/^params\./, '')} = ${display(row.groupingValue as CellValue) || '—'}`;
        const runs = `${row.getLeafRows().length} run${row.getLeafRows().length === 1 ? '' : 's'}`;
        return (
          <strong className="rt-group-label" title={`${label} · ${runs}`}>
            <button
              type="button"
              className="rt-expand"
              aria-expanded={row.getIsExpanded()}
              aria-label={row.getIsExpanded() ? 'Fold the group' : 'Open the group'}
              onClick={row.getToggleExpandedHandler()}
            >
              {row.getIsExpanded() ? '▾' : '▸'}
            </button>
            <span className="rt-group-text">{label}</span>
            <span className="muted"> · {runs}</span>
          </strong>
        );
      },
    },
    {
      id: 'status',
      header: 'Status',
      size: 96,
      accessorFn: (r) => r.status,
      sortingFn: TEXT_SORT,
      cell: ({ row }) => <StatusBadge status={row.original.status} />,
      aggregationFn: 'count',
      aggregatedCell: () => '',
    },
    fixed('experiment', 'Experiment', 120, (r) => r.experiment),
    fixed(
      'started_at',
      'Started',
      170,
      (r) => r.started_at?.replace('T', ' ').slice(0, 19) ?? null,
    ),
    ...dynamic,
  ];
}
