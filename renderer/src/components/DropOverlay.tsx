/** The full-window hint shown while files are dragged over the app. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <div className="drop-overlay-icon">⇣</div>
        <p>Drop a data file to import</p>
        <span>
          CSV, TSV, JSON, JSONL, Parquet or Arrow (or .gz) — stored locally, never uploaded anywhere
        </span>
      </div>
    </div>
  );
}
