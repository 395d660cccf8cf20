import type { ParsedInput } from '../../../shared/api.js';
import type { MetricPoint } from '../../../shared/domain.js';
import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import { InvalidInput } from '../userError.js';
import { mlflowParamText as paramText } from '../../../shared/mlflow/searchFilter.js';

/**
 * A param's stored JSON: text that is exactly a number's shortest form becomes that number, so
 * `params.lr < 0.01` works in the explorer while the text reads back unchanged.
 */
export function paramJson(text: string): string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && String(n) === text
    ? text
    : JSON.stringify(text);
}

/** Writes one `runs.log` request in one transaction; returns how many metric points it kept. */
export function logToRun(
  store: Store,
  events: EventBus,
  runId: number,
  input: ParsedInput<'runs.log'>,
): number {
  const { trackedRuns, metricHistory } = store;
  const existing = trackedRuns.params(runId);
  const params: [string, string][] = [];
  const seen = new Map<string, string>();
  for (const { key, value } of input.params) {
    const json = paramJson(value);
    const before = existing.get(key) ?? seen.get(key);
    if (before !== undefined && before !== json) {
      const old = paramText(JSON.parse(before) as string | number);
      throw new InvalidInput(
        `Changing param values is not allowed. Param with key='${key}' was already logged with value='${old}' for this run. Attempted logging new value '${value}'.`,
      );
    }
    seen.set(key, json);
    if (before === undefined) params.push([key, json]);
  }
  const tags = input.tags.map(({ key, value }) => [key, value] as [string, string]);
  const newName = input.tags.findLast((t) => t.key === 'mlflow.runName')?.value;

  let charted: MetricPoint[] = [];
  trackedRuns.transaction(() => {
    trackedRuns.write(runId, params, tags);
    if (newName) trackedRuns.rename(runId, newName);
    if (input.metrics.length) charted = metricHistory.append(runId, input.metrics);
  });
  if (charted.length && events.size > 0)
    events.emit({ type: 'run.metric', runId, points: charted });
  return input.metrics.length;
}
