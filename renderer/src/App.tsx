import { useCallback, useState } from 'react';
import { DropOverlay } from './components/DropOverlay.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { Header } from './components/Header.js';
import { Sidebar } from './components/Sidebar.js';
import { useWindowFileDrop } from './components/useWindowFileDrop.js';
import { useDatasets, useRuns } from './data/queries.js';
import { useConnection } from './data/connection.js';
import { navigate, useRoute } from './data/route.js';
import { isRunSourceDrop } from './data/runSourceDrop.js';
import { useImportFiles } from './data/useImportFiles.js';
import { useLiveUpdates } from './data/useLiveUpdates.js';
import { MainView } from './views/MainView.js';
import { PipelineNotices } from './components/PipelineNotices.js';
import { ImportDialog } from './views/datasets/ImportDialog.js';
import { ImportRunsDialog } from './views/explorer/ImportRunsDialog.js';

/** The window: header, sidebar, the selected view, and app-wide drop and error handling. */
export function App() {
  useLiveUpdates();
  const route = useRoute();
  const [error, setError] = useState<string | null>(null);
  const showError = useCallback((message: string) => setError(message), []);
  const { importFiles, importing } = useImportFiles(showError);
  // A dropped file (outside the drift view, which takes drops as its current side) opens the preview first.
  const [previewing, setPreviewing] = useState<File | null>(null);
  const closePreview = useCallback(() => setPreviewing(null), []);
  // Desktop: a dropped folder, mlflow.db or event file opens Import runs with its path instead.
  const { pathForFile } = useConnection();
  const [runSource, setRunSource] = useState<string | null>(null);
  const closeRunSource = useCallback(() => setRunSource(null), []);
  const onFiles = useCallback(
    (files: readonly File[], directories: readonly boolean[]) => {
      const [only] = files;
      const where =
        pathForFile &&
        files.length === 1 &&
        only &&
        isRunSourceDrop(only.name, directories[0] ?? false)
          ? pathForFile(only)
          : '';
      if (where) {
        navigate({ view: 'explorer' });
        setRunSource(where);
      } else if (files.length === 1 && only && route.view !== 'drift') setPreviewing(only);
      else importFiles(files);
    },
    [importFiles, route.view, pathForFile],
  );
  const dragging = useWindowFileDrop(onFiles);
  // The file picker is the drop's other door: one file gets the same preview and type fixes.
  const onPicked = useCallback(
    (files: File[]) => {
      const [only] = files;
      if (files.length === 1 && only) setPreviewing(only);
      else importFiles(files);
    },
    [importFiles],
  );
  const datasets = useDatasets();
  const runs = useRuns();
  const empty = datasets.data?.length === 0 && runs.data?.length === 0;

  return (
    <div className="app">
      <Header onFiles={onPicked} importing={importing} />
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <div className="app-body">
        <Sidebar route={route} />
        <main className="main">
          <MainView route={route} empty={empty} onError={showError} />
        </main>
      </div>
      <PipelineNotices />
      {dragging && <DropOverlay />}
      {runSource && (
        <ImportRunsDialog key={runSource} initialPath={runSource} onClose={closeRunSource} />
      )}
      {previewing && (
        <ImportDialog
          key={`${previewing.name}-${previewing.lastModified}`}
          file={previewing}
          onClose={closePreview}
          onError={showError}
        />
      )}
    </div>
  );
}
