import Typography from '@material-ui/core/Typography';
import {
  OffHoursSlot,
  OffHoursStatus,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';

/** `shop-dev (user:default/alice)`: the namespace, and who let it stay awake. */
function describeHolder(slot: OffHoursSlot, target: NamespaceLocator): string {
  const who = slot.approved_by ?? slot.requested_by;
  const name = sameNamespace(slot, target) ? 'this namespace' : slot.namespace;
  return `${name} (${who})`;
}

/**
 * Who holds the off-hours slots the namespace competes for, while off-hours
 * last (slots are taken per off-hours period, so there are none in between).
 */
export const SlotHolders = ({
  status,
  target,
}: {
  status: OffHoursStatus;
  target: NamespaceLocator;
}) => {
  if (!status.off_hours) return null;
  const scope =
    status.scope === 'global' ? 'global' : `cluster:${target.cluster}`;
  const holders = status.slots.filter(slot => slot.scope === scope);
  return (
    <Typography variant="body2" style={{ marginTop: 8 }}>
      Off-hours slots: {holders.length} of {status.limit} taken
      {holders.length > 0 &&
        ` by ${holders.map(slot => describeHolder(slot, target)).join(', ')}`}
      .
    </Typography>
  );
};
