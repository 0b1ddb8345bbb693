import Button from '@material-ui/core/Button';
import { ReactNode } from 'react';

/** A dialog's Cancel and its main action, both held while `busy`. */
export const CancelAndConfirm = ({
  busy,
  onCancel,
  onConfirm,
  color = 'primary',
  children,
}: {
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** Secondary for an action that destroys something. */
  color?: 'primary' | 'secondary';
  /** The main action's label. */
  children: ReactNode;
}) => (
  <>
    <Button onClick={onCancel} disabled={busy}>
      Cancel
    </Button>
    <Button
      color={color}
      variant="contained"
      onClick={onConfirm}
      disabled={busy}
    >
      {children}
    </Button>
  </>
);
