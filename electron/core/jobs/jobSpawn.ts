import { fork, type ChildProcess } from 'node:child_process';
import { entryFile, fromSource } from '../appPaths.js';
import { jobEnvironment } from './jobEnvironment.js';
import { jobsOwnSession, lowerJobPriority } from './jobPriority.js';

/** From source (tests, tsx) the worker is TypeScript and needs tsx's loader; built it is plain JS. */
function workerEntry(): { path: string; execArgv: string[] } {
  return {
    path: entryFile('core/jobs/jobWorker'),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

/** A job process, below normal priority, waiting for its `run` message. */
export function forkJobWorker(): ChildProcess {
  const { path, execArgv } = workerEntry();
  const child = fork(path, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: jobEnvironment(),
    detached: jobsOwnSession(),
  });
  lowerJobPriority(child.pid);
  child.stdout?.resume();
  return child;
}
