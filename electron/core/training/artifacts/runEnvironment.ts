import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { appRoot } from '../../appPaths.js';

export const RunEnvironment = z.object({
  app_version: z.string(),
  tfjs_version: z.string(),
  backend: z.string(),
  os: z.string(),
  cpu: z.string(),
  cpu_count: z.number().int(),
  node_version: z.string(),
  electron_version: z.string().nullable(),
  seed: z.number().int(),
  dataset_hash: z.string(),
});
export type RunEnvironment = z.infer<typeof RunEnvironment>;

const appVersion = (): string => {
  try {
    const pkg = z
      .object({ version: z.string() })
      .parse(JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')));
    return pkg.version;
  } catch {
    return 'unknown';
  }
};

/** What ran a run: enough to tell why two runs of the same seed could differ. */
export function describeEnvironment(
  tfjsVersion: string,
  backend: string,
  seed: number,
  datasetHash: string,
): RunEnvironment {
  const cpu = cpus()[0];
  return {
    app_version: appVersion(),
    tfjs_version: tfjsVersion,
    backend,
    os: `${platform()} ${release()} ${arch()}`,
    cpu: cpu?.model.trim() || 'unknown',
    cpu_count: cpus().length,
    node_version: process.versions.node,
    electron_version: process.versions['electron'] ?? null,
    seed,
    dataset_hash: datasetHash,
  };
}
