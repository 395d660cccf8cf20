import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ReportRequest } from '../../shared/api/reports.js';
import { writeOutput } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';
import { exportExperimentsCommand } from './experimentCommands.js';

const idOf = (flag: string, raw: string): number => {
  if (!/^\d+$/.test(raw.trim())) throw new UserError(`--${flag} must be an id, got "${raw}"`);
  return Number(raw);
};
const idsOf = (flag: string, raw: string): number[] => raw.split(',').map((s) => idOf(flag, s));
const outOf = (options: CliOptions): string => {
  if (!options.out) throw new UserError('--out FILE is required');
  return resolve(options.out);
};
/** `churn@2` is version 2 of churn; `churn` alone is its latest version. */
function modelRef(raw: string): { model: string; version?: number } {
  const m = /^(.*)@(\d+)$/.exec(raw);
  return m ? { model: m[1]!, version: Number(m[2]) } : { model: raw };
}

function done(io: Io, options: CliOptions, out: string, format: string): number {
  const bytes = statSync(out).size;
  io.out(
    options.json
      ? JSON.stringify({ path: out, format, bytes }, null, 2)
      : `wrote ${out} (${format}, ${bytes} bytes)`,
  );
  return 0;
}

/** `benchtop report (--run ID | --runs ID,ID,... | --drift ID | --model NAME[@VERSION]) --format html|pdf|md --out FILE`. */
export const reportCommand: Command = async (core, args, options, io) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
  const chosen = (['run', 'runs', 'drift', 'model'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (chosen.length !== 1)
    throw new UserError(
      'report needs exactly one of --run ID, --runs ID,ID,..., --drift ID or --model NAME[@VERSION]',
    );
  const format = options.format ?? 'html';
  if (format !== 'html' && format !== 'pdf' && format !== 'md')
    throw new UserError(`--format must be html, pdf or md, got "${format}"`);
  const out = outOf(options);
  const request: ReportRequest =
    options.run !== undefined
      ? { kind: 'run', runId: idOf('run', options.run), format }
      : options.runs !== undefined
        ? { kind: 'compare', runIds: idsOf('runs', options.runs), format }
        : options.drift !== undefined
          ? { kind: 'drift', driftId: idOf('drift', options.drift), format }
          : { kind: 'model', ...modelRef(options.model ?? ''), format };
  const report = await core.call('reports.render', request);
  writeOutput(
    out,
    report.encoding === 'base64' ? Buffer.from(report.content, 'base64') : report.content,
  );
  return done(io, options, out, format);
};

/** `benchtop export runs [--filter Q] | metrics --runs ID,… | drift --drift ID  --format csv|json --out FILE`. */
export const exportCommand: Command = async (core, args, options, io) => {
  const [what, extra] = args;
  if (what === 'experiments') return exportExperimentsCommand(core, args.slice(1), options, io);
  if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
  const format = options.format;
  if (format !== 'csv' && format !== 'json')
    throw new UserError(`--format must be csv or json, got "${format ?? ''}"`);
  const out = outOf(options);
  let request: ReportRequest;
  if (what === 'runs') request = { kind: 'runs', filter: options.filter ?? '', format };
  else if (what === 'metrics')
    request = { kind: 'metrics', runIds: idsOf('runs', options.runs ?? ''), format };
  else if (what === 'drift')
    request = { kind: 'drift', driftId: idOf('drift', options.drift ?? ''), format };
  else throw new UserError('export needs runs, metrics, drift or experiments; see benchtop --help');
  const report = await core.call('reports.render', request);
  writeOutput(out, report.content);
  return done(io, options, out, format);
};
