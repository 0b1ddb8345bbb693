import Box from '@material-ui/core/Box';
import { NamespaceState } from '@namespace-scheduler/backstage-plugin-common';
import { StatusText } from './StatusText';

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

/**
 * A namespace's live state as a status label readable without colour. The
 * one-word label never wraps, so narrow table columns don't split it.
 */
export const NamespaceStateChip = ({ state }: { state: NamespaceState }) => (
  <Box component="span" whiteSpace="nowrap">
    <StatusText status={STATUS[state]}>{LABELS[state]}</StatusText>
  </Box>
);
