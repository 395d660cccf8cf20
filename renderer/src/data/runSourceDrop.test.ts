import { describe, expect, it } from 'vitest';
import { isRunSourceDrop } from './runSourceDrop.js';

describe('isRunSourceDrop', () => {
  it('takes folders, MLflow databases and TensorBoard event files', () => {
    expect(isRunSourceDrop('mlruns', true)).toBe(true);
    expect(isRunSourceDrop('logs.csv', true)).toBe(true); // a folder, whatever its name
    expect(isRunSourceDrop('mlflow.db', false)).toBe(true);
    expect(isRunSourceDrop('Tracking.DB', false)).toBe(true);
    expect(isRunSourceDrop('events.out.tfevents.1612276952.host.9300.124.v2', false)).toBe(true);
  });

  it('leaves datasets to the dataset import', () => {
    for (const name of [
      'iris.csv',
      'train.parquet',
      'table.arrow',
      'db.csv',
      'mlflow.db.csv',
      'events.txt',
    ])
      expect(isRunSourceDrop(name, false)).toBe(false);
  });
});
