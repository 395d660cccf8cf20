import { useRef } from 'react';

interface HeaderProps {
  onFiles: (files: File[]) => void;
  /** Names of files being imported, or null. */
  importing: string | null;
}

/** The app bar: the name, import progress and the file picker. */
export function Header({ onFiles, importing }: HeaderProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <header className="app-header">
      <a className="app-title" href="#/">
        Benchtop
      </a>
      <div className="app-header-actions">
        {importing && (
          <span className="header-status" role="status">
            Importing {importing}…
          </span>
        )}
        <button type="button" className="button" onClick={() => input.current?.click()}>
          Import data…
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,.parquet,.arrow,.feather,.gz"
          multiple
          hidden
          aria-label="Import data file"
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            onFiles(files);
          }}
        />
      </div>
    </header>
  );
}
