import { describe, expect, it } from 'vitest';
import { parseField, parseQuery } from '../query/index.js';
import { isLike, likeToRegex } from './likePattern.js';
import { MlflowSearchError, mlflowParamText, translateRunSearch } from './searchFilter.js';

const filter = (f: string) => translateRunSearch(f).filter;
const sort = (...orderBy: string[]) => translateRunSearch('', orderBy).sort;
const ID = '0123456789abcdef0123456789abcdef';
const UID = '01234567-89ab-cdef-0123-456789abcdef';

describe('translateRunSearch: the filters MLflow clients send', () => {
  // Every search_runs filter and order_by in MLFLOW_WIRE.md.
  // prettier-ignore
  it.each([
    ['metrics.acc > 0.5', 'metrics.acc > 0.5'],
    ['metrics.acc <= 0.55', 'metrics.acc <= 0.55'],
    ["params.lr = '0.01'", 'params.lr in ("0.01", 0.01)'],
    ["params.lr != '0.01'", 'params.lr != "0.01" and params.lr != 0.01'],
    ["tags.team = 'a'", 'tags.team = "a"'],
    ["tags.team LIKE 'b%'", String.raw`tags.team ~ "^b[\\s\\S]*$"`],
    ["attributes.status = 'FINISHED'", 'status = "finished"'],
    ["attributes.run_name = 's2'", 'name = "s2"'],
    ["metrics.acc > 0.5 and params.lr = '0.01'", 'metrics.acc > 0.5 and params.lr in ("0.01", 0.01)'],
    ["metrics.acc > 0.5 AND tags.team = 'a' AND attributes.status = 'FINISHED'",
      'metrics.acc > 0.5 and tags.team = "a" and status = "finished"'],
  ])('%s', (mlflow, benchtop) => {
    expect(filter(mlflow)).toBe(benchtop);
  });

  it('takes the first order_by as the sort, descending with a minus', () => {
    expect(translateRunSearch('metrics.acc > 0.5', ['metrics.acc DESC'])).toEqual({
      filter: 'metrics.acc > 0.5',
      sort: '-metrics.acc',
    });
    expect(sort('metrics.acc ASC')).toBe('metrics.acc');
    expect(sort('attributes.run_name ASC')).toBe('name');
    expect(sort('metrics.acc', 'params.lr DESC')).toBe('metrics.acc');
    expect(translateRunSearch('', [])).toEqual({ filter: '' });
    expect(translateRunSearch('   ')).toEqual({ filter: '' });
  });
});

describe('translateRunSearch: the grammar MLflow accepts', () => {
  // prettier-ignore
  it.each([
    ['metric.acc > 1', 'metrics.acc > 1'],
    ['`metrics`.acc > 1', 'metrics.acc > 1'],
    ["param.a = 'x'", 'params.a = "x"'],
    ["parameter.a = 'x'", 'params.a = "x"'],
    ["parameters.a = 'x'", 'params.a = "x"'],
    ["tag.a = 'x'", 'tags.a = "x"'],
    ["attr.run_name = 'x'", 'name = "x"'],
    ["attribute.run_name = 'x'", 'name = "x"'],
    ["run.run_name = 'x'", 'name = "x"'],
    ["run_name = 'x'", 'name = "x"'],
    ["`Run Name` = 'x'", 'name = "x"'],
    ['"run name" = \'x\'', 'name = "x"'],
    ["attributes.`Run name` = 'x'", 'name = "x"'],
    ['metrics.`val loss` < 1', 'metrics."val loss" < 1'],
    ['metrics."val loss" < 1', 'metrics."val loss" < 1'],
    ["tags.`mlflow.user` = 'x'", 'tags."mlflow.user" = "x"'],
    ["tags.mlflow.source.type = 'x'", 'tags."mlflow.source.type" = "x"'],
    ["params.`a\"b` = 'x'", String.raw`params."a\"b" = "x"`],
    ['params.a = "x"', 'params.a = "x"'],
    ["params.a = 'say \"hi\"'", String.raw`params.a = "say \"hi\""`],
    [String.raw`params.a = 'back\slash'`, String.raw`params.a = "back\\slash"`],
    ['metrics.a >= -1', 'metrics.a >= -1'],
    ['metrics.a != 1e-3', 'metrics.a != 0.001'],
    ['metrics.a = .5', 'metrics.a = 0.5'],
    ['metrics.a = 5.', 'metrics.a = 5'],
    ['metrics.a > 1e309', 'metrics.a > 1e999'],
    ['metrics.a > -1e309', 'metrics.a > -1e999'],
    ['metrics.a>1', 'metrics.a > 1'],
    ["metrics.a > 1 and\n\tparams.b like 'x'", 'metrics.a > 1 and params.b ~ "^x$"'],
    ['AND metrics.a > 1 AND AND', 'metrics.a > 1'],
    ["tags.a Like 'x' aNd tags.b iLIKE 'y'", 'tags.a ~ "^x$" and tags.b ~ "^[yY]$"'],
  ])('%s', (mlflow, benchtop) => {
    expect(filter(mlflow)).toBe(benchtop);
  });
});

