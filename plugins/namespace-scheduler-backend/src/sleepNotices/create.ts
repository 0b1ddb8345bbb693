import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import type { OffHoursSlotStore } from '../offHours/OffHoursSlotStore';
import type { OffHoursRules } from '../offHours/rules';
import type { ScheduleStore } from '../schedules';
import { systemClock } from '../time/Clock';
import { BeforeSleepNotifier } from './BeforeSleepNotifier';
import { readBeforeSleepMinutes } from './config';
import { KnexSleepNoticeStore } from './KnexSleepNoticeStore';

/**
 * The notice before each automatic sleep, ticked with the runner
 * (`namespaceScheduler.notifications.beforeSleepMinutes`, default 15; 0 off).
 */
export function createBeforeSleepNotifier(deps: {
  config: Config;
  knex: Knex;
  logger: LoggerService;
  notifications: NotificationService;
  scheduleStore: Pick<ScheduleStore, 'list'>;
  claims: Pick<NamespaceCatalog, 'allClaims'>;
  status: NamespaceStatusReader;
  rules: OffHoursRules;
  slots: Pick<OffHoursSlotStore, 'holders'>;
  instanceId: string;
}): BeforeSleepNotifier {
  return BeforeSleepNotifier.create({
    ...deps,
    schedules: deps.scheduleStore,
    notices: KnexSleepNoticeStore.create({ knex: deps.knex }),
    clock: systemClock,
    leadMinutes: readBeforeSleepMinutes(deps.config),
  });
}
