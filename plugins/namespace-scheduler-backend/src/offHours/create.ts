import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import type { NamespaceAuthorizer } from '../permissions';
import type { ScheduleStore } from '../schedules';
import { readOffHoursConfig } from './config';
import { KnexOffHoursSlotStore } from './KnexOffHoursSlotStore';
import { OffHoursBoundary } from './OffHoursBoundary';
import { OffHoursGuard } from './OffHoursGuard';
import { OffHoursPlanner } from './OffHoursPlanner';
import { OffHoursScheduleGuard } from './OffHoursScheduleGuard';
import { OffHoursService } from './OffHoursService';
import { createRules } from './rules';
import { SaveLock } from './SaveLock';

type BoundaryDeps = Omit<
  Parameters<typeof OffHoursBoundary.create>[0],
  'rules' | 'slots' | 'schedules'
>;

/**
 * The off-hours limit, `namespaceScheduler.offHours` read once: the guard
 * that refuses a wake beyond it, the schedule-save check, the API's view,
 * and the boundary step, built once operations exist (it puts namespaces
 * to sleep through them); its rules and slots for those predicting the
 * boundary (the before-sleep notices).
 */
export function createOffHours(deps: {
  config: Config;
  knex: Knex;
  scheduleStore: Pick<ScheduleStore, 'list'>;
  authorizer: NamespaceAuthorizer;
}) {
  const { knex, scheduleStore: schedules, authorizer } = deps;
  const rules = createRules(readOffHoursConfig(deps.config));
  const slots = KnexOffHoursSlotStore.create({ knex });
  const planner = OffHoursPlanner.create({ rules, schedules, slots });
  const lock = SaveLock.create({ knex });
  return {
    rules,
    slots,
    guard: OffHoursGuard.create({ rules, slots }),
    scheduleGuard: OffHoursScheduleGuard.create({ rules, planner, lock }),
    service: OffHoursService.create({ rules, slots, planner, authorizer }),
    boundary: (later: BoundaryDeps) =>
      OffHoursBoundary.create({ rules, slots, schedules, ...later }),
  };
}
