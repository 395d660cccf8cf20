import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../../shared/api/automation.js';
import { formatOf } from '../datasets/readers/readTable.js';
import type { AutomationRepo } from '../store/automationRepo.js';
import type { Store } from '../store/store.js';
import { oneLine } from '../userError.js';
import { checkMessage, type CheckOutcome } from './checkMessage.js';
import type { PipelineService } from './pipelineService.js';
import { folderProblem, type PolicyService } from './policyService.js';

/** A file modified more recently than this may still be being written; it waits for the next check. */
const QUIET_MS = 1000;

const importable = (name: string): boolean => {
  if (name.startsWith('.') || /\.(part|tmp|crdownload)$/i.test(name)) return false;
  try {
    formatOf(name);
    return true;
  } catch {
    return false;
  }
};

interface Deps {
  store: Store;
  repo: AutomationRepo;
  policies: PolicyService;
  pipelines: PipelineService;
  log?: (message: string) => void;
}

/**
 * The long-lived app's side of policies: polls each enabled policy's folder (new files become new
 * versions of its dataset) or its dataset (a new latest version), on its schedule or every tick.
 * A folder that vanishes or cannot be read pauses its policy with the reason.
 */
export function createPolicyWatcher({ store, repo, policies, pipelines, log = () => {} }: Deps) {
  const checking = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const due = (p: Policy, now: number): boolean =>
    p.every_seconds === null ||
    p.last_checked_at === null ||
    now - Date.parse(p.last_checked_at) >= p.every_seconds * 1000;

  /** New or changed importable files in the folder, oldest first, and how many are still arriving. */
  function newFiles(
    p: Policy,
    dir: string,
  ): { ready: { path: string; size: number; mtimeMs: number }[]; fresh: number } {
    const seen = repo.seenFiles(p.id);
    const now = Date.now();
    const changed = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && importable(e.name))
      .map((e) => {
        const path = join(dir, e.name);
        const { size, mtimeMs } = statSync(path);
        return { path, size, mtimeMs };
      })
      .filter((f) => {
        const before = seen.get(f.path);
        return !before || before.size !== f.size || before.mtime_ms !== f.mtimeMs;
      });
    const ready = changed.filter((f) => now - f.mtimeMs >= QUIET_MS);
    return {
      ready: ready.sort((a, b) => a.mtimeMs - b.mtimeMs),
      fresh: changed.length - ready.length,
    };
  }

  /** The model's running pipeline and the step it is on, for the check's line. */
  function busyPipeline(modelId: number): CheckOutcome['busy'] {
    const running = repo.runningOf(modelId);
    if (!running) return null;
    const step = pipelines.detail(running.id).steps.find((s) => s.status === 'running');
    return { id: running.id, step: step?.name ?? null };
  }

  /** Checks one policy now; returns the pipelines started and a line saying what happened. */
  async function check(p: Policy): Promise<{ started: number[]; message: string }> {
    if (checking.has(p.id)) {
      // The app's own check got there first and is waiting on the pipeline it started.
      const busy = busyPipeline(repo.policy(p.id)!.model_id);
      const message = busy
        ? checkMessage({ started: [], busy, waiting: 0, fresh: 0, notes: [] })
        : `policy ${p.id} is being checked already`;
      return { started: [], message };
    }
    checking.add(p.id);
    try {
      repo.markChecked(p.id);
      const started: number[] = [];
      const notes: string[] = [];
      const outcome: CheckOutcome = { started, busy: null, waiting: 0, fresh: 0, notes };
      const modelId = repo.policy(p.id)!.model_id;
      if (p.watch_dir !== null) {
        const problem = folderProblem(p.watch_dir);
        let files: ReturnType<typeof newFiles>['ready'] = [];
        try {
          const found = problem ? { ready: [], fresh: 0 } : newFiles(p, p.watch_dir);
          files = found.ready;
          outcome.fresh = found.fresh;
        } catch (e) {
          policies.pause(p.id, `the watched folder ${p.watch_dir} cannot be read: ${oneLine(e)}`);
          return { started, message: `paused: ${oneLine(e)}` };
        }
        if (problem) {
          policies.pause(p.id, problem);
          return { started, message: `paused: ${problem}` };
        }
        for (const [i, f] of files.entries()) {
          if (stopped) break;
          if (pipelines.isBusy(modelId)) {
            outcome.waiting = files.length - i;
            break;
          }
          try {
            const result = await pipelines.run({
              model: p.model,
              path: f.path,
              source: 'watch',
              wait: true,
            });
            if (!result.existing) started.push(result.id);
          } catch (e) {
            // Another pipeline for this model started meanwhile: the file waits for the next check.
            if (pipelines.isBusy(modelId)) {
              outcome.waiting = files.length - i;
              break;
            }
            notes.push(`${f.path}: ${oneLine(e)}`);
            log(`policy ${p.id}: ${f.path}: ${oneLine(e)}`);
          }
          repo.markSeen(p.id, f.path, f.size, f.mtimeMs);
        }
      } else if (p.dataset !== null) {
        const latest = store.datasets.list().find((d) => d.name === p.dataset);
        if (
          latest &&
          !repo.pipelines(p.model).some((x) => x.data_hash === latest.hash && x.policy_id === p.id)
        ) {
          const result = await pipelines.run({
            model: p.model,
            datasetId: latest.id,
            source: 'schedule',
            wait: true,
          });
          if (!result.existing) started.push(result.id);
        }
      }
      // A pipeline still at work (its import, its training) is news, not "no new data".
      if (!started.length) outcome.busy = busyPipeline(modelId);
      return { started, message: checkMessage(outcome) };
    } finally {
      checking.delete(p.id);
    }
  }

  async function tick(): Promise<void> {
    const now = Date.now();
    for (const p of policies.list()) {
      if (!p.enabled || p.paused_reason !== null || !due(p, now)) continue;
      if (p.watch_dir === null && p.dataset === null) continue;
      await check(p).catch((e: unknown) => log(`policy ${p.id}: ${oneLine(e)}`));
    }
  }

  return {
    check,
    start(pollMs: number): void {
      if (timer) return;
      stopped = false;
      let running = false;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        void tick().finally(() => (running = false));
      }, pollMs);
      timer.unref?.();
    },
    stop(): void {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
    },
  };
}
