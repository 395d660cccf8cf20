import type * as Tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TfModule } from '../tfBackend.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** model.json as TensorFlow.js writes it (tfjs-layers format, one weights shard). */
const ModelJson = z.object({
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(
      z.object({
        paths: z.array(z.string()),
        weights: z.array(
          z
            .object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.string() })
            .loose(),
        ),
      }),
    )
    .length(1),
});

const joinBuffers = (data: ArrayBuffer | ArrayBuffer[]): Uint8Array => {
  if (!Array.isArray(data)) return new Uint8Array(data);
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
};

/**
 * A TensorFlow.js IOHandler on the local file system: `model.save(handler)` writes model.json and
 * weights.bin into `dir` (what tfjs-node's file:// handler writes), `tf.loadLayersModel(handler)`
 * reads them back. Plain @tensorflow/tfjs has no file handler, hence this one.
 */
export function fileModelStore(dir: string): Tf.io.IOHandler {
  return {
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer)
        throw new Error('binary model topologies are not supported');
      mkdirSync(dir, { recursive: true });
      const weights = joinBuffers(artifacts.weightData ?? []);
      writeFileSync(join(dir, WEIGHTS_BIN), weights);
      const json = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
      };
      writeFileSync(join(dir, MODEL_JSON), JSON.stringify(json));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
    async load() {
      const json = ModelJson.parse(JSON.parse(readFileSync(join(dir, MODEL_JSON), 'utf8')));
      const bytes = readFileSync(join(dir, WEIGHTS_BIN));
      const manifest = json.weightsManifest[0]!;
      return {
        modelTopology: json.modelTopology,
        weightSpecs: manifest.weights as Tf.io.WeightsManifestEntry[],
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        ...(json.format ? { format: json.format } : {}),
      };
    },
  };
}

export async function loadModel(tf: TfModule, dir: string): Promise<Tf.LayersModel> {
  return tf.loadLayersModel(fileModelStore(dir));
}
