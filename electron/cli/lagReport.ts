import { monitorEventLoopDelay } from 'node:perf_hooks';

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/**
 * With `BENCHTOP_REPORT_LAG=1` (set by bench/mlflowIngest.bench.ts): measures this process's
 * event-loop delay from now on; the returned function prints, once,
 * `benchtop-lag {"p50_ms":…,"p99_ms":…,"max_ms":…,"mean_ms":…}` through `err` (stderr).
 * Without the variable it measures nothing and prints nothing.
 */
export function startLagReport(err: (text: string) => void): () => void {
  if (!process.env.BENCHTOP_REPORT_LAG) return () => {};
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let reported = false;
  return () => {
    if (reported) return;
    reported = true;
    delay.disable();
    const figures = {
      p50_ms: ms(delay.percentile(50)),
      p99_ms: ms(delay.percentile(99)),
      max_ms: ms(delay.max),
      mean_ms: ms(delay.mean),
    };
    err(`benchtop-lag ${JSON.stringify(figures)}`);
  };
}
