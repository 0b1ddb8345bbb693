import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';

/**
 * A dense table under one row of headings; it scrolls sideways rather than
 * squeezing its columns on a narrow screen. `children` are its body rows.
 */
export const CompactTable = ({
  label,
  headings,
  children,
}: {
  label: string;
  /** '' leaves a column (of row actions) without a heading. */
  headings: string[];
  children: ReactNode;
}) => (
  <div style={{ overflowX: 'auto' }}>
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {headings.map((heading, index) => (
            <TableCell key={index}>{heading}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  </div>
);
