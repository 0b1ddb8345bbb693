import { InfoCard, Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import {
  formatNamespaceRef,
  namespaceOperatePermission,
  Schedule,
  scheduleManagePermission,
} from '@namespace-scheduler/backstage-plugin-common';
import { useMemo, useState } from 'react';
import { NamespaceLocator } from '../../api';
import { useNamespacePermission } from '../common';
import { DeleteScheduleDialog } from './DeleteScheduleDialog';
import { RunScheduleDialog } from './RunScheduleDialog';
import { ScheduleFormDialog } from './ScheduleFormDialog';
import { ScheduleRunsDialog } from './ScheduleRunsDialog';
import { SchedulesReadError } from './SchedulesReadError';
import { ScheduleTable } from './ScheduleTable';
import { SchedulesRead } from './useNamespaceSchedules';

type Editing = { schedule?: Schedule };

/** A namespace's schedules: list, create, edit, delete, run now, runs. */
export const SchedulesCard = ({
  target,
  schedules,
  onChanged,
}: {
  target: NamespaceLocator;
  /** The namespace's schedules, read by `useNamespaceSchedules`. */
  schedules: SchedulesRead;
  /** Called after a change here: the owner reads the schedules again. */
  onChanged: () => void;
}) => {
  const { cluster, namespace } = target;
  const locator = useMemo(() => ({ cluster, namespace }), [cluster, namespace]);
  const { loading, error } = schedules;
  const value = schedules.value?.items;
  const gate = useNamespacePermission(
    scheduleManagePermission,
    locator,
    'Only owners of an entity that claims this namespace may manage its schedules.',
  );
  const runGate = useNamespacePermission(
    namespaceOperatePermission,
    locator,
    'Only owners of an entity that claims this namespace may run its schedules now.',
  );
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Schedule>();
  const [running, setRunning] = useState<Schedule>();
  const [history, setHistory] = useState<Schedule>();

  const changed = () => {
    setEditing(undefined);
    setDeleting(undefined);
    onChanged();
  };

  const renderBody = () => {
    if (loading && !value) return <Progress />;
    if (error) return <SchedulesReadError {...schedules} />;
    if (!value?.length) {
      return (
        <Typography>
          No schedules yet: {namespace} only changes when someone acts.
        </Typography>
      );
    }
    return (
      <ScheduleTable
        schedules={value}
        actions={{
          gate,
          runGate,
          onEdit: schedule => setEditing({ schedule }),
          onDelete: setDeleting,
          onRun: setRunning,
          onHistory: setHistory,
        }}
      />
    );
  };

  return (
    <InfoCard
      title="Schedules"
      subheader={formatNamespaceRef({ cluster, namespace })}
      action={
        <Button
          color="primary"
          variant="outlined"
          startIcon={<AddIcon />}
          disabled={!gate.allowed}
          aria-describedby={gate.reason ? 'schedules-reason' : undefined}
          onClick={() => setEditing({})}
          style={{ margin: 8 }}
        >
          Add schedule
        </Button>
      }
    >
      {gate.reason && (
        <Typography
          id="schedules-reason"
          variant="caption"
          color="textSecondary"
          component="p"
        >
          {gate.reason}
        </Typography>
      )}
      {renderBody()}
      {editing && (
        <ScheduleFormDialog
          target={locator}
          existing={editing.schedule}
          onClose={() => setEditing(undefined)}
          onSaved={changed}
        />
      )}
      {running && (
        <RunScheduleDialog
          schedule={running}
          schedules={value ?? []}
          onClose={() => setRunning(undefined)}
          // The dialog stays open on its result; only the list and tab reload.
          onRan={onChanged}
        />
      )}
      {history && (
        <ScheduleRunsDialog
          schedule={history}
          onClose={() => setHistory(undefined)}
        />
      )}
      {deleting && (
        <DeleteScheduleDialog
          schedule={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={changed}
        />
      )}
    </InfoCard>
  );
};
