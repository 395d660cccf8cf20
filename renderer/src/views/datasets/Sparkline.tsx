/** A tiny bar chart without axes: a numeric column's histogram or a categorical column's top values. */
export function Sparkline({ counts, label }: { counts: readonly number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const width = 96;
  const height = 20;
  const bar = width / Math.max(1, counts.length);
  return (
    <svg className="mini-bars" width={width} height={height} role="img" aria-label={label}>
      {counts.map((c, i) => (
        <rect
          key={i}
          x={i * bar + 0.5}
          y={height - ((height - 2) * c) / max}
          width={Math.max(1, bar - 1)}
          height={((height - 2) * c) / max}
        />
      ))}
    </svg>
  );
}
