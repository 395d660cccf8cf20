import type { OnChangeFn, SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import type { SavedView } from '../../../../shared/api/views.js';
import { unknownMetricWarning } from '../../../../shared/metricNames.js';
import {
  groupParamKeys,
  groupSpecFromQuery,
  groupSpecToQuery,
  type GroupSpec,
} from '../../../../shared/runGroups.js';
import { navigate, parseRoute, useRoute, type ExplorerState } from '../../data/route.js';
import { messageOf } from '../../lib/messageOf.js';
import { ColumnPicker } from './ColumnPicker.js';
import { useRunQuery, useRunTable } from './explorerData.js';
import './explorer.css';
import { FollowingStrip } from './FollowingStrip.js';
import { GroupPicker } from './GroupPicker.js';
import { useGroupLabels } from './useGroupLabels.js';
import { ImportRunsButton } from './ImportRunsDialog.js';
import { QueryBox } from './QueryBox.js';
import { RunNotePanel } from './RunNotePanel.js';
import {
  availableColumns,
  defaultColumns,
  parseColumnId,
  sortFromString,
  sortToString,
} from './runColumns.js';
import { RunsTable } from './RunsTable.js';
import { SavedViews } from './SavedViews.js';
import { SelectionBar } from './SelectionBar.js';
import { useRunTree } from './useRunTree.js';

/** The explorer's state in the address bar now (callbacks read it fresh, not from a render's closure). */
const urlState = (): Partial<ExplorerState> => {
  const route = parseRoute(window.location.hash);
  if (route.view !== 'explorer') return {};
  return { filter: route.filter, sort: route.sort, columns: route.columns, group: route.group };
};
/** A new history entry with `change` applied: back and forward step through filters, sorts, columns, groupings. */
const setUrl = (change: Partial<ExplorerState>) =>
  navigate({ view: 'explorer', ...urlState(), ...change });
const NO_SORT: SortingState = [];
const SEP = '\u0000';

/** Every run in one table: query, sort, group, pick columns, select, and go compare. */
export function ExplorerView() {
  const table = useRunTable();
  // The filter, sort, columns and grouping live in the URL: a view can be bookmarked, reloaded, stepped back.
  const route = useRoute();
  const url: Partial<ExplorerState> = route.view === 'explorer' ? route : {};
  const filter = url.filter ?? '';
  const chosen = url.columns ?? null;
  const sorting = useMemo(() => url.sort?.flatMap((s) => sortFromString(s)) ?? NO_SORT, [url.sort]);
  const setFilter = useCallback((q: string) => setUrl({ filter: q || undefined }), []);
  const setChosen = useCallback((columns: string[]) => setUrl({ columns }), []);
  const group = url.group ?? null;
  const setGroup = useCallback((g: GroupSpec | null) => setUrl({ group: g ?? undefined }), []);
  const setSorting = useCallback<OnChangeFn<SortingState>>((update) => {
    const now = urlState().sort?.flatMap((s) => sortFromString(s)) ?? NO_SORT;
    const next = typeof update === 'function' ? update(now) : update;
    setUrl({ sort: next.length ? next.map(sortToString) : undefined });
  }, []);
  const [archived, setArchived] = useState(false);
  const query = useRunQuery(filter, archived ? 'only' : 'exclude');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [openId, setOpenId] = useState<number | null>(null);

  const all = useMemo(() => availableColumns(table.data ?? []), [table.data]);
  // Which runs the query keeps (filtered in SQLite); the last good result stays on an error.
  // An empty query keeps every run: known here at once, without waiting for SQLite's answer.
  const matched = filter.trim() ? query.data?.ids : undefined;
  // While SQLite answers a new query, the rows shown stay as they are (the placeholder is the
  // previous query's ids): filtering 10,000 runs again for them would only delay the answer.
  // On a malformed query (an error) they stay too: the last good result.
  const waiting = filter.trim() !== '' && (query.isPlaceholderData || query.isError);
  const [basis, setBasis] = useState({ data: table.data, matched, archived });
  if (
    !waiting &&
    (basis.data !== table.data || basis.matched !== matched || basis.archived !== archived)
  )
    setBasis({ data: table.data, matched, archived });
  const visible = useMemo(() => {
    if (basis.matched) return new Set(basis.matched);
    return new Set(
      (basis.data ?? []).filter((r) => r.archived === basis.archived).map((r) => r.id),
    );
  }, [basis]);
  // Over the table's own runs, so every parent it names is a row of the table.
  const tree = useRunTree(table.data, basis.archived);
  const rows = useMemo(
    () => (table.data ?? []).filter((r) => visible.has(r.id)),
    [table.data, visible],
  );
  // Until the user picks columns: the headline metrics and the params that tell the shown runs
  // apart. Kept as one string so the same defaults for a new filter keep the same array: a new
  // one would rebuild every column of the table.
  const defaults = useMemo(
    () =>
      chosen
        ? ''
        : defaultColumns(
            rows.length ? rows : (table.data ?? []),
            all.filter((c) => c.kind === 'params').map((c) => c.key),
          ).join(SEP),
    [chosen, rows, table.data, all],
  );
  const columns = useMemo(
    () => chosen ?? (defaults ? defaults.split(SEP) : []),
    [chosen, defaults],
  );
  const paramKeys = useMemo(() => all.filter((c) => c.kind === 'params').map((c) => c.key), [all]);
  // The params a group's runs share, as one string: the same grouping keeps the same array.
  const groupKeysText = group ? groupParamKeys(group, paramKeys).join(SEP) : null;
  const groupKeys = useMemo(
    () => (groupKeysText === null ? null : groupKeysText ? groupKeysText.split(SEP) : []),
    [groupKeysText],
  );
  const groupLabels = useGroupLabels(rows, groupKeys);
  // Params named for grouping show as columns (left), as the one grouped param did.
  const tableColumns = useMemo(() => {
    const named = group?.mode === 'only' ? group.params.map((p) => `params.${p}`) : [];
    return [...named.filter((id) => !columns.includes(id)), ...columns];
  }, [group, columns]);
  const onToggle = useCallback((ids: number[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  // "Compare with children": those runs become the selection, and the compare view opens on them.
  const onCompare = useCallback((ids: number[]) => {
    setSelected(new Set(ids));
    navigate({ view: 'compare', ids, group: urlState().group });
  }, []);
  const openView = (v: SavedView) =>
    navigate({
      view: 'explorer',
      filter: v.query || undefined,
      columns: v.columns,
      sort: v.sort ? [v.sort] : undefined,
      group: groupSpecFromQuery(v.group) ?? undefined,
    });
  // A metric the query or a column names that no run has: say so, with the keys that do exist.
  const warnings = useMemo(() => {
    if (!table.complete) return [];
    const known = all.filter((c) => c.kind === 'metrics').map((c) => c.key);
    const missing = columns
      .map(parseColumnId)
      .filter((c) => c?.kind === 'metrics' && !known.includes(c.key))
      .map((c) => `column: ${unknownMetricWarning(c!.key, known)}`);
    return [...(filter.trim() ? (query.data?.warnings ?? []) : []), ...missing];
  }, [table.complete, all, columns, filter, query.data]);
  const selectedIds = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const openRun = openId === null ? undefined : table.data?.find((r) => r.id === openId);

  return (
    <div className="view explorer">
      <header className="view-header explorer-header">
        <div className="title-row">
          <h1>Runs</h1>
          <span className="muted" data-testid="run-count">
            {table.complete && table.data
              ? `${rows.length.toLocaleString()} of ${table.data.length.toLocaleString()} runs`
              : table.data
                ? `Showing the newest ${table.data.length} runs; loading all…`
                : 'Loading…'}
          </span>
        </div>
        <QueryBox
          value={filter}
          onSubmit={setFilter}
          error={query.isError ? messageOf(query.error) : null}
          warnings={query.isError ? [] : warnings}
        />
        <div className="explorer-tools">
          <ColumnPicker all={all} shown={columns} onChange={setChosen} />
          <GroupPicker params={paramKeys} group={group} onChange={setGroup} />
          <label className="inline-field">
            <input
              type="checkbox"
              checked={archived}
              onChange={(e) => setArchived(e.target.checked)}
            />
            <span>Archived only</span>
          </label>
          <SavedViews
            current={{
              query: filter,
              columns,
              sort: sortToString(sorting[0]),
              group: group ? groupSpecToQuery(group) : [],
            }}
            onOpen={openView}
          />
          <ImportRunsButton />
        </div>
        <FollowingStrip />
        <SelectionBar
          ids={selectedIds}
          showingArchived={archived}
          group={group}
          onClear={() => setSelected(new Set())}
        />
      </header>
      {table.isError && <p className="run-error">Could not load runs: {messageOf(table.error)}</p>}
      <div className="explorer-body">
        {table.data && (
          <RunsTable
            runs={table.data}
            visible={visible}
            columns={tableColumns}
            sorting={sorting}
            onSortingChange={setSorting}
            groupKeys={groupKeys}
            groupLabels={groupLabels}
            selected={selected}
            onToggle={onToggle}
            onOpen={setOpenId}
            tree={tree}
            onCompare={onCompare}
          />
        )}
        {openRun && <RunNotePanel key={openRun.id} run={openRun} onClose={() => setOpenId(null)} />}
      </div>
      {table.complete && rows.length === 0 && !query.isError && (
        <p className="muted empty-result">No run matches this query.</p>
      )}
    </div>
  );
}
