import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import HistoryIcon from '@material-ui/icons/History';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  overrideTitle,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { ReactNode, useEffect, useRef } from 'react';
import {
  browserTimeZone,
  formatInstant,
  IconAction,
  PermissionGate,
} from '../common';
import { DeclaredLock, DeclaredSource } from './DeclaredSource';
import { describeSchedule } from './describeSchedule';
import { scheduleAnchor, useIsAnchored } from './scheduleAnchor';

const Secondary = ({ children }: { children: ReactNode }) => (
  <Typography variant="caption" color="textSecondary" component="div">
    {children}
  </Typography>
);

function nextRun(schedule: Schedule): string {
  if (schedule.status === 'completed') return 'Completed';
  if (!schedule.next_run) return '—';
  return `${formatInstant(schedule.next_run)} · ${
    schedule.next_operation ?? ''
  }`;
}

/** An override's generated title names its end in its creator's zone; shown in the page's. */
const GENERATED_TITLE = /^(Wake|Sleep|Awake|Asleep) until /;

function titleOf(schedule: Schedule): string {
  return schedule.kind === 'override' && GENERATED_TITLE.test(schedule.title)
    ? overrideTitle(schedule, browserTimeZone())
    : schedule.title;
}

/** What the schedule does; for an override an operation ended, who ended it and when. */
function description(schedule: Schedule): string {
  if (!schedule.ended_by || !schedule.ended_at)
    return describeSchedule(schedule);
  const by = schedule.ended_by.includes(':')
    ? parseEntityRef(schedule.ended_by).name
    : schedule.ended_by;
  return `Ended by ${by} · ${formatInstant(schedule.ended_at)}`;
}

/** What a schedule's row can do; `gate` allows managing, `runGate` running now. */
export type ScheduleRowActions = {
  gate: PermissionGate;
  runGate: PermissionGate;
  onEdit: (schedule: Schedule) => void;
  onDelete: (schedule: Schedule) => void;
  onRun: (schedule: Schedule) => void;
  onHistory: (schedule: Schedule) => void;
};

/** Edit and delete, or for a schedule declared in the catalog a lock saying where to change it. */
const ChangeActions = ({
  schedule,
  title,
  actions: { gate, onEdit, onDelete },
}: {
  schedule: Schedule;
  title: string;
  actions: ScheduleRowActions;
}) => {
  if (schedule.declared) {
    return <DeclaredLock title={title} declaration={schedule.declared} />;
  }
  return (
    <>
      <IconAction
        label={`Edit ${title}`}
        disabled={!gate.allowed}
        disabledReason={gate.reason}
        onClick={() => onEdit(schedule)}
      >
        <EditIcon fontSize="small" />
      </IconAction>
      <IconAction
        label={`Delete ${title}`}
        disabled={!gate.allowed}
        disabledReason={gate.reason}
        onClick={() => onDelete(schedule)}
      >
        <DeleteIcon fontSize="small" />
      </IconAction>
    </>
  );
};

/**
 * One schedule with its bookkeeping, run-now, history, edit and delete
 * buttons; highlighted and scrolled to when the URL's hash names it.
 */
export const ScheduleRow = ({
  schedule,
  actions,
}: {
  schedule: Schedule;
  actions: ScheduleRowActions;
}) => {
  const { runGate } = actions;
  const last = schedule.last_run;
  const title = titleOf(schedule);
  const anchored = useIsAnchored(schedule.id);
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (anchored) rowRef.current?.scrollIntoView?.({ block: 'center' });
  }, [anchored]);
  return (
    <TableRow id={scheduleAnchor(schedule.id)} ref={rowRef} selected={anchored}>
      <TableCell>
        {title}
        <Secondary>
          {schedule.kind} · {schedule.cost_center}
        </Secondary>
        {schedule.declared && (
          <DeclaredSource declaration={schedule.declared} />
        )}
      </TableCell>
      <TableCell>
        {description(schedule)}
        <Secondary>{schedule.zone}</Secondary>
      </TableCell>
      <TableCell>{nextRun(schedule)}</TableCell>
      <TableCell>
        {last ? `${last.outcome} · ${formatInstant(last.ran_at)}` : 'Never'}
        {last?.message && <Secondary>{last.message}</Secondary>}
        <Secondary>
          {schedule.run_count} run(s): {schedule.success_count} ok,{' '}
          {schedule.error_count} failed, {schedule.skipped_count} skipped
        </Secondary>
      </TableCell>
      <TableCell padding="none" style={{ whiteSpace: 'nowrap' }}>
        <IconAction
          label={`Run ${title} now`}
          disabled={!runGate.allowed || schedule.status === 'completed'}
          disabledReason={
            schedule.status === 'completed'
              ? 'a completed schedule does not run again'
              : runGate.reason
          }
          onClick={() => actions.onRun(schedule)}
        >
          <PlayArrowIcon fontSize="small" />
        </IconAction>
        <IconAction
          label={`Runs of ${title}`}
          onClick={() => actions.onHistory(schedule)}
        >
          <HistoryIcon fontSize="small" />
        </IconAction>
        <ChangeActions schedule={schedule} title={title} actions={actions} />
      </TableCell>
    </TableRow>
  );
};
