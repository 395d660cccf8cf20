import { rendererDir } from '../core/core.js';
import { UserError } from '../core/userError.js';
import { startServer } from '../server/httpServer.js';
import { checkHost, DEFAULT_HOST, isLoopback } from '../server/hostCheck.js';
import type { Command } from './cliTypes.js';
import { startLagReport } from './lagReport.js';
import { numberFlag } from './parseCli.js';

/** `benchtop serve [--port N] [--host ADDR]`: the app, its API and MLflow's tracking API over HTTP until Ctrl-C. */
export const serveCommand: Command = async (core, _args, options, io) => {
  const port = numberFlag(options, 'port') ?? 7788;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError(`--port must be an integer from 0 to 65535`);
  const host = checkHost(options.host ?? DEFAULT_HOST);
  if (!isLoopback(host))
    io.err(
      `benchtop: warning: serving on ${host}, so other machines can reach Benchtop; keep the token secret`,
    );
  const { token } = await core.call('tracking.token', {});
  const server = await startServer({
    core,
    port,
    host,
    token,
    staticDir: rendererDir(),
    log: io.err,
  });
  const reportLag = startLagReport(io.err); // BENCHTOP_REPORT_LAG=1: bench/mlflowIngest.bench.ts
  core.start(); // watched folders and schedules run while the app is served; a CLI's writes beside it show up live
  io.out(`Benchtop is serving at ${server.url}`);
  io.out(scriptSetup(server.url.replace(/\/\?token=.*$/, ''), token));
  await io.interrupted();
  reportLag();
  await server.close();
  return 0;
};

/** The two lines a script's shell needs to log into this Benchtop with MLflow's client. */
export const scriptSetup = (uri: string, token: string) =>
  `Log from your scripts (MLflow's client):\n  export MLFLOW_TRACKING_URI=${uri}\n  export MLFLOW_TRACKING_TOKEN=${token}`;

/** `benchtop token [--rotate]`: the token scripts and browsers present; rotating locks out the old one. */
export const tokenCommand: Command = async (core, _args, options, io) => {
  const { token } = await core.call('tracking.token', { rotate: options.rotate === true });
  if (options.json === true) io.out(JSON.stringify({ token }));
  else io.out(token);
  if (options.rotate === true)
    io.err(
      'benchtop: a `benchtop serve` or desktop app already running keeps the old token until it restarts',
    );
  return 0;
};
