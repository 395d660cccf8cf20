import type { Output, ParsedInput } from '../../../shared/api.js';
import { authorizationFromEnv, createMlflowClient, trackingUrl } from './mlflowClient.js';
import { pullRuns } from './pullRuns.js';
import { pushRuns } from './pushRuns.js';
import type { Call } from './remoteWire.js';

type RemoteMethod = 'runs.push' | 'runs.pull';
type RemoteHandlers = { [M in RemoteMethod]: (input: ParsedInput<M>) => Promise<Output<M>> };

/**
 * runs.push / runs.pull: an MLflow client to another tracking server, reading and writing this
 * install through `call`, the same validated contract every transport uses. The URL's messages
 * name the CLI's flags (--to, --from), the one place people type these URLs.
 */
export function createRemoteHandlers(call: Call): RemoteHandlers {
  return {
    'runs.push': ({ to, filter, experiment, credentials }) =>
      pushRuns({
        call,
        client: createMlflowClient({
          url: trackingUrl(to, '--to'),
          authorization: authorizationFromEnv(credentials),
        }),
        filter,
        experiment,
      }),
    'runs.pull': ({ from, experiment, credentials }) =>
      pullRuns({
        call,
        client: createMlflowClient({
          url: trackingUrl(from, '--from'),
          authorization: authorizationFromEnv(credentials),
        }),
        experiment,
      }),
  };
}
