import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { CompactTable } from '../common';
import { ScheduleRow, ScheduleRowActions } from './ScheduleRow';

/** A namespace's schedules. */
export const ScheduleTable = ({
  schedules,
  actions,
}: {
  schedules: Schedule[];
  actions: ScheduleRowActions;
}) => (
  <CompactTable
    label="Schedules"
    headings={['Title', 'When', 'Next run', 'Last run', 'Actions']}
  >
    {schedules.map(schedule => (
      <ScheduleRow key={schedule.id} schedule={schedule} actions={actions} />
    ))}
  </CompactTable>
);
