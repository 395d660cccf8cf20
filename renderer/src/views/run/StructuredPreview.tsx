import { useState } from 'react';

/** Children drawn per open node; the rest behind "show more" so a huge array stays quick. */
const CHILDREN_SHOWN = 200;

/** JSON or YAML as a collapsible tree: a node's children are drawn only once it is opened. */
export function StructuredPreview({ value, format }: { value: unknown; format: 'json' | 'yaml' }) {
  return (
    <div className="artifact-structured" role="tree" aria-label={`${format.toUpperCase()} tree`}>
      <Node name={null} value={value} depth={0} />
    </div>
  );
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const isObject = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 2);
  const [limit, setLimit] = useState(CHILDREN_SHOWN);
  const label = name !== null && <span className="structured-key">{name}: </span>;
  if (!isObject)
    return (
      <div className="structured-leaf" role="treeitem" aria-level={depth + 1}>
        {label}
        <span className={`structured-${value === null ? 'null' : typeof value}`}>
          {typeof value === 'string' ? JSON.stringify(value) : String(value)}
        </span>
      </div>
    );
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div role="treeitem" aria-level={depth + 1} aria-expanded={open}>
      <button type="button" className="structured-toggle" onClick={() => setOpen(!open)}>
        <span aria-hidden>{open ? '▾' : '▸'}</span> {label}
        <span className="muted">{summary}</span>
      </button>
      {open && (
        <div className="structured-children" role="group">
          {entries.slice(0, limit).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > limit && (
            <button
              type="button"
              className="structured-toggle"
              onClick={() => setLimit(limit + CHILDREN_SHOWN)}
            >
              … {entries.length - limit} more
            </button>
          )}
        </div>
      )}
    </div>
  );
}
