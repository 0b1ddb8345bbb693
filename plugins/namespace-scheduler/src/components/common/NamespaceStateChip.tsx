import {
  StatusAborted,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { NamespaceState } from '@namespace-scheduler/backstage-plugin-common';

const LABELS: Record<NamespaceState, string> = {
  awake: 'Awake',
  asleep: 'Asleep',
  partial: 'Partial',
  unknown: 'Unknown',
};

/** A namespace's live state as a status label readable without colour. */
export const NamespaceStateChip = ({ state }: { state: NamespaceState }) => {
  const label = LABELS[state];
  switch (state) {
    case 'awake':
      return <StatusOK>{label}</StatusOK>;
    case 'asleep':
      return <StatusPending>{label}</StatusPending>;
    case 'partial':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
};
