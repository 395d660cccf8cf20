import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DriftReport } from '../../../../shared/api/drift.js';
import { useClient } from '../../data/connection.js';
import { driftKeys, useDriftHistory, useDriftReport } from '../../data/driftQueries.js';
import { useDatasets } from '../../data/queries.js';
import { navigate, type Route } from '../../data/route.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { DriftForm, type DriftFormValues, type DriftPick } from './DriftForm.js';
import { DriftHistory } from './DriftHistory.js';
import { driftVerdict, isPartialDrift } from './driftVerdict.js';
import { DriftOverlay } from './DriftOverlay.js';
import { DriftTable } from './DriftTable.js';
import { ExportButton, driftExportChoices } from '../../components/ExportButton.js';

type DriftRoute = Extract<Route, { view: 'drift' }>;

const WHAT_HISTORY_SHOWS =
  'this shows the share of drifted columns per check, any column’s statistic over time, and a link to every past check.';

/** Choose reference and current, check, and read the result: per column, as overlays, and over time. */
export function DriftView({ route }: { route: DriftRoute }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const datasets = useDatasets();
  const report = useDriftReport(route.reportId);
  const shown: DriftReport | undefined = route.reportId === null ? undefined : report.data;

  // What the user picked in the form (undefined: follow the URL, else the report shown). Opening a
  // report resets both sides; a dropped file (a new `cur` in the URL) resets only the current one.
  const [pick, setPick] = useState<{
    reference?: number | null | undefined;
    current?: number | null | undefined;
  }>({});
  const [seen, setSeen] = useState({ reportId: route.reportId, current: route.current });
  if (seen.reportId !== route.reportId || seen.current !== route.current) {
    const opened = route.reportId !== null && route.reportId !== seen.reportId;
    setSeen({ reportId: route.reportId, current: route.current });
    setPick((p) => (opened ? {} : { reference: p.reference }));
  }
  const chosen: DriftPick = {
    reference:
      pick.reference !== undefined
        ? pick.reference
        : (route.reference ?? shown?.reference_id ?? null),
    current:
      pick.current !== undefined ? pick.current : (route.current ?? shown?.current_id ?? null),
  };
  const referenceId = shown?.reference_id ?? chosen.reference;
  const referenceName = datasets.data?.find((d) => d.id === referenceId)?.name;
  const history = useDriftHistory(referenceId, shown?.model ?? null);

  const check = useMutation({
    mutationFn: (v: DriftFormValues) =>
      client.call('drift.check', {
        referenceId: v.reference,
        currentId: v.current,
        numericTest: v.numericTest,
        categoricalTest: v.categoricalTest,
      }),
    onSuccess: async (result) => {
      queryClient.setQueryData(driftKeys.report(result.id), result);
      await queryClient.invalidateQueries({ queryKey: ['drift.list'] });
      navigate({ view: 'drift', reportId: result.id, reference: null, current: null });
    },
  });

  const tested =
    shown?.columns.filter((c) => c.test !== null && c.distribution.labels.length > 0) ?? [];

  return (
    <div className="view">
      <header className="view-header">
        <p className="eyebrow">Drift</p>
        <h1>Does the new data still look like the old?</h1>
      </header>
      <div className="dataset-body">
        <section className="panel" aria-labelledby="drift-form-heading">
          <h2 id="drift-form-heading">Check</h2>
          <DriftForm
            datasets={datasets.data ?? []}
            pick={chosen}
            onPick={setPick}
            checking={check.isPending}
            onCheck={(v) => check.mutate(v)}
          />
          {check.isError && (
            <p className="form-error" role="alert">
              {messageOf(check.error)}
            </p>
          )}
        </section>
        {route.reportId !== null && report.isError && (
          <p className="form-error">{messageOf(report.error)}</p>
        )}
        {shown && (
          <section className="panel" aria-labelledby="drift-result-heading">
            <h2 id="drift-result-heading">Result #{shown.id}</h2>
            <ExportButton choices={driftExportChoices(shown.id)} />
            <p
              className={
                shown.dataset_drift
                  ? 'drift-verdict drifted'
                  : isPartialDrift(shown)
                    ? 'drift-verdict partial'
                    : 'drift-verdict'
              }
              data-testid="drift-verdict"
            >
              {driftVerdict(shown)} Reference {formatNumber(shown.reference_rows)} rows, current{' '}
              {formatNumber(shown.current_rows)} rows.
            </p>
            <DriftTable columns={shown.columns} />
          </section>
        )}
        {tested.length > 0 && (
          <section className="panel" aria-labelledby="drift-overlays-heading">
            <h2 id="drift-overlays-heading">Distributions: reference and current</h2>
            <div className="drift-overlays">
              {tested.map((c) => (
                <DriftOverlay key={c.column} column={c} />
              ))}
            </div>
          </section>
        )}
        <section className="panel" aria-labelledby="drift-history-heading">
          <h2 id="drift-history-heading">History{shown?.model ? ` of ${shown.model}` : ''}</h2>
          {referenceId === null ? (
            <p className="muted drift-history-empty">
              Choose the reference data: {WHAT_HISTORY_SHOWS}
            </p>
          ) : history.isPending ? (
            <p className="muted">Loading…</p>
          ) : (history.data?.length ?? 0) === 0 ? (
            <p className="muted drift-history-empty">
              No checks against {referenceName ?? 'this reference'} yet. After the first check,{' '}
              {WHAT_HISTORY_SHOWS}
            </p>
          ) : (
            <DriftHistory history={history.data ?? []} selectedId={route.reportId} />
          )}
        </section>
      </div>
    </div>
  );
}
