import { z } from 'zod';
import { Column, MetricValue, ParamValue } from '../domain.js';
import { badKey } from './keyRule.js';

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
  .regex(
    /^[A-Za-z][\w-]{0,39}$/,
    'an alias starts with a letter and has only letters, digits, - and _ (at most 40)',
  );

/**
 * Aliases MLflow reserves, because `models:/name@latest` and `models:/name@v3` already mean
 * something there; refused everywhere so what a script reads is what the app set. Existing
 * ones can still be unset.
 */
export function reservedAlias(alias: string): string | null {
  if (alias.toLowerCase() === 'latest')
    return "'latest' alias name (case insensitive) is reserved.";
  if (/^[vV]\d+$/.test(alias)) return `Version alias name '${alias}' is reserved.`;
  return null;
}
const NewAlias = Alias.superRefine((alias, ctx) => {
  const problem = reservedAlias(alias);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Tags on models and versions, keyed as MLflow keys them. */
const TagKey = z.string().superRefine((key, ctx) => {
  const problem = badKey(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const Tags = z
  .record(z.string(), z.string().max(100_000, 'a tag value has at most 100000 characters'))
  .superRefine((tags, ctx) => {
    for (const key of Object.keys(tags)) {
      const problem = badKey(key);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
    }
  });
const Description = z.string().max(10_000, 'a description has at most 10000 characters');

export const ModelVersion = z.object({
  id: z.number().int(),
  model: z.string(),
  version: z.number().int(),
  run_id: z.number().int().nullable(),
  /** The source run's uid (what MLflow calls its run id), so transports need not look the run up. */
  run_uid: z.string().nullable(),
  parent_id: z.number().int().nullable(),
  dataset_id: z.number().int().nullable(),
  aliases: z.array(z.string()),
  stage: Stage,
  note: z.string(),
  /** The source run's final metrics (kept in the version, so imported versions have them too). */
  metrics: z.record(z.string(), MetricValue),
  params: z.record(z.string(), ParamValue),
  tags: z.record(z.string(), z.string()),
  /** Where the model's files are, as the client that registered it said (MLflow's `source`); '' when registered in Benchtop from its run. */
  source_uri: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ModelVersion = z.infer<typeof ModelVersion>;

/** A model and its versions (deleted versions are not listed; their numbers are never reused). */
export const ModelSummary = z.object({
  name: z.string(),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  versions: z.array(ModelVersion),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

export const HistoryEntry = z.object({
  action: z.string(),
  detail: z.string(),
  reason: z.string(),
  at: z.string(),
});
export const VersionDetail = ModelVersion.extend({
  card: z.string(),
  history: z.array(HistoryEntry),
  children: z.array(z.number().int()),
  dataset: z
    .object({
      id: z.number().int().nullable(),
      name: z.string(),
      version: z.number().int(),
      hash: z.string(),
      columns: z.array(Column),
    })
    .nullable(),
  /** The model's champion roll back: the version id it would restore, or null and why not. */
  rollback: z.object({ to: z.number().int().nullable(), why_not: z.string() }),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

const Side = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const VersionDiff = z.object({
  a: z.number().int(),
  b: z.number().int(),
  params: z.array(z.object({ name: z.string(), a: Side, b: Side, same: z.boolean() })),
  metrics: z.array(
    z.object({ name: z.string(), a: MetricValue.nullable(), b: MetricValue.nullable() }),
  ),
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

const VersionRef = {
  model: ModelName,
  version: z.number().int().positive('a version number starts at 1'),
};

/** Tags to set and to remove (a key in both is set; removing a missing tag is no error). */
const TagChanges = {
  set: Tags.default({}),
  unset: z.array(TagKey).default([]),
};

export const registryApi = {
  /**
   * A new version, from a run or from a model stored elsewhere (`source_uri`, e.g. `s3://…`).
   * Benchtop's own training runs must have finished; a script's or an imported run is taken as
   * it ended (a failed run's model is still a model). `createModel: false` refuses an unknown
   * model name instead of creating it, as MLflow's registry does.
   */
  'registry.register': {
    input: z
      .object({
        runId: z.number().int().optional(),
        name: ModelName,
        parentId: z.number().int().optional(),
        note: Description.default(''),
        source_uri: z.string().max(10_000, 'a source URI has at most 10000 characters').default(''),
        tags: Tags.default({}),
        createModel: z.boolean().default(true),
      })
      .refine(
        (v) => v.runId !== undefined || v.source_uri !== '',
        'a version is registered from a run or a source URI: give one',
      ),
    output: ModelVersion,
  },
  'registry.models': { input: z.object({}).default({}), output: z.array(ModelSummary) },
  /** One model by name (unknown: NotFound). */
  'registry.model': { input: z.object({ name: ModelName }), output: ModelSummary },
  /** A model with no versions yet (MLflow clients create the name first, then register versions). */
  'registry.createModel': {
    input: z.object({
      name: ModelName,
      description: Description.default(''),
      tags: Tags.default({}),
    }),
    output: ModelSummary,
  },
  'registry.describeModel': {
    input: z.object({ model: ModelName, description: Description }),
    output: ModelSummary,
  },
  /** Renames a model; its versions, aliases, tags and automation follow it. */
  'registry.renameModel': {
    input: z.object({ model: ModelName, to: ModelName }),
    output: ModelSummary,
  },
  /** Sets and removes a model's tags (removing a tag it lacks is no error). */
  'registry.modelTags': {
    input: z.object({ model: ModelName, ...TagChanges }),
    output: ModelSummary,
  },
  /**
   * Deletes a model and its versions: they leave every listing and the name is free again, but
   * their records stay so lineage, history and reports that point at them stay whole. A model
   * with a retraining policy or a running pipeline is refused (remove the policy first).
   */
  'registry.deleteModel': {
    input: z.object({ model: ModelName, reason: z.string().default('') }),
    output: z.object({ name: z.string(), versions: z.number().int() }),
  },
  'registry.version': { input: z.object({ id: z.number().int() }), output: VersionDetail },
  'registry.alias': {
    input: z
      .object({
        ...VersionRef,
        set: NewAlias.optional(),
        unset: Alias.optional(),
        reason: z.string().default(''),
      })
      .refine(
        (v) => (v.set === undefined) !== (v.unset === undefined),
        'give exactly one of set or unset',
      ),
    output: ModelVersion,
  },
  /** `archiveOthers`: the versions already in that stage move to archived (only into staging or production). */
  'registry.stage': {
    input: z.object({
      ...VersionRef,
      to: Stage,
      archiveOthers: z.boolean().default(false),
      reason: z.string().default(''),
    }),
    output: ModelVersion,
  },
  /** A version's note (MLflow's version description). */
  'registry.note': { input: z.object({ ...VersionRef, note: Description }), output: ModelVersion },
  'registry.versionTags': {
    input: z.object({ ...VersionRef, ...TagChanges }),
    output: ModelVersion,
  },
  /**
   * Deletes one version: it leaves every listing and loses its aliases; its record, history and
   * tags stay, its children keep their lineage, and its number is never reused.
   */
  'registry.deleteVersion': {
    input: z.object({ ...VersionRef, reason: z.string().default('') }),
    output: z.object({ id: z.number().int(), model: z.string(), version: z.number().int() }),
  },
  /** Moves the `champion` alias to this version. */
  'registry.promote': {
    input: z.object({ ...VersionRef, reason: z.string().default('') }),
    output: ModelVersion,
  },
  /** Moves `champion` back to the version that held it before. */
  'registry.rollback': {
    input: z.object({ model: ModelName, reason: z.string().default('') }),
    output: ModelVersion,
  },
  'registry.card': {
    input: z.object({ id: z.number().int(), card: z.string().max(200_000) }),
    output: VersionDetail,
  },
  'registry.diff': {
    input: z.object({ a: z.number().int(), b: z.number().int() }),
    output: VersionDiff,
  },
  'registry.export': {
    input: z.object({ ...VersionRef, out: z.string().min(1, 'an output file is required') }),
    output: z.object({ path: z.string(), bytes: z.number().int(), files: z.number().int() }),
  },
  'registry.import': {
    input: z.object({ path: z.string().min(1, 'a bundle file is required') }),
    output: z.object({ version: ModelVersion, existing: z.boolean() }),
  },
} as const;
