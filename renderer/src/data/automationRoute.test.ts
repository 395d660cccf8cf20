import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './route.js';

describe('the automation route', () => {
  it('#/automation round-trips, and anything after it is not the automation view', () => {
    expect(parseRoute('#/automation')).toEqual({ view: 'automation' });
    expect(hrefOf({ view: 'automation' })).toBe('#/automation');
    expect(parseRoute('#/automation/x')).toEqual({ view: 'home' });
  });
});
