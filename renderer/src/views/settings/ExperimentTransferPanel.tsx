import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import type { ExperimentsImported } from '../../../../shared/api/experiments.js';
import { useConnection } from '../../data/connection.js';
import { fileToBase64 } from '../../data/fileBytes.js';
import { newProgressId, useTransferProgress } from '../../data/useTransferProgress.js';
import {
  startBrowserDownload,
  useDownloadLine,
  type BrowserDownload,
} from '../../data/useBrowserDownload.js';
import { messageOf } from '../../lib/messageOf.js';
import { formatBytes } from './formatBytes.js';
import { TransferProgressBar } from './TransferProgressBar.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const summary = (r: ExperimentsImported) =>
  `Imported ${count(r.runs_added, 'run', 'runs')} (${r.runs_skipped} already here), ${count(r.experiments_added, 'new experiment', 'new experiments')}, ` +
  `${count(r.datasets_added, 'new dataset version', 'new dataset versions')} (${r.datasets_reused} already here).`;

/** Selected experiments out as one archive; an archive from another install in, without duplicates. */
export function ExperimentTransferPanel() {
  const { client, save, downloadUrl } = useConnection();
  const queryClient = useQueryClient();
  const experiments = useQuery({
    queryKey: ['experiments.list'],
    queryFn: () => client.call('experiments.list', {}),
  });
  const [chosen, setChosen] = useState<string[]>([]);
  const [progressId, setProgressId] = useState<string | null>(null);
  const progress = useTransferProgress(progressId);

  const exporting = useMutation({
    mutationFn: async ({
      names,
      id,
    }: {
      names: string[];
      id: string;
    }): Promise<string | BrowserDownload | null> => {
      if (save) {
        const saved = await save({ kind: 'experiments', experiments: names, progressId: id });
        return saved.saved ? `Saved ${saved.path} (${formatBytes(saved.bytes)}).` : null;
      }
      const prepared = await client.call('experiments.prepareExport', {
        experiments: names,
        progressId: id,
      });
      return startBrowserDownload(client, downloadUrl(prepared.downloadId), {
        downloadId: prepared.downloadId,
        fileName: prepared.fileName,
        detail: formatBytes(prepared.bytes),
      });
    },
  });
  const downloadLine = useDownloadLine(typeof exporting.data === 'object' ? exporting.data : null);
  const exported = typeof exporting.data === 'string' ? exporting.data : downloadLine;
  const importing = useMutation({
    mutationFn: async ({ file, id }: { file: File; id: string }) =>
      client.call('experiments.upload', {
        fileName: file.name,
        base64: await fileToBase64(file),
        progressId: id,
      }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const busy = exporting.isPending || importing.isPending;

  const toggle = (name: string) =>
    setChosen((c) => (c.includes(name) ? c.filter((n) => n !== name) : [...c, name]));
  const startExport = () => {
    const id = newProgressId();
    setProgressId(id);
    importing.reset();
    exporting.mutate({ names: chosen, id });
  };
  const startImport = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const id = newProgressId();
    setProgressId(id);
    exporting.reset();
    importing.mutate({ file, id });
  };

  return (
    <section className="panel" aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">Move experiments between installs</h2>
      <p className="form-note">
        An archive of the chosen experiments: their runs with parameters, metric histories, tags,
        notes and model files, and the dataset versions they were trained on. Importing it elsewhere
        adds only what is not there yet — the same archive twice adds nothing.
      </p>
      {experiments.isError && <p className="form-error">{messageOf(experiments.error)}</p>}
      {experiments.data?.length === 0 && (
        <p className="form-note">No experiments yet: train a run first.</p>
      )}
      {!!experiments.data?.length && (
        <fieldset className="experiment-choices">
          <legend>Experiments to export</legend>
          {experiments.data.map((e) => (
            <label key={e.name}>
              <input
                type="checkbox"
                checked={chosen.includes(e.name)}
                onChange={() => toggle(e.name)}
              />
              <span className="experiment-name">{e.name}</span>
              <span className="experiment-runs">
                {e.runs} {e.runs === 1 ? 'run' : 'runs'}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-actions settings-actions">
        <button
          type="button"
          className="button primary"
          disabled={busy || chosen.length === 0}
          onClick={startExport}
        >
          Export {chosen.length || ''} {chosen.length === 1 ? 'experiment' : 'experiments'}
        </button>
        <label className={`button${busy ? ' disabled' : ''}`}>
          Import archive…
          <input
            type="file"
            accept=".gz,.tgz,application/gzip"
            className="visually-hidden"
            disabled={busy}
            onChange={startImport}
            aria-label="Import an experiments archive"
          />
        </label>
      </div>
      {busy && (
        <TransferProgressBar
          progress={progress}
          label={exporting.isPending ? 'Export progress' : 'Import progress'}
        />
      )}
      {exporting.isSuccess && exported && (
        <p className="transfer-done" role="status">
          {exported}
        </p>
      )}
      {importing.isSuccess && (
        <p className="transfer-done" data-testid="import-result">
          {summary(importing.data)}
        </p>
      )}
      {(exporting.isError || importing.isError) && (
        <p className="form-error" role="alert">
          {messageOf(exporting.error ?? importing.error)}
        </p>
      )}
    </section>
  );
}
