import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../lazyRequire.js';
import type { ArtifactPreview } from '../../../shared/api/artifactPreview.js';
import { readRange } from './fileRange.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

type ModelPreview = Extract<ArtifactPreview, { kind: 'model' }>;
type Column = NonNullable<ModelPreview['signature']>['inputs'][number];

/** MLmodel, requirements.txt and conda.yaml are small; a larger one is read only this far. */
const SMALL_FILE_BYTES = 256 * 1024;

const readSmall = (file: string): string | null =>
  existsSync(file) && statSync(file).isFile()
    ? readRange(file, 0, SMALL_FILE_BYTES).toString('utf8')
    : null;

export const isModelFolder = (dir: string): boolean => existsSync(join(dir, 'MLmodel'));

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** MLflow writes a signature's inputs/outputs as JSON text: `[{"name": "x", "type": "double"}, …]`. */
function columns(spec: unknown): Column[] {
  let list: unknown = spec;
  if (typeof spec === 'string') {
    try {
      list = JSON.parse(spec);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.map((c: Record<string, unknown>) => ({
    name: text(c['name']) || '(unnamed)',
    type:
      c['type'] === 'tensor' && c['tensor-spec']
        ? `tensor ${text((c['tensor-spec'] as Record<string, unknown>)['dtype'])} ${text((c['tensor-spec'] as Record<string, unknown>)['shape'])}`
        : text(c['type']),
  }));
}

/** An MLflow model folder: its flavours, signature and requirements, from MLmodel and its neighbours. */
export function modelPreview(
  dir: string,
  path: string,
): ModelPreview | { kind: 'refused'; reason: string } {
  let doc: unknown;
  try {
    doc = yaml().parse(readSmall(join(dir, 'MLmodel')) ?? '');
  } catch (e) {
    return {
      kind: 'refused',
      reason: `MLmodel is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
    };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    return { kind: 'refused', reason: 'MLmodel is not a mapping of fields' };
  const model = doc as Record<string, unknown>;
  const flavors = Object.entries((model['flavors'] ?? {}) as Record<string, unknown>).map(
    ([name, details]) => ({
      name,
      details: Object.fromEntries(
        Object.entries(details && typeof details === 'object' ? details : {}).map(([k, v]) => [
          k,
          text(v),
        ]),
      ),
    }),
  );
  const signature = model['signature'] as Record<string, unknown> | undefined;
  const requirements = (readSmall(join(dir, 'requirements.txt')) ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const fields = Object.fromEntries(
    Object.entries(model)
      .filter(
        ([k, v]) => k !== 'flavors' && k !== 'signature' && (v === null || typeof v !== 'object'),
      )
      .map(([k, v]) => [k, text(v)]),
  );
  return {
    kind: 'model',
    path,
    flavors,
    signature:
      signature && typeof signature === 'object'
        ? { inputs: columns(signature['inputs']), outputs: columns(signature['outputs']) }
        : null,
    requirements,
    conda: readSmall(join(dir, 'conda.yaml')),
    fields,
  };
}
