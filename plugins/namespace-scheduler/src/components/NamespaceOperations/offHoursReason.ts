import {
  OffHoursStatus,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { formatInstant } from '../common';

/** The key of `used` that counts the namespace's slots. */
function slotScope(status: OffHoursStatus, cluster: string): string {
  return status.scope === 'global' ? 'global' : `cluster:${cluster}`;
}

/**
 * Why a wake would be refused now: it is off-hours, every slot of the
 * namespace's scope is taken and the namespace holds none.
 */
export function offHoursReason(
  status: OffHoursStatus | undefined,
  target: NamespaceLocator,
): string | undefined {
  if (!status?.off_hours) return undefined;
  const holdsSlot = status.slots.some(slot => sameNamespace(slot, target));
  const used = status.used[slotScope(status, target.cluster)] ?? 0;
  if (holdsSlot || used < status.limit) return undefined;
  const until = status.period?.end
    ? ` until ${formatInstant(status.period.end)}`
    : '';
  return `Off-hours${until}: all ${status.limit} namespaces that may stay awake are awake.`;
}
