import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { seriesColor } from '../../../../shared/palette.js';
import type { Run } from '../../../../shared/domain.js';
import { useRunDetails } from '../../data/trainingQueries.js';
import { formatNumber } from '../../lib/format.js';
import { evaluationCurves, type CurveSeries, type Point } from './evaluationCurves.js';

const TICK = { fontSize: 11, fill: '#6b7280' };
const UNIT: [number, number] = [0, 1];

/** The test split's ROC and precision–recall curves (classification) or residuals (regression). */
export function EvaluationCharts({ run }: { run: Run }) {
  const details = useRunDetails(run.id, run.status);
  const curves = evaluationCurves(details.data?.evaluation_details);
  if (!curves) return null;
  return (
    <section className="charts evaluation-charts" aria-label="Test split evaluation charts">
      {curves.roc.length > 0 && (
        <CurveChart
          title="ROC curve (test split)"
          label="ROC curve"
          series={curves.roc}
          scoreName="AUC"
          x="false positive rate"
          y="true positive rate"
          diagonal
        />
      )}
      {curves.pr.length > 0 && (
        <CurveChart
          title="Precision–recall curve (test split)"
          label="Precision-recall curve"
          series={curves.pr}
          scoreName="AP"
          x="recall"
          y="precision"
        />
      )}
      {curves.residuals && (
        <ResidualChart points={curves.residuals.points} total={curves.residuals.total} />
      )}
    </section>
  );
}

const drawn = (series: CurveSeries[]) => series.reduce((n, s) => n + s.points.length, 0);
const total = (series: CurveSeries[]) => series.reduce((n, s) => n + s.total, 0);

function CurveChart(props: {
  title: string;
  label: string;
  series: CurveSeries[];
  scoreName: string;
  x: string;
  y: string;
  diagonal?: boolean;
}) {
  const { series } = props;
  return (
    <figure
      className="chart-card"
      aria-label={props.label}
      data-drawn-points={drawn(series)}
      data-total-points={total(series)}
    >
      <figcaption className="chart-title evaluation-title">
        {props.title}
        {drawn(series) < total(series) && (
          <span className="muted">
            {' '}
            · {drawn(series).toLocaleString()} of {total(series).toLocaleString()} points
          </span>
        )}
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={240}>
          <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="#e7e9ee" />
            <XAxis
              dataKey="x"
              type="number"
              domain={UNIT}
              tickFormatter={formatNumber}
              tick={TICK}
              tickLine={false}
              axisLine={{ stroke: '#d1d5db' }}
              height={34}
              label={{ value: props.x, position: 'insideBottom', offset: 0, fontSize: 11 }}
            />
            <YAxis
              width={58}
              type="number"
              domain={UNIT}
              tickFormatter={formatNumber}
              tick={TICK}
              tickLine={false}
              axisLine={false}
              label={{
                value: props.y,
                angle: -90,
                position: 'insideLeft',
                offset: 2,
                fontSize: 11,
                style: { textAnchor: 'middle' },
              }}
            />
            {props.diagonal && (
              <ReferenceLine
                segment={[
                  { x: 0, y: 0 },
                  { x: 1, y: 1 },
                ]}
                stroke="#9ca3af"
                strokeDasharray="4 3"
              />
            )}
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? formatNumber(value) : value)}
              labelFormatter={(x) => `${props.x} ${formatNumber(Number(x))}`}
            />
            <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
            {series.map((s, i) => (
              <Line
                key={s.name}
                data={s.points}
                dataKey="y"
                name={`${s.name} (${props.scoreName} ${s.score === null ? 'n/a' : formatNumber(s.score)})`}
                type="linear"
                stroke={seriesColor(i)}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function ResidualChart({ points, total }: { points: Point[]; total: number }) {
  return (
    <figure
      className="chart-card"
      aria-label="Residuals chart"
      data-drawn-points={points.length}
      data-total-points={total}
    >
      <figcaption className="chart-title evaluation-title">
        Residuals against predictions (test split)
        {points.length < total && (
          <span className="muted">
            {' '}
            · {points.length.toLocaleString()} of {total.toLocaleString()} rows
          </span>
        )}
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={240}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 4 }}>
            <CartesianGrid stroke="#e7e9ee" />
            <XAxis
              dataKey="x"
              type="number"
              name="predicted"
              domain={['auto', 'auto']}
              tickFormatter={formatNumber}
              tick={TICK}
              tickLine={false}
              axisLine={{ stroke: '#d1d5db' }}
              height={34}
              label={{ value: 'predicted', position: 'insideBottom', offset: 0, fontSize: 11 }}
            />
            <YAxis
              dataKey="y"
              type="number"
              name="residual"
              width={66}
              domain={['auto', 'auto']}
              tickFormatter={formatNumber}
              tick={TICK}
              tickLine={false}
              axisLine={false}
              label={{
                value: 'true − predicted',
                angle: -90,
                position: 'insideLeft',
                offset: 2,
                fontSize: 11,
                style: { textAnchor: 'middle' },
              }}
            />
            <ReferenceLine y={0} stroke="#9ca3af" strokeDasharray="4 3" />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? formatNumber(value) : value)}
            />
            <Scatter data={points} fill="#2563eb" fillOpacity={0.45} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
