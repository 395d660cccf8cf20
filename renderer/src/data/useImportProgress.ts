import { useEffect, useState } from 'react';
import { useClient } from './connection.js';

export interface ImportProgress {
  bytes: number;
  total: number;
  rows: number;
  eta: number | null;
}

/** The latest progress event of one import (by the id the page gave it). */
export function useImportProgress(importId: string | null): ImportProgress | null {
  const client = useClient();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!importId) return;
    return client.subscribe((e) => {
      if (e.type === 'dataset.progress' && e.importId === importId) {
        setProgress({ bytes: e.bytes, total: e.total_bytes, rows: e.rows, eta: e.eta_seconds });
      }
    });
  }, [client, importId]);
  return importId ? progress : null;
}
