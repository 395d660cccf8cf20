import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import type { FollowedSource, RunImportSource } from '../../../../shared/api/otherTrackers.js';
import { useClient } from '../../data/connection.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import './following.css';

export const followingKey = ['runs.following'] as const;

const SOURCE_NAMES: Record<RunImportSource, string> = {
  'mlflow-filestore': 'MLflow file store',
  'mlflow-sqlite': 'MLflow database',
  tensorboard: 'TensorBoard logdir',
};
/** `runs.follow.changed` comes when totals change; a quiet folder's "checked" time is polled. */
const POLL_MS = 3_000;

const clock = (iso: string | null): string | null => {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
};
const plural = (n: number, word: string) => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * The folders being followed (new points there come in every second), under the explorer's
 * toolbar: what each has brought in, when it last looked, its last error, and Stop. Nothing
 * shows while nothing is followed.
 */
export function FollowingStrip() {
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const following = useQuery({
    queryKey: followingKey,
    queryFn: () => client.call('runs.following', {}),
    refetchInterval: (query) => (query.state.data?.length ? POLL_MS : false),
  });
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.type === 'runs.follow.changed')
          queryClient.setQueryData<FollowedSource[]>(followingKey, event.following);
      }),
    [client, queryClient],
  );
  const stop = useMutation({
    mutationFn: (followId: string) => client.call('runs.unfollow', { followId }),
    onSuccess: (_, followId) => {
      queryClient.setQueryData<FollowedSource[]>(followingKey, (old) =>
        old?.filter((f) => f.followId !== followId),
      );
      void queryClient.invalidateQueries({ queryKey: followingKey });
    },
  });

  const list = following.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="following-strip" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="following-title">
        Following
      </h2>
      <ul className="following-list">
        {list.map((f) => (
          <FollowedItem
            key={f.followId}
            followed={f}
            stopping={stop.isPending && stop.variables === f.followId}
            onStop={() => stop.mutate(f.followId)}
          />
        ))}
      </ul>
      {stop.isError && (
        <p className="form-error" role="alert">
          Could not stop following: {messageOf(stop.error)}
        </p>
      )}
    </section>
  );
}

function FollowedItem({
  followed: f,
  stopping,
  onStop,
}: {
  followed: FollowedSource;
  stopping: boolean;
  onStop: () => void;
}) {
  const name = f.path.split(/[\\/]/).filter(Boolean).pop() ?? f.path;
  const checked = clock(f.last_checked);
  return (
    <li className={`following-item${f.error ? ' failing' : ''}`}>
      <span className="following-dot" aria-hidden="true" />
      <span className="following-source">
        <span className="following-name">{name}</span>{' '}
        <span className="following-path mono" title={f.path}>
          {f.path}
        </span>
      </span>
      <span className="muted following-kind">
        {SOURCE_NAMES[f.source]}
        {f.experiment ? ` → ${f.experiment}` : ''}
      </span>
      <span className="num following-totals" data-testid="follow-totals">
        {plural(f.runs_added, 'run')} · {plural(f.metric_points, 'point')} since {clock(f.since)}
      </span>
      <span className="muted following-checked">
        {checked ? `checked ${checked}` : 'not checked yet'}
      </span>
      <button
        type="button"
        className="button following-stop"
        aria-label={`Stop following ${f.path}`}
        aria-disabled={stopping || undefined}
        onClick={() => {
          if (!stopping) onStop();
        }}
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
      {f.warnings.length > 0 && (
        <details className="following-warnings">
          <summary>{plural(f.warnings.length, 'warning')}</summary>
          {/* Focusable: a long list scrolls, and a keyboard has to reach it. */}
          <ul tabIndex={0} aria-label={`Warnings while following ${f.path}`}>
            {f.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      {f.error && (
        <p className="following-error" role="alert">
          Last check failed: {f.error} (it tries again every second)
        </p>
      )}
    </li>
  );
}
