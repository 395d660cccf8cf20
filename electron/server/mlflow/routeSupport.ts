import { z } from 'zod';
import type { Core } from '../../core/core.js';
import type { Experiment } from '../../../shared/api/experiments.js';
import { MlflowSearchError } from '../../../shared/mlflow/searchFilter.js';
import { invalid, missing } from './mlflowErrors.js';
import { DEFAULT_EXPERIMENT, WireInt } from './mlflowWire.js';

/** What the MLflow routes share: the contract they call, their shape, and message parts several use. */
export type Call = Core['call'];
export type Route = (call: Call, message: Record<string, unknown>) => Promise<object>;

export const ViewType = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).default('ACTIVE_ONLY');
export const MaxResults = (fallback: number, max: number) =>
  WireInt.optional()
    .transform((n) => n ?? fallback)
    .refine((n) => n >= 1 && n <= max, `max_results must be between 1 and ${max}`);
/** A JSON list that GET sends as one repeated query parameter: one value arrives as a string. */
export const List = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

export async function experimentById(call: Call, wireId: string): Promise<Experiment> {
  if (wireId === '0') {
    try {
      return await call('experiments.get', { name: DEFAULT_EXPERIMENT });
    } catch {
      return call('experiments.create', { name: DEFAULT_EXPERIMENT });
    }
  }
  if (!/^\d{1,15}$/.test(wireId)) throw missing(`No Experiment with id=${wireId} exists`);
  return call('experiments.get', { id: Number(wireId) }).catch(() => {
    throw missing(`No Experiment with id=${wireId} exists`);
  });
}

/** A search filter MLflow would refuse, refused in its words. */
export function searchError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MlflowSearchError) throw invalid(e.message);
    throw e;
  }
}
