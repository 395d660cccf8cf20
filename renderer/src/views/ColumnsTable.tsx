import { Fragment, useState } from 'react';
import type { ColumnProfile } from '../../../shared/api/datasets.js';
import type { Column } from '../../../shared/domain.js';
import { formatNumber } from '../lib/format.js';
import { ColumnDetail } from './datasets/ColumnDetail.js';
import { columnFlag } from './datasets/columnFlag.js';
import { formatStat } from './datasets/formatStat.js';
import { Sparkline } from './datasets/Sparkline.js';

const COLUMNS_SHOWN = 7;

/** A schema column as a profile without statistics: what versions imported before profiles show. */
const asProfile = (c: Column): ColumnProfile => ({
  name: c.name,
  type: c.type,
  missing: c.missing,
  distinct: c.distinct,
  distinct_exact: true,
  stats: null,
  histogram: null,
  top: null,
});

function Range({ column }: { column: ColumnProfile }) {
  if (column.stats)
    return (
      <>
        {formatStat(column.stats.min)} … {formatStat(column.stats.max)}
      </>
    );
  const top = column.top?.[0];
  if (!top) return <span className="muted">—</span>;
  return (
    <span title={`The most frequent value: ${formatNumber(top.count)} rows`}>
      top <span className="mono">{top.value}</span>{' '}
      <span className="muted">({formatNumber(top.count)})</span>
    </span>
  );
}

/**
 * A dataset's columns, one compact row each: type, a sparkline of the distribution, missing,
 * distinct and range (or top value). Opening a row draws its full histogram with axes; columns
 * that cannot help a model (constant, all missing) carry a badge and the reason.
 */
export function ColumnsTable({
  columns,
  profile,
  rows,
}: {
  columns: readonly Column[];
  profile: readonly ColumnProfile[] | null;
  rows: number;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const shown = profile ?? columns.map(asProfile);
  return (
    <div className="table-scroll columns-scroll" tabIndex={0} aria-label="Columns, scrollable">
      <table className="data-table columns-table" aria-label="Columns">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Distribution</th>
            <th scope="col" className="num">
              Missing
            </th>
            <th scope="col" className="num">
              Distinct
            </th>
            <th scope="col">Min … max / top value</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => {
            const flag = columnFlag(c, rows);
            const isOpen = open === c.name;
            const canOpen = (c.histogram?.counts.length ?? 0) > 0 || (c.top?.length ?? 0) > 0;
            return (
              <Fragment key={c.name}>
                <tr className={flag ? 'is-flagged' : undefined}>
                  <td>
                    <span className="mono">{c.name}</span>
                    {flag && (
                      <>
                        <span className="column-flag" title={flag.reason}>
                          {flag.label}
                        </span>
                        <div className="column-flag-reason">{flag.reason}</div>
                      </>
                    )}
                  </td>
                  <td>
                    <span className={`type-tag type-${c.type}`}>{c.type}</span>
                  </td>
                  <td>
                    {c.histogram ? (
                      <Sparkline counts={c.histogram.counts} label={`Histogram of ${c.name}`} />
                    ) : c.top ? (
                      <Sparkline
                        counts={c.top.map((t) => t.count)}
                        label={`Top values of ${c.name}`}
                      />
                    ) : null}
                  </td>
                  <td className="num">
                    {formatNumber(c.missing)}
                    {rows > 0 && (
                      <span className="muted">
                        {' '}
                        ({formatNumber(Math.round((1000 * c.missing) / rows) / 10)}%)
                      </span>
                    )}
                  </td>
                  <td className="num">
                    {formatNumber(c.distinct)}
                    {c.distinct_exact ? '' : ' ≈'}
                  </td>
                  <td>
                    <Range column={c} />
                  </td>
                  <td>
                    {canOpen && (
                      <button
                        type="button"
                        className="button column-toggle"
                        aria-expanded={isOpen}
                        aria-label={`${isOpen ? 'Hide' : 'Show'} ${c.name}`}
                        onClick={() => setOpen(isOpen ? null : c.name)}
                      >
                        {isOpen ? 'Hide' : 'Histogram'}
                      </button>
                    )}
                  </td>
                </tr>
                {isOpen && (
                  <tr
                    className="column-detail-row"
                    // Opened near the bottom of the scrolling table, the chart scrolls into view.
                    ref={(row) => row?.scrollIntoView({ block: 'nearest' })}
                  >
                    <td colSpan={COLUMNS_SHOWN}>
                      <ColumnDetail column={c} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
