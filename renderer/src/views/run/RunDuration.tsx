import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { formatDuration, runDuration } from './runFacts.js';

/** How long a run took, or has been running (ticking each second); nothing before it starts. */
export function RunDuration({
  run,
  label: Label,
}: {
  run: { started_at: string | null; ended_at: string | null };
  label: (props: { name: string; children: string }) => ReactNode;
}) {
  const [now, setNow] = useState(() => Date.now());
  const running = run.started_at !== null && run.ended_at === null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const text = formatDuration(runDuration(run, now));
  return text ? <Label name="Duration">{text}</Label> : null;
}
