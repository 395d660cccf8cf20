/** What one check of a policy found, for the line "Check now" shows. */
export interface CheckOutcome {
  started: number[];
  /** The model's pipeline that was already running (importing, training…), if one was. */
  busy: { id: number; step: string | null } | null;
  /** New files that had to wait for that pipeline. */
  waiting: number;
  /** New files modified too recently to be complete (still being written or copied). */
  fresh: number;
  /** Problems with single files, one line each. */
  notes: string[];
}

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
const STEP_VERB: Record<string, string> = {
  import: 'importing',
  drift: 'checking drift',
  train: 'training',
  evaluate: 'evaluating',
  register: 'registering',
  promote: 'deciding on promotion',
};

/**
 * One line per check. "no new data" only when there is none: never while the model's pipeline
 * is still working (its data is new, it is being imported) nor while a file is still arriving.
 */
export function checkMessage(o: CheckOutcome): string {
  const parts: string[] = [];
  if (o.started.length)
    parts.push(
      `started pipeline${o.started.length > 1 ? 's' : ''} ${o.started.map((id) => `#${id}`).join(', ')}`,
    );
  if (o.busy) {
    const doing = o.busy.step ? (STEP_VERB[o.busy.step] ?? o.busy.step) : 'running';
    parts.push(
      `pipeline #${o.busy.id} is ${o.busy.step ? doing : 'running'}` +
        (o.waiting ? `; ${files(o.waiting)} wait for it to end` : ''),
    );
  }
  if (o.fresh) parts.push(`${files(o.fresh)} still being written; taken at the next check`);
  if (!parts.length) parts.push('no new data');
  return [...parts, ...o.notes].join('; ');
}
