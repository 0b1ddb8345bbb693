import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  namespaceOperatePermission,
  OffHoursStatus,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { useNamespacePermission } from '../common';
import { offHoursReason } from './offHoursReason';

const BUTTONS: { operation: OperationType; label: string }[] = [
  { operation: 'wake', label: 'Wake now' },
  { operation: 'sleep', label: 'Sleep now' },
  { operation: 'scale', label: 'Scale…' },
];

/**
 * Wake / sleep / scale buttons of one namespace, disabled with the reason
 * when the user may not operate it, or (wake) when no off-hours slot is free.
 */
export const NamespaceActions = ({
  target,
  offHours,
  onAction,
}: {
  target: NamespaceLocator;
  offHours?: OffHoursStatus;
  onAction: (operation: OperationType) => void;
}) => {
  const gate = useNamespacePermission(
    namespaceOperatePermission,
    target,
    'Only owners of an entity that claims this namespace may wake, sleep or scale it.',
  );
  const full = offHoursReason(offHours, target);
  const reasonId = `operate-reason-${target.cluster}-${target.namespace}`;
  const reason = gate.reason ?? (full && `Wake: ${full}`);
  const disabled = (operation: OperationType) =>
    !gate.allowed || (operation === 'wake' && Boolean(full));
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {BUTTONS.map(({ operation, label }) => (
          <Button
            key={operation}
            size="small"
            variant="outlined"
            disabled={disabled(operation)}
            aria-describedby={disabled(operation) ? reasonId : undefined}
            aria-label={`${label.replace('…', '')} ${target.namespace}`}
            onClick={() => onAction(operation)}
          >
            {label}
          </Button>
        ))}
      </div>
      {reason && (
        <Typography id={reasonId} variant="caption" color="textSecondary">
          {reason}
        </Typography>
      )}
    </div>
  );
};
