import { describe, expect, it } from 'vitest';
import {
  matchesEntity,
  parseEntityFilter,
  sortEntities,
  type EntityKind,
  type SearchableEntity,
} from './entityFilter.js';
import { MlflowSearchError } from './searchFilter.js';

const names = (entities: SearchableEntity[]) => entities.map((e) => e.name);
const search = (
  kind: EntityKind,
  entities: SearchableEntity[],
  filter: string,
  orderBy: string[] = [],
) => {
  const parsed = parseEntityFilter(filter, kind);
  return names(
    sortEntities(
      entities.filter((e) => matchesEntity(parsed, e)),
      orderBy,
      kind,
    ),
  );
};
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowSearchError);
    return (e as Error).message;
  }
  throw new Error('expected an MlflowSearchError');
};

describe('search_experiments', () => {
  // prettier-ignore
  const experiments: SearchableEntity[] = [
    { name: 'Default', experiment_id: '0', creation_time: 100, last_update_time: 500, tags: {} },
    { name: 'exp-a', experiment_id: '1', creation_time: 200, last_update_time: 300, tags: { team: 'a' } },
    { name: 'exp-B', experiment_id: '2', creation_time: 300, last_update_time: 300,
      tags: { team: 'b', 'mlflow.note.content': 'hello' } },
    { name: 'other', experiment_id: '10', creation_time: 300, last_update_time: 100, tags: {} },
  ];
  const find = (filter: string, orderBy: string[] = []) =>
    search('experiment', experiments, filter, orderBy);

  // prettier-ignore

  it.each([
    ['', ['exp-B', 'other', 'exp-a', 'Default']],
    ["name = 'exp-a'", ['exp-a']],
    ["name LIKE 'exp%'", ['exp-B', 'exp-a']],
    ["name LIKE 'EXP%'", []],
    ["name ILIKE 'EXP-b'", ['exp-B']],
    ["name != 'Default'", ['exp-B', 'other', 'exp-a']],
    ["attribute.name = 'other'", ['other']],
    ["attributes.name = 'other'", ['other']],
    ['name = "other"', ['other']],
    ['creation_time > 150', ['exp-B', 'other', 'exp-a']],
    ['creation_time >= 300 and last_update_time < 300', ['other']],
    ['last_update_time = 300', ['exp-B', 'exp-a']],
    ["tags.team = 'a'", ['exp-a']],
    ["tag.team != 'a'", ['exp-B']],
    ["tags.`mlflow.note.content` LIKE 'h%'", ['exp-B']],
    ["tags.team ILIKE 'B' AND name LIKE 'exp-_'", ['exp-B']],
  ])('%s', (filter, want) => {
    expect(find(filter)).toEqual(want);
  });

  it('orders as MLflow does, ties broken by experiment id, descending', () => {
    expect(find('', ['name DESC'])).toEqual(['other', 'exp-a', 'exp-B', 'Default']);
    expect(find('', ['name'])).toEqual(['Default', 'exp-B', 'exp-a', 'other']);
    expect(find('', ['last_update_time'])).toEqual(['other', 'exp-B', 'exp-a', 'Default']);
    expect(find('', ['experiment_id ASC'])).toEqual(['Default', 'exp-a', 'exp-B', 'other']);
    expect(find('', ['experiment_id DESC'])).toEqual(['other', 'exp-B', 'exp-a', 'Default']);
    expect(find('', ['attribute.creation_time desc', 'name'])).toEqual([
      'exp-B',
      'other',
      'exp-a',
      'Default',
    ]);
  });

  it('puts what an entity lacks last, either way', () => {
    const some = [...experiments, { name: 'new', experiment_id: '3', tags: {} }];
    expect(names(sortEntities(some, ['creation_time ASC']))[4]).toBe('new');
    expect(names(sortEntities(some, ['creation_time DESC']))[4]).toBe('new');
    expect(search('experiment', some, 'creation_time > 0')).not.toContain('new');
  });

  // prettier-ignore

  it.each([
    ["name > 'a'", "Invalid comparator '>' not one of '=, !=, LIKE, ILIKE, IN, NOT IN'"],
    ["creation_time = 'x'", "Expected numeric value type for numeric attribute: creation_time. Found 'x'"],
    ['creation_time LIKE 1', "Invalid comparator 'LIKE'"],
    ["params.x = 'a'", "Invalid entity type 'params'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ["foo = 'x'", "Invalid attribute key 'foo' specified. Valid keys are 'name, creation_time, last_update_time'"],
    ["name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ['tags.a = 1', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"],
    ['name = x', 'Parameter value is either not quoted'],
    ["name = 'a' OR name = 'b'", "Invalid clause(s) in filter string: 'OR name = 'b''"],
    ["tags.a > 'x'", "Invalid comparator '>' not one of '=, !=, LIKE, ILIKE'"],
  ])('refuses %s', (filter, message) => {
    expect(refusal(() => parseEntityFilter(filter))).toContain(message);
  });

  // prettier-ignore

  it.each([
    ['tags.team', 'Invalid order_by entity: tag'],
    ['foo', "Invalid attribute key 'foo' specified."],
    ['name UP', "Invalid ordering key in order_by clause 'name UP'."],
    ['params.x', "Invalid entity type 'params'"],
  ])('refuses order_by %s', (orderBy, message) => {
    expect(refusal(() => sortEntities(experiments, [orderBy]))).toContain(message);
  });
});

describe('search_registered_models', () => {
  const models: SearchableEntity[] = [
    { name: 'm1', creation_time: 3, last_update_time: 9, tags: {} },
    {
      name: 'p1',
      creation_time: 1,
      last_update_time: 1,
      tags: { 'mlflow.prompt.is_prompt': 'true' },
    },
    {
      name: 'm2',
      creation_time: 2,
      last_update_time: 5,
      tags: { 'mlflow.prompt.is_prompt': 'false', team: 'a' },
    },
  ];
  const find = (filter: string, orderBy: string[] = []) =>
    search('registered_model', models, filter, orderBy);

  // prettier-ignore

  it.each([
    ['', ['m1', 'm2', 'p1']],
    // What MlflowClient.search_registered_models sends: prompts out, models without the tag in.
    ["name = 'm1' AND tag.`mlflow.prompt.is_prompt` != 'true'", ['m1']],
    ["tag.`mlflow.prompt.is_prompt` != 'true'", ['m1', 'm2']],
    ["tags.`mlflow.prompt.is_prompt` = 'false'", ['m1', 'm2']],
    ["tags.`mlflow.prompt.is_prompt` = 'true'", ['p1']],
    ["tags.`mlflow.prompt.is_prompt` LIKE 'f%'", ['m2']],
    ["tags.team != 'b'", ['m2']],
    ["name LIKE 'm%'", ['m1', 'm2']],
    ["name ILIKE 'P%'", ['p1']],
  ])('%s', (filter, want) => {
    expect(find(filter)).toEqual(want);
  });

  it('orders by name, creation or update time', () => {
    expect(find('', ['name DESC'])).toEqual(['p1', 'm2', 'm1']);
    expect(find('', ['creation_timestamp'])).toEqual(['p1', 'm2', 'm1']);
    expect(find('', ['last_updated_timestamp DESC'])).toEqual(['m1', 'm2', 'p1']);
  });

  // prettier-ignore

  it.each([
    ["run_id = 'x'", "Invalid attribute key 'run_id' specified. Valid keys are 'name'"],
    ['creation_timestamp > 1', "Invalid attribute key 'creation_timestamp'"],
    ['name = 1', 'Expected a quoted string value for attributes. Got value 1'],
    ["metrics.a = 'x'", "Invalid entity type 'metrics'"],
  ])('refuses %s', (filter, message) => {
    expect(refusal(() => parseEntityFilter(filter, 'registered_model'))).toContain(message);
  });

  it('refuses an order_by it does not know', () => {
    expect(refusal(() => sortEntities(models, ['creation_time'], 'registered_model'))).toContain(
      "Invalid attribute key 'creation_time' specified. Valid keys are 'name, creation_timestamp, last_updated_timestamp'",
    );
  });
});

describe('search_model_versions', () => {
  // prettier-ignore
  const versions: SearchableEntity[] = [
    { name: 'm', version: '1', run_id: 'abc', source: 'runs:/abc/model', creation_time: 1, tags: {} },
    { name: 'm', version: '2', run_id: 'def', source: 'models:/x', creation_time: 2, tags: { stage: 'prod' } },
    { name: 'n', version: 10, run_id: 'abc', source: 'runs:/abc/other', creation_time: 3,
      tags: { 'mlflow.prompt.is_prompt': 'true' } },
  ];
  const find = (filter: string, orderBy: string[] = []) =>
    sortEntities(
      versions.filter((v) => matchesEntity(parseEntityFilter(filter, 'model_version'), v)),
      orderBy,
      'model_version',
    ).map((v) => `${v.name}/${v.version}`);

  // prettier-ignore

  it.each([
    ['', ['m/2', 'm/1', 'n/10']],
    ["name = 'm'", ['m/2', 'm/1']],
    ['name = "m"', ['m/2', 'm/1']],
    ["run_id = 'abc'", ['m/1', 'n/10']],
    ["run_id IN ('abc', 'DEF', 'def')", ['m/2', 'm/1', 'n/10']],
    ["run_id IN ('DEF')", []],
    ['version_number > 1', ['m/2', 'n/10']],
    ["version_number = '2'", ['m/2']],
    ['version_number = 1.9', ['m/1']],
    ["source_path LIKE 'runs:/%'", ['m/1', 'n/10']],
    ["tags.stage = 'prod'", ['m/2']],
    ["name = 'm' AND tag.`mlflow.prompt.is_prompt` != 'true'", ['m/2', 'm/1']],
    ["tag.`mlflow.prompt.is_prompt` != 'true'", ['m/2', 'm/1']],
  ])('%s', (filter, want) => {
    expect(find(filter)).toEqual(want);
  });

  it('orders by version number as a number', () => {
    expect(find('', ['version_number'])).toEqual(['m/1', 'm/2', 'n/10']);
    expect(find('', ['version_number DESC'])).toEqual(['n/10', 'm/2', 'm/1']);
    expect(find('', ['creation_timestamp DESC'])).toEqual(['n/10', 'm/2', 'm/1']);
  });

  // prettier-ignore

  it.each([
    ["run_id NOT IN ('abc')", "Invalid comparator 'NOT IN' not one of '=, !=, LIKE, ILIKE, IN'"],
    ["name IN ('m')", "Only the 'run_id' attribute supports comparison with a list"],
    ["version_number = 'two'", "Expected numeric value type for numeric attribute: version_number. Found 'two'"],
    ["version_number LIKE '1'", "Invalid comparator 'LIKE'"],
    ["current_stage = 'None'", "Invalid attribute key 'current_stage'"],
    ['run_id IN ()', 'got empty list'],
  ])('refuses %s', (filter, message) => {
    expect(refusal(() => parseEntityFilter(filter, 'model_version'))).toContain(message);
  });
});
