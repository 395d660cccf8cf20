import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useConnection } from '../../data/connection.js';
import { newProgressId, useTransferProgress } from '../../data/useTransferProgress.js';
import {
  startBrowserDownload,
  useDownloadLine,
  type BrowserDownload,
} from '../../data/useBrowserDownload.js';
import { messageOf } from '../../lib/messageOf.js';
import { formatBytes } from './formatBytes.js';
import { TransferProgressBar } from './TransferProgressBar.js';

/** "Back up now" with progress, and how to restore (into a new data directory, then relaunch with it). */
export function BackupPanel() {
  const { client, save, downloadUrl } = useConnection();
  const [progressId, setProgressId] = useState<string | null>(null);
  const progress = useTransferProgress(progressId);
  const location = useQuery({
    queryKey: ['backup.location'],
    queryFn: () => client.call('backup.location', {}),
    staleTime: Infinity,
  });
  const backup = useMutation({
    mutationFn: async (id: string): Promise<string | BrowserDownload | null> => {
      if (save) {
        const saved = await save({ kind: 'backup', progressId: id });
        return saved.saved ? `Saved ${saved.path} (${formatBytes(saved.bytes)}).` : null;
      }
      const prepared = await client.call('backup.prepare', { progressId: id });
      return startBrowserDownload(client, downloadUrl(prepared.downloadId), {
        downloadId: prepared.downloadId,
        fileName: prepared.fileName,
        detail: `${prepared.files} files, ${formatBytes(prepared.bytes)}`,
      });
    },
  });
  const downloadLine = useDownloadLine(typeof backup.data === 'object' ? backup.data : null);
  const done = typeof backup.data === 'string' ? backup.data : downloadLine;
  const start = () => {
    const id = newProgressId();
    setProgressId(id);
    backup.mutate(id);
  };
  const dataDir = location.data?.dataDir ?? 'DATA_DIR';
  const restore = `benchtop restore BACKUP.tar.gz --data-dir ${quote(`${dataDir}-restored`)}`;

  return (
    <>
      <section className="panel" aria-labelledby="backup-heading">
        <h2 id="backup-heading">Back up</h2>
        <p className="form-note">
          One archive of everything: a consistent copy of the database (taken while Benchtop keeps
          running), every dataset and every run&apos;s files, with a sha256 checksum for each.{' '}
          {location.data && (
            <>
              Your data lives in <code>{location.data.dataDir}</code>.
            </>
          )}
        </p>
        <div className="form-actions settings-actions">
          <button
            type="button"
            className="button primary"
            disabled={backup.isPending}
            onClick={start}
          >
            Back up now
          </button>
        </div>
        {backup.isPending && <TransferProgressBar progress={progress} label="Backup progress" />}
        {backup.isSuccess && done && (
          <p className="transfer-done" role="status">
            {done}
          </p>
        )}
        {backup.isError && (
          <p className="form-error" role="alert">
            {messageOf(backup.error)}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="restore-heading">
        <h2 id="restore-heading">Restore</h2>
        <p className="form-note">
          A backup is restored into a new, empty data directory — never over the one Benchtop is
          using, so nothing you have now can be lost. Run this in a terminal, then start Benchtop
          with that folder (<code>benchtop serve --data-dir …</code>, or set{' '}
          <code>BENCHTOP_HOME</code> for the desktop app). The archive is checked against its
          checksums first; a damaged one restores nothing.
        </p>
        <CopyableCommand command={restore} />
      </section>
    </>
  );
}

const quote = (path: string) =>
  /^[\w./:\\-]+$/.test(path) ? path : `"${path.replace(/(["\\$`])/g, '\\$1')}"`;

function CopyableCommand({ command }: { command: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="copy-command">
      <code data-testid="restore-command">{command}</code>
      <button type="button" className="button" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
