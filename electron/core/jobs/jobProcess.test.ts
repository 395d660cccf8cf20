import { afterEach, describe, expect, it } from 'vitest';
import { enableTestJobs } from '../../testing/syntheticJobs.js';
import { startJob } from './jobProcess.js';
import { TEST_JOBS_ENV } from './protocol.js';

describe('test-only job kinds', () => {
  const before = process.env[TEST_JOBS_ENV];
  afterEach(() => {
    if (before === undefined) delete process.env[TEST_JOBS_ENV];
    else process.env[TEST_JOBS_ENV] = before;
  });

  it('do not exist in a job process unless a test enabled them', async () => {
    delete process.env[TEST_JOBS_ENV];
    const outcome = await startJob({ kind: 'crash', runId: 1 }, () => {}).done;
    expect(outcome).toEqual({
      kind: 'error',
      message: `this job process cannot run "crash" jobs (a test-only kind needs ${TEST_JOBS_ENV}=1)`,
      user: false,
    });
  });

  it('run once a test enables them', async () => {
    enableTestJobs();
    const outcome = await startJob({ kind: 'crash', runId: 1 }, () => {}).done;
    expect(outcome).toMatchObject({
      kind: 'crashed',
      message: expect.stringMatching(/killed by SIGSEGV/),
    });
  });
});
