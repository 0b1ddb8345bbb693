import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** One column: a heading and what a row shows under it. */
export type ChangeColumn<T> = { title: string; render: (row: T) => ReactNode };

/** A titled list of workloads (planned, changed, failed, rolled back…). */
export function ChangeTable<T extends { type: string; name: string }>({
  title,
  rows,
  columns,
}: {
  title: string;
  rows: T[];
  columns: ChangeColumn<T>[];
}) {
  if (rows.length === 0) return null;
  return (
    <div style={{ marginTop: 16, overflowX: 'auto' }}>
      <Typography variant="subtitle2" component="h3">
        {title} ({rows.length})
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>Kind</TableCell>
            <TableCell>Name</TableCell>
            {columns.map(column => (
              <TableCell key={column.title}>{column.title}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={`${row.type}/${row.name}`}>
              <TableCell>{row.type}</TableCell>
              <TableCell>{row.name}</TableCell>
              {columns.map(column => (
                <TableCell key={column.title}>{column.render(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
