import { useState } from 'react';
import type { Comparison } from '../../../../shared/api/runRecords.js';
import { display } from './tableColumns.js';

/** Params side by side; differing rows highlighted, identical rows hidden unless asked. */
export function ParamDiffTable({
  comparison,
  ids,
  names,
  models,
  colorOf,
}: {
  comparison: Comparison;
  ids: number[];
  names: ReadonlyMap<number, string>;
  /** The model each run trained (Benchtop's runs); runs a script logged may have none. */
  models: ReadonlyMap<number, string | null>;
  /** A run's colour: its own, or its group's while grouped. */
  colorOf: (id: number) => string;
}) {
  const [hideSame, setHideSame] = useState(true);
  const differing = new Set(comparison.differing_params);
  // The model heads the table, always shown. A script that logged a `model` param names its model
  // that way: it fills the row, rather than a second row of the same name.
  const modelOf = (id: number) => models.get(id) ?? display(comparison.params.model?.[id]);
  const modelDiffers = new Set(ids.map(modelOf)).size > 1;
  const keys = Object.keys(comparison.params)
    .sort()
    .filter((k) => k !== 'model' && (!hideSame || differing.has(k)));
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
                  <span className="swatch" style={{ background: colorOf(id) }} />
                  {names.get(id) ?? id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className={modelDiffers ? 'differs' : undefined}>
              <th scope="row" className="mono">
                model
              </th>
              {ids.map((id) => (
                <td key={id}>{modelOf(id) || '—'}</td>
              ))}
            </tr>
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
            {keys.length === 0 && differing.size === 0 && (
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
