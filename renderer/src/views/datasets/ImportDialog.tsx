import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ColumnType } from '../../../../shared/domain.js';
import { useConnection } from '../../data/connection.js';
import { fileToBase64 } from '../../data/fileBytes.js';
import { useImportProgress } from '../../data/useImportProgress.js';
import { useOpenDataset } from '../../data/useOpenDataset.js';
import { formatBytes, formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

const TYPES: ColumnType[] = ['numeric', 'categorical', 'boolean', 'datetime', 'text'];
const SHOWN_ROWS = 100;
const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/**
 * What dropping one file opens: its first rows with the inferred types, each type a menu the user
 * can change; Import sends the changes as overrides (they become part of the version).
 */
export function ImportDialog({
  file,
  onClose,
  onError,
}: {
  file: File;
  onClose: () => void;
  onError: (message: string) => void;
}) {
  const { client, pathForFile } = useConnection();
  const openDataset = useOpenDataset();
  const path = pathForFile?.(file);
  const [types, setTypes] = useState<Record<string, ColumnType>>({});
  const [importId] = useState(() => `import-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const progress = useImportProgress(importId);

  const preview = useQuery({
    queryKey: ['datasets.preview', file.name, file.size, file.lastModified, path ?? ''],
    queryFn: async () =>
      path
        ? client.call('datasets.preview', { fileName: file.name, path })
        : client.call('datasets.preview', {
            fileName: file.name,
            base64: await fileToBase64(file),
          }),
    retry: false,
    gcTime: 0,
  });

  const importFile = useMutation({
    mutationFn: async () =>
      path
        ? client.call('datasets.import', { path, types, importId })
        : client.call('datasets.upload', {
            fileName: file.name,
            base64: await fileToBase64(file),
            types,
            importId,
          }),
    onSuccess: (dataset) => {
      openDataset(dataset);
      onClose();
    },
    onError: (e) => {
      onError(prefixed(file.name, messageOf(e)));
      onClose();
    },
  });

  const failed = preview.isError ? prefixed(file.name, messageOf(preview.error)) : null;
  useEffect(() => {
    if (failed === null) return;
    onError(failed);
    onClose();
  }, [failed, onError, onClose]);
  // Focus moves into the dialog, so the keyboard is in it and Escape reaches it.
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  if (failed !== null) return null;
  const data = preview.data;
  const cancel = () => {
    if (importFile.isPending) void client.call('datasets.cancelImport', { importId });
    onClose();
  };
  const typeOf = (name: string, inferred: ColumnType) => types[name] ?? inferred;
  const fraction = progress && progress.total > 0 ? progress.bytes / progress.total : 0;

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="dialog import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          cancel();
        }}
      >
        <header className="dialog-header">
          <h2 id="import-title">Import {file.name}</h2>
          <p className="muted">
            {formatBytes(file.size)}
            {data &&
              ` · ${data.format.toUpperCase()}${data.delimiter ? ` · ${DELIMITER_NAMES[data.delimiter] ?? data.delimiter}-separated` : ''} · ${data.encoding.toUpperCase()}`}
            {' · '}check the types inferred from the first {SHOWN_ROWS} rows and change any that are
            wrong.
          </p>
          {data?.warnings.map((w) => (
            <p key={w} className="import-warning">
              {w}
            </p>
          ))}
        </header>
        {!data ? (
          <p className="muted">Reading the first rows…</p>
        ) : (
          <div className="preview-scroll">
            <table className="data-table preview-table" aria-label="Preview">
              <thead>
                <tr>
                  {data.columns.map((c) => (
                    <th key={c.name} scope="col">
                      <span className="mono">{c.name}</span>
                      <select
                        aria-label={`Type of ${c.name}`}
                        className={types[c.name] ? 'type-overridden' : undefined}
                        title={
                          types[c.name]
                            ? `inferred ${c.type}; you chose ${types[c.name]}`
                            : `inferred ${c.type}`
                        }
                        value={typeOf(c.name, c.type)}
                        onChange={(e) => {
                          const next = e.target.value as ColumnType;
                          setTypes(({ [c.name]: _old, ...rest }) =>
                            next === c.type ? rest : { ...rest, [c.name]: next },
                          );
                        }}
                      >
                        {TYPES.map((t) => (
                          <option key={t} value={t}>
                            {t}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.slice(0, SHOWN_ROWS).map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {importFile.isPending && (
          <div className="import-progress" role="status">
            <progress max={1} value={fraction} aria-label="Import progress" />
            <span>
              {progress
                ? `${formatBytes(progress.bytes)} of ${formatBytes(progress.total)} · ${formatNumber(progress.rows)} rows${progress.eta !== null ? ` · ${Math.ceil(progress.eta)} s left` : ''}`
                : 'Starting…'}
            </span>
          </div>
        )}
        <footer className="dialog-actions">
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!data || importFile.isPending}
            onClick={() => importFile.mutate()}
          >
            Import
          </button>
        </footer>
      </div>
    </div>
  );
}

const prefixed = (fileName: string, message: string) =>
  message.includes(fileName)
    ? `Could not import: ${message}`
    : `Could not import ${fileName}: ${message}`;
