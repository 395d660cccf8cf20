import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { invalid, missing } from './mlflowErrors.js';
import { uidFromWire } from './mlflowWire.js';
import type { Call } from './routeSupport.js';

/** The largest artifact upload; it streams to disk, so this bounds the disk, not memory. */
export const MAX_ARTIFACT_BYTES = 4 * 1024 ** 3;

/**
 * What `mlflow-artifacts:/` URIs name → the run's uid and the path inside its artifacts:
 * `<exp>/<run>/artifacts[/<path>]`, or a logged model's `<exp>/models/<model id>/artifacts[/<path>]`
 * (kept in its run's artifacts under `models/<model id>/`). The core checks the path again.
 */
export async function artifactTarget(
  call: Call,
  location: string,
): Promise<{ uid: string; path: string }> {
  const parts = location.replace(/^\/+/, '').split('/');
  const [, second, third, fourth, ...more] = parts;
  if (second === 'models' && third && /^m-[0-9a-f]{32}$/.test(third) && fourth === 'artifacts') {
    const model = await call('loggedModels.get', { id: third });
    return { uid: model.run_uid, path: ['models', third, ...more].join('/') };
  }
  const uid = second && uidFromWire(second);
  if (!uid || third !== 'artifacts')
    throw missing(
      `No artifact location ${JSON.stringify(location)}: expected <experiment>/<run>/artifacts/<path>`,
    );
  return { uid, path: [fourth, ...more].filter((p) => p !== undefined).join('/') };
}

/** Percent-decoding once, as the client encodes once; a `%2F` or NUL that decodes into the path is refused by the core. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw invalid(`the artifact path ${JSON.stringify(path)} is not valid percent-encoding`);
  }
}

export async function listArtifacts(call: Call, location: string): Promise<object> {
  if (!location) return {};
  const { uid, path } = await artifactTarget(call, location);
  const { files } = await call('artifacts.list', { uid, path });
  if (!files.length) return {};
  return {
    files: files.map((f) =>
      f.is_dir
        ? { path: f.path, is_dir: true }
        : { path: f.path, is_dir: false, ...(f.size ? { file_size: f.size } : {}) },
    ),
  };
}

export async function downloadArtifact(
  call: Call,
  rawPath: string,
  res: ServerResponse,
): Promise<void> {
  const { uid, path } = await artifactTarget(call, decoded(rawPath));
  const { file, size } = await call('artifacts.locate', { uid, path });
  res.writeHead(200, {
    'content-type': /\.(txt|log|json|ya?ml|csv|md|py)$/i.test(path)
      ? 'text/plain; charset=utf-8'
      : 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-store',
  });
  await pipeline(createReadStream(file), res);
}

/** Streams the body into a prepared file, then commits it: never held in memory, never half-written in place. */
export async function uploadArtifact(
  call: Call,
  rawPath: string,
  req: IncomingMessage,
): Promise<object> {
  const { uid, path } = await artifactTarget(call, decoded(rawPath));
  if (!path) throw invalid('an artifact upload needs a file path after artifacts/');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_ARTIFACT_BYTES)
    throw invalid(`the artifact is larger than ${MAX_ARTIFACT_BYTES / 1024 ** 3} GB`);
  const { tempFile } = await call('artifacts.prepareUpload', { uid, path });
  let size = 0;
  try {
    await pipeline(
      req,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > MAX_ARTIFACT_BYTES)
            throw invalid(`the artifact is larger than ${MAX_ARTIFACT_BYTES / 1024 ** 3} GB`);
          yield chunk;
        }
      },
      createWriteStream(tempFile),
    );
    await call('artifacts.commitUpload', { uid, path, tempFile });
  } catch (e) {
    await rm(tempFile, { force: true }); // a refused or broken upload leaves nothing behind
    throw e;
  }
  return {};
}

export async function deleteArtifact(call: Call, rawPath: string): Promise<object> {
  const { uid, path } = await artifactTarget(call, decoded(rawPath));
  await call('artifacts.delete', { uid, path });
  return {};
}
