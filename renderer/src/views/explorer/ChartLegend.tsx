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

/** The legend of a plot of runs: each group with its count while grouped, else each run. */
export function RunsLegend({
  ids,
  names,
  groups,
}: {
  ids: readonly number[];
  names: ReadonlyMap<number, string>;
  groups: readonly { label: string; ids: readonly number[]; color: string }[] | null;
}) {
  if (!groups) return <ChartLegend ids={ids} names={names} />;
  const shown = new Set(ids);
  const items = groups
    .map((g) => ({ ...g, n: g.ids.filter((id) => shown.has(id)).length }))
    .filter((g) => g.n > 0)
    .map((g) => ({ label: `${g.label} (n=${g.n})`, color: g.color }));
  return <GroupLegend items={items} />;
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
