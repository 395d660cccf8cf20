import { parseArgs } from 'node:util';
import { UserError } from '../core/userError.js';

export const USAGE = `Benchtop — local-first MLOps: import data, train, track and compare runs.

Usage: benchtop [--data-dir DIR] COMMAND [options]

Commands:
  import FILE [--name NAME] [--type COLUMN=TYPE ...] [--delimiter D] [--no-header] [--skip-bad-lines]
                                 import CSV/TSV, JSON, JSONL, Parquet or Arrow (or .gz of any) as a
                                 dataset version; identical content returns the existing version
  datasets                       list datasets (every version, with its parent)
  datasets show ID               a version with its profile
  datasets diff ID ID            what changed between two versions
  train --data FILE_OR_DATASET_ID --target COLUMN
        [--model logistic|linear|mlp] [--task binary|multiclass|regression]
        [--hidden 64,32] [--epochs N] [--batch-size N] [--lr X] [--optimizer adam|sgd|rmsprop]
        [--seed S] [--test-size F] [--val-fraction F] [--param KEY=VALUE ...] [--experiment NAME]
                                 train a model and wait for the run to end; in "metrics",
                                 test_* is the test split, the rest the last epoch.
                                 --param keys: dropout, l1, l2, activation,
                                 patience, monitor, class_weight, cv_folds (and any flag above)
  sweep --data D --target T [--model mlp] (--grid KEY=V1,V2 ... | --random N --range KEY=LOW:HIGH[:log] ...)
        [--metric test_f1_macro] [--halving] [train's options as fixed params]
                                 search hyperparameters; trials run in parallel up to the queue limit
  predict --run ID --data FILE --out FILE.csv
                                 the input columns, then prediction, then proba_<class> per class
  evaluate --run ID --data FILE --target COLUMN
                                 score a run's saved model on a labelled file
  runs [--filter QUERY] [--sort [-]FIELD] [--limit N]
                                 list runs with params, final metrics and tags;
                                 QUERY like 'params.lr < 0.01 and not status = "failed"'
  runs compare ID ID ...         params side by side, metric last/min/max, differing params
  runs push --to URL [--filter QUERY] [--experiment NAME]
                                 copy runs (params, tags, every metric point, artifacts) to an
                                 MLflow tracking server; runs already there are skipped
  runs import PATH [--experiment NAME]
                                 import an MLflow file store (mlruns/), an mlflow.db, or a TensorBoard
                                 logdir or event file: every point kept; importing again adds only
                                 what is new; TensorBoard runs go into NAME (default: the folder's name)
  runs follow PATH [--experiment NAME]
                                 import again every second while another program writes PATH;
                                 new points show up in the open app within 2 s; Ctrl-C stops
  runs pull --from URL [--experiment NAME]
                                 copy runs from an MLflow tracking server; runs already here are
                                 skipped (auth: MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME/PASSWORD)
  demo [--runs N] [--points P] [--params N] [--metrics N] [--curves N]
                                 write synthetic runs (for demos and benchmarks)
  register --run ID --name NAME [--parent VERSION_ID] [--note TEXT]
                                 register a finished run's model as the next version of NAME
  models                         list registered models and their versions
  models export --model NAME --version N --out FILE
  models import FILE             move a version (model files, card, lineage) between installs
  alias --model NAME --version N (--set ALIAS | --unset ALIAS) [--reason TEXT]
                                 an alias is unique within a model: setting it moves it
  stage --model NAME --version N --to none|staging|production|archived [--reason TEXT]
  drift --reference FILE_OR_ID --current FILE_OR_ID [--numeric-test auto|ks|wasserstein|psi|jensenshannon]
        [--categorical-test auto|chi2|jensenshannon|psi|ztest] [--threshold X] [--drift-share S]
        [--columns a,b] [--model NAME] [--fail-on-drift]
                                 compare two datasets column by column (--model NAME: the
                                 reference is the training data of its champion, else its
                                 latest version); with --fail-on-drift, exit 1 on drift
  serve [--port N] [--host ADDR] serve the app at http://127.0.0.1:PORT (0 picks a free port); --host
                                 listens elsewhere, e.g. 0.0.0.0 (warns: other machines can reach it);
                                 it also serves MLflow's tracking API, so scripts log into Benchtop
  token [--rotate]               the token scripts log with (MLFLOW_TRACKING_TOKEN); kept in the data
                                 directory, so it survives restarts; --rotate makes a new one
  report (--run ID | --runs ID,ID,... | --drift ID | --model NAME[@VERSION]) --format html|pdf|md --out FILE
                                 a self-contained report to send (PDF needs Chromium installed)
  export runs [--filter QUERY] --format csv|json --out FILE
  export metrics --runs ID,ID,... --format csv|json --out FILE
  export drift --drift ID --format csv|json --out FILE
                                 runs (params, final metrics), metric histories, drift results
  export experiments --experiment NAME[,NAME...] --out FILE
                                 experiments as one archive (runs, params, metrics, tags, notes,
                                 artifacts and the dataset versions they used) for another install
  experiments                    list experiments and their runs
  experiments import FILE        add an archive's runs; runs already here (same uid) are skipped,
                                 dataset versions already here (same content) are reused
  policy create --model NAME --trigger drift|decay|always [--watch DIR] [--dataset NAME] [--every 1h]
        [--metric NAME --margin X] [--threshold X] [--strategy new|reference+new|window:K] [--auto-promote]
                                 continuous training for a registered model: new files in DIR become
                                 versions of NAME; on drift/decay/always retrain, evaluate, register
  policy edit ID [policy create's options] | policy enable ID | policy disable ID | policy list
  pipeline run --model NAME --data FILE
                                 import → drift check → retrain → evaluate → register → promote,
                                 with the model's policy (else: drift, reference+new, no auto-promotion)
  pipeline list [--model NAME]   pipeline runs with their steps
  pipeline show|resume|approve|reject ID [--reason TEXT]
  backup --out FILE              the database and every data file in one .tar.gz with sha256 checksums
                                 (safe while the app is running)
  restore FILE                   restore a backup into an empty or new data directory
                                 (with --data-dir DIR; then start Benchtop with that --data-dir)

Options:
  --data-dir DIR   where data lives (default: $BENCHTOP_HOME, else the OS's app-data folder)
  --json           print exactly one JSON document on stdout
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 success, 1 the run failed or drift found (--fail-on-drift), 2 bad input or usage, 70 internal fault.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  rotate: { type: 'boolean' },
  from: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // A string: `--version N` names a model version; a bare `--version` (app version) is handled in main.
  version: { type: 'string' },
  name: { type: 'string' },
  data: { type: 'string' },
  target: { type: 'string' },
  model: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  seed: { type: 'string' },
  'batch-size': { type: 'string' },
  'val-fraction': { type: 'string' },
  'test-size': { type: 'string' },
  hidden: { type: 'string' },
  optimizer: { type: 'string' },
  task: { type: 'string' },
  param: { type: 'string', multiple: true },
  run: { type: 'string' },
  out: { type: 'string' },
  grid: { type: 'string', multiple: true },
  random: { type: 'string' },
  range: { type: 'string', multiple: true },
  metric: { type: 'string' },
  halving: { type: 'boolean' },
  experiment: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  filter: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  runs: { type: 'string' },
  points: { type: 'string' },
  params: { type: 'string' },
  metrics: { type: 'string' },
  curves: { type: 'string' },
  reference: { type: 'string' },
  current: { type: 'string' },
  'numeric-test': { type: 'string' },
  'categorical-test': { type: 'string' },
  threshold: { type: 'string' },
  'drift-share': { type: 'string' },
  columns: { type: 'string' },
  'fail-on-drift': { type: 'boolean' },
  type: { type: 'string', multiple: true },
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  'skip-bad-lines': { type: 'boolean' },
  parent: { type: 'string' },
  note: { type: 'string' },
  set: { type: 'string' },
  unset: { type: 'string' },
  to: { type: 'string' },
  reason: { type: 'string' },
  format: { type: 'string' },
  drift: { type: 'string' },
  watch: { type: 'string' },
  dataset: { type: 'string' },
  every: { type: 'string' },
  trigger: { type: 'string' },
  margin: { type: 'string' },
  strategy: { type: 'string' },
  'auto-promote': { type: 'boolean' },
} as const;

export type CliOptions = ReturnType<typeof parseCli>['options'];

/** Parses argv; unknown options and stray words are usage errors with a one-line message. */
export function parseCli(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDescendingSort(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = /'(-[^']*)'/.exec((e as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UserError(`unknown option ${option}; see benchtop --help`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UserError(`option ${option.split(' ')[0]} needs a value`);
    throw new UserError((e as Error).message);
  }
  const [command, ...args] = parsed.positionals;
  return { command, args, options: parsed.values };
}

/** `--sort -metrics.loss` means descending; parseArgs would read `-metrics.loss` as an option. */
function joinDescendingSort(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--sort' && next?.startsWith('-') && !next.startsWith('--')) {
      out.push(`--sort=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

/** A numeric flag: absent stays undefined, anything but a number is a usage error. */
export function numberFlag(
  options: CliOptions,
  name: 'epochs' | 'lr' | 'seed' | 'batch-size' | 'val-fraction' | 'port',
): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UserError(`--${name} must be a number, got "${raw}"`);
  return value;
}
