import { Table, TableColumn } from '@backstage/core-components';
import { Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useMemo } from 'react';
import {
  formatNamespaceRef,
  NamespaceStatus,
  OffHoursStatus,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { NamespaceActions } from '../NamespaceOperations';
import { narrowColumns, wideColumns } from './namespaceColumns';
import { WorkloadTable } from './WorkloadTable';

/** The entity's namespaces with live state and actions; a row expands to its workloads. */
export const NamespaceStatusTable = ({
  namespaces,
  offHours,
  refreshing,
  onRefresh,
  onAction,
}: {
  namespaces: NamespaceStatus[];
  offHours?: OffHoursStatus;
  refreshing: boolean;
  onRefresh: () => void;
  onAction: (target: NamespaceLocator, operation: OperationType) => void;
}) => {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  // material-table resets its state (open detail panels) when columns change identity.
  const columns = useMemo<TableColumn<NamespaceStatus>[]>(
    () => [
      ...(narrow ? narrowColumns : wideColumns),
      {
        title: 'Actions',
        render: row => (
          <NamespaceActions
            target={row}
            offHours={offHours}
            onAction={operation => onAction(row, operation)}
          />
        ),
      },
    ],
    [narrow, onAction, offHours],
  );
  // With an id per row, material-table keeps open detail panels when a row is read again.
  const rows = useMemo(
    () =>
      namespaces.map(status => ({ ...status, id: formatNamespaceRef(status) })),
    [namespaces],
  );
  return (
    <Table<NamespaceStatus>
      title="Namespaces"
      isLoading={refreshing}
      // An entity has a few namespaces: sorting and dragging columns gave each
      // header two tab stops (12) before the first action, for nothing.
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
        draggable: false,
      }}
      columns={columns}
      data={rows}
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
