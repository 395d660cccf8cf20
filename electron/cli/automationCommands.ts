import {
  formatEvery,
  parseEvery,
  PolicyTrigger,
  Strategy,
  type Pipeline,
  type PipelineSummary,
  type Policy,
  type PolicySettings,
} from '../../shared/api/automation.js';
import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';

const EXIT_FAILED = 1;

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);
const noExtra = (args: string[]) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
};
const idArg = (args: string[], what: string): number => {
  const [raw, ...rest] = args;
  if (raw === undefined) throw new UserError(`${what} needs an ID`);
  if (!/^\d+$/.test(raw))
    throw new UserError(`${what}: the ID must be a whole number, got "${raw}"`);
  noExtra(rest);
  return Number(raw);
};
const numberOption = (options: CliOptions, name: 'margin' | 'threshold'): number | undefined => {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UserError(`--${name} must be a number, got "${raw}"`);
  return value;
};

/** The policy flags that were given, as settings (absent flags stay absent, so edits change only those). */
function settingsFrom(options: CliOptions): Partial<PolicySettings> {
  const out: Partial<PolicySettings> = {};
  if (options.watch !== undefined) out.watchDir = options.watch;
  if (options.dataset !== undefined) out.dataset = options.dataset;
  if (options.every !== undefined) {
    const seconds = parseEvery(options.every);
    if (seconds === null)
      throw new UserError(
        `--every must be a duration such as 30m, 1h or 2d; got "${options.every}"`,
      );
    out.everySeconds = seconds;
  }
  if (options.trigger !== undefined) {
    const trigger = PolicyTrigger.safeParse(options.trigger);
    if (!trigger.success)
      throw new UserError(`--trigger must be drift, decay or always; got "${options.trigger}"`);
    out.trigger = trigger.data;
  }
  if (options.metric !== undefined) out.metric = options.metric;
  const margin = numberOption(options, 'margin');
  if (margin !== undefined) out.margin = margin;
  const threshold = numberOption(options, 'threshold');
  if (threshold !== undefined) out.threshold = threshold;
  if (options.strategy !== undefined) {
    if (!Strategy.safeParse(options.strategy).success)
      throw new UserError(
        `--strategy must be new, reference+new or window:K (K from 1 to 999); got "${options.strategy}"`,
      );
    out.strategy = options.strategy;
  }
  if (options['auto-promote']) out.autoPromote = true;
  return out;
}

const describePolicy = (p: Policy): string =>
  `policy ${p.id} for ${p.model}: ${p.enabled ? (p.paused_reason ? `PAUSED (${p.paused_reason})` : 'enabled') : 'disabled'}; ` +
  `trigger ${p.trigger}, strategy ${p.strategy}${p.metric ? `, metric ${p.metric}` : ''}, margin ${p.margin}` +
  `${p.auto_promote ? ', auto-promote' : ', promotion needs approval'}` +
  `${p.watch_dir ? `; watches ${p.watch_dir}` : ''}${p.dataset ? `; dataset ${p.dataset}` : ''}${p.every_seconds ? `; every ${formatEvery(p.every_seconds)}` : ''}`;

/** The pinned JSON of `pipeline run`: its fields first, then the rest; drift columns without their overlay bins. */
export const pipelineJson = (p: Pipeline) => {
  const { id, status, trigger, steps, drift, candidate_version_id, promoted, reason, ...rest } = p;
  return {
    id,
    status,
    trigger,
    steps,
    drift: drift && { ...drift, columns: drift.columns.map(({ distribution: _d, ...c }) => c) },
    candidate_version_id,
    promoted,
    reason,
    ...rest,
  };
};

const timeline = (p: PipelineSummary): string =>
  `pipeline ${p.id} for ${p.model}: ${p.status} — ${p.reason}\n` +
  formatTable(
    ['step', 'status', 'detail'],
    p.steps.map((s) => [s.name, s.status, s.detail]),
  );

const exitOf = (p: PipelineSummary) =>
  p.status === 'failed' || p.status === 'interrupted' ? EXIT_FAILED : 0;

/** `benchtop policy create|edit|enable|disable|list`. */
export const policyCommand: Command = async (core, args, options, io) => {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    noExtra(rest);
    if (!options.model) throw new UserError('policy create needs --model NAME');
    if (options.trigger === undefined)
      throw new UserError('policy create needs --trigger drift|decay|always');
    const p = await core.call('automation.createPolicy', {
      model: options.model,
      ...settingsFrom(options),
    });
    print(io, options, p, `created ${describePolicy(p)}`);
    return 0;
  }
  if (sub === 'edit' || sub === 'enable' || sub === 'disable') {
    const id = idArg(rest, `policy ${sub}`);
    const edits = sub === 'edit' ? settingsFrom(options) : { enabled: sub === 'enable' };
    if (sub === 'edit' && Object.keys(edits).length === 0)
      throw new UserError('policy edit needs at least one option to change');
    const p = await core.call('automation.updatePolicy', { id, ...edits });
    print(io, options, p, describePolicy(p));
    return 0;
  }
  if (sub === 'list' || sub === undefined) {
    noExtra(rest);
    const policies = await core.call('automation.policies', {});
    print(
      io,
      options,
      policies,
      policies.length ? policies.map(describePolicy).join('\n') : 'no policies',
    );
    return 0;
  }
  throw new UserError(
    `unknown policy subcommand "${sub}"; use create, edit, enable, disable or list`,
  );
};

/** `benchtop pipeline run|list|show|resume|approve|reject`. */
export const pipelineCommand: Command = async (core, args, options, io) => {
  const [sub, ...rest] = args;
  if (sub === 'run') {
    noExtra(rest);
    if (!options.model) throw new UserError('pipeline run needs --model NAME');
    if (!options.data) throw new UserError('pipeline run needs --data FILE');
    const p = await core.call('automation.run', {
      model: options.model,
      path: options.data,
      wait: true,
    });
    print(io, options, pipelineJson(p), timeline(p));
    return exitOf(p);
  }
  if (sub === 'list') {
    noExtra(rest);
    const list = await core.call(
      'automation.pipelines',
      options.model ? { model: options.model } : {},
    );
    const human = formatTable(
      ['id', 'model', 'status', 'trigger', 'source', 'candidate', 'promoted', 'reason'],
      list.map((p) => [
        String(p.id),
        p.model,
        p.status,
        p.trigger,
        p.source,
        String(p.candidate_version_id ?? '—'),
        p.promoted ? 'yes' : 'no',
        p.reason,
      ]),
    );
    print(io, options, list, list.length ? human : 'no pipelines');
    return 0;
  }
  if (sub === 'show' || sub === 'resume' || sub === 'approve' || sub === 'reject') {
    const id = idArg(rest, `pipeline ${sub}`);
    const reason = options.reason ?? '';
    const p =
      sub === 'show'
        ? await core.call('automation.pipeline', { id })
        : sub === 'resume'
          ? await core.call('automation.resume', { id, wait: true })
          : await core.call(sub === 'approve' ? 'automation.approve' : 'automation.reject', {
              id,
              reason,
            });
    const score = p.evaluation
      ? ` (${p.evaluation.metric}: challenger ${formatNumber(p.evaluation.challenger ?? undefined)}, champion ${formatNumber(p.evaluation.champion ?? undefined)})`
      : '';
    print(io, options, pipelineJson(p), timeline(p) + score);
    return sub === 'show' ? 0 : exitOf(p);
  }
  throw new UserError(
    `unknown pipeline subcommand "${sub ?? ''}"; use run, list, show, resume, approve or reject`,
  );
};
