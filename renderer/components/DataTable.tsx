import type { Key, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  title: ReactNode;
  dataIndex?: keyof T;
  render?: (row: T, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: number;
}

/**
 * A plain, printable table. antd's Table measures the scrollbar by injecting a <style> into the document
 * on mount, which our strict CSP blocks (docs/decisions/antd-strict-csp.md); this needs no such thing.
 */
export function DataTable<T>({
  columns,
  dataSource,
  rowKey,
  emptyText,
  testId,
  caption,
}: {
  columns: ReadonlyArray<Column<T>>;
  dataSource: readonly T[];
  rowKey: keyof T | ((row: T) => Key);
  emptyText?: ReactNode;
  testId?: string;
  caption?: ReactNode;
}) {
  const keyOf = (row: T): Key => (typeof rowKey === 'function' ? rowKey(row) : (row[rowKey] as unknown as Key));
  return (
    <table className="dt" data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} style={{ textAlign: c.align ?? 'left', width: c.width }} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {dataSource.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="dt-empty">
              {emptyText}
            </td>
          </tr>
        ) : (
          dataSource.map((row, i) => (
            <tr key={keyOf(row)}>
              {columns.map((c) => {
                const value = c.dataIndex !== undefined ? row[c.dataIndex] : null;
                return (
                  <td key={c.key} style={{ textAlign: c.align ?? 'left' }} className={c.align === 'right' ? 'num' : undefined}>
                    {c.render ? c.render(row, i) : (value as ReactNode)}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