describe('translateRunSearch: what MLflow means, in Benchtop terms', () => {
  // prettier-ignore
  it.each([
    ["params.x = '1e-7'", 'params.x in ("1e-7", 1e-7)'],
    ["params.x = '1e21'", 'params.x = "1e21"'],
    ["params.x = '0.010'", 'params.x = "0.010"'],
    ["params.x = '-0'", 'params.x = "-0"'],
    ["params.x = 'true'", 'params.x in ("true", true)'],
    ["params.x != 'false'", 'params.x != "false" and params.x != false'],
    ["params.x = 'None'", 'params.x = "None" or (params.x and not params.x ~ "^")'],
    ["params.x != 'None'", 'params.x != "None" and params.x ~ "^"'],
    ["params.x = ''", 'params.x = ""'],
    ["params.x LIKE 'a%'", String.raw`params.x ~ "^a[\\s\\S]*$"`],
    ["params.x LIKE 't%'", String.raw`params.x ~ "^t[\\s\\S]*$" or params.x = true`],
    ["params.x LIKE '%'", String.raw`(params.x ~ "^[\\s\\S]*$" and not params.x in (true, false)) or params.x in (true, false) or (params.x and not params.x ~ "^")`],
    ["params.x LIKE 'N%'", String.raw`params.x ~ "^N[\\s\\S]*$" or (params.x and not params.x ~ "^")`],
    ["attributes.status = 'KILLED'", 'status in ("cancelled", "interrupted")'],
    ["attributes.status != 'KILLED'", 'status in ("running", "queued", "finished", "failed")'],
    ["attributes.status = 'SCHEDULED'", 'status = "queued"'],
    ["attributes.status = 'finished'", 'not id'],
    ["attributes.status LIKE 'F%'", 'status in ("finished", "failed")'],
    ["attributes.status ILIKE 'r%'", 'status = "running"'],
    ["attributes.user_id = 'ada'", 'tags."mlflow.user" = "ada"'],
    ["attributes.user_id != 'ada'", 'not tags."mlflow.user" = "ada"'],
    ["attributes.user_id = ''", 'not tags."mlflow.user" or tags."mlflow.user" = ""'],
    ["attributes.user_id LIKE '%'", String.raw`not tags."mlflow.user" or tags."mlflow.user" ~ "^[\\s\\S]*$"`],
    [`attributes.run_id = '${ID}'`, `uid = "${UID}"`],
    [`attributes.run_id != '${ID}'`, `uid != "${UID}"`],
    [`attributes.run_id = '${UID}'`, 'not id'],
    [`attributes.run_id != '${ID.toUpperCase()}'`, 'id'],
    [`attributes.run_id IN ('${ID}', '${ID.toUpperCase()}', 'x')`, `uid = "${UID}"`],
    [`attributes.run_id IN ('${ID}', "${ID.replace('0', 'f')}",)`, `uid in ("${UID}", "f${UID.slice(1)}")`],
    [`attributes.run_id NOT IN ('${ID}')`, `not uid = "${UID}"`],
    [`attributes.run_id IN ('${ID.toUpperCase()}')`, 'not id'],
    [`attributes.run_id NOT IN ('nope')`, 'id'],
    ["attributes.run_id LIKE '01%'", String.raw`uid ~ "^-?0-?1[\\s\\S]*$"`],
    ["attributes.run_id LIKE '0_-%'", String.raw`uid ~ "^-?0-?[^-](?!)[\\s\\S]*$"`],
    ['attributes.start_time > 1700000000000', 'started_at > "2023-11-14T22:13:20.000Z"'],
    ['attributes.end_time <= 0', 'ended_at <= "1970-01-01T00:00:00.000Z"'],
    ['attributes.start_time >= 1.5', 'started_at >= "1970-01-01T00:00:00.002Z"'],
    ['attributes.start_time > 1.5', 'started_at > "1970-01-01T00:00:00.001Z"'],
    ['attributes.start_time = 1.5', 'not id'],
    ['attributes.start_time != 1.5', 'started_at'],
    ['attributes.start_time < 1e20', 'started_at'],
    ['attributes.start_time > 1e20', 'not id'],
    ['attributes.end_time > -1e20', 'ended_at'],
    ['attributes.created >= 0', 'started_at >= "1970-01-01T00:00:00.000Z"'],
  ])('%s', (mlflow, benchtop) => {
    expect(filter(mlflow)).toBe(benchtop);
  });

  it('reads a value as MLflow does: quotes trimmed, nothing unescaped', () => {
    expect(filter("params.a = 'it''s'")).toBe(`params.a = "it''s"`);
    expect(filter(String.raw`params.a = 'it\'s'`)).toBe(String.raw`params.a = "it\\'s"`);
  });

  it('translates the order_by fields', () => {
    expect(sort('metrics.`val loss` DESC')).toBe('-metrics."val loss"');
    expect(sort('params.lr asc')).toBe('params.lr');
    expect(sort('param.lr')).toBe('params.lr');
    expect(sort('tags.`mlflow.user`')).toBe('tags."mlflow.user"');
    expect(sort('tag."my tag" desc')).toBe('-tags."my tag"');
    expect(sort('attributes.start_time ASC')).toBe('started_at');
    expect(sort('start_time DESC')).toBe('-started_at');
    expect(sort('created')).toBe('started_at');
    expect(sort('attributes.end_time')).toBe('ended_at');
    expect(sort('attributes.run_id')).toBe('uid');
    expect(sort('attributes.user_id')).toBe('tags."mlflow.user"');
    expect(sort('attributes.status DESC')).toBe('-status');
    expect(sort('run_name')).toBe('name');
  });

  it('gives the text MLflow shows for a param', () => {
    expect([0.01, 1e-7, 1e21, 'x', true, null].map(mlflowParamText)).toEqual([
      '0.01',
      '1e-7',
      '1e+21',
      'x',
      'true',
      'None',
    ]);
  });

  it('writes text that Benchtop parses, sort included', () => {
    const { filter: f, sort: s } = translateRunSearch(
      "metrics.`a\"b\\\\c` > 1 and params.x LIKE '%(a+)+[b]{2}$^.%' and tags.`t` = 'q\"\\\\'",
      ['tags.`x\\"y` DESC'],
    );
    expect(() => parseQuery(f)).not.toThrow();
    expect(s).toBe(String.raw`-tags."x\"y"`);
    expect(parseField(s!.slice(1))).toEqual({ kind: 'tags', key: 'x"y' });
    // Split like a shell, as MLflow splits it: inner quotes group, then vanish.
    expect(sort('tags.`x "y" z` DESC')).toBe('-tags."x y z"');
  });
});

