import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../core/datasets/readers/readTable.js';
import { queryRunIds } from '../core/runs/runQuery.js';
import { openStore } from '../core/store/store.js';
import { isUserError } from '../core/userError.js';
import type { HostileOutcome, HostileTask } from './hostileInput.js';

/**
 * The process that hostile inputs are fed to (see hostileInput.ts): one input at a time, one
 * reply each. It is separate so that a hang or a crash is seen, bounded and reported by the test.
 */
const dir = process.argv[2]!; // made and removed by hostileInput.ts
mkdirSync(dir, { recursive: true });
let store: ReturnType<typeof openStore> | undefined;
let n = 0;

async function handle(task: HostileTask): Promise<void> {
  switch (task.kind) {
    case 'read': {
      const path = join(dir, `input-${n++}`);
      writeFileSync(path, task.bytes);
      try {
        await readTable(path, task.fileName, { delimiter: task.delimiter });
      } finally {
        rmSync(path, { force: true });
      }
      return;
    }
    case 'query': {
      store ??= openStore(join(dir, 'store'));
      queryRunIds(store.runQueries, { filter: task.filter, sort: task.sort });
      return;
    }
    case 'spin':
      for (;;);
  }
}

process.on('message', ({ id, task }: { id: number; task: HostileTask }) => {
  const reply = (outcome: HostileOutcome) => process.send?.({ id, outcome });
  void handle(task).then(
    () => reply({ kind: 'ok' }),
    (e: unknown) =>
      reply(
        isUserError(e)
          ? { kind: 'user-error', message: e.message }
          : { kind: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) },
      ),
  );
});
process.on('disconnect', () => process.exit(0));
