import type { RunImportSource, RunImportSummary } from '../../../../shared/api/otherTrackers.js';
import { formatNumber } from '../../lib/format.js';

export const SOURCE_WORDS: Record<RunImportSource, string> = {
  'mlflow-filestore': 'an MLflow file store',
  'mlflow-sqlite': 'an MLflow database (SQLite)',
  tensorboard: 'a TensorBoard logdir',
};
/** More warnings than this are folded under a summary line. */
const WARNINGS_SHOWN = 3;

/** What a preview would bring in, or what an import brought in, with its warnings. */
export function SummaryPanel({
  summary: s,
  done,
  nothingNew,
  experiment,
}: {
  summary: RunImportSummary;
  done: boolean;
  nothingNew: boolean;
  experiment: string;
}) {
  const runs = (n: number) => `${formatNumber(n)} run${n === 1 ? '' : 's'}`;
  const where =
    s.source !== 'tensorboard'
      ? experiment
        ? 'its runs keep their own experiments (the name above is for TensorBoard runs)'
        : 'its runs keep their experiments'
      : experiment
        ? `its runs go into the experiment “${experiment}”`
        : 'its runs go into an experiment named after its folder';
  return (
    <section
      className="import-runs-summary"
      aria-label={done ? 'Imported' : 'What will be imported'}
      aria-live="polite"
    >
      {done ? (
        <p role="status">
          Imported {runs(s.runs_added)} from {SOURCE_WORDS[s.source]}
          {s.runs_skipped > 0 && ` (${formatNumber(s.runs_skipped)} already here)`}, with{' '}
          {formatNumber(s.params)} params{s.images > 0 ? ', ' : ' and '}
          {formatNumber(s.metric_points)} metric points
          {s.images > 0 && ` and ${formatNumber(s.images)} image${s.images === 1 ? '' : 's'}`}.
        </p>
      ) : (
        <>
          <p>
            This is {SOURCE_WORDS[s.source]}; {where}.
          </p>
          {nothingNew && <p>Nothing new to import: every run is already here.</p>}
          <dl className="import-runs-figures">
            <dt>{s.source === 'tensorboard' ? 'Experiment' : 'Experiments'}</dt>
            <dd className="num">
              {s.source === 'tensorboard' && experiment ? experiment : formatNumber(s.experiments)}
            </dd>
            <dt>Runs</dt>
            <dd className="num">
              {formatNumber(s.runs_added)} new · {formatNumber(s.runs_skipped)} already here
            </dd>
            <dt>Params</dt>
            <dd className="num">{formatNumber(s.params)}</dd>
            <dt>Metric points</dt>
            <dd className="num">{formatNumber(s.metric_points)}</dd>
            {s.images > 0 && (
              <>
                <dt>Images</dt>
                <dd className="num">{formatNumber(s.images)}</dd>
              </>
            )}
          </dl>
        </>
      )}
      {s.warnings.length > 0 && <Warnings warnings={s.warnings} />}
    </section>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  const list = (
    // Focusable: a long list scrolls, and a keyboard has to reach it.
    <ul className="import-runs-warnings" tabIndex={0} aria-label="Warnings">
      {warnings.map((w, i) => (
        <li key={i}>{w}</li>
      ))}
    </ul>
  );
  const title = `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
  if (warnings.length <= WARNINGS_SHOWN)
    return (
      <div className="import-runs-warning-box">
        <p className="import-runs-warning-title">{title}</p>
        {list}
      </div>
    );
  return (
    <details className="import-runs-warning-box">
      <summary className="import-runs-warning-title">{title}</summary>
      {list}
    </details>
  );
}
