import type { Io } from '../cli/cliTypes.js';
import { main } from '../cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document `--json` promises. */
  json(): ReturnType<typeof JSON.parse>;
}

/** Runs `benchtop ARGS` in-process with captured output (Ctrl-C never comes). */
export async function benchtop(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => (stdout += `${t}\n`),
    err: (t) => (stderr += `${t}\n`),
    interrupted: () => new Promise(() => {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
