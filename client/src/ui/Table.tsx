import type { ReactNode } from 'react';

export interface Column<T> {
  /** Header text. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-align numbers. */
  numeric?: boolean;
}

export interface TableProps<T> {
  /** Read by screen readers as the table's name. */
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Shown in place of the body when there are no rows. @defaultValue 'Nothing here yet.' */
  empty?: ReactNode;
  /** Hide the caption visually (it stays for screen readers). */
  hideCaption?: boolean;
}

/** A plain data table with an accessible caption and an empty state. */
export function Table<T>({ caption, columns, rows, rowKey, empty = 'Nothing here yet.', hideCaption }: TableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className={hideCaption ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>{columns.map((c, i) => <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>{c.header}</th>)}</tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr><td colSpan={columns.length} className="table-empty">{empty}</td></tr>
          ) : (
            rows.map((row) => <tr key={rowKey(row)}>{columns.map((c, i) => <td key={i} className={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>)}</tr>)
          )}
        </tbody>
      </table>
    </div>
  );
}
