import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTarget } from '../../../shared/trainingRules.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { prepareVersion } from './prepareVersion.js';

const tempDir = useTempDirs();

const CITIES = ['Lyon', 'Paris', '', 'Nantes', 'Lille'];
const NOTES = [
  'called twice, wants a discount',
  '',
  'moved to Lille in March',
  'n/a',
  'asked about the family plan',
];

/** A hand-made export: an id, a date, blanks, a yes/no label and free-text notes last. */
function messyCsv(rows: number, label: string | null): string {
  const header = [
    'customer_id',
    'signup',
    'city',
    'monthly_spend',
    ...(label ? [label] : []),
    'notes',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const spend = i % 9 === 0 ? '' : (20 + ((i * 37) % 80) + 0.5).toFixed(2);
    const note = i % 5 === 1 ? '' : `"${NOTES[i % NOTES.length]} (ticket ${1000 + i})"`;
    const cells = [
      String(5000 + i),
      `2024-0${1 + (i % 9)}-1${i % 10}`,
      CITIES[i % 5]!,
      spend,
      ...(label ? [i % 3 ? 'no' : 'yes'] : []),
      note,
    ];
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function profile(csv: string) {
  const dir = tempDir();
  const path = join(dir, 'customers.csv');
  writeFileSync(path, csv);
  return prepareVersion({
    path,
    fileName: 'customers.csv',
    dataDir: join(dir, 'data'),
    options: { types: {} },
  });
}

describe('default target on an imported file', () => {
  it('a messy CSV: the yes/no column, not the notes after it nor the id', async () => {
    const prepared = await profile(messyCsv(40, 'churned'));
    expect(prepared.columns.map((c) => [c.name, c.type])).toEqual([
      ['customer_id', 'numeric'],
      ['signup', 'datetime'],
      ['city', 'categorical'],
      ['monthly_spend', 'numeric'],
      ['churned', 'boolean'],
      ['notes', 'categorical'], // 40 rows: few enough distinct strings to profile as categorical
    ]);
    expect(defaultTarget(prepared.columns, prepared.rows)).toBe('churned');
  });

  it('without a label-like column: a low-cardinality column, never the notes or the id', async () => {
    const prepared = await profile(messyCsv(300, null));
    expect(prepared.columns.find((c) => c.name === 'notes')?.type).toBe('text');
    expect(defaultTarget(prepared.columns, prepared.rows)).toBe('city');
  });

  it('the samples keep their label', async () => {
    const iris = await prepareVersion({
      path: join(import.meta.dirname, '../../../samples/iris.csv'),
      fileName: 'iris.csv',
      dataDir: join(tempDir(), 'data'),
      options: { types: {} },
    });
    expect(defaultTarget(iris.columns, iris.rows)).toBe('species');
  });
});
