import { describe, expect, it } from 'vitest';
import { jobsOwnSession } from '../core/jobs/jobPriority.js';
import { cliJobPriority } from './cliJobPriority.js';

describe('the priority of jobs a CLI command starts', () => {
  it("keeps an import's or a training's job at the command's priority, in its session", () => {
    for (const command of ['import', 'train', 'drift']) {
      const env: NodeJS.ProcessEnv = {};
      cliJobPriority(command, env);
      expect(env.BENCHTOP_JOB_NICE, command).toBe('0');
      expect(jobsOwnSession(env, 'linux'), command).toBe(false);
    }
  });

  it('leaves serve its lowered jobs, and a nice the user chose as it is', () => {
    const serve: NodeJS.ProcessEnv = {};
    cliJobPriority('serve', serve);
    expect(serve.BENCHTOP_JOB_NICE).toBeUndefined();
    expect(jobsOwnSession(serve, 'linux')).toBe(true);
    const chosen: NodeJS.ProcessEnv = { BENCHTOP_JOB_NICE: '5' };
    cliJobPriority('import', chosen);
    expect(chosen.BENCHTOP_JOB_NICE).toBe('5');
  });
});
