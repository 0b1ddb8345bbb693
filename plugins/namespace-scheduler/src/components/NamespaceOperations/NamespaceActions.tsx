import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  namespaceOperatePermission,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { useNamespacePermission } from '../common';

const BUTTONS: { operation: OperationType; label: string }[] = [
  { operation: 'wake', label: 'Wake now' },
  { operation: 'sleep', label: 'Sleep now' },
  { operation: 'scale', label: 'Scale…' },
];

/** Wake / sleep / scale buttons of one namespace, disabled with the reason when not allowed. */
export const NamespaceActions = ({
  target,
  onAction,
}: {
  target: NamespaceLocator;
  onAction: (operation: OperationType) => void;
}) => {
  const gate = useNamespacePermission(
    namespaceOperatePermission,
    target,
    'Only owners of an entity that claims this namespace may wake, sleep or scale it.',
  );
  const reasonId = `operate-reason-${target.cluster}-${target.namespace}`;
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {BUTTONS.map(({ operation, label }) => (
          <Button
            key={operation}
            size="small"
            variant="outlined"
            disabled={!gate.allowed}
            aria-describedby={gate.reason ? reasonId : undefined}
            aria-label={`${label.replace('…', '')} ${target.namespace}`}
            onClick={() => onAction(operation)}
          >
            {label}
          </Button>
        ))}
      </div>
      {gate.reason && (
        <Typography id={reasonId} variant="caption" color="textSecondary">
          {gate.reason}
        </Typography>
      )}
    </div>
  );
};
