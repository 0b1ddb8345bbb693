import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import { Theme } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import {
  CancelAndConfirm,
  CostCenterField,
  ProblemAlert,
  useDiscardGuard,
} from '../common';
import {
  CronFields,
  ExceptDatesField,
  KindField,
  NextRuns,
  OverrideFields,
  TimeZoneField,
  WeeklyFields,
  WindowFields,
} from './fields';
import { useScheduleForm } from './useScheduleForm';

/** Creates a schedule, or edits `existing`. Mount it per use so each starts afresh. */
export const ScheduleFormDialog = ({
  target,
  existing,
  onClose,
  onSaved,
}: {
  target: NamespaceLocator;
  existing?: Schedule;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const fullScreen = useMediaQuery((theme: Theme) =>
    theme.breakpoints.down('xs'),
  );
  const form = useScheduleForm({ target, existing, onSaved });
  const { draft, edit, errors, busy } = form;
  const fields = { draft, edit, errors };
  const hasExceptions = draft.kind === 'cron' || draft.kind === 'weekly';
  const { dismiss, prompt } = useDiscardGuard(form.changed, onClose);

  return (
    <Dialog
      open
      onClose={busy ? undefined : dismiss}
      fullWidth
      maxWidth="sm"
      fullScreen={fullScreen}
      aria-labelledby="schedule-dialog-title"
    >
      <DialogTitle id="schedule-dialog-title">
        {existing ? `Edit "${existing.title}"` : 'New schedule'} for{' '}
        {target.namespace}
      </DialogTitle>
      {busy && <LinearProgress aria-label="Saving" />}
      <DialogContent>
        <ProblemAlert problem={form.problem} />
        <TextField
          id="schedule-title"
          label="Title"
          required
          fullWidth
          margin="normal"
          value={draft.title}
          onChange={event => edit({ title: event.target.value })}
          error={Boolean(errors.title)}
          helperText={errors.title && `Title ${errors.title}`}
        />
        <KindField
          value={draft.kind}
          onChange={kind => edit({ kind })}
          disabled={Boolean(existing)}
          error={errors.kind}
        />
        <CostCenterField
          target={target}
          value={draft.cost_center}
          onChange={costCenter => edit({ cost_center: costCenter })}
          onDefault={costCenter => form.preset({ cost_center: costCenter })}
          error={errors.cost_center}
        />
        <TimeZoneField
          value={draft.zone}
          onChange={zone => edit({ zone })}
          error={errors.zone}
        />
        {draft.kind === 'weekly' && <WeeklyFields {...fields} />}
        {draft.kind === 'cron' && <CronFields {...fields} />}
        {draft.kind === 'window' && <WindowFields {...fields} />}
        {draft.kind === 'override' && <OverrideFields {...fields} />}
        {hasExceptions && (
          <ExceptDatesField
            value={draft.except_dates}
            onChange={dates => edit({ except_dates: dates })}
            error={errors.except_dates}
          />
        )}
        <NextRuns timing={form.timing} />
      </DialogContent>
      <DialogActions>
        <CancelAndConfirm busy={busy} onCancel={onClose} onConfirm={form.save}>
          {existing ? 'Save changes' : 'Create schedule'}
        </CancelAndConfirm>
      </DialogActions>
      {prompt}
    </Dialog>
  );
};
