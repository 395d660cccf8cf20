import type { CoreHandle } from '../core/core.js';
import type { CliOptions } from './parseCli.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user asks to stop (Ctrl-C / SIGTERM); only commands that can stop early ask. */
  interrupted(): Promise<void>;
}

/** A `benchtop` command: talks to the core through its contract, prints through `io`, returns the exit code. */
export type Command = (
  core: CoreHandle,
  args: string[],
  options: CliOptions,
  io: Io,
) => Promise<number>;

/** A command that must not open the store first (restore needs the data directory still empty). */
export type StandaloneCommand = (
  dataDir: string,
  args: string[],
  options: CliOptions,
  io: Io,
) => Promise<number>;
