import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  Schedule,
  SCHEDULE_KINDS,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ScheduleService } from '../schedules';

export type ScheduleActionDeps = { schedules: ScheduleService };

/** `list-schedules`: a namespace's schedules. */
export function registerListSchedules(
  registry: ActionsRegistryService,
  deps: ScheduleActionDeps,
) {
  registry.register({
    name: 'list-schedules',
    title: 'List the schedules of a namespace',
    description:
      'The schedules that wake and sleep a namespace managed by the Namespace Scheduler: weekly awake hours, cron operations, one-off windows and overrides ("wake until"). Schedules declared in the catalog have `declared` set and change by pull request.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string().describe('Cluster name, e.g. sandbox'),
          namespace: z.string().describe('Namespace name, e.g. shop-dev'),
        }),
      output: z =>
        z.object({
          schedules: z.array(z.object({ id: z.string() }).passthrough()),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        schedules: (await deps.schedules.list(input, credentials)).map(toJson),
      },
    }),
  });
}

/** `create-schedule`: a schedule, validated and governed as the API's POST /schedules. */
export function registerCreateSchedule(
  registry: ActionsRegistryService,
  deps: ScheduleActionDeps,
) {
  registry.register({
    name: 'create-schedule',
    title: 'Create a schedule for a namespace',
    description:
      'Creates a schedule for a namespace managed by the Namespace Scheduler, charged to a cost center. kind weekly: awake on `days` from `from` to `to` (HH:mm, in `zone`), asleep otherwise. kind cron: run `operation` (wake, sleep, scale with `replicas`) at the five-field `cron` expression. kind window: awake from `start` to `end` once. kind override: wake or sleep now and hold it until `until`. Needs the manage-schedules permission on the namespace and a cost center the caller may charge.',
    attributes: { destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          kind: z.enum(SCHEDULE_KINDS),
          title: z.string().describe('A name for people, e.g. Office hours'),
          cluster: z.string().describe('Cluster name, e.g. sandbox'),
          namespace: z.string().describe('Namespace name, e.g. shop-dev'),
          cost_center: z
            .string()
            .describe('Cost center to charge, one the namespace declares'),
          zone: z.string().describe('IANA time zone, e.g. Europe/Madrid'),
          days: z
            .array(z.enum(WEEKDAYS))
            .optional()
            .describe('weekly: the days, e.g. ["mon","tue"]'),
          from: z.string().optional().describe('weekly: wake time, HH:mm'),
          to: z.string().optional().describe('weekly: sleep time, HH:mm'),
          except_dates: z
            .array(z.string())
            .optional()
            .describe('weekly, cron: YYYY-MM-DD days it does nothing'),
          cron: z.string().optional().describe('cron: five-field expression'),
          operation: z
            .enum(['wake', 'sleep', 'scale'])
            .optional()
            .describe('cron and override: what to do'),
          replicas: z
            .number()
            .int()
            .optional()
            .describe('cron scale: replicas'),
          start: z.string().optional().describe('window: ISO 8601 wake time'),
          end: z.string().optional().describe('window: ISO 8601 sleep time'),
          until: z.string().optional().describe('override: ISO 8601 end'),
        }),
      output: z => z.object({ id: z.string() }).passthrough(),
    },
    action: async ({ input, credentials }) => ({
      output: toJson(await deps.schedules.create(input, credentials)),
    }),
  });
}

/** A schedule as the API returns it, typed as the action output's JSON. */
function toJson(schedule: Schedule): { id: string } & Record<string, unknown> {
  return { ...schedule };
}
