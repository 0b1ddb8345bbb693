import { TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
import {
  namespaceColumns,
  NamespaceStateChip,
  WorkloadCounts,
} from '../common';
import { NamespaceNotes } from './NamespaceNotes';

/** One column per fact, for screens wide enough. */
export const wideColumns: TableColumn<NamespaceStatus>[] = [
  ...namespaceColumns<NamespaceStatus>(),
  {
    title: 'Notes',
    render: row => <NamespaceNotes status={row} />,
  },
];

/** Every fact stacked in one column, so a phone shows the actions beside it. */
export const narrowColumns: TableColumn<NamespaceStatus>[] = [
  {
    title: 'Namespace',
    field: 'namespace',
    render: row => (
      <>
        <Typography variant="body2">
          <strong>{row.namespace}</strong> {row.cluster}
        </Typography>
        <NamespaceStateChip
          state={row.state}
          operation={row.operation}
          readiness={row.readiness}
        />
        <WorkloadCounts counts={row.counts} />
        <NamespaceNotes status={row} />
      </>
    ),
  },
];
