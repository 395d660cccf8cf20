import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { UserError } from '../../userError.js';
import { detectSource } from './detectSource.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const MLRUNS = join(FIXTURES, 'filestore', 'mlruns');
const tempDir = useTempDirs();

const NONE_OF =
  'is none of: an MLflow file store (mlruns/), an MLflow SQLite database, a TensorBoard logdir or event file';

describe('detecting what kind of history a path holds', () => {
  it('an mlruns/ folder, one experiment folder, a project folder holding mlruns/', () => {
    expect(detectSource(MLRUNS)).toEqual({ kind: 'mlflow-filestore', path: MLRUNS });
    const experiment = join(MLRUNS, '127694301877723077');
    expect(detectSource(experiment)).toEqual({ kind: 'mlflow-filestore', path: experiment });
    expect(detectSource(join(FIXTURES, 'filestore'))).toEqual({
      kind: 'mlflow-filestore',
      path: MLRUNS,
    });
  });

  it('an SQLite file by its header, whatever its name', () => {
    const db = join(FIXTURES, 'sqlite', 'mlflow.db');
    expect(detectSource(db)).toEqual({ kind: 'mlflow-sqlite', path: db });
  });

  it('TensorBoard event files and logdirs, by name only', () => {
    const dir = tempDir();
    const file = join(dir, 'run1', 'train', 'events.out.tfevents.1700000000.host.1.v2');
    mkdirSync(join(dir, 'run1', 'train'), { recursive: true });
    writeFileSync(file, 'not read here');
    expect(detectSource(file)).toEqual({ kind: 'tensorboard', path: file });
    expect(detectSource(dir)).toEqual({ kind: 'tensorboard', path: dir });
  });

  it('anything else is one line naming what it is not', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'SQLite format 2 and some text');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    for (const path of [text, empty]) {
      expect(() => detectSource(path)).toThrow(new UserError(`${path} ${NONE_OF}`));
    }
    expect(() => detectSource(join(dir, 'missing'))).toThrow(
      new UserError(`${join(dir, 'missing')} does not exist`),
    );
  });
});
