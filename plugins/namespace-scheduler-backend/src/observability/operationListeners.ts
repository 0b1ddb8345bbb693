import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { ActivityStore } from '../activity';
import { ClaimLookup, OperationNotifier } from '../notifications';
import type { OperationListener } from '../operations/OperationListener';
import {
  AlertmanagerClient,
  KnexSilenceStore,
  NamespaceSilencer,
  readAlertmanagerConfig,
} from '../silences';
import type { ScheduleLookup } from '../silences/NamespaceSilencer';
import type { AwakeNamespaces } from './metrics/AwakeNamespaces';
import { OperationMetricsListener } from './metrics/OperationMetricsListener';
import type { PluginMetrics } from './metrics/PluginMetrics';

/**
 * What happens after every operation: metrics always, a notification to the
 * owners when it failed, and an Alertmanager silence while a namespace sleeps
 * when `namespaceScheduler.alertmanager.url` is set.
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
  const listeners: OperationListener[] = [
    OperationMetricsListener.create(deps),
    OperationNotifier.create(deps),
  ];
  const alertmanager = readAlertmanagerConfig(deps.config);
  if (alertmanager) {
    listeners.push(
      NamespaceSilencer.create({
        settings: alertmanager,
        client: AlertmanagerClient.create(alertmanager),
        store: KnexSilenceStore.create({ knex: deps.knex }),
        schedules: deps.schedules,
      }),
    );
  }
  return listeners;
}
