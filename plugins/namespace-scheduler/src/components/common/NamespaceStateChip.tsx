import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  NamespaceOperationInProgress,
  NamespaceReadiness,
  NamespaceState,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { ComponentProps } from 'react';
import { formatInstant } from './formatInstant';
import { StatusText } from './StatusText';
import { isWaking } from './waking';

const LABELS: Record<NamespaceState, string> = {
  awake: 'Awake',
  asleep: 'Asleep',
  partial: 'Partial',
  unknown: 'Unknown',
};

const STATUS = {
  awake: 'ok',
  asleep: 'pending',
  partial: 'warning',
  unknown: 'aborted',
} as const;

const IN_PROGRESS: Record<OperationType, string> = {
  sleep: 'Sleeping…',
  wake: 'Waking…',
  scale: 'Scaling…',
};

/** `user:default/alice` as "alice"; `scheduler` as it is. */
function requester(ref: string): string {
  return ref.includes(':') ? parseEntityRef(ref).name : ref;
}

/** One word that never wraps, so narrow table columns don't split it. */
const Label = ({
  status,
  children,
}: {
  status: ComponentProps<typeof StatusText>['status'];
  children: string;
}) => (
  <Box component="span" whiteSpace="nowrap">
    <StatusText status={status}>{children}</StatusText>
  </Box>
);

/**
 * A namespace's live state as a status label readable without colour. While
 * an operation holds the namespace it says which and who started it when;
 * a namespace awaiting repair says why (operations are refused until then).
 * An awake namespace whose workloads are not all ready yet is "Waking".
 */
export const NamespaceStateChip = ({
  state,
  operation,
  readiness,
}: {
  state: NamespaceState;
  operation?: NamespaceOperationInProgress;
  readiness?: NamespaceReadiness;
}) => {
  if (operation?.state === 'repair') {
    return (
      <>
        <Label status="error">Needs repair</Label>
        <Typography variant="caption" display="block" color="error">
          {operation.reason}
        </Typography>
      </>
    );
  }
  if (operation) {
    return (
      <>
        <Label status="pending">{IN_PROGRESS[operation.operation]}</Label>
        <Typography variant="caption" display="block" color="textSecondary">
          by {requester(operation.requested_by)} since{' '}
          {formatInstant(operation.started_at)}
        </Typography>
      </>
    );
  }
  if (readiness && isWaking({ state, readiness })) {
    return (
      <Label status="running">
        {`Waking (${readiness.ready}/${readiness.total} ready)`}
      </Label>
    );
  }
  return <Label status={STATUS[state]}>{LABELS[state]}</Label>;
};
