import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One hostile input: a file for a reader, or a run query (filter and sort) for the query path. */
export type HostileTask =
  | { kind: 'read'; fileName: string; bytes: Uint8Array; delimiter?: string }
  | { kind: 'query'; filter?: string; sort?: string }
  /** Never ends: proves the watchdog sees a stuck synchronous loop. */
  | { kind: 'spin' };

export type HostileOutcome =
  | { kind: 'ok' }
  | { kind: 'user-error'; message: string }
  | { kind: 'crash'; message: string }
  | { kind: 'hang'; ms: number }
  | { kind: 'died'; how: string };

/**
 * Feeds inputs to a separate process (hostileInputChild.ts) with a watchdog per input: an input
 * that does not come back within `boundMs` is a hang, and the process is killed and replaced.
 * An in-process check could not see a hang: a stuck synchronous loop would stop the timer too.
 */
export function createHostileRunner(boundMs = 60_000) {
  let child: ChildProcess | undefined;
  let count = 0;

  // The child's scratch folder is made here, so it is removed even when the child is killed.
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-fuzz-'));
  let spawned = 0;
  const spawn = (): ChildProcess =>
    fork(
      fileURLToPath(new URL('./hostileInputChild.ts', import.meta.url)),
      [join(dir, String(spawned++))],
      {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );

  function run(task: HostileTask, limitMs = boundMs): Promise<HostileOutcome> {
    count++;
    const proc = (child ??= spawn());
    return new Promise((resolve) => {
      const settle = (outcome: HostileOutcome) => {
        clearTimeout(timer);
        proc.off('message', onMessage);
        proc.off('exit', onExit);
        if (outcome.kind === 'hang' || outcome.kind === 'died') {
          proc.kill('SIGKILL');
          if (child === proc) child = undefined;
        }
        resolve(outcome);
      };
      const id = count;
      const onMessage = (reply: { id: number; outcome: HostileOutcome }) => {
        if (reply.id === id) settle(reply.outcome);
      };
      const onExit = (code: number | null, signal: string | null) =>
        settle({ kind: 'died', how: signal ?? `exit code ${code}` });
      const timer = setTimeout(() => settle({ kind: 'hang', ms: limitMs }), limitMs);
      proc.on('message', onMessage);
      proc.on('exit', onExit);
      proc.send({ id, task });
    });
  }

  return {
    run,
    /** How many inputs were run (the figure README reports). */
    get count() {
      return count;
    },
    close(): void {
      child?.kill('SIGKILL');
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a hostile input may do: be accepted, or be refused with a one-line message. */
export function isAcceptable(outcome: HostileOutcome): boolean {
  if (outcome.kind === 'ok') return true;
  return (
    outcome.kind === 'user-error' &&
    outcome.message.trim().length > 0 &&
    !outcome.message.includes('\n')
  );
}
