import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';

export const DECLARED_SCHEDULES_TASK_ID =
  'namespace-scheduler-declared-schedules';

/** Named holiday calendars: `holidays:<name>` in an entry adds their dates. */
export type HolidayCalendars = ReadonlyMap<string, string[]>;

const DEFAULTS = {
  frequency: { seconds: 30 },
  timeout: { minutes: 5 },
  // Global: one backend instance reconciles at a time.
  scope: 'global',
};

/**
 * `namespaceScheduler.catalogSchedules`: how often the declared schedules
 * are reconciled with the catalog (a scheduler task schedule; every 30
 * seconds by default).
 */
export function readReconcileSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const own = config
    .getOptionalConfig('namespaceScheduler.catalogSchedules')
    ?.get<JsonObject>();
  return readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader({ ...DEFAULTS, ...own }),
  );
}

/** `namespaceScheduler.holidayCalendars.<name>`: lists of `YYYY-MM-DD` dates. */
export function readHolidayCalendars(config: Config): HolidayCalendars {
  const calendars = config.getOptionalConfig(
    'namespaceScheduler.holidayCalendars',
  );
  return new Map(
    (calendars?.keys() ?? []).map(name => [
      name,
      calendars?.getStringArray(name) ?? [],
    ]),
  );
}
