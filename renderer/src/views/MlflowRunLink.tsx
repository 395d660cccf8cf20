import { useEffect, useState } from 'react';
import { useClient } from '../data/connection.js';
import { hrefOf } from '../data/route.js';
import { messageOf } from '../lib/messageOf.js';

const uidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** Follows a link MLflow's client printed (`#/experiments/<id>/runs/<run id>`) to the run's page here. */
export function MlflowRunLink({ runId }: { runId: string }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('runs.tracked', { uids: [uidOf(runId)] })
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
