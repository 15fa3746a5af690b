import { useId, useState, type ReactNode } from 'react';
import { downloadText } from '../common/download';

/** A column of a chart's data table: its header and how a row shows in it. */
export interface DataColumn<R> {
  header: string;
  cell: (row: R) => string;
  /** Right-aligned (numbers). */
  num?: boolean;
}

/**
 * The frame every plan chart shares (issue 14): a figure named by its caption, the chart,
 * a "Download CSV" button and the chart's data as a table. The table is always in the
 * accessibility tree (only visually hidden until "Show data" is pressed; a closed <details>
 * would hide it from screen readers too), so a reader who cannot see the bars gets every
 * figure.
 */
export function ChartFigure<R>(props: {
  title: string;
  description?: ReactNode;
  /** File name and content of the CSV; built only when the button is pressed. */
  csv: () => { fileName: string; text: string };
  columns: readonly DataColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  controls?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const [showData, setShowData] = useState(false);
  const { title, description, csv, columns, rows, rowKey, controls, children } = props;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} {...(description ? { 'aria-describedby': `${id}-desc` } : {})}>
      <div className="chart-head">
        <figcaption id={`${id}-title`} className="chart-title">{title}</figcaption>
        <div className="chart-controls">
          {controls}
          <button type="button" className="small" aria-expanded={showData} aria-controls={`${id}-data`} onClick={() => setShowData((v) => !v)}>
            {showData ? 'Hide data' : 'Show data'}
          </button>
          <button
            type="button"
            className="small"
            onClick={() => {
              const { fileName, text } = csv();
              downloadText(fileName, text, 'text/csv;charset=utf-8');
            }}
          >
            Download CSV
          </button>
        </div>
      </div>
      {description && <p id={`${id}-desc`} className="chart-desc">{description}</p>}
      {children}
      <div id={`${id}-data`} className={showData ? 'chart-data' : 'visually-hidden'}>
        <table className="stats-table">
          <caption className="visually-hidden">{title} data</caption>
          <thead>
            <tr>{columns.map((c) => <th key={c.header} scope="col" className={c.num ? 'num' : undefined}>{c.header}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c, i) =>
                  i === 0 ? <th key={c.header} scope="row">{c.cell(r)}</th> : <td key={c.header} className={c.num ? 'num' : undefined}>{c.cell(r)}</td>,
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
