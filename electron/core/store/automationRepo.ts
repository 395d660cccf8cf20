import {
  PipelineEvaluation,
  type PipelineSource,
  type PipelineStatus,
  type PipelineStep,
  type PipelineSummary,
  type Policy,
  type PolicySettings,
  type PolicyTrigger,
  type StepName,
  type StepStatus,
} from '../../../shared/api/automation.js';
import type { Db } from './db.js';

interface PolicyRow extends Omit<Policy, 'enabled' | 'auto_promote'> {
  model_id: number;
  enabled: number;
  auto_promote: number;
}
interface PipelineRow extends Omit<
  PipelineSummary,
  'steps' | 'triggered' | 'promoted' | 'evaluation'
> {
  model_id: number;
  config: string;
  triggered: number | null;
  promoted: number;
  evaluation: string | null;
  owner_pid: number | null;
}

/** The settings a pipeline ran with (a policy's, frozen at its start, or the defaults). */
export interface PipelineConfig {
  trigger: PolicyTrigger;
  metric: string | null;
  margin: number;
  threshold: number | null;
  strategy: string;
  autoPromote: boolean;
  dataset: string | null;
}

/** Fields a step may record on its pipeline as it finishes. */
export type PipelinePatch = Partial<{
  dataset_id: number;
  data_hash: string;
  champion_version_id: number;
  drift_report_id: number;
  training_dataset_id: number;
  run_id: number;
  candidate_version_id: number;
  triggered: boolean;
  promoted: boolean;
  evaluation: PipelineEvaluation;
  reason: string;
}>;

const now = () => new Date().toISOString();
const POLICY = `SELECT p.*, m.name AS model FROM automation_policies p JOIN models m ON m.id = p.model_id`;
const PIPELINE = `SELECT r.*, m.name AS model FROM pipeline_runs r JOIN models m ON m.id = r.model_id`;

