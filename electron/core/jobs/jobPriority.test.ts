import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { jobsOwnSession, lowerJobPriority } from './jobPriority.js';
import { startJob } from './jobProcess.js';
import { enableTestJobs } from '../../testing/syntheticJobs.js';

describe('job priority', () => {
  it('puts a job process at nice 10 by default, at BENCHTOP_JOB_NICE when set, and leaves it with 0', () => {
    const children = [0, 1, 2].map(() =>
      spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' }),
    );
    try {
      const [a, b, c] = children.map((child) => child.pid!);
      lowerJobPriority(a, {});
      lowerJobPriority(b, { BENCHTOP_JOB_NICE: '5' });
      lowerJobPriority(c, { BENCHTOP_JOB_NICE: '0' });
      expect(getPriority(a)).toBe(10);
      expect(getPriority(b)).toBe(5);
      expect(getPriority(c)).toBe(getPriority(process.pid));
      expect(() => lowerJobPriority(undefined, {})).not.toThrow();
    } finally {
      for (const child of children) child.kill('SIGKILL');
    }
  });
});

describe('a job session of its own', () => {
  it('is the rule on Linux unless BENCHTOP_JOB_NICE=0, and not elsewhere', () => {
    expect(jobsOwnSession({}, 'linux')).toBe(true);
    expect(jobsOwnSession({ BENCHTOP_JOB_NICE: '0' }, 'linux')).toBe(false);
    expect(jobsOwnSession({}, 'darwin')).toBe(false);
    expect(jobsOwnSession({}, 'win32')).toBe(false);
  });

  const autogroup = (pid: number | string) => {
    try {
      return readFileSync(`/proc/${pid}/autogroup`, 'utf8').trim();
    } catch {
      return undefined; // no autogroup scheduling in this kernel
    }
  };

  it.skipIf(process.platform !== 'linux' || autogroup('self') === undefined)(
    "puts a job process in an autogroup other than main's, at nice 10",
    async () => {
      enableTestJobs();
      // Long enough to be alive when its start arrives; cancelled once seen.
      const job = {
        kind: 'synthetic-metrics',
        runId: 1,
        points: 1e9,
        batch: 1000,
        keys: 1,
      } as const;
      const seen: string[] = [];
      const handle = startJob(job, (m) => {
        if (m.type !== 'start') return;
        seen.push(autogroup(handle.pid!) ?? 'gone');
        handle.cancel();
      });
      await handle.done; // the synthetic job ends its loop on cancel, then sends its result
      const [jobGroup] = seen;
      expect(jobGroup).toMatch(/nice 10$/);
      expect(jobGroup!.split(' ')[0]).not.toBe(autogroup('self')!.split(' ')[0]);
    },
  );
});
