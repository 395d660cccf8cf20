import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import type { ModelVersion } from '../../../shared/api/registry.js';
import { keepNonFinite, VersionSource, type StoredVersion } from '../store/registryRepo.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';

/** A version as one portable JSON file: model files, card, lineage and checksums. */
export const BUNDLE_FORMAT = 'benchtop-model-bundle';
export const BUNDLE_VERSION = 1;

const BundleFile = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.string(),
});
const Bundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  format_version: z.number().int(),
  exported_at: z.string(),
  model: z.string(),
  // The uid names a folder under artifacts/versions/: only a UUID may arrive from a file.
  version: z.object({
    uid: z.string().uuid(),
    version: z.number().int(),
    note: z.string(),
    card: z.string(),
    created_at: z.string(),
  }),
  lineage: z.object({ source_run_id: z.number().int().nullable(), source: VersionSource }),
  files: z.array(BundleFile),
  checksum: z.string(),
});
type Bundle = z.infer<typeof Bundle>;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const checksumOf = (b: Omit<Bundle, 'checksum'>) =>
  sha256(JSON.stringify({ ...b, checksum: undefined }, keepNonFinite));

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** Where a version's model files live: its run's artifacts, or (imported) its own folder. */
export function versionFilesDir(dataDir: string, v: StoredVersion): string {
  return v.run_id !== null
    ? join(dataDir, 'artifacts', 'runs', String(v.run_id))
    : join(dataDir, 'artifacts', 'versions', v.uid);
}

export function exportBundle(
  dataDir: string,
  v: StoredVersion,
  out: string,
): { path: string; bytes: number; files: number } {
  const dir = versionFilesDir(dataDir, v);
  const files = listFiles(dir).map((file) => {
    const bytes = readFileSync(file);
    return {
      path: relative(dir, file).split(sep).join('/'),
      sha256: sha256(bytes),
      data: bytes.toString('base64'),
    };
  });
  const body: Omit<Bundle, 'checksum'> = {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_VERSION,
    exported_at: new Date().toISOString(),
    model: v.model,
    version: {
      uid: v.uid,
      version: v.version,
      note: v.note,
      card: v.card,
      created_at: v.created_at,
    },
    lineage: { source_run_id: v.run_id, source: v.source },
    files,
  };
  const text = JSON.stringify({ ...body, checksum: checksumOf(body) }, keepNonFinite);
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.tmp`, text);
    renameSync(`${out}.tmp`, out);
  } catch (e) {
    throw new UserError(`cannot write ${out}: ${(e as Error).message.split('\n')[0]}`);
  }
  return { path: out, bytes: Buffer.byteLength(text), files: files.length };
}

function readBundle(path: string): Bundle {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError(`no such file: ${path}`);
    throw new UserError(`${path} is not a Benchtop model bundle`);
  }
  const head = z
    .object({ format: z.literal(BUNDLE_FORMAT), format_version: z.number() })
    .safeParse(raw);
  if (!head.success) throw new UserError(`${path} is not a Benchtop model bundle`);
  if (head.data.format_version > BUNDLE_VERSION) {
    throw new UserError(
      `${path} was written by a newer Benchtop (bundle format ${head.data.format_version}); update Benchtop to import it`,
    );
  }
  const bundle = Bundle.safeParse(raw);
  if (!bundle.success) throw new UserError(`${path} is a damaged model bundle`);
  const { checksum, ...body } = bundle.data;
  if (checksumOf(body) !== checksum)
    throw new UserError(`${path} fails its checksum; the bundle is damaged`);
  for (const f of bundle.data.files) {
    if (sha256(Buffer.from(f.data, 'base64')) !== f.sha256)
      throw new UserError(`${path}: file ${f.path} fails its checksum`);
    if (f.path.split('/').some((part) => part === '..' || part === '') || f.path.startsWith('/')) {
      throw new UserError(`${path}: file ${f.path} would land outside the bundle's folder`);
    }
  }
  return bundle.data;
}

/** Imports a bundle as a new version of its model; the same bundle twice returns the first import. */
export function importBundle(
  store: Store,
  dataDir: string,
  path: string,
  toPublic: (v: StoredVersion) => ModelVersion,
): { version: ModelVersion; existing: boolean } {
  const bundle = readBundle(path);
  const already = store.registry.byUid(bundle.version.uid);
  if (already) return { version: toPublic(already), existing: true };
  // Its tombstone keeps the uid (and the lineage that names it): a deleted version stays deleted.
  if (store.registry.uidDeleted(bundle.version.uid)) {
    throw new UserError(
      `${path} holds ${bundle.model} v${bundle.version.version}, which was deleted from this registry; it is not imported again`,
    );
  }

  const { source } = bundle.lineage;
  const parent = source.parent_uid ? store.registry.byUid(source.parent_uid) : undefined;
  const dataset = source.dataset
    ? store.datasets
        .list()
        .find((d) => d.hash === source.dataset!.hash && d.name === source.dataset!.name)
    : undefined;
  const versionsDir = join(dataDir, 'artifacts', 'versions');
  const dir = join(versionsDir, bundle.version.uid);
  if (dirname(dir) !== versionsDir)
    throw new UserError(`${path} names a version folder outside the data directory`);
  const staging = join(versionsDir, `.${randomUUID()}.tmp`);
  for (const f of bundle.files) {
    const target = join(staging, ...f.path.split('/'));
    if (!target.startsWith(staging + sep))
      throw new UserError(`${path}: file ${f.path} would land outside the bundle's folder`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(f.data, 'base64'));
  }
  // Files land only once the version row is committed; a failed insert leaves no folder behind.
  const id = store.transaction(() => {
    const versionId = store.registry.insertVersion({
      uid: bundle.version.uid,
      model_id: store.registry.ensureModel(bundle.model),
      run_id: null,
      dataset_id: dataset?.id ?? null,
      parent_id: parent?.model === bundle.model ? parent.id : null,
      note: bundle.version.note,
      source,
    });
    store.registry.setCard(versionId, bundle.version.card);
    store.registry.addHistory(
      versionId,
      'imported',
      `${bundle.model} v${bundle.version.version} from a bundle`,
    );
    if (bundle.files.length) renameSync(staging, dir);
    return versionId;
  });
  return { version: toPublic(store.registry.get(id)!), existing: false };
}
