import {
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
import { RouterOptions } from './api/router';
import { NamespaceCatalog } from './catalog/NamespaceCatalog';
import { ClusterRegistry } from './clusters';
import {
  CachedNamespaceOperations,
  ClusterStateCache,
  readClusterStateConfig,
} from './clusterState';
import { NamespaceEngine } from './engine';
import { ExtraCluster } from './extensions';
import { NamespaceStatusService } from './namespaces/NamespaceStatusService';
import { NamespaceActionsService } from './namespaces/NamespaceActionsService';
import { ActivityService } from './activity';
import { AwakeHoursService } from './awakeHours';
import { createStores } from './storage/createStores';
import { combineGuards, OperationService } from './operations';
import {
  DEFAULT_REPAIR_SCHEDULE,
  instanceId,
  KnexOperationLeaseStore,
  LeaseStatus,
  NamespaceLeases,
  RepairSweep,
  waitingForLeases,
} from './leases';
import {
  CostCenterCatalog,
  CostCenterGuard,
  CostCenterService,
  readCostCenterConfig,
} from './costCenters';
import {
  createRules,
  KnexOffHoursSlotStore,
  OffHoursBoundary,
  OffHoursGuard,
  OffHoursPlanner,
  OffHoursScheduleGuard,
  OffHoursService,
  readOffHoursConfig,
  SaveLock,
} from './offHours';
import {
  KnexScheduleStore,
  readRunnerConfig,
  ScheduleRunner,
  ScheduleService,
} from './schedules';
import { NamespaceAuthorizer } from './permissions';
import { OperationProgressPublisher } from './progress';
import { CostReportService, readCostReportConfig } from './costReport';
import { clusterChecks, databaseCheck, ReadinessService } from './health';
import {
  AwakeNamespaces,
  createOperationListeners,
  PluginMetrics,
  slotUsage,
} from './observability';

/** What the plugin's services need from the backend. */
export interface ServiceDeps {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  database: DatabaseService;
  catalog: CatalogService;
  authorizer: NamespaceAuthorizer;
  signals: SignalsService;
  metrics: MetricsService;
  notifications: NotificationService;
}

/**
 * Builds every service of the plugin, in the one direction data flows:
 * clusters → engine → governance → operations → schedules → routes.
 */
export async function createServices(
  deps: ServiceDeps,
  extraClusters: ExtraCluster[],
) {
  const { config, logger } = deps;
  const metrics = PluginMetrics.create(deps.metrics);
  const clusters = ClusterRegistry.fromConfig(config, {
    logger,
    extraClusters,
    observer: metrics.recordKubeRequest,
  });
  const liveEngine = NamespaceEngine.create({
    clusters,
    logger,
    concurrency: config.getOptionalNumber('namespaceScheduler.concurrency'),
    statefulSetAcceptTimeoutMs: config.getOptionalNumber(
      'namespaceScheduler.statefulSetAcceptTimeoutMs',
    ),
  });
  const clusterStateConfig = readClusterStateConfig(config);
  const clusterState = clusterStateConfig.enabled
    ? ClusterStateCache.create({
        clusters,
        logger,
        watchTimeoutSeconds: clusterStateConfig.watchTimeoutSeconds,
      })
    : undefined;
  const engine = clusterState
    ? CachedNamespaceOperations.create({
        engine: liveEngine,
        cache: clusterState,
      })
    : liveEngine;
  // Every status read keeps the awake gauge's last known states.
  const statusReader = AwakeNamespaces.wrap(engine);

  const catalog = NamespaceCatalog.create({
    catalog: deps.catalog,
    auth: deps.auth,
    defaultCluster:
      config.getOptionalString('namespaceScheduler.defaultCluster') ??
      clusters.clusterNames()[0] ??
      'default',
  });

  const knex = await deps.database.getClient();
  const costCenterSettings = readCostCenterConfig(config, new Date());
  const stores = await createStores({ config, logger, knex });
  const costCenterStore = stores.costCenterPermissions;
  await costCenterStore.seed(costCenterSettings.seeds);
  const costCenters = CostCenterService.create({
    directory: CostCenterCatalog.create({
      catalog: deps.catalog,
      auth: deps.auth,
      claims: catalog,
    }),
    store: costCenterStore,
    authorizer: deps.authorizer,
    claims: catalog,
    defaultAuthorized: costCenterSettings.defaultAuthorized,
  });
  const costCenterGuard = CostCenterGuard.create({ costCenters });
  const offHoursSettings = readOffHoursConfig(config);
  const offHoursRules = createRules(offHoursSettings);
  const slots = KnexOffHoursSlotStore.create({ knex });
  const offHoursGuard = OffHoursGuard.create({
    rules: offHoursRules,
    slots,
  });

  const activityStore = stores.activities;
  const scheduleStore = KnexScheduleStore.create({ knex });
  const leaseStore = KnexOperationLeaseStore.create({ knex });
  const leaseStatus = LeaseStatus.create({ store: leaseStore });
  const holder = instanceId();
  const operations = OperationService.create({
    engine,
    activities: activityStore,
    logger,
    guard: combineGuards(costCenterGuard, offHoursGuard),
    capacity: offHoursGuard,
    leases: NamespaceLeases.create({ store: leaseStore, logger, holder }),
    listeners: createOperationListeners({
      config,
      knex,
      metrics,
      awake: statusReader,
      activities: activityStore,
      notifications: deps.notifications,
      claims: catalog,
      schedules: scheduleStore,
    }),
  });
  const planner = OffHoursPlanner.create({
    rules: offHoursRules,
    schedules: scheduleStore,
    slots,
  });
  const runnerConfig = readRunnerConfig(config);
  const runner = ScheduleRunner.create({
    store: scheduleStore,
    operations,
    logger,
    concurrency: runnerConfig.concurrency,
    instanceId: holder,
    onLateness: seconds => metrics.recordRunnerLateness(seconds),
  });
  const repairs = RepairSweep.create({
    store: leaseStore,
    engine,
    logger,
    holder,
  });
  const boundary = OffHoursBoundary.create({
    rules: offHoursRules,
    slots,
    schedules: scheduleStore,
    claims: catalog,
    status: statusReader,
    // A namespace busy at the boundary is put to sleep once its operation ends.
    operations: waitingForLeases(operations),
    costCenters,
    activities: activityStore,
    logger,
  });
  const namespaceStatus = NamespaceStatusService.create({
    catalog,
    authorizer: deps.authorizer,
    statusReader,
    leases: leaseStatus,
  });

  const schedules = ScheduleService.create({
    store: scheduleStore,
    operations,
    authorizer: deps.authorizer,
    catalog,
    clusterNames: () => clusters.clusterNames(),
    saveGuards: [
      costCenterGuard,
      OffHoursScheduleGuard.create({
        rules: offHoursRules,
        planner,
        lock: SaveLock.create({ knex }),
      }),
    ],
  });
  const namespaceActions = NamespaceActionsService.create({
    catalog,
    authorizer: deps.authorizer,
    statusReader: leaseStatus.wrap(statusReader),
    executor: operations,
    overrides: schedules,
    progress: OperationProgressPublisher.create({
      signals: deps.signals,
      logger,
    }),
  });
  const activities = ActivityService.create({
    store: activityStore,
    authorizer: deps.authorizer,
  });

  const routerOptions: RouterOptions = {
    httpAuth: deps.httpAuth,
    namespaceStatus,
    namespaceActions,
    schedules,
    activities,
    costCenters,
    offHours: OffHoursService.create({
      rules: offHoursRules,
      slots,
      planner,
      authorizer: deps.authorizer,
    }),
    clusterNames: () => clusters.clusterNames(),
    readiness: ReadinessService.create({
      checks: [
        databaseCheck(knex),
        ...clusterChecks(clusters),
        ...(stores.readinessChecks ?? []),
      ],
      timeoutMs: config.getOptionalNumber(
        'namespaceScheduler.readiness.timeoutMs',
      ),
    }),
    metrics,
    costReport: CostReportService.create({
      activities: activityStore,
      claims: catalog,
      statusReader,
      authorizer: deps.authorizer,
      prices: readCostReportConfig(config),
    }),
    awakeHours: AwakeHoursService.create({
      catalog,
      authorizer: deps.authorizer,
      activities: activityStore,
    }),
  };

  metrics.observe({
    awakeByCluster: () => statusReader.byCluster(),
    offHoursSlots: () => slotUsage(routerOptions.offHours),
    circuitStates: () => clusters.circuitStates(),
  });

  return {
    clusters,
    clusterState,
    stores,
    catalog,
    routerOptions,
    runnerSchedule: runnerConfig.schedule,
    tick: async (signal: AbortSignal) => {
      await runner.tick(signal);
      await boundary.tick();
    },
    repairSchedule: DEFAULT_REPAIR_SCHEDULE,
    repair: async () => {
      await repairs.sweep();
    },
  };
}
