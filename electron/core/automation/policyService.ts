import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PolicySettings, type Policy } from '../../../shared/api/automation.js';
import type { EventBus } from '../eventBus.js';
import type { AutomationRepo } from '../store/automationRepo.js';
import type { Store } from '../store/store.js';
import { metricGoal } from '../training/sweeps/sweepPlan.js';
import { UserError } from '../userError.js';
import { championOf, versionsOf } from './champion.js';

/** Why a watched folder cannot be read now, or null when it can. */
export function folderProblem(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return `the watched path ${dir} is not a folder`;
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `the watched folder ${dir} does not exist`;
    return `the watched folder ${dir} cannot be read (${code ?? 'error'})`;
  }
}

/** Policies: one per registered model, checked against the model before anything is stored. */
export function createPolicyService(deps: {
  store: Store;
  repo: AutomationRepo;
  events: EventBus;
  artifactsDir: (runId: number) => string;
}) {
  const { store, repo, events } = deps;
  const changed = (id: number) => events.emit({ type: 'policy.changed', policyId: id });

  function get(id: number) {
    const p = repo.policy(id);
    if (!p) throw new UserError(`no policy with id ${id}`);
    return p;
  }

  /** `checkFolder` off: an edit that leaves a vanished folder alone (disabling a paused policy) must still work. */
  function validate(model: string, s: PolicySettings, checkFolder = true): PolicySettings {
    const champion = championOf(store, deps.artifactsDir, model);
    if (s.metric !== null) metricGoal(s.metric, champion.task);
    if (s.everySeconds !== null && s.watchDir === null && s.dataset === null) {
      throw new UserError(
        'a schedule needs something to check: give a folder to watch or a dataset name',
      );
    }
    if (s.threshold !== null && s.trigger !== 'decay')
      throw new UserError('a threshold applies to the decay trigger only');
    const watchDir = s.watchDir === null ? null : resolve(s.watchDir);
    const problem = watchDir === null || !checkFolder ? null : folderProblem(watchDir);
    if (problem) throw new UserError(problem);
    return { ...s, watchDir };
  }

  const settingsOf = (p: Policy): PolicySettings => ({
    watchDir: p.watch_dir,
    dataset: p.dataset,
    everySeconds: p.every_seconds,
    trigger: p.trigger,
    metric: p.metric,
    margin: p.margin,
    threshold: p.threshold,
    strategy: p.strategy,
    autoPromote: p.auto_promote,
  });

  return {
    get,
    list: () => repo.policies(),
    create(input: PolicySettings & { model: string }): Policy {
      const { model, ...rest } = input;
      const modelId = versionsOf(store, model)[0]!.model_id;
      const existing = repo.policyOfModel(modelId);
      if (existing)
        throw new UserError(
          `model ${model} already has policy ${existing.id}; edit it instead (one policy per model)`,
        );
      const id = repo.insertPolicy(modelId, validate(model, PolicySettings.parse(rest)));
      changed(id);
      return get(id);
    },
    update(input: Partial<PolicySettings> & { id: number; enabled?: boolean | undefined }): Policy {
      const current = get(input.id);
      const { id, enabled, ...edits } = input;
      const defined = Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== undefined));
      const settings = validate(
        current.model,
        { ...settingsOf(current), ...defined },
        'watchDir' in defined || enabled === true,
      );
      const nowEnabled = enabled ?? current.enabled;
      // Enabling (again) or editing the folder clears a pause: the next check says whether it still holds.
      const pausedReason = enabled === true || 'watchDir' in defined ? null : current.paused_reason;
      repo.updatePolicy(id, { ...settings, enabled: nowEnabled, paused_reason: pausedReason });
      changed(id);
      return get(id);
    },
    remove(id: number): boolean {
      get(id);
      const deleted = repo.deletePolicy(id);
      changed(id);
      return deleted;
    },
    pause(id: number, reason: string): void {
      repo.pausePolicy(id, reason);
      changed(id);
    },
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
