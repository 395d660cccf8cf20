import { z } from 'zod';
import { Dataset, MetricPoint, MetricSeries, ModelKind, Run, RunStatus, Sample, Task, TrainParams } from './domain.js';
import { driftApi } from './driftApi.js';
import { datasetsApi, ImportedDataset, ImportOptions, ImportProgress } from './datasetsApi.js';
import { registryApi } from './registryApi.js';
import { explorerApi } from './explorerApi.js';
import { trainingApi } from './trainingApi.js';
import { reportsApi } from './reportsApi.js';
import { TransferProgress, transferApi } from './transferApi.js';
import type { SaveRequest, SaveResult } from './desktopSave.js';
import { automationApi, PipelineEvent, PolicyEvent } from './automationApi.js';
import { TrackingSettingsEvent, trackingApi } from './trackingApi.js';
import { FollowEvent, RunImportProgress, runImportApi } from './runImportApi.js';
import { loggedModelsApi } from './loggedModelsApi.js';
import { archivesApi } from './archivesApi.js';
import { downloadsApi } from './downloadsApi.js';
import { waitApi } from './waitApi.js';
import { demoApi } from './demoApi.js';
import { remoteApi } from './remoteApi.js';

/**
 * The one API contract. IPC, HTTP and the renderer's client are derived from this object;
 * the receiving side parses every input with `input` and every reply with `output`.
 */
export const api = {
  'datasets.import': {
    input: z.object({ path: z.string().min(1, 'a file path is required'), name: z.string().min(1).optional(), ...ImportOptions.shape }),
    output: ImportedDataset,
  },
  /** Browser mode: the page cannot know a dropped file's path, so it sends the bytes (base64, or UTF-8 text). */
  'datasets.upload': {
    input: z.object({
      fileName: z.string().min(1),
      content: z.string().default(''),
      base64: z.string().optional(),
      name: z.string().min(1).optional(),
      ...ImportOptions.shape,
    }),
    output: ImportedDataset,
  },
  'datasets.list': { input: z.object({}).default({}), output: z.array(Dataset) },
  'datasets.samples': { input: z.object({}).default({}), output: z.array(Sample) },
  'datasets.importSample': { input: z.object({ name: z.string().min(1) }), output: Dataset },
  'runs.list': { input: z.object({}).default({}), output: z.array(Run) },
  'runs.get': { input: z.object({ id: z.number().int() }), output: Run },
  'runs.metrics': {
    input: z.object({ id: z.number().int(), keys: z.array(z.string()).optional() }),
    output: z.array(MetricSeries),
  },
  'jobs.train': {
    input: z.object({
      datasetId: z.number().int(),
      target: z.string().min(1, 'pick a target column'),
      model: ModelKind.default('logistic'),
      /** Overrides the task inferred from the target column. */
      task: Task.optional(),
      experiment: z.string().min(1).default('Default'),
      params: TrainParams.partial().default({}),
    }),
    output: z.object({ jobId: z.string(), runId: z.number().int() }),
  },
  'jobs.cancel': { input: z.object({ runId: z.number().int() }), output: z.object({ cancelled: z.boolean() }) },
  ...explorerApi,
  ...driftApi,
  ...datasetsApi,
  ...registryApi,
  ...trainingApi,
  ...reportsApi,
  ...transferApi,
  ...automationApi,
  ...trackingApi,
  ...runImportApi,
  ...loggedModelsApi,
  ...archivesApi,
  ...downloadsApi,
  ...waitApi,
  ...demoApi,
  ...remoteApi,
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
  z.object({
    type: z.literal('job.progress'),
    jobId: z.string(),
    runId: z.number().int(),
    fraction: z.number().min(0).max(1),
    message: z.string(),
  }),
  z.object({ type: z.literal('run.metric'), runId: z.number().int(), points: z.array(MetricPoint) }),
  z.object({ type: z.literal('drift.progress'), jobId: z.string(), fraction: z.number().min(0).max(1), message: z.string() }),
  z.object({
    type: z.literal('run.status'),
    runId: z.number().int(),
    status: RunStatus,
    error: z.string().nullable(),
  }),
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
