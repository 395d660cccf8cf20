import { existsSync } from 'node:fs';
import type { CoreHandle } from '../core/core.js';
import { UserError } from '../core/userError.js';

/** `--data` is a file when one exists at that path, else the id of an imported dataset. */
export async function resolveData(core: CoreHandle, data: string): Promise<number> {
  if (existsSync(data)) return (await core.call('datasets.import', { path: data })).id;
  if (/^\d+$/.test(data))
    return (
      (await core.call('datasets.list', {})).find((d) => d.id === Number(data))?.id ?? missing(data)
    );
  return missing(data);
}
const missing = (data: string): never => {
  throw new UserError(`no such file or dataset id: ${data}`);
};
