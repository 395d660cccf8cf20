import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DriftReport } from '../../../../shared/api/drift.js';
import { useClient } from '../../data/connection.js';
import { driftKeys, useDriftHistory, useDriftReport } from '../../data/driftQueries.js';
import { useDatasets } from '../../data/queries.js';
import { navigate, type Route } from '../../data/route.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { DriftForm, type DriftFormValues } from './DriftForm.js';
import { DriftHistory } from './DriftHistory.js';
import { DriftOverlay } from './DriftOverlay.js';
import { DriftTable } from './DriftTable.js';
import { ExportButton, driftExportChoices } from '../../components/ExportButton.js';

type DriftRoute = Extract<Route, { view: 'drift' }>;

/** Choose reference and current, check, and read the result: per column, as overlays, and over time. */
export function DriftView({ route }: { route: DriftRoute }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const datasets = useDatasets();
  const report = useDriftReport(route.reportId);
  const shown: DriftReport | undefined = route.reportId === null ? undefined : report.data;
  const referenceId = shown?.reference_id ?? route.reference;
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

  const initial = shown
    ? { reference: shown.reference_id, current: shown.current_id }
    : { reference: route.reference, current: route.current };
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
            key={`${initial.reference}-${initial.current}`}
            datasets={datasets.data ?? []}
            initial={initial}
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
              className={shown.dataset_drift ? 'drift-verdict drifted' : 'drift-verdict'}
              data-testid="drift-verdict"
            >
              {shown.dataset_drift ? 'Dataset drift' : 'No dataset drift'}: {shown.drifted_columns}{' '}
              of {shown.tested_columns} columns drifted (share {formatNumber(shown.drift_share)},
              threshold {formatNumber(shown.drift_share_threshold)}) · reference{' '}
              {formatNumber(shown.reference_rows)} rows, current {formatNumber(shown.current_rows)}{' '}
              rows
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
        {referenceId !== null && (history.data?.length ?? 0) > 0 && (
          <section className="panel" aria-labelledby="drift-history-heading">
            <h2 id="drift-history-heading">History{shown?.model ? ` of ${shown.model}` : ''}</h2>
            <DriftHistory history={history.data ?? []} selectedId={route.reportId} />
          </section>
        )}
      </div>
    </div>
  );
}
