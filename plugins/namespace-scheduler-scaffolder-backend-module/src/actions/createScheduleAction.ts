import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import type { SchedulerApi } from '../api/SchedulerApi';
import { targetInput, targetOf } from './target';

/** The API's answer to a dry run of `POST /schedules`. */
type ScheduleDryRun = { dry_run: true; schedule: Omit<Schedule, 'id'> };

type TimingInput = {
  days?: string[];
  from?: string;
  to?: string;
  cron?: string;
  operation?: 'sleep' | 'wake';
  exceptDates?: string[];
};

/**
 * `namespace-scheduler:schedule:create`: a weekly window (awake on `days`
 * from `from` to `to`) or a cron task, saved through the API as the user
 * running the template. A dry run checks it and stores nothing.
 */
export function createScheduleCreateAction(options: {
  api: SchedulerApi;
  defaultCluster?: string;
}) {
  const { api, defaultCluster } = options;
  return createTemplateAction({
    id: 'namespace-scheduler:schedule:create',
    description:
      'Creates a Namespace Scheduler schedule: a weekly window the namespace is awake in, or a cron task that sleeps or wakes it',
    supportsDryRun: true,
    examples: [
      {
        description: 'Office hours, Monday to Friday in Madrid',
        example: [
          'steps:',
          '  - id: office-hours',
          '    action: namespace-scheduler:schedule:create',
          '    input:',
          '      namespace: shop-staging',
          '      title: Office hours',
          '      costCenter: CC-1001',
          '      zone: Europe/Madrid',
          '      days: [mon, tue, wed, thu, fri]',
          "      from: '08:00'",
          "      to: '19:00'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ...targetInput,
        title: z => z.string().min(1).describe('The schedule title'),
        costCenter: z =>
          z.string().min(1).describe('The cost center its runs are charged to'),
        zone: z => z.string().min(1).default('UTC').describe('IANA time zone'),
        days: z =>
          z
            .array(z.string())
            .optional()
            .describe('Weekly window: days awake (mon … sun)'),
        from: z =>
          z.string().optional().describe('Weekly window: wakes at HH:mm'),
        to: z =>
          z
            .string()
            .optional()
            .describe('Weekly window: sleeps at HH:mm (≤ from: overnight)'),
        cron: z =>
          z
            .string()
            .optional()
            .describe('Cron task: five fields, local to the zone'),
        operation: z =>
          z
            .enum(['sleep', 'wake'])
            .optional()
            .describe('Cron task: what it does'),
        exceptDates: z =>
          z
            .array(z.string())
            .optional()
            .describe('YYYY-MM-DD days on which the schedule does nothing'),
      },
      output: {
        scheduleId: z =>
          z
            .string()
            .optional()
            .describe('The new schedule (absent in a dry run)'),
        nextRun: z =>
          z.string().optional().describe('Its first transition (ISO 8601)'),
        nextOperation: z =>
          z.string().optional().describe('What that transition does'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const body = {
        ...targetOf(input, defaultCluster),
        title: input.title,
        cost_center: input.costCenter,
        zone: input.zone,
        ...timingOf(input),
      };
      const credentials = await ctx.getInitiatorCredentials();
      const where = `${body.cluster}/${body.namespace}`;
      if (ctx.isDryRun) {
        const { schedule } = await api.post<ScheduleDryRun>(
          '/schedules?dryRun=true',
          body,
          credentials,
        );
        ctx.logger.info(
          `Dry run: would create "${
            schedule.title
          }" on ${where}, next ${describeNext(schedule)}; nothing saved`,
        );
        outputNext(ctx.output, schedule);
        return;
      }
      const schedule = await api.post<Schedule>(
        '/schedules',
        body,
        credentials,
      );
      ctx.logger.info(
        `Created "${schedule.title}" (${
          schedule.id
        }) on ${where}, next ${describeNext(schedule)}`,
      );
      ctx.output('scheduleId', schedule.id);
      outputNext(ctx.output, schedule);
    },
  });
}

/** The API's timing fields: a weekly window or a cron task, never both. */
function timingOf(input: TimingInput) {
  const weekly = [input.days, input.from, input.to];
  const cron = [input.cron, input.operation];
  const asked = (fields: unknown[]) => fields.some(f => f !== undefined);
  const except = input.exceptDates && { except_dates: input.exceptDates };
  if (asked(weekly) && !asked(cron)) {
    const { days, from, to } = input;
    if (!days?.length || !from || !to) {
      throw new InputError('days, from, to: a weekly window needs all three');
    }
    const lower = days.map(day => day.toLowerCase());
    return { kind: 'weekly', days: lower, from, to, ...except };
  }
  if (asked(cron) && !asked(weekly)) {
    if (!input.cron || !input.operation) {
      throw new InputError('cron, operation: a cron task needs both');
    }
    const { cron: expression, operation } = input;
    return { kind: 'cron', cron: expression, operation, ...except };
  }
  throw new InputError(
    'days/from/to or cron/operation: give a weekly window or a cron task',
  );
}

function describeNext(schedule: Omit<Schedule, 'id'>): string {
  return schedule.next_run
    ? `${schedule.next_operation} at ${schedule.next_run}`
    : 'run: none';
}

function outputNext(
  output: (name: 'nextRun' | 'nextOperation', value: string) => void,
  schedule: Omit<Schedule, 'id'>,
) {
  if (schedule.next_run) output('nextRun', schedule.next_run);
  if (schedule.next_operation) output('nextOperation', schedule.next_operation);
}
