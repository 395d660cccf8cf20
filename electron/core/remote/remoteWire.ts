import type { RunStatus } from '../../../shared/domain.js';
import type { CoreCall } from '../../../shared/api.js';
import { doubleToWire, STATUS_TO_MLFLOW } from '../../../shared/mlflow/wireValues.js';

/** What push and pull share: the contract's door, Benchtop's identity tags, MLflow's wire values. */

export type Call = CoreCall;

/** On a pushed run: the uid of the run it was copied from. */
export const UID_TAG = 'benchtop.uid';
/** On a pulled run: the remote run id it was copied from. */
export const SOURCE_TAG = 'benchtop.source_run_id';

/** A string in Benchtop's query language (shared/query/GRAMMAR.md). */
export const quote = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export { doubleToWire };
export const doubleFromWire = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

export const STATUS_TO_WIRE = STATUS_TO_MLFLOW;
export const STATUS_FROM_WIRE: Record<string, RunStatus> = {
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'cancelled',
};

/** Where a run's artifacts live on the server: file URLs under `files`, listings through `endpoint?path=root/…`. */
export interface ArtifactPlace {
  files: string;
  listing: { endpoint: string; root: string } | null;
}

const ARTIFACTS_ENDPOINT = '/api/2.0/mlflow-artifacts/artifacts';

/** The places MLflow's client itself can reach over HTTP; a file path or cloud bucket gives null. */
export function artifactPlace(tracking: string, artifactUri: string): ArtifactPlace | null {
  const proxied = /^mlflow-artifacts:(?:\/\/([^/]+))?\/*(.*)$/.exec(artifactUri);
  if (proxied) {
    // `mlflow-artifacts://host/…` names another host, reached with the tracking URI's scheme.
    const server = proxied[1] ? `${new URL(tracking).protocol}//${proxied[1]}` : tracking;
    const root = proxied[2]!.replace(/\/+$/, '');
    const endpoint = server + ARTIFACTS_ENDPOINT;
    return { files: `${endpoint}/${encodePath(root)}`, listing: { endpoint, root } };
  }
  if (/^https?:\/\//.test(artifactUri)) {
    const uri = artifactUri.replace(/\/+$/, '');
    const marker = uri.indexOf('/mlflow-artifacts/artifacts');
    if (marker < 0) return { files: uri, listing: null };
    const endpoint = uri.slice(0, marker + '/mlflow-artifacts/artifacts'.length);
    return {
      files: uri,
      listing: {
        endpoint,
        root: decodeURIComponent(uri.slice(endpoint.length).replace(/^\/+/, '')),
      },
    };
  }
  return null;
}

export const encodePath = (path: string) =>
  path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
