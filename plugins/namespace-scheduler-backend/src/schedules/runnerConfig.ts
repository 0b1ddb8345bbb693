import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';

export const RUNNER_TASK_ID = 'namespace-scheduler-runner';

const DEFAULT_TIMEOUT = { minutes: 5 };

/** Every minute on the minute, so a run is at most seconds late. */
export const DEFAULT_RUNNER_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { cron: '* * * * *' },
  timeout: DEFAULT_TIMEOUT,
};

/** `namespaceScheduler.runner`: the tick's schedule (a missing `timeout` defaults to 5 minutes) and concurrency. */
export function readRunnerConfig(config: Config): {
  schedule: SchedulerServiceTaskScheduleDefinition;
  concurrency?: number;
} {
  const runner = config.getOptionalConfig('namespaceScheduler.runner');
  const concurrency = runner?.getOptionalNumber('concurrency');
  if (!runner?.has('frequency')) {
    return { schedule: DEFAULT_RUNNER_SCHEDULE, concurrency };
  }
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader({ timeout: DEFAULT_TIMEOUT, ...runner.get<JsonObject>() }),
  );
  return { schedule, concurrency };
}