const toPolicy = (row: PolicyRow): Policy => ({
  id: row.id,
  model: row.model,
  enabled: row.enabled === 1,
  paused_reason: row.paused_reason,
  watch_dir: row.watch_dir,
  dataset: row.dataset,
  every_seconds: row.every_seconds,
  trigger: row.trigger,
  metric: row.metric,
  margin: row.margin,
  threshold: row.threshold,
  strategy: row.strategy,
  auto_promote: row.auto_promote === 1,
  last_checked_at: row.last_checked_at,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** Policies, pipeline runs and their steps. Every write is one statement or one transaction. */
export function createAutomationRepo(db: Db) {
  const policyById = db.prepare<[number], PolicyRow>(`${POLICY} WHERE p.id = ?`);
  const policyByModel = db.prepare<[number], PolicyRow>(`${POLICY} WHERE p.model_id = ?`);
  const policies = db.prepare<[], PolicyRow>(`${POLICY} ORDER BY p.id`);
  const insertPolicy = db.prepare(
    `INSERT INTO automation_policies (model_id, enabled, watch_dir, dataset, every_seconds, trigger, metric, margin, threshold,
       strategy, auto_promote, created_at, updated_at)
     VALUES (@model_id, 1, @watchDir, @dataset, @everySeconds, @trigger, @metric, @margin, @threshold, @strategy, @autoPromote, @now, @now)`,
  );
  const updatePolicy = db.prepare(
    `UPDATE automation_policies SET watch_dir = @watchDir, dataset = @dataset, every_seconds = @everySeconds, trigger = @trigger,
       metric = @metric, margin = @margin, threshold = @threshold, strategy = @strategy, auto_promote = @autoPromote,
       enabled = @enabled, paused_reason = @paused_reason, updated_at = @now WHERE id = @id`,
  );
  const pausePolicy = db.prepare<[string | null, string, number]>(
    'UPDATE automation_policies SET paused_reason = ?, updated_at = ? WHERE id = ?',
  );
  const checked = db.prepare<[string, number]>(
    'UPDATE automation_policies SET last_checked_at = ? WHERE id = ?',
  );
  const deletePolicy = db.prepare<[number]>('DELETE FROM automation_policies WHERE id = ?');

  const seen = db.prepare<[number], { path: string; size: number; mtime_ms: number }>(
    'SELECT path, size, mtime_ms FROM automation_seen_files WHERE policy_id = ?',
  );
  const markSeen = db.prepare<[number, string, number, number, string]>(
    'INSERT OR REPLACE INTO automation_seen_files (policy_id, path, size, mtime_ms, seen_at) VALUES (?, ?, ?, ?, ?)',
  );

  const pipelineById = db.prepare<[number], PipelineRow>(`${PIPELINE} WHERE r.id = ?`);
  const allPipelines = db.prepare<[], PipelineRow>(`${PIPELINE} ORDER BY r.id DESC`);
  const pipelinesOfModel = db.prepare<[string], PipelineRow>(
    `${PIPELINE} WHERE m.name = ? ORDER BY r.id DESC`,
  );
  const sameData = db.prepare<[number, string, number | null], PipelineRow>(
    `${PIPELINE} WHERE r.model_id = ? AND r.data_hash = ? AND r.policy_id IS ? ORDER BY r.id DESC`,
  );
  const running = db.prepare<[], { id: number; owner_pid: number | null }>(
    `SELECT id, owner_pid FROM pipeline_runs WHERE status = 'running'`,
  );
  const runningOfModel = db.prepare<[number], { id: number; owner_pid: number | null }>(
    `SELECT id, owner_pid FROM pipeline_runs WHERE status = 'running' AND model_id = ?`,
  );
  const insertPipeline = db.prepare(
    `INSERT INTO pipeline_runs (model_id, policy_id, status, trigger, source, config, data_path, data_hash, owner_pid, created_at)
     VALUES (@model_id, @policy_id, 'running', @trigger, @source, @config, @data_path, @data_hash, @owner_pid, @created_at)`,
  );
  const insertStep = db.prepare<[number, number, string]>(
    `INSERT INTO pipeline_steps (pipeline_id, position, name, status) VALUES (?, ?, ?, 'pending')`,
  );
  const stepsOf = db.prepare<[number], PipelineStep>(
    'SELECT name, status, started_at, ended_at, detail FROM pipeline_steps WHERE pipeline_id = ? ORDER BY position',
  );
  const setStep = db.prepare<[StepStatus, string | null, string | null, string, number, string]>(
    'UPDATE pipeline_steps SET status = ?, started_at = coalesce(?, started_at), ended_at = ?, detail = ? WHERE pipeline_id = ? AND name = ?',
  );
  const setStatus = db.prepare<[PipelineStatus, number | null, string | null, number]>(
    'UPDATE pipeline_runs SET status = ?, owner_pid = ?, ended_at = ? WHERE id = ?',
  );
  const interruptSteps = db.prepare<[string, string, number]>(
    `UPDATE pipeline_steps SET status = 'interrupted', ended_at = ?, detail = ? WHERE pipeline_id = ? AND status = 'running'`,
  );

  const toSummary = (row: PipelineRow): PipelineSummary => {
    const {
      model_id: _m,
      config: _c,
      owner_pid: _o,
      triggered,
      promoted,
      evaluation,
      ...rest
    } = row;
    return {
      ...rest,
      triggered: triggered === null ? null : triggered === 1,
      promoted: promoted === 1,
      evaluation: evaluation ? PipelineEvaluation.parse(JSON.parse(evaluation)) : null,
      steps: stepsOf.all(row.id),
    };
  };
  const PATCHABLE = new Set<string>([
    'dataset_id',
    'data_hash',
    'champion_version_id',
    'drift_report_id',
    'training_dataset_id',
    'run_id',
    'candidate_version_id',
    'triggered',
    'promoted',
    'evaluation',
    'reason',
  ]);

  return {
    policy: (id: number) => {
      const row = policyById.get(id);
      return row && { ...toPolicy(row), model_id: row.model_id };
    },
    policyOfModel: (modelId: number) => {
      const row = policyByModel.get(modelId);
      return row && { ...toPolicy(row), model_id: row.model_id };
    },
    policies: () => policies.all().map(toPolicy),
    insertPolicy(modelId: number, s: PolicySettings): number {
      return Number(
        insertPolicy.run({
          ...s,
          autoPromote: s.autoPromote ? 1 : 0,
          model_id: modelId,
          now: now(),
        }).lastInsertRowid,
      );
    },
    updatePolicy(
      id: number,
      s: PolicySettings & { enabled: boolean; paused_reason: string | null },
    ): void {
      updatePolicy.run({
        ...s,
        id,
        autoPromote: s.autoPromote ? 1 : 0,
        enabled: s.enabled ? 1 : 0,
        now: now(),
      });
    },
    pausePolicy: (id: number, reason: string | null) => void pausePolicy.run(reason, now(), id),
    markChecked: (id: number) => void checked.run(now(), id),
    deletePolicy: (id: number) => deletePolicy.run(id).changes === 1,
    seenFiles: (policyId: number) => new Map(seen.all(policyId).map((f) => [f.path, f])),
    markSeen: (policyId: number, path: string, size: number, mtimeMs: number) =>
      void markSeen.run(policyId, path, size, mtimeMs, now()),

    pipeline: (id: number) => {
      const row = pipelineById.get(id);
      return (
        row && {
          summary: toSummary(row),
          config: JSON.parse(row.config) as PipelineConfig,
          modelId: row.model_id,
        }
      );
    },
    pipelines: (model?: string) =>
      (model === undefined ? allPipelines.all() : pipelinesOfModel.all(model)).map(toSummary),
    /** Earlier pipelines of the same model and policy on the same bytes, newest first. */
    sameData: (modelId: number, hash: string, policyId: number | null) =>
      sameData.all(modelId, hash, policyId).map(toSummary),
    runningOf: (modelId: number) => runningOfModel.get(modelId),
    /** Creates a running pipeline with its steps pending; fails on the one-running-per-model index. */
    createPipeline(p: {
      modelId: number;
      policyId: number | null;
      source: PipelineSource;
      config: PipelineConfig;
      dataPath: string;
      dataHash: string;
    }): number {
      return db.transaction(() => {
        const id = Number(
          insertPipeline.run({
            model_id: p.modelId,
            policy_id: p.policyId,
            trigger: p.config.trigger,
            source: p.source,
            config: JSON.stringify(p.config),
            data_path: p.dataPath,
            data_hash: p.dataHash,
            owner_pid: process.pid,
            created_at: now(),
          }).lastInsertRowid,
        );
        ['import', 'drift', 'train', 'evaluate', 'register', 'promote'].forEach((name, i) =>
          insertStep.run(id, i, name),
        );
        return id;
      })();
    },
    setStep(id: number, name: StepName, status: StepStatus, detail = ''): void {
      const started = status === 'running' ? now() : null;
      const ended =
        status === 'running' || status === 'pending' || status === 'skipped' ? null : now();
      setStep.run(status, started, ended, detail, id, name);
    },
    patch(id: number, patch: PipelinePatch): void {
      const entries = Object.entries(patch).filter(([k]) => PATCHABLE.has(k));
      if (entries.length === 0) return;
      const values = entries.map(([k, v]) =>
        k === 'evaluation' ? JSON.stringify(v) : typeof v === 'boolean' ? Number(v) : v,
      );
      db.prepare(
        `UPDATE pipeline_runs SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`,
      ).run(...values, id);
    },
    setStatus(id: number, status: PipelineStatus): void {
      const ended = status === 'running' || status === 'waiting' ? null : now();
      setStatus.run(status, status === 'running' ? process.pid : null, ended, id);
    },
    /** Pipelines left running by a process that is gone: interrupted, with their running step. */
    markOrphansInterrupted(
      isAlive: (pid: number) => boolean,
      isActiveHere: (id: number) => boolean,
    ): number[] {
      // Our own pid counts only for pipelines this process is running: after a crash a restarted
      // app can get the same pid (pid 1 in a container), and its dead pipelines must not block the model.
      const orphans = running
        .all()
        .filter(
          (r) =>
            r.owner_pid === null ||
            (r.owner_pid === process.pid ? !isActiveHere(r.id) : !isAlive(r.owner_pid)),
        );
      db.transaction(() => {
        for (const r of orphans) {
          interruptSteps.run(
            now(),
            `the process running this step (pid ${r.owner_pid ?? '?'}) ended before it finished`,
            r.id,
          );
          setStatus.run('interrupted', null, now(), r.id);
          db.prepare(`UPDATE pipeline_runs SET reason = ? WHERE id = ?`).run(
            'interrupted: the app stopped mid-pipeline; resume it or trigger it again',
            r.id,
          );
        }
      })();
      return orphans.map((r) => r.id);
    },
  };
}
export type AutomationRepo = ReturnType<typeof createAutomationRepo>;
