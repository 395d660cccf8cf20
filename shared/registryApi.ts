import { z } from 'zod';
import { Column, ParamValue } from './domain.js';

/** The model registry: versions in a tree, aliases, stages and their history (field names follow the pinned CLI). */

export const STAGES = ['none', 'staging', 'production', 'archived'] as const;
export const Stage = z.enum(STAGES, { message: `the stage must be one of ${STAGES.join(', ')}` });
export type Stage = z.infer<typeof Stage>;

const ModelName = z
  .string()
  .trim()
  .min(1, 'a model name is required')
  .max(100, 'a model name has at most 100 characters');
const Alias = z
  .string()
  .regex(/^[A-Za-z][\w-]{0,39}$/, 'an alias starts with a letter and has only letters, digits, - and _ (at most 40)');

export const ModelVersion = z.object({
  id: z.number().int(),
  model: z.string(),
  version: z.number().int(),
  run_id: z.number().int().nullable(),
  parent_id: z.number().int().nullable(),
  dataset_id: z.number().int().nullable(),
  aliases: z.array(z.string()),
  stage: Stage,
  note: z.string(),
  /** The source run's final metrics (kept in the version, so imported versions have them too). */
  metrics: z.record(z.string(), z.number()),
  params: z.record(z.string(), ParamValue),
  created_at: z.string(),
});
export type ModelVersion = z.infer<typeof ModelVersion>;

export const ModelSummary = z.object({ name: z.string(), versions: z.array(ModelVersion) });
export type ModelSummary = z.infer<typeof ModelSummary>;

export const HistoryEntry = z.object({ action: z.string(), detail: z.string(), reason: z.string(), at: z.string() });
export const VersionDetail = ModelVersion.extend({
  card: z.string(),
  history: z.array(HistoryEntry),
  children: z.array(z.number().int()),
  dataset: z
    .object({ id: z.number().int().nullable(), name: z.string(), version: z.number().int(), hash: z.string(), columns: z.array(Column) })
    .nullable(),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

const Side = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const VersionDiff = z.object({
  a: z.number().int(),
  b: z.number().int(),
  params: z.array(z.object({ name: z.string(), a: Side, b: Side, same: z.boolean() })),
  metrics: z.array(z.object({ name: z.string(), a: z.number().nullable(), b: z.number().nullable() })),
  dataset: z.object({
    a: z.string().nullable(),
    b: z.string().nullable(),
    same: z.boolean(),
    columns_added: z.array(z.string()),
    columns_removed: z.array(z.string()),
    columns_retyped: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  }),
});
export type VersionDiff = z.infer<typeof VersionDiff>;

const VersionRef = { model: ModelName, version: z.number().int().positive('a version number starts at 1') };

export const registryApi = {
  'registry.register': {
    input: z.object({
      runId: z.number().int(),
      name: ModelName,
      parentId: z.number().int().optional(),
      note: z.string().max(10_000).default(''),
    }),
    output: ModelVersion,
  },
  'registry.models': { input: z.object({}).default({}), output: z.array(ModelSummary) },
  /** A model with no versions yet (MLflow clients create the name first, then register versions). */
  'registry.createModel': { input: z.object({ name: ModelName }), output: ModelSummary },
  'registry.version': { input: z.object({ id: z.number().int() }), output: VersionDetail },
  'registry.alias': {
    input: z
      .object({ ...VersionRef, set: Alias.optional(), unset: Alias.optional(), reason: z.string().default('') })
      .refine((v) => (v.set === undefined) !== (v.unset === undefined), 'give exactly one of set or unset'),
    output: ModelVersion,
  },
  'registry.stage': { input: z.object({ ...VersionRef, to: Stage, reason: z.string().default('') }), output: ModelVersion },
  /** Moves the `champion` alias to this version. */
  'registry.promote': { input: z.object({ ...VersionRef, reason: z.string().default('') }), output: ModelVersion },
  /** Moves `champion` back to the version that held it before. */
  'registry.rollback': { input: z.object({ model: ModelName, reason: z.string().default('') }), output: ModelVersion },
  'registry.card': { input: z.object({ id: z.number().int(), card: z.string().max(200_000) }), output: VersionDetail },
  'registry.diff': { input: z.object({ a: z.number().int(), b: z.number().int() }), output: VersionDiff },
  'registry.export': {
    input: z.object({ ...VersionRef, out: z.string().min(1, 'an output file is required') }),
    output: z.object({ path: z.string(), bytes: z.number().int(), files: z.number().int() }),
  },
  'registry.import': {
    input: z.object({ path: z.string().min(1, 'a bundle file is required') }),
    output: z.object({ version: ModelVersion, existing: z.boolean() }),
  },
} as const;
