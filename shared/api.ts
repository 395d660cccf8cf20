import { z } from 'zod';
import type { SaveRequest, SaveResult } from './desktopSave.js';
import { artifactsApi } from './api/artifacts.js';
import { automationApi, PipelineEvent, PolicyEvent } from './api/automation.js';
import { backupApi } from './api/backup.js';
import { datasetsApi, ImportProgress } from './api/datasets.js';
import { DownloadDoneEvent, downloadsApi } from './api/downloads.js';
import { DriftProgressEvent, driftApi } from './api/drift.js';
import { experimentsApi } from './api/experiments.js';
import { JobProgressEvent, jobsApi } from './api/jobs.js';
import { loggedModelsApi } from './api/loggedModels.js';
import { FollowEvent, RunImportProgress } from './api/otherTrackers.js';
import { registryApi } from './api/registry.js';
import { reportsApi } from './api/reports.js';
import { RunMetricEvent, RunStatusEvent } from './api/runRecords.js';
import { runsApi } from './api/runs.js';
import { sweepsApi } from './api/sweeps.js';
import { TrackingSettingsEvent, trackingApi } from './api/tracking.js';
import { TransferProgress } from './api/transferProgress.js';
import { viewsApi } from './api/views.js';

/**
 * The one API contract, assembled from the domains: `shared/api/<domain>.ts` holds every
 * `<domain>.*` method (`{ input, output }` zod schemas) and the shapes and events that domain
 * owns. IPC, HTTP and the renderer's client are derived from this object;
 * the core parses every input with `input` (and, under BENCHTOP_CHECK_OUTPUTS=1, checks every
 * answer against `output`); transports parse events with `ApiEvent`.
 */
export const api = {
  ...runsApi,
  ...viewsApi,
  ...datasetsApi,
  ...jobsApi,
  ...sweepsApi,
  ...driftApi,
  ...registryApi,
  ...automationApi,
  ...experimentsApi,
  ...artifactsApi,
  ...loggedModelsApi,
  ...trackingApi,
  ...backupApi,
  ...downloadsApi,
  ...reportsApi,
} as const;

export type Api = typeof api;
export type Method = keyof Api;
export const METHODS = Object.keys(api) as Method[];
export type Input<M extends Method> = z.input<Api[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Api[M]['input']>;
export type Output<M extends Method> = z.output<Api[M]['output']>;

export function isMethod(name: string): name is Method {
  return Object.hasOwn(api, name);
}

/** The lists a `store.changed` event says to load again. */
export const StoreArea = z.enum(['runs', 'datasets', 'models']);
export type StoreArea = z.infer<typeof StoreArea>;

/** Events pushed from main to every window. */
export const ApiEvent = z.discriminatedUnion('type', [
  ImportProgress,
  TransferProgress,
  DownloadDoneEvent,
  JobProgressEvent,
  RunMetricEvent,
  DriftProgressEvent,
  RunStatusEvent,
  PipelineEvent,
  PolicyEvent,
  TrackingSettingsEvent,
  RunImportProgress,
  FollowEvent,
  /** Another process (a `benchtop` command beside the open app) changed these lists. */
  z.object({ type: z.literal('store.changed'), areas: z.array(StoreArea) }),
  /** Desktop only, sent to the window by main (menus, files opened from the OS): show this route. */
  z.object({ type: z.literal('app.navigate'), hash: z.string().regex(/^#\/[^\s]*$/) }),
]);
export type ApiEvent = z.infer<typeof ApiEvent>;

/** The reply envelope used by the HTTP transport (IPC rejects with the message instead). */
export type Reply<M extends Method> = { ok: true; data: Output<M> } | { ok: false; error: string };
/** Over IPC a heavy read may arrive as its UTF-8 JSON, serialised off main's thread; the preload parses it. */
export type IpcReply<M extends Method> = Reply<M> | { ok: true; json: Uint8Array | string };

/** The core's door on the main side: any input, checked against the contract before the method runs. */
export type CoreCall = <M extends Method>(method: M, input: unknown) => Promise<Output<M>>;

/** What every transport gives the renderer: typed calls and a subscription to events. */
export interface BenchtopClient {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/** The preload's object on `window.benchtop` in the desktop app. */
export interface DesktopBridge extends BenchtopClient {
  /** The absolute path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: unknown): string;
  /** Shows a save dialog and writes the file there (see desktopSave.ts). */
  save(request: SaveRequest): Promise<SaveResult>;
}

/** The IPC channel of a method; the only place channel names are made. */
export const channelOf = (method: Method): string => `benchtop:${method}`;
export const EVENT_CHANNEL = 'benchtop:event';
