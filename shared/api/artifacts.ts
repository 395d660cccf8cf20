import { z } from 'zod';
import { artifactViewMethods } from './artifactPreview.js';

/** A run's artifact files, named by the run's uid and a path under its artifact root. */

export const ArtifactEntry = z.object({
  path: z.string(),
  is_dir: z.boolean(),
  size: z.number().int(),
});

const ArtifactPath = z.string().max(4096, 'the artifact path is too long');

export const artifactsApi = {
  ...artifactViewMethods,
  'artifacts.list': {
    input: z.object({ uid: z.string(), path: ArtifactPath.default('') }),
    output: z.object({ files: z.array(ArtifactEntry) }),
  },
  /** Where a transport streams one artifact from: the file and its size. */
  'artifacts.locate': {
    input: z.object({ uid: z.string(), path: ArtifactPath }),
    output: z.object({ file: z.string(), size: z.number().int() }),
  },
  /** A fresh file in the data directory for an upload to be streamed into, then committed. */
  'artifacts.prepareUpload': {
    input: z.object({ uid: z.string(), path: ArtifactPath }),
    output: z.object({ tempFile: z.string() }),
  },
  /** Moves a prepared upload into the run's artifacts under `path`. */
  'artifacts.commitUpload': {
    input: z.object({ uid: z.string(), path: ArtifactPath, tempFile: z.string() }),
    output: z.object({ size: z.number().int() }),
  },
  'artifacts.delete': {
    input: z.object({ uid: z.string(), path: ArtifactPath }),
    output: z.object({ changed: z.number().int() }),
  },
} as const;
