import { rm } from 'node:fs/promises';
import type { TrackedRun } from '../../../shared/api/runRecords.js';
import { UserError } from '../userError.js';
import type { MlflowClient } from './mlflowClient.js';
import { artifactPlace, encodePath, type Call } from './remoteWire.js';

/** A run's artifact files, streamed up to or down from an MLflow server's artifact proxy. */

// A listing deeper than this is a server answering in circles, not a real folder tree.
const MAX_DEPTH = 64;

export async function pushArtifacts(
  call: Call,
  client: MlflowClient,
  run: TrackedRun,
  artifactUri: string,
  warnings: string[],
): Promise<number> {
  const files = await listFiles(call, run.uid, '');
  if (!files.length) return 0;
  const place = artifactPlace(client.url, artifactUri);
  if (!place) {
    warnings.push(
      `run ${run.id} (${run.name}): its ${files.length} artifacts were not pushed: the server stores artifacts at ${JSON.stringify(artifactUri)}, which is not reachable over HTTP (start mlflow server with --artifacts-destination to proxy them)`,
    );
    return 0;
  }
  for (const path of files) {
    const { file, size } = await call('artifacts.locate', { uid: run.uid, path });
    await client.putFile(`${place.files}/${encodePath(path)}`, file, size);
  }
  return files.length;
}

/** Every file under `path` in the run's artifacts, as paths relative to its root. */
async function listFiles(call: Call, uid: string, path: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await call('artifacts.list', { uid, path })).files) {
    const full = path ? `${path}/${entry.path}` : entry.path;
    if (entry.is_dir) out.push(...(await listFiles(call, uid, full)));
    else out.push(full);
  }
  return out;
}

export async function pullArtifacts(
  call: Call,
  client: MlflowClient,
  uid: string,
  info: { run_id: string; artifact_uri?: string },
  warnings: string[],
): Promise<number> {
  const place = artifactPlace(client.url, info.artifact_uri ?? '');
  if (!place?.listing) {
    warnings.push(
      `run ${info.run_id}: artifacts not pulled: they are stored at ${JSON.stringify(info.artifact_uri ?? '')}, which is not reachable over HTTP`,
    );
    return 0;
  }
  const listing = place.listing;
  let count = 0;
  const walk = async (path: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH)
      throw new UserError(
        `the artifact folders of run ${info.run_id} nest deeper than ${MAX_DEPTH} levels`,
      );
    for (const entry of await client.listArtifacts(listing, path)) {
      // The server names entries relative to the folder listed; some prefix the folder anyway.
      const name =
        path && entry.path.startsWith(`${path}/`) ? entry.path.slice(path.length + 1) : entry.path;
      const full = path ? `${path}/${name}` : name;
      if (entry.is_dir) await walk(full, depth + 1);
      else {
        const { tempFile } = await call('artifacts.prepareUpload', { uid, path: full });
        try {
          await client.download(`${place.files}/${encodePath(full)}`, tempFile);
          await call('artifacts.commitUpload', { uid, path: full, tempFile });
        } catch (e) {
          await rm(tempFile, { force: true });
          throw e;
        }
        count++;
      }
    }
  };
  await walk('', 0);
  return count;
}
