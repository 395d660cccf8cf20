import type { XAxis } from '../../../../shared/api/runRecords.js';
import type { ChartOptions } from './CompareChart.js';

/** The options every metric chart shares (x axis, log y, smoothing, outliers, envelope): compare and run pages. */
export const DEFAULT_CHART_OPTIONS: ChartOptions = {
  xAxis: 'step',
  logY: false,
  smoothing: 0,
  ignoreOutliers: false,
  envelope: true,
};

export function ChartControls({
  options,
  onChange,
  stepLabel = 'Step (epoch)',
  envelope = true,
}: {
  options: ChartOptions;
  onChange: <K extends keyof ChartOptions>(key: K, value: ChartOptions[K]) => void;
  /** What a step is for these runs: Benchtop counts epochs, a script logs steps. */
  stepLabel?: string;
  /** False where the chart has no envelope to draw (grouped runs draw their band instead). */
  envelope?: boolean;
}) {
  return (
    <div className="chart-controls" role="group" aria-label="Chart options">
      <label className="inline-field">
        <span>X axis</span>
        <select
          aria-label="X axis"
          value={options.xAxis}
          onChange={(e) => onChange('xAxis', e.target.value as XAxis)}
        >
          <option value="step">{stepLabel}</option>
          <option value="relative">Relative time</option>
          <option value="time">Wall time</option>
        </select>
      </label>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={options.logY}
          onChange={(e) => onChange('logY', e.target.checked)}
        />
        <span>Log y</span>
      </label>
      <label className="inline-field smoothing">
        <span>Smoothing</span>
        <input
          type="range"
          aria-label="Smoothing"
          min={0}
          max={0.99}
          step={0.01}
          value={options.smoothing}
          onChange={(e) => onChange('smoothing', Number(e.target.value))}
        />
        <output className="num">{options.smoothing.toFixed(2)}</output>
      </label>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={options.ignoreOutliers}
          onChange={(e) => onChange('ignoreOutliers', e.target.checked)}
        />
        <span>Ignore outliers</span>
      </label>
      {envelope && (
        <label className="inline-field">
          <input
            type="checkbox"
            checked={options.envelope}
            onChange={(e) => onChange('envelope', e.target.checked)}
          />
          <span>Min/max envelope</span>
        </label>
      )}
      <span className="muted small">Drag across a chart to zoom; double-click to reset.</span>
    </div>
  );
}
