import { stratify, tree } from 'd3-hierarchy';
import type { Dataset } from '../../../../shared/domain.js';
import type { ModelVersion } from '../../../../shared/api/registry.js';
import { formatNumber } from '../../lib/format.js';
import { CARD_WIDTH, cardHeight } from './cardHeight.js';

const NODE_W = CARD_WIDTH;
const GAP_X = 28;
const GAP_Y = 40;
const ROOT = 'root';

interface VersionTreeProps {
  versions: readonly ModelVersion[];
  datasets: readonly Dataset[];
  metric: string | null;
  a: number | null;
  b: number | null;
  /** `compare`: shift-click (or shift+Enter) picks a second version to compare with the first. */
  onPick: (id: number, compare: boolean) => void;
}

type Node = ModelVersion | { id: typeof ROOT };

/** The model's versions as a tree (d3-hierarchy), each node with its aliases, stage, metric and data. */
export function VersionTree({ versions, datasets, metric, a, b, onPick }: VersionTreeProps) {
  const datasetLabel = (id: number | null) => {
    const d = datasets.find((ds) => ds.id === id);
    return d ? `${d.name} v${d.version}` : 'data not here';
  };
  const lines = (v: ModelVersion): [string, string, string] => {
    const value = metric ? v.metrics[metric] : undefined;
    return [
      v.aliases.map((al) => `@${al}`).join(' '),
      metric ? `${metric} ${value === undefined ? '—' : formatNumber(value)}` : '',
      datasetLabel(v.dataset_id),
    ];
  };
  // Every card as tall as the wordiest one's wrapped text: long names wrap, never overflow.
  const NODE_H = cardHeight(versions.map(lines));
  const ids = new Set(versions.map((v) => String(v.id)));
  const nodes: Node[] = [{ id: ROOT }, ...versions];
  const root = stratify<Node>()
    .id((n) => String(n.id))
    .parentId((n) => {
      if (n.id === ROOT) return null;
      const v = n as ModelVersion;
      return v.parent_id !== null && ids.has(String(v.parent_id)) ? String(v.parent_id) : ROOT;
    })(nodes);
  root.sort(
    (x, y) => ((x.data as ModelVersion).version ?? 0) - ((y.data as ModelVersion).version ?? 0),
  );
  const laid = tree<Node>().nodeSize([NODE_W + GAP_X, NODE_H + GAP_Y])(root);
  const shown = laid.descendants().filter((n) => n.data.id !== ROOT);
  const minX = Math.min(...shown.map((n) => n.x));
  const maxX = Math.max(...shown.map((n) => n.x));
  const maxY = Math.max(...shown.map((n) => n.y));
  const top = NODE_H + GAP_Y; // the virtual root's row is not drawn
  const width = maxX - minX + NODE_W + 16;
  const height = maxY - top + NODE_H + 16;
  const x = (n: { x: number }) => n.x - minX + 8;
  const y = (n: { y: number }) => n.y - top + 8;

  return (
    <div className="version-tree-scroll">
      <svg
        className="version-tree"
        width={width}
        height={height}
        role="group"
        aria-label="Version tree"
      >
        {laid
          .links()
          .filter((l) => l.source.data.id !== ROOT)
          .map((l) => (
            <path
              key={`${l.source.data.id}-${l.target.data.id}`}
              className="tree-link"
              d={`M${x(l.source) + NODE_W / 2},${y(l.source) + NODE_H} C${x(l.source) + NODE_W / 2},${y(l.source) + NODE_H + GAP_Y / 2} ${x(l.target) + NODE_W / 2},${y(l.target) - GAP_Y / 2} ${x(l.target) + NODE_W / 2},${y(l.target)}`}
            />
          ))}
        {shown.map((n) => {
          const v = n.data as ModelVersion;
          const picked = v.id === a ? 'picked-a' : v.id === b ? 'picked-b' : '';
          const [aliases, metricLine, dataLine] = lines(v);
          return (
            <g
              key={v.id}
              className={`tree-node ${picked}`}
              transform={`translate(${x(n)},${y(n)})`}
              role="button"
              tabIndex={0}
              aria-label={`v${v.version}`}
              aria-pressed={picked !== ''}
              data-testid="tree-node"
              onClick={(e) => onPick(v.id, e.shiftKey)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') onPick(v.id, e.shiftKey);
              }}
            >
              <rect width={NODE_W} height={NODE_H} rx={8} />
              <foreignObject width={NODE_W} height={NODE_H}>
                <div className="tree-card">
                  <div className="tree-card-head">
                    <span className="tree-version">v{v.version}</span>
                    <span className={`tree-stage stage-${v.stage}`}>
                      {v.stage === 'none' ? '' : v.stage}
                    </span>
                  </div>
                  <div className="tree-aliases">{aliases || '\u00a0'}</div>
                  <div className="tree-meta">{metricLine || '\u00a0'}</div>
                  <div className="tree-meta">{dataLine}</div>
                </div>
              </foreignObject>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
