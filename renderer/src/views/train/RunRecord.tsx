import { z } from 'zod';
import type { Run } from '../../../../shared/domain.js';
import { KeyValueTable } from '../../components/KeyValueTable.js';
import { hrefOf } from '../../data/route.js';
import { useRunDetails } from '../../data/trainingQueries.js';
import { formatBytes, formatNumber } from '../../lib/format.js';

const Confusion = z.object({
  classes: z.array(z.string()),
  confusion: z.array(z.array(z.number())),
});
const Residuals = z.object({ residuals: z.array(z.number()) });

const ENV_LABELS: Record<string, string> = {
  app_version: 'Benchtop',
  tfjs_version: 'TensorFlow.js',
  backend: 'Backend',
  os: 'OS',
  cpu: 'CPU',
  cpu_count: 'Cores',
  node_version: 'Node.js',
  electron_version: 'Electron',
  seed: 'Seed',
  dataset_hash: 'Dataset hash',
};

/** What a finished run left behind: its environment, test-split evaluation, artifacts and notes. */
export function RunRecord({ run }: { run: Run }) {
  const details = useRunDetails(run.id, run.status);
  const d = details.data;
  if (!d) return null;
  const confusion = Confusion.safeParse(d.evaluation_details);
  const residuals = Residuals.safeParse(d.evaluation_details);
  return (
    <div className="run-tables run-record">
      {d.sweep_id !== null && (
        <section className="panel" aria-labelledby="sweep-heading">
          <h2 id="sweep-heading">Sweep</h2>
          <p>
            A trial of <a href={hrefOf({ view: 'sweep', id: d.sweep_id })}>sweep-{d.sweep_id}</a>.
          </p>
        </section>
      )}
      {d.logs.length > 0 && (
        <section className="panel" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          <ul className="run-notes">
            {d.logs.map((l, i) => (
              <li key={i} className={`note-${l.level}`}>
                {l.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {confusion.success && (
        <section className="panel" aria-labelledby="confusion-heading">
          <h2 id="confusion-heading">Confusion matrix (test split)</h2>
          <table className="data-table confusion" aria-label="Confusion matrix">
            <thead>
              <tr>
                <th scope="col">true ↓ / predicted →</th>
                {confusion.data.classes.map((c) => (
                  <th key={c} scope="col" className="num">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {confusion.data.confusion.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{confusion.data.classes[i]}</th>
                  {row.map((n, j) => (
                    <td key={j} className={i === j ? 'num diagonal' : 'num'}>
                      {n}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {residuals.success && (
        <section className="panel" aria-labelledby="residuals-heading">
          <h2 id="residuals-heading">Residuals (test split)</h2>
          <KeyValueTable label="Residuals" rows={residualSummary(residuals.data.residuals)} />
        </section>
      )}
      {d.environment && (
        <section className="panel" aria-labelledby="env-heading">
          <h2 id="env-heading">Environment</h2>
          <KeyValueTable
            label="Environment"
            rows={Object.entries(d.environment).map(
              ([k, v]) => [ENV_LABELS[k] ?? k, <EnvValue key={k} value={v} />] as const,
            )}
          />
        </section>
      )}
      {d.artifacts.length > 0 && (
        <section className="panel" aria-labelledby="artifacts-heading">
          <h2 id="artifacts-heading">Artifacts</h2>
          <KeyValueTable
            label="Artifacts"
            rows={d.artifacts.map(
              (a) =>
                [
                  a.name,
                  <span
                    title={`sha256 ${a.sha256}\n${a.path}`}
                  >{`${formatBytes(a.bytes)} · ${a.sha256.slice(0, 12)}`}</span>,
                ] as const,
            )}
          />
        </section>
      )}
    </div>
  );
}

/** Long values (the dataset's sha256) are cut to fit; the whole value is in the tooltip. */
function EnvValue({ value }: { value: string | number | null }) {
  if (value === null) return <>—</>;
  const text = String(value);
  return text.length > 32 ? <span title={text}>{`${text.slice(0, 19)}…`}</span> : <>{text}</>;
}

function residualSummary(r: number[]): (readonly [string, string])[] {
  const sorted = r.slice().sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = r.reduce((a, b) => a + b, 0) / Math.max(r.length, 1);
  return [
    ['count', formatNumber(r.length)],
    ['mean', formatNumber(mean)],
    ['min', formatNumber(sorted[0] ?? NaN)],
    ['median', formatNumber(at(0.5))],
    ['max', formatNumber(sorted.at(-1) ?? NaN)],
  ];
}
