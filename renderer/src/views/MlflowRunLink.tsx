import { useEffect, useState } from 'react';
import { useClient } from '../data/connection.js';
import { hrefOf } from '../data/route.js';
import { messageOf } from '../lib/messageOf.js';
import { uidFromRunId } from '../../../shared/mlflow/wireValues.js';

/** Follows a link MLflow's client printed (`#/experiments/<id>/runs/<run id>`) to the run's page here. */
export function MlflowRunLink({ runId }: { runId: string }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('runs.tracked', { uids: [uidFromRunId(runId) ?? runId] })
      .then(([run]) => {
        if (live && run) window.location.replace(hrefOf({ view: 'run', id: run.id }));
      })
      .catch((e: unknown) => live && setProblem(messageOf(e)));
    return () => {
      live = false;
    };
  }, [client, runId]);
  return (
    <div className="panel">
      <h1>Run {runId}</h1>
      {problem ? <p role="alert">{problem}</p> : <p className="muted">Opening the run…</p>}
    </div>
  );
}
