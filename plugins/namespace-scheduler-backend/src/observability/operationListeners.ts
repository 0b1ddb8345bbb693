import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import {
  AfterSleepNotifier,
  ClaimLookup,
  OperationNotifier,
} from '../notifications';
import type { OperationListener } from '../operations/OperationListener';
import { createSilencer } from '../silences';
import type { ScheduleLookup } from '../silences/NamespaceSilencer';
import type { AwakeNamespaces } from './metrics/AwakeNamespaces';
import { OperationMetricsListener } from './metrics/OperationMetricsListener';
import type { PluginMetrics } from './metrics/PluginMetrics';
import { type ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

/**
 * What happens after every operation: metrics always, a notification to the
 * owners when it failed or when the scheduler put the namespace to sleep,
 * and an Alertmanager silence while a namespace sleeps when
 * `namespaceScheduler.alertmanager.url` is set.
 */
export function createOperationListeners(deps: {
  config: RootConfigService;
  knex: Knex;
  metrics: PluginMetrics;
  awake: AwakeNamespaces;
  activities: Pick<ActivityStore, 'list'>;
  notifications: NotificationService;
  claims: ClaimLookup;
  schedules: ScheduleLookup;
}): OperationListener[] {
  const { metrics, awake, activities, notifications, claims } = deps;
  const silencer = createSilencer(deps);
  return [
    OperationMetricsListener.create({ metrics, awake, activities }),
    OperationNotifier.create({ notifications, claims }),
    AfterSleepNotifier.create({ notifications, claims }),
    ...(silencer ? [silencer] : []),
  ];
}
