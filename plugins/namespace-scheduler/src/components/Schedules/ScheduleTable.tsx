import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { ScheduleRow, ScheduleRowActions } from './ScheduleRow';

/** A namespace's schedules. */
export const ScheduleTable = ({
  schedules,
  actions,
}: {
  schedules: Schedule[];
  actions: ScheduleRowActions;
}) => (
  <div style={{ overflowX: 'auto' }}>
    <Table size="small" aria-label="Schedules">
      <TableHead>
        <TableRow>
          <TableCell>Title</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Next run</TableCell>
          <TableCell>Last run</TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {schedules.map(schedule => (
          <ScheduleRow
            key={schedule.id}
            schedule={schedule}
            actions={actions}
          />
        ))}
      </TableBody>
    </Table>
  </div>
);
