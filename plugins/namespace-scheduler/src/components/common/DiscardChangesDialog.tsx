import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode, useId, useState } from 'react';

/**
 * Asks before a changed form is thrown away by Esc or a click outside it;
 * "Keep editing" (also Esc again) goes back to the form as it was.
 */
export const DiscardChangesDialog = ({
  onKeepEditing,
  onDiscard,
}: {
  onKeepEditing: () => void;
  onDiscard: () => void;
}) => {
  const id = useId();
  return (
    <Dialog open onClose={onKeepEditing} aria-labelledby={id}>
      <DialogTitle id={id}>Discard your changes?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          What you entered in the form has not been saved.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeepEditing} color="primary">
          Keep editing
        </Button>
        <Button onClick={onDiscard} color="secondary" variant="contained">
          Discard
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * For a dialog holding a form: `dismiss` is its `onClose` (Esc, a click
 * outside), which asks first while `changed`, else closes; render `prompt`
 * inside the dialog. Cancel buttons call `onClose` directly: an explicit discard.
 */
export function useDiscardGuard(
  changed: boolean,
  onClose: () => void,
): { dismiss: () => void; prompt: ReactNode } {
  const [asking, setAsking] = useState(false);
  return {
    dismiss: () => (changed ? setAsking(true) : onClose()),
    prompt: asking && (
      <DiscardChangesDialog
        onKeepEditing={() => setAsking(false)}
        onDiscard={onClose}
      />
    ),
  };
}
