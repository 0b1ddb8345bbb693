import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import { ReactNode } from 'react';

/**
 * An icon-only button that says what it does: `label` is its accessible name
 * and its tooltip (on hover and keyboard focus); when disabled, the tooltip
 * adds `disabledReason`. The span keeps the tooltip on a disabled button,
 * which gets no pointer events.
 */
export const IconAction = ({
  label,
  disabled = false,
  disabledReason,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  disabledReason?: string;
  onClick: () => void;
  children: ReactNode;
}) => (
  <Tooltip
    title={disabled && disabledReason ? `${label}: ${disabledReason}` : label}
  >
    <span>
      <IconButton
        size="small"
        aria-label={label}
        disabled={disabled}
        onClick={onClick}
      >
        {children}
      </IconButton>
    </span>
  </Tooltip>
);
