import { z } from 'zod';
import type { Db } from './db.js';

export const RunArtifact = z.object({
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});
export type RunArtifact = z.infer<typeof RunArtifact>;
export type LogLevel = 'info' | 'warn' | 'error';
type EnvValue = string | number | null;

const Metrics = z.record(z.string(), z.number());
const Env = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** What a training job records about its run beyond params and metric series (migration 0002). */
export function createTrainingRepo(db: Db) {
  const putEnv = db.prepare<[number, string]>(
    'INSERT OR REPLACE INTO run_environments (run_id, env) VALUES (?, ?)',
  );
  const getEnv = db.prepare<[number], { env: string }>(
    'SELECT env FROM run_environments WHERE run_id = ?',
  );
  const putEval = db.prepare<[number, string]>(
    'INSERT OR REPLACE INTO run_evaluations (run_id, metrics) VALUES (?, ?)',
  );
  const getEval = db.prepare<[number], { metrics: string }>(
    'SELECT metrics FROM run_evaluations WHERE run_id = ?',
  );
  const putArtifact = db.prepare<[number, string, string, string, number]>(
    'INSERT OR REPLACE INTO run_artifacts (run_id, name, path, sha256, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  const getArtifacts = db.prepare<[number], RunArtifact>(
    'SELECT name, path, sha256, bytes FROM run_artifacts WHERE run_id = ? ORDER BY name',
  );
  const putLog = db.prepare<[number, LogLevel, string]>(
    'INSERT INTO run_logs (run_id, level, message) VALUES (?, ?, ?)',
  );
  const getLogs = db.prepare<[number], { level: LogLevel; message: string }>(
    'SELECT level, message FROM run_logs WHERE run_id = ? ORDER BY id',
  );

  return {
    setEnvironment(runId: number, env: Record<string, EnvValue>): void {
      putEnv.run(runId, JSON.stringify(env));
    },
    environment(runId: number): Record<string, EnvValue> | null {
      const row = getEnv.get(runId);
      return row ? Env.parse(JSON.parse(row.env)) : null;
    },
    /**
     * The test-split evaluation of a finished run, in the scorer's names (`accuracy`, …), as its
     * job reported it. Views read the same numbers as `test_*` metrics (docs/metrics.md).
     */
    setEvaluation(runId: number, metrics: Record<string, number>): void {
      putEval.run(runId, JSON.stringify(metrics));
    },
    evaluation(runId: number): Record<string, number> | null {
      const row = getEval.get(runId);
      return row ? Metrics.parse(JSON.parse(row.metrics)) : null;
    },
    addArtifact(runId: number, a: RunArtifact): void {
      putArtifact.run(runId, a.name, a.path, a.sha256, a.bytes);
    },
    artifacts(runId: number): RunArtifact[] {
      return getArtifacts.all(runId);
    },
    log(runId: number, level: LogLevel, message: string): void {
      putLog.run(runId, level, message);
    },
    logs(runId: number): { level: LogLevel; message: string }[] {
      return getLogs.all(runId);
    },
  };
}
export type TrainingRepo = ReturnType<typeof createTrainingRepo>;
