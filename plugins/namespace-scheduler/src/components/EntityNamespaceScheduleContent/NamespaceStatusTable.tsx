import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import {
  NamespaceStatus,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { NamespaceStateChip, WorkloadCounts } from '../common';
import { NamespaceActions } from '../NamespaceOperations';
import { WorkloadTable } from './WorkloadTable';

const Notes = ({ status }: { status: NamespaceStatus }) => {
  if (status.error) {
    return (
      <Typography variant="body2" color="error">
        {status.error}
      </Typography>
    );
  }
  const drifted = status.workloads.filter(w => w.drift).length;
  return drifted ? (
    <Typography variant="body2" color="error">
      {drifted} workload(s) drifted while asleep
    </Typography>
  ) : null;
};

const baseColumns: TableColumn<NamespaceStatus>[] = [
  { title: 'Namespace', field: 'namespace', highlight: true },
  { title: 'Cluster', field: 'cluster' },
  {
    title: 'State',
    field: 'state',
    render: row => <NamespaceStateChip state={row.state} />,
  },
  {
    title: 'Workloads',
    render: row => <WorkloadCounts counts={row.counts} />,
  },
  {
    title: 'Notes',
    render: row => <Notes status={row} />,
  },
];

/** The entity's namespaces with live state and actions; a row expands to its workloads. */
export const NamespaceStatusTable = ({
  namespaces,
  refreshing,
  onRefresh,
  onAction,
}: {
  namespaces: NamespaceStatus[];
  refreshing: boolean;
  onRefresh: () => void;
  onAction: (target: NamespaceLocator, operation: OperationType) => void;
}) => {
  // material-table resets its state (open detail panels) when columns change identity.
  const columns = useMemo<TableColumn<NamespaceStatus>[]>(
    () => [
      ...baseColumns,
      {
        title: 'Actions',
        render: row => (
          <NamespaceActions
            target={row}
            onAction={operation => onAction(row, operation)}
          />
        ),
      },
    ],
    [onAction],
  );
  return (
    <Table<NamespaceStatus>
      title="Namespaces"
      isLoading={refreshing}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={namespaces}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          You may not read any of this entity's namespaces.
        </Typography>
      }
      actions={[
        {
          icon: () => <span aria-label="Refresh">⟳</span>,
          tooltip: 'Refresh',
          isFreeAction: true,
          onClick: () => onRefresh(),
        },
      ]}
      detailPanel={({ rowData }) => <WorkloadTable status={rowData} />}
    />
  );
};
