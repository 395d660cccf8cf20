import { useQuery } from '@tanstack/react-query';
import type { TrackedRun } from '../../../../shared/api/runRecords.js';
import { runIdFromUid, uidFromRunId } from '../../../../shared/mlflow/wireValues.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useClient } from '../../data/connection.js';
import { hrefOf, navigate } from '../../data/route.js';
import { headlineMetric } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { PARENT_TAG, SOURCE_TAG } from '../explorer/runTree.js';

const quoted = (text: string) => JSON.stringify(text);

/**
 * The query for a run's children (MLflow's nested runs): the runs whose parent tag names this
 * run's MLflow run id, or the id it was imported from. The explorer's tree links them the same way.
 */
export function childrenQuery(run: Pick<TrackedRun, 'uid' | 'tags'>): string {
  const ids = new Set([runIdFromUid(run.uid).toLowerCase()]);
  const source = run.tags[SOURCE_TAG]?.trim();
  if (source) ids.add(source);
  return [...ids].map((id) => `tags.${quoted(PARENT_TAG)} = ${quoted(id)}`).join(' or ');
}

/** A parent's children, with one click to compare them all with it. Nothing for a run without any. */
export function ChildRuns({ run, name }: { run: TrackedRun; name: string }) {
  const client = useClient();
  const children = useQuery({
    queryKey: ['runs.query', 'children', run.id, childrenQuery(run)],
    queryFn: async () => {
      const { ids } = await client.call('runs.query', {
        filter: childrenQuery(run),
        archived: 'include',
      });
      const found = ids.filter((id) => id !== run.id);
      return found.length ? client.call('runs.table', { ids: found }) : [];
    },
  });
  if (children.isError)
    return <p className="run-error">Could not list the child runs: {messageOf(children.error)}</p>;
  const rows = children.data ?? [];
  if (rows.length === 0) return null;
  const count = `${rows.length} child run${rows.length === 1 ? '' : 's'}`;
  return (
    <section className="panel child-runs" aria-labelledby="children-heading">
      <div className="panel-head">
        <h2 id="children-heading">
          Child runs <span className="muted small">({rows.length.toLocaleString('en-US')})</span>
        </h2>
        <button
          type="button"
          className="button"
          title="Compare with children"
          aria-label={`Compare ${name} with its ${count}`}
          onClick={() => navigate({ view: 'compare', ids: [run.id, ...rows.map((r) => r.id)] })}
        >
          Compare with children
        </button>
      </div>
      <table className="kv-table" aria-label="Child runs">
        <tbody>
          {rows.map((child) => {
            const headline = headlineMetric(child);
            return (
              <tr key={child.id}>
                <th scope="row">
                  <a href={hrefOf({ view: 'run', id: child.id })}>{child.name}</a>
                </th>
                <td>
                  <StatusBadge status={child.status} />
                </td>
                <td className="num" title={headline?.title}>
                  {headline ? `${headline.label} ${headline.text}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** A nested run's parent, as a link; nothing while it loads or when the parent is not here. */
export function ParentRunLink({ parentRunId }: { parentRunId: string }) {
  const client = useClient();
  const parent = useQuery({
    queryKey: ['runs.tracked', 'parent', parentRunId],
    queryFn: async () => {
      const uid = uidFromRunId(parentRunId);
      // runs.tracked refuses a uid it does not know: the parent may never have been logged here.
      const [byUid] = uid ? await client.call('runs.tracked', { uids: [uid] }).catch(() => []) : [];
      if (byUid) return byUid;
      // An imported parent that could not keep its uid remembers the MLflow id in its source tag.
      const { ids } = await client.call('runs.query', {
        filter: `tags.${quoted(SOURCE_TAG)} = ${quoted(parentRunId.trim())}`,
        archived: 'include',
      });
      const [bySource] = ids.length
        ? await client.call('runs.table', { ids: ids.slice(0, 1) })
        : [];
      return bySource ?? null;
    },
  });
  if (!parent.data) return <span className="muted">{parentRunId.slice(0, 8)}</span>;
  return <a href={hrefOf({ view: 'run', id: parent.data.id })}>{parent.data.name}</a>;
}
