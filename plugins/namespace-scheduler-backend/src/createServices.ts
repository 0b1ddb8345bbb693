import {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ActivityService } from './activity';
import { RouterOptions } from './api/router';
import { AutoscalerGuard } from './autoscalers';
import { AwakeHoursService } from './awakeHours';
import { createCatalog } from './catalog/create';
import { ClusterRegistry } from './clusters';
import { createClusterState } from './clusterState';
import { createCostCenters } from './costCenters';
import { CostEstimateService } from './costEstimate';
import {
  createCostReport,
  createTeamCost,
  readConfiguredPrices,
} from './costReport';
import {
  ExtraCluster,
  NamespaceSchedulerStores,
} from '@namespace-scheduler/backstage-plugin-node';
import { createReadiness } from './health';
import { createLeases, waitingForLeases } from './leases';
import {
  NamespaceChangePublisher,
  SignallingScheduleStore,
} from './namespaceChanges';
import { createNamespaces } from './namespaces/create';
import {
  AwakeNamespaces,
  createOperationListeners,
  PluginMetrics,
  slotUsage,
} from './observability';
import { createOffHours } from './offHours';
import { createOperations } from './operations';
import { createBeforeSleepNotifier } from './sleepNotices';
import { NamespaceAuthorizer } from './permissions';
import {
  createSchedules,
  KnexScheduleStore,
  OverrideEndings,
} from './schedules';
import { createStores } from './storage/createStores';
import { createDeclaredSchedules } from './declaredSchedules';
import { ClusterScanner, MigrationService } from './importers';

/** What the plugin's services need from the backend. */
export interface ServiceDeps {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  database: DatabaseService;
  catalog: CatalogService;
  authorizer: NamespaceAuthorizer;
  signals: SignalsService;
  metrics: MetricsService;
  notifications: NotificationService;
}

/**
 * Builds every service of the plugin, in the one direction data flows:
 * clusters → engine → stores → policy → operations → schedules → routes.
 * Each folder's `create…` takes what it needs and reads its own config.
 */
export async function createServices(
  backend: ServiceDeps,
  extensions: {
    extraClusters: ExtraCluster[];
    moduleStores?: NamespaceSchedulerStores;
  },
) {
  const { config, logger } = backend;
  const metrics = PluginMetrics.create(backend.metrics);
  const clusters = ClusterRegistry.fromConfig(config, {
    logger,
    extraClusters: extensions.extraClusters,
    observer: metrics.recordKubeRequest,
  });
  const { engine, cache } = createClusterState({ config, clusters, logger });
  // Every status read keeps the awake gauge's last known states.
  const statusReader = AwakeNamespaces.wrap(engine);
  const catalog = createCatalog({ ...backend, clusters });
  // Services acting as a catalog entity change only what it owns.
  const authorizer = backend.authorizer.withOwners(catalog);
  const deps = { ...backend, authorizer };
  const clusterNames = () => clusters.clusterNames();

  const knex = await deps.database.getClient();
  const stores = createStores({
    config,
    logger,
    knex,
    fromModule: extensions.moduleStores,
  });
  const { activities, readinessChecks } = stores;
  // What most folders take, by the names they take it.
  const shared = { ...deps, metrics, knex, activities, claims: catalog };
  // Every change of a namespace is signalled to the pages showing it.
  const changes = NamespaceChangePublisher.create(shared);
  const scheduleStore = SignallingScheduleStore.wrap(
    KnexScheduleStore.create({ knex }),
    changes,
  );
  const leases = createLeases({
    ...shared,
    engine,
    onRepaired: ref => changes.publish(ref, 'operation'),
  });

  const costCenters = await createCostCenters({
    ...shared,
    store: stores.costCenterPermissions,
  });
  const offHours = createOffHours({ ...shared, scheduleStore });
  const autoscalers = AutoscalerGuard.create({ status: engine });
  const operations = createOperations({
    ...shared,
    engine,
    guards: [autoscalers, costCenters.guard, offHours.guard],
    // The off-hours slot first: it may refuse, and a refused operation ends no override.
    capacities: [
      offHours.guard,
      OverrideEndings.create({ store: scheduleStore }),
    ],
    leases: leases.namespaces,
    listeners: [
      ...createOperationListeners({
        ...shared,
        awake: statusReader,
        schedules: scheduleStore,
      }),
      changes,
    ],
  });
  const saveGuards = [autoscalers, costCenters.guard, offHours.scheduleGuard];
  const schedules = createSchedules({
    ...deps,
    store: scheduleStore,
    operations,
    catalog,
    clusterNames,
    saveGuards,
    namespaceStatus: statusReader,
    offHours: offHours.service,
    instanceId: leases.holder,
    onLateness: seconds => metrics.recordRunnerLateness(seconds),
  });
  // Declared schedules are saved like the API's, through the same guards.
  const declaredSchedules = createDeclaredSchedules({
    ...shared,
    claims: catalog,
    store: scheduleStore,
    clusterNames,
    saveGuards,
    costCenters: costCenters.valid,
    changes,
  });
  const boundary = offHours.boundary({
    ...shared,
    status: statusReader,
    // A namespace busy at the boundary is put to sleep once its operation ends.
    operations: waitingForLeases(operations),
    costCenters: costCenters.valid,
  });
  const beforeSleep = createBeforeSleepNotifier({
    ...shared,
    scheduleStore,
    status: statusReader,
    rules: offHours.rules,
    slots: offHours.slots,
    instanceId: leases.holder,
  });
  const namespaces = createNamespaces({
    ...deps,
    catalog,
    statusReader,
    leases: leases.status,
    operations,
    overrides: schedules.holds,
  });

  const routerOptions: RouterOptions = {
    auditor: backend.auditor,
    httpAuth: deps.httpAuth,
    namespaceStatus: namespaces.status,
    namespaceActions: namespaces.actions,
    schedules: schedules.schedules,
    scheduleRuns: schedules.runs,
    schedulePreview: schedules.preview,
    declaredSchedules: declaredSchedules.service,
    activities: ActivityService.create({ store: activities, authorizer }),
    costCenters,
    offHours: offHours.service,
    clusterNames,
    readiness: createReadiness({
      ...shared,
      clusters,
      checks: readinessChecks,
    }),
    metrics,
    costReport: createCostReport({ ...shared, statusReader }),
    awakeHours: AwakeHoursService.create({
      catalog,
      authorizer,
      activities,
      status: statusReader,
      cost: createTeamCost({ ...shared, statusReader }),
    }),
    migration: MigrationService.create({
      clusters,
      scanner: ClusterScanner.create({ clusters }),
      catalog,
      store: scheduleStore,
      schedules: schedules.schedules,
      authorizer,
    }),
    costEstimate: CostEstimateService.create({
      namespaces: namespaces.actions,
      prices: readConfiguredPrices(config),
    }),
  };
  metrics.observe({
    awakeByCluster: () => statusReader.byCluster(),
    offHoursSlots: () => slotUsage(offHours.service),
    circuitStates: () => clusters.circuitStates(),
  });

  return {
    clusters,
    clusterState: cache,
    stores,
    catalog,
    routerOptions,
    runnerSchedule: schedules.runnerSchedule,
    tick: async (signal: AbortSignal) => {
      await schedules.runner.tick(signal);
      await boundary.tick();
      // After both: a sleep they just did is no longer coming.
      await beforeSleep.tick();
    },
    repairSchedule: leases.repairSchedule,
    repair: leases.repair,
    reconcileSchedule: declaredSchedules.reconcileSchedule,
    reconcileDeclared: () => declaredSchedules.reconciler.reconcile(),
  };
}
