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

/** A namespace's live state as a status label readable without colour. */
export const NamespaceStateChip = ({ state }: { state: NamespaceState }) => (
  <StatusText status={STATUS[state]}>{LABELS[state]}</StatusText>
);
