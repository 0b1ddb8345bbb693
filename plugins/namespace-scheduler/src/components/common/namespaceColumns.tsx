import { TableColumn } from '@backstage/core-components';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceStateChip } from './NamespaceStateChip';
import { WorkloadCounts } from './WorkloadCounts';

/** The columns every namespace table starts with: where it is, its live state and workloads. */
export function namespaceColumns<
  T extends NamespaceStatus,
>(): TableColumn<T>[] {
  return [
    { title: 'Namespace', field: 'namespace', highlight: true },
    { title: 'Cluster', field: 'cluster' },
    {
      title: 'State',
      field: 'state',
      render: row => (
        <NamespaceStateChip
          state={row.state}
          operation={row.operation}
          readiness={row.readiness}
        />
      ),
    },
    {
      title: 'Workloads',
      render: row => <WorkloadCounts counts={row.counts} />,
    },
  ];
}
