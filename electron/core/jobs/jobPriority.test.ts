import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lowerJobPriority } from './jobPriority.js';

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
