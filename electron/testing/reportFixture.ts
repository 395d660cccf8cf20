import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchtop, type CliResult } from './runCli.js';
import { SAMPLES } from './tempDir.js';

/** A user-supplied string that must show as text everywhere a report prints it. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * A data directory with two trained runs (a hostile experiment name), a dataset with a hostile
 * column, a drift check on it, and two registered versions of a model with a hostile note.
 */
export async function makeReportFixture(): Promise<{
  dir: string;
  cli: (...args: string[]) => Promise<CliResult>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-report-'));
  const cli = (...args: string[]) => benchtop(['--data-dir', dir, ...args]);
  const must = async (...args: string[]) => {
    const r = await cli(...args);
    if (r.code !== 0) throw new Error(`benchtop ${args.join(' ')} failed: ${r.stderr}`);
  };
  const iris = join(SAMPLES, 'iris.csv');
  await must(
    'train',
    '--data',
    iris,
    '--target',
    'species',
    '--epochs',
    '3',
    '--experiment',
    HOSTILE,
  );
  await must('train', '--data', '1', '--target', 'species', '--epochs', '4', '--lr', '0.05');
  const hostile = join(dir, 'hostile.csv');
  writeFileSync(
    hostile,
    `x,${HOSTILE},label\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 3 ? '=cmd' : 'b'},${i % 2 ? 'a' : 'b'}`).join('\n')}\n`,
  );
  await must('import', hostile);
  await must('drift', '--reference', '2', '--current', '2');
  await must('register', '--run', '1', '--name', 'iris-clf', '--note', HOSTILE);
  await must('register', '--run', '2', '--name', 'iris-clf', '--parent', '1');
  return { dir, cli };
}
