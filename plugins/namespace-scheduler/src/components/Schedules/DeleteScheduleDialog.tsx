import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import { namespaceSchedulerApiRef } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import { CancelAndConfirm, ProblemAlert } from '../common';

/** Asks before deleting a schedule (and its runs). */
export const DeleteScheduleDialog = ({
  schedule,
  onClose,
  onDeleted,
}: {
  schedule: Schedule;
  onClose: () => void;
  onDeleted: () => void;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ServerProblem['error']>();

  const remove = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.deleteSchedule(schedule.id);
      onDeleted();
    } catch (error) {
      setProblem(toServerProblem(error, []).error);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="delete-schedule-title"
    >
      <DialogTitle id="delete-schedule-title">
        Delete "{schedule.title}"?
      </DialogTitle>
      <DialogContent>
        <ProblemAlert problem={problem} />
        <DialogContentText>
          The schedule and its run history are deleted. The namespace stays as
          it is now.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <CancelAndConfirm
          busy={busy}
          onCancel={onClose}
          onConfirm={remove}
          color="secondary"
        >
          Delete
        </CancelAndConfirm>
      </DialogActions>
    </Dialog>
  );
};
