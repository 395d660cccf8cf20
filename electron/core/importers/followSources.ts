import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { FollowedSource, RunImportSummary } from '../../../shared/api/otherTrackers.js';
import type { EventBus } from '../eventBus.js';
import { UserError } from '../userError.js';
import type { FollowState, ImportRequest } from './importRequest.js';
import { TensorboardTail } from './tensorboardSource.js';

/** How often a followed folder is read again: new points are in Benchtop within about this long. */
export const FOLLOW_EVERY_MS = 1000;
const MAX_WARNINGS = 20;

type ImportOnce = (request: ImportRequest, follow?: FollowState) => Promise<RunImportSummary>;

/**
 * Followed folders: each is imported, then read again a second after each round ends (rounds
 * never overlap) until unfollowed. A round that fails is reported on the follow and the next one
 * starts over from the files' beginnings, so nothing between them is lost.
 */
export function createFollows(importOnce: ImportOnce, events: EventBus, everyMs = FOLLOW_EVERY_MS) {
  const follows = new Map<
    string,
    { info: FollowedSource; state: FollowState; timer: NodeJS.Timeout | null; stopped: boolean }
  >();
  const list = () =>
    [...follows.values()].map((f) => ({ ...f.info, warnings: [...f.info.warnings] }));
  const changed = () => events.emit({ type: 'runs.follow.changed', following: list() });

  async function round(followId: string): Promise<void> {
    const f = follows.get(followId);
    if (!f || f.stopped) return;
    const request = {
      path: f.info.path,
      experiment: f.info.experiment ?? undefined,
      preview: false,
    };
    try {
      const s = await importOnce(request, f.state);
      f.info.runs_added += s.runs_added;
      f.info.metric_points += s.metric_points;
      const fresh = s.warnings.filter((w) => !f.info.warnings.includes(w));
      f.info.warnings = [...f.info.warnings, ...fresh].slice(-MAX_WARNINGS);
      const wasFailing = f.info.error !== null;
      f.info.error = null;
      f.info.last_checked = new Date().toISOString();
      if (s.runs_added || s.metric_points || fresh.length || wasFailing) changed();
    } catch (e) {
      f.state = { tail: new TensorboardTail(false), rounds: 0 };
      const message = e instanceof Error ? e.message : String(e);
      f.info.last_checked = new Date().toISOString();
      if (f.info.error !== message) {
        f.info.error = message;
        changed();
      }
    } finally {
      if (!f.stopped) f.timer = setTimeout(() => void round(followId), everyMs);
    }
  }

  return {
    handlers: {
      'runs.follow': async ({
        path,
        experiment,
      }: {
        path: string;
        experiment?: string | undefined;
      }): Promise<FollowedSource> => {
        const where = resolve(path);
        const already = [...follows.values()].find(
          (f) => f.info.path === where && f.info.experiment === (experiment ?? null),
        );
        if (already) return { ...already.info };
        const followId = randomUUID();
        const state: FollowState = { tail: new TensorboardTail(false), rounds: 0 };
        // The first round is an ordinary import: a path that is not a store or logdir fails here, once.
        const first = await importOnce({ path: where, experiment, preview: false }, state);
        const info: FollowedSource = {
          followId,
          path: where,
          source: first.source,
          experiment: experiment ?? null,
          since: new Date().toISOString(),
          runs_added: first.runs_added,
          metric_points: first.metric_points,
          last_checked: new Date().toISOString(),
          error: null,
          warnings: first.warnings.slice(0, MAX_WARNINGS),
        };
        const f = { info, state, timer: null as NodeJS.Timeout | null, stopped: false };
        follows.set(followId, f);
        f.timer = setTimeout(() => void round(followId), everyMs);
        changed();
        return { ...info };
      },
      'runs.unfollow': ({ followId }: { followId: string }) => {
        const f = follows.get(followId);
        if (!f) throw new UserError(`nothing is followed with id ${followId}`);
        f.stopped = true;
        if (f.timer) clearTimeout(f.timer);
        follows.delete(followId);
        changed();
        return { stopped: true };
      },
      'runs.following': () => list(),
    },
    stopAll(): void {
      for (const f of follows.values()) {
        f.stopped = true;
        if (f.timer) clearTimeout(f.timer);
      }
      follows.clear();
    },
  };
}
