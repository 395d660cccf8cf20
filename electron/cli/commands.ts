import type { Command, StandaloneCommand } from './cliTypes.js';
import { demoCommand, runsCommand } from './runsCommands.js';
import { evaluateCommand, predictCommand, sweepCommand, trainCommand } from './trainCommands.js';
import { driftCommand } from './driftCommand.js';
import { datasetsCommand, importCommand } from './datasetCommands.js';
import { aliasCommand, modelsCommand, registerCommand, stageCommand } from './registryCommands.js';
import { exportCommand, reportCommand } from './reportCommands.js';
import { backupCommand, restoreCommand } from './backupCommands.js';
import { pipelineCommand, policyCommand } from './automationCommands.js';
import { experimentsCommand } from './experimentCommands.js';
import { withRemoteCommands } from './remoteCommands.js';
import { withRunImport } from './runImportCommand.js';
import { serveCommand, tokenCommand } from './serveCommands.js';

// The composition table of `benchtop`: only the entry (main.ts) imports it, so no command imports another's table.

export const COMMANDS: Record<string, Command> = {
  token: tokenCommand,
  import: importCommand,
  datasets: datasetsCommand,
  train: trainCommand,
  predict: predictCommand,
  evaluate: evaluateCommand,
  sweep: sweepCommand,
  runs: withRunImport(withRemoteCommands(runsCommand)),
  demo: demoCommand,
  drift: driftCommand,
  register: registerCommand,
  models: modelsCommand,
  alias: aliasCommand,
  stage: stageCommand,
  serve: serveCommand,
  report: reportCommand,
  export: exportCommand,
  backup: backupCommand,
  policy: policyCommand,
  pipeline: pipelineCommand,
  experiments: experimentsCommand,
};

/** Commands that must not open the store first (restore needs the data directory still empty). */
export const STANDALONE_COMMANDS: Record<string, StandaloneCommand> = {
  restore: restoreCommand,
};
