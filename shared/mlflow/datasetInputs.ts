/**
 * A run's dataset inputs (MLflow's `log_input`), kept as one tag per dataset so every view and
 * search sees them: `mlflow.input.<name>` holding the dataset's fields as JSON. The MLflow API
 * gives them back as the run's `inputs.dataset_inputs`.
 */

export const INPUT_TAG_PREFIX = 'mlflow.input.';
const TAG_MAX = 8000;

export interface DatasetInput {
  tags: { key: string; value: string }[];
  dataset: {
    name: string;
    digest: string;
    source_type: string;
    source: string;
    schema?: string;
    profile?: string;
  };
}

/** The tag a dataset named `name` is kept under. */
export const inputTagKey = (name: string): string =>
  `${INPUT_TAG_PREFIX}${name.replace(/[^\w\-. /]/g, '_').slice(0, 200) || 'dataset'}`;

/** The tag's value; schema and profile are left out when they would not fit a tag. */
export function inputTagValue(input: DatasetInput): string {
  const { schema, profile, ...dataset } = input.dataset;
  const full = JSON.stringify({ ...dataset, schema, profile, tags: input.tags });
  if (full.length <= TAG_MAX) return full;
  return JSON.stringify({ ...dataset, tags: input.tags }).slice(0, TAG_MAX);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The dataset inputs a run's tags hold; a tag whose value is not this JSON is left out. */
export function inputsFromTags(tags: Record<string, string>): DatasetInput[] {
  const inputs: DatasetInput[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!key.startsWith(INPUT_TAG_PREFIX)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) continue;
    const p = parsed as Record<string, unknown>;
    const tagList = Array.isArray(p.tags)
      ? p.tags.flatMap((t: unknown) => {
          const o = t as Record<string, unknown> | null;
          return o && typeof o.key === 'string' ? [{ key: o.key, value: text(o.value) }] : [];
        })
      : [];
    inputs.push({
      tags: tagList,
      dataset: {
        // Tags written before the name was kept in the value: the key's sanitised name.
        name: text(p.name) || key.slice(INPUT_TAG_PREFIX.length),
        digest: text(p.digest),
        source_type: text(p.source_type),
        source: text(p.source),
        ...(text(p.schema) ? { schema: text(p.schema) } : {}),
        ...(text(p.profile) ? { profile: text(p.profile) } : {}),
      },
    });
  }
  return inputs;
}