describe('translateRunSearch: what MLflow refuses', () => {
  // prettier-ignore
  it.each([
    ['metrics.acc >>> 1', "Invalid clause(s) in filter string: 'metrics.acc >>> 1'"],
    ['metrics.acc > 1 OR metrics.b > 1', "Invalid clause(s) in filter string: 'OR metrics.b > 1'"],
    ['metrics.acc > 1 or metrics.b > 1 and tags.a', "Invalid clause(s) in filter string: 'or metrics.b > 1'"],
    ['(metrics.acc > 1)', "Invalid clause(s) in filter string: '(metrics.acc > 1)'"],
    ['metrics.acc == 1', "Invalid clause(s) in filter string: 'metrics.acc == 1'"],
    ['metrics.acc <> 1', 'Invalid clause(s)'],
    ['metrics.acc', "Invalid clause(s) in filter string: 'metrics.acc'"],
    ['metrics.acc > ', 'Invalid clause(s)'],
    ['metrics.acc > 1 metrics.b > 1', "Invalid clause(s) in filter string: 'metrics.b > 1'"],
    ['metrics.acc > 1;', "Invalid clause(s) in filter string: ';'"],
    ['metrics.acc > 0x1F', 'Invalid clause(s)'],
    ['metrics.acc > 1.2.3', 'Invalid clause(s)'],
    ["params.a = 'unterminated", 'Invalid clause(s)'],
    ['params.a IS NULL', "Invalid clause(s) in filter string: 'params.a IS NULL'"],
    ['params.a IS NOT NULL', 'Invalid clause(s)'],
    ['metrics.acc LIKE 1', "Invalid comparator 'LIKE' not one of '=, !=, <, <=, >, >='"],
    ["metrics.acc = '1'", "Expected numeric value type for metric. Found '1'"],
    ['metrics.acc = x', 'Expected numeric value type for metric. Found x'],
    ["params.a > 'x'", "Invalid comparator '>' not one of '=, !=, LIKE, ILIKE'"],
    ["params.a NOT LIKE 'x'", "Invalid comparator 'NOT LIKE'"],
    ["tags.a RLIKE 'x'", "Invalid comparator 'RLIKE'"],
    ['params.a = 1', "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1"],
    ['tags.a = 1', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"],
    ['params.a = x', 'Parameter value is either not quoted or unidentified quote types used for string value x.'],
    ['params.a = `x`', 'Parameter value is either not quoted'],
    ["params.a IN ('x')", "Expected a quoted string value for parameter (e.g. 'my-value'). Got value ('x')"],
    ["tags.a NOT IN ('x')", 'Expected a quoted string value for tag'],
    ["attributes.status IN ('FINISHED')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ["attributes.start_time > '1'", "Expected numeric value type for numeric attribute: start_time. Found '1'"],
    ["attributes.run_name = 1", 'Expected a quoted string value for attributes. Got value 1'],
    ['attributes.start_time LIKE 1', "Invalid comparator 'LIKE'"],
    ["attributes.run_name < 'x'", "Invalid comparator '<'"],
    ["attributes.lifecycle_stage = 'active'", "Invalid attribute key 'lifecycle_stage' specified."],
    ["attributes.experiment_id = '1'", "Invalid attribute key 'experiment_id' specified."],
    ["attributes.artifact_uri = 'x'", 'Benchtop does not search runs by attributes.artifact_uri'],
    ["datasets.digest = 'x'", "Benchtop searches dataset inputs only by name with = or IN, not 'datasets.digest ='"],
    ["dataset.name LIKE 'x%'", "Benchtop searches dataset inputs only by name with = or IN, not 'dataset.name LIKE'"],
    ["foo.bar = 'x'", "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"],
    ['attributes.run_id IN ()', 'expected a non-empty list of string values, but got empty list'],
    ["attributes.run_id IN (1, 'a')", 'but got different type in list: (1, \'a\')'],
    ["attributes.run_id IN 'a'", 'Invalid clause(s)'],
    ["attributes.run_id = ('a')", 'Invalid clause(s)'],
  ])('%s', (mlflow, message) => {
    let error: unknown;
    try {
      filter(mlflow);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlflowSearchError);
    expect((error as Error).name).toBe('MlflowSearchError');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  // prettier-ignore

  it.each([
    ['metrics.acc DOWN', "Invalid ordering key in order_by clause 'metrics.acc DOWN'."],
    ['metrics.acc DESC extra', "Invalid order_by clause 'metrics.acc DESC extra'. Could not be parsed."],
    ['', "Invalid order_by clause ''. Could not be parsed."],
    ['metrics.`acc', 'Could not be parsed.'],
    ['attributes.foo', "Invalid attribute key 'foo' specified."],
    ['attributes.`run name`', "Invalid attribute key 'run name' specified."],
    ['attributes.artifact_uri', 'Benchtop does not order runs by attributes.artifact_uri'],
    ['foo.bar', "Invalid entity type 'foo'"],
    ['datasets.name', "Invalid order_by entity type 'dataset'"],
  ])('order_by %s', (orderBy, message) => {
    expect(() => sort(orderBy)).toThrow(MlflowSearchError);
    expect(() => sort(orderBy)).toThrow(message);
    // A bad order_by after the first is refused too, as MLflow refuses it.
    expect(() => sort('metrics.acc', orderBy)).toThrow(message);
  });

  it('refuses a filter too big for Benchtop, saying so', () => {
    const many = Array.from({ length: 150 }, (_, i) => `metrics.m${i} > ${i}`).join(' and ');
    expect(() => filter(many)).toThrow(/^Filter string is too long or has too many clauses: /);
    expect(() => filter(`params.a LIKE '${'_'.repeat(500)}'`)).toThrow(MlflowSearchError);
    expect(
      filter(Array.from({ length: 60 }, (_, i) => `metrics.m${i} > ${i}`).join(' and ')),
    ).toContain('m59 > 59');
  });

  it('quotes the clause that failed, up to its AND', () => {
    expect(() => filter("params.a = 'x' and metrics.b >>> 2 and tags.c = 'and'")).toThrow(
      "Invalid clause(s) in filter string: 'metrics.b >>> 2'",
    );
    expect(() => filter("tags.c = 'a and b' and metrics.b ! 2")).toThrow("'metrics.b ! 2'");
  });
});

describe('likeToRegex: SQL LIKE as a regular expression', () => {
  // prettier-ignore
  it.each([
    ['abc', 'abc', true],
    ['abc', 'ABC', false],
    ['a%', 'abc', true],
    ['a%', 'ba', false],
    ['%c', 'abc', true],
    ['%b%', 'abc', true],
    ['a_c', 'abc', true],
    ['a_c', 'ac', false],
    ['a_c', 'a😀c', true],
    ['a__c', 'a😀c', false],
    ['%', '', true],
    ['', '', true],
    ['_', '', false],
    ['a.c', 'abc', false],
    ['a.c', 'a.c', true],
    ['(a+)+$', '(a+)+$', true],
    ['[x]{2}\\', '[x]{2}\\', true],
    ['a%b%c', 'a\nb\nc', true],
    ['%a%a%a%b', 'aaab', true],
    ['%a%a%a%b', 'aab', false],
    ['%ab%ab', 'abab', true],
    ['%ab%ab', 'aab', false],
    ['x%%%y', 'xy', true],
  ])('%s LIKE %s is %s', (pattern, text, want) => {
    expect(isLike(text, pattern)).toBe(want);
  });

  it('folds ASCII letters only for ILIKE', () => {
    expect(isLike('ABC', 'a%c', { ignoreCase: true })).toBe(true);
    expect(isLike('Ü', 'ü', { ignoreCase: true })).toBe(false);
    expect(likeToRegex('a1', { ignoreCase: true })).toBe('^[aA]1$');
  });

  it('matches a uid as the run id without dashes', () => {
    const re = (p: string, ignoreCase = false) =>
      new RegExp(likeToRegex(p, { dashless: true, ignoreCase }));
    expect(re(`${ID.slice(0, 10)}%`).test(UID)).toBe(true);
    expect(re(`%${ID.slice(6, 22)}%`).test(UID)).toBe(true);
    expect(re(ID).test(UID)).toBe(true);
    expect(re('_'.repeat(32)).test(UID)).toBe(true);
    expect(re('_'.repeat(36)).test(UID)).toBe(false);
    expect(re(UID).test(UID)).toBe(false);
    expect(re('%ABCDEF%', true).test(UID)).toBe(true);
  });

  it('stays fast on patterns that would backtrack', () => {
    const started = Date.now();
    const text = 'a'.repeat(5_000);
    expect(isLike(text, `${'%a'.repeat(30)}%b`)).toBe(false);
    expect(isLike(text, `%${'_'.repeat(40)}%b%`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('translateRunSearch: dataset inputs', () => {
  it('finds a dataset by name as the tag its input is kept under', () => {
    expect(filter("dataset.name = 'train set/v1'")).toBe('tags."mlflow.input.train set/v1"');
    expect(filter("datasets.name IN ('a', 'b?')")).toBe(
      'tags."mlflow.input.a" or tags."mlflow.input.b_"',
    );
    expect(filter("dataset.name IN ('a', 'b') and params.lr = '1'")).toBe(
      '(tags."mlflow.input.a" or tags."mlflow.input.b") and params.lr in ("1", 1)',
    );
  });
});
