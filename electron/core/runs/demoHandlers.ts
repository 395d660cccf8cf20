import type { Output, ParsedInput } from '../../../shared/api.js';
import type { Store } from '../store/store.js';
import { writeDemoRuns } from './demoRuns.js';

/** runs.demo: synthetic finished runs through the real store (`benchtop demo`, benches). */
export function createDemoHandlers(store: Store, dataDir: string) {
  return {
    'runs.demo': async (input: ParsedInput<'runs.demo'>): Promise<Output<'runs.demo'>> => {
      const ids = await writeDemoRuns(store, dataDir, input);
      return { runs: ids.length, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
    },
  };
}
