import { runColor } from './runColors.js';

const LISTED = 12;

/** Which colour is which run, under a chart; past a dozen runs the rest are counted. */
export function ChartLegend({
  ids,
  names,
}: {
  ids: readonly number[];
  names: ReadonlyMap<number, string>;
}) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {ids.slice(0, LISTED).map((id) => (
        <li key={id}>
          <span className="swatch" style={{ background: runColor(id) }} />
          {names.get(id) ?? `run-${id}`}
        </li>
      ))}
      {ids.length > LISTED && <li className="muted">and {ids.length - LISTED} more</li>}
    </ul>
  );
}

/** Which colour is which group of runs: `lr = 0.1 (n=3)`. */
export function GroupLegend({ items }: { items: readonly { label: string; color: string }[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {items.map((g) => (
        <li key={g.label}>
          <span className="swatch" style={{ background: g.color }} />
          {g.label}
        </li>
      ))}
    </ul>
  );
}
