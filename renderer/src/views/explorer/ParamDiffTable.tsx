import { useState } from 'react';
import type { Comparison } from '../../../../shared/api/runRecords.js';
import { display } from './tableColumns.js';
import { runColor } from './runColors.js';

/** Params side by side; differing rows highlighted, identical rows hidden unless asked. */
export function ParamDiffTable({
  comparison,
  ids,
  names,
}: {
  comparison: Comparison;
  ids: number[];
  names: ReadonlyMap<number, string>;
}) {
  const [hideSame, setHideSame] = useState(true);
  const differing = new Set(comparison.differing_params);
  const keys = Object.keys(comparison.params)
    .sort()
    .filter((k) => !hideSame || differing.has(k));
  return (
    <section className="panel compare-panel" aria-labelledby="param-diff-heading">
      <div className="panel-head">
        <h2 id="param-diff-heading">Parameters</h2>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={hideSame}
            onChange={(e) => setHideSame(e.target.checked)}
          />
          <span>Hide identical ({Object.keys(comparison.params).length - differing.size})</span>
        </label>
      </div>
      {/* Focusable: a keyboard can scroll a table wider than the panel. */}
      <div
        className="scroll-x"
        tabIndex={0}
        role="region"
        aria-label="Parameter differences, scrollable"
      >
        <table className="diff-table" aria-label="Parameter differences">
          <thead>
            <tr>
              <th scope="col">param</th>
              {ids.map((id) => (
                <th key={id} scope="col">
                  <span className="swatch" style={{ background: runColor(id) }} />
                  {names.get(id) ?? id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k} className={differing.has(k) ? 'differs' : undefined}>
                <th scope="row" className="mono">
                  {k}
                </th>
                {ids.map((id) => (
                  <td key={id} className="num">
                    {display(comparison.params[k]?.[id])}
                  </td>
                ))}
              </tr>
            ))}
            {keys.length === 0 && (
              <tr>
                <td colSpan={ids.length + 1} className="muted">
                  Every parameter is the same.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
