import { useEffect, useState } from 'react';
import type { TransferProgress } from '../../../shared/api/transferProgress.js';
import { useClient } from './connection.js';

/** The latest progress event of one backup, export or import (by the id the page gave it). */
export function useTransferProgress(progressId: string | null): TransferProgress | null {
  const client = useClient();
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  useEffect(() => {
    if (!progressId) return;
    return client.subscribe((e) => {
      if (e.type === 'transfer.progress' && e.progressId === progressId) setProgress(e);
    });
  }, [client, progressId]);
  // A new transfer shows nothing until its own first event.
  return progress && progress.progressId === progressId ? progress : null;
}

/** A fresh id for a transfer's progress events. */
export const newProgressId = (): string => crypto.randomUUID();
