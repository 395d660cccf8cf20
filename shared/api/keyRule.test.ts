import { describe, expect, it } from 'vitest';
import { badKey } from './keyRule.js';

describe('badKey: MLflow’s rule for metric, param and tag keys', () => {
  it.each(['loss', 'train/loss', 'val acc:top-1', 'lr_0.01', 'скорость', '精度', 'ä/β 2', '²'])(
    'takes %j, as MLflow’s [/\\w.\\- :] does in Python',
    (key) => expect(badKey(key)).toBeNull(),
  );

  it.each(['bad?key!', 'multi\nline', 'tab\there', 'emoji 🚀', 'a=b', 'quote"'])(
    'refuses %j with the rule',
    (key) => expect(badKey(key)).toMatch(/^invalid key .*: names may only contain letters, digits/),
  );

  it('refuses paths that would resolve elsewhere, and empty or over-long keys', () => {
    expect(badKey('../escape')).toMatch(/absolute path or contain \. or \.\. segments/);
    expect(badKey('/abs')).toMatch(/absolute path/);
    expect(badKey('a/./b')).toMatch(/segments/);
    expect(badKey('')).toBe('a key must not be empty');
    expect(badKey('k'.repeat(251))).toMatch(/longer than 250 characters/);
  });
});
