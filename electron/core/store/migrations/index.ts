import initial from './0001-initial.js';
import training from './0002-training.js';
import explorer from './0003-explorer.js';
import drift from './0004-drift.js';
import registry from './0005-registry.js';
import datasets from './0006-datasets.js';
import automation from './0007-automation.js';
import runUids from './0008-run-uids.js';
import openRuns from './0009-open-runs.js';
import registryDetails from './0010-registry-details.js';
import tileFiniteMean from './0011-tile-finite-mean.js';
import testMetricNames from './0012-test-metric-names.js';
import savedViewGroups from './0013-saved-view-groups.js';
import runModelOutputs from './0014-run-model-outputs.js';

/** `foreignKeysOff`: the migration rebuilds a table others refer to; SQLite's documented way is with foreign keys off, checked before commit. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  foreignKeysOff?: boolean;
}

/** Every migration in order; version N is the N-th entry. Append only — never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'training', sql: training },
  { version: 3, name: 'explorer', sql: explorer },
  { version: 4, name: 'drift', sql: drift },
  { version: 5, name: 'registry', sql: registry },
  { version: 6, name: 'datasets', sql: datasets },
  { version: 7, name: 'automation', sql: automation },
  { version: 8, name: 'run-uids', sql: runUids },
  { version: 9, name: 'open-runs', sql: openRuns, foreignKeysOff: true },
  { version: 10, name: 'registry-details', sql: registryDetails, foreignKeysOff: true },
  { version: 11, name: 'tile-finite-mean', sql: tileFiniteMean },
  { version: 12, name: 'test-metric-names', sql: testMetricNames },
  { version: 13, name: 'saved-view-groups', sql: savedViewGroups },
  { version: 14, name: 'run-model-outputs', sql: runModelOutputs },
];
