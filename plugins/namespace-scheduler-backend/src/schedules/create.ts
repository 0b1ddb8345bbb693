import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { OperationService } from '../operations';
import type { NamespaceAuthorizer } from '../permissions';
import type { Clock } from '../time/Clock';
import { ManualRuns } from './ManualRuns';
import { OverrideHolds } from './OverrideHolds';
import { readRunnerConfig } from './runnerConfig';
import { ScheduleRunner } from './ScheduleRunner';
import { ForecastSources, SchedulePreview } from './SchedulePreview';
import { ScheduleService } from './ScheduleService';
import type { ScheduleStore } from './ScheduleStore';
import { ScheduleValidator } from './ScheduleValidator';
import { ScheduleSaveGuard, ScheduleWriter } from './ScheduleWriter';

export type ScheduleServicesDeps = ForecastSources & {
  store: ScheduleStore;
  operations: Pick<OperationService, 'execute'>;
  authorizer: NamespaceAuthorizer;
  catalog: Pick<NamespaceCatalog, 'claimOf'>;
  clusterNames: () => string[];
  saveGuards?: ScheduleSaveGuard[];
  clock?: Clock;
};

/**
 * What users do with schedules, each piece over one store: `schedules`
 * (list, read, create, replace, delete), `runs` (run now), `preview`, and
 * `holds` (a wake or sleep until a time, saved as an override and run).
 */
export function createScheduleServices(deps: ScheduleServicesDeps) {
  const { store, authorizer, clock } = deps;
  const validator = ScheduleValidator.create(deps);
  const writer = ScheduleWriter.create(deps);
  const runs = ManualRuns.create(deps);
  const holds = OverrideHolds.create({
    validator,
    writer,
    runs,
    store,
    authorizer,
    clock,
  });
  return {
    schedules: ScheduleService.create({
      store,
      validator,
      writer,
      overrides: holds,
      authorizer,
      clock,
    }),
    runs,
    preview: SchedulePreview.create(deps),
    holds,
  };
}

/**
 * Schedules over one store: the services behind the API, and the runner
 * with its task schedule and concurrency (`namespaceScheduler.runner`).
 */
export function createSchedules(
  deps: Omit<ScheduleServicesDeps, 'clock'> & {
    config: Config;
    logger: LoggerService;
    /** This instance, as the runner's claims show it. */
    instanceId: string;
    onLateness: (seconds: number) => void;
  },
) {
  const { store, operations, logger } = deps;
  const { schedule, concurrency } = readRunnerConfig(deps.config);
  return {
    ...createScheduleServices(deps),
    runner: ScheduleRunner.create({
      store,
      operations,
      logger,
      concurrency,
      instanceId: deps.instanceId,
      onLateness: deps.onLateness,
    }),
    runnerSchedule: schedule,
  };
}
