import type { TensorboardTail } from './tensorboardSource.js';

/** One import (or preview) as asked for: `runs.import`'s input. */
export interface ImportRequest {
  path: string;
  experiment?: string | undefined;
  preview: boolean;
  importId?: string | undefined;
}

/** What a follow keeps between rounds: where it has read each event file up to. */
export interface FollowState {
  tail: TensorboardTail;
  rounds: number;
}
