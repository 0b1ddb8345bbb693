import {
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RouterOptions } from './api/router';
import { NamespaceCatalog } from './catalog/NamespaceCatalog';
import { ClusterRegistry } from './clusters';
import { NamespaceEngine } from './engine';
import { ExtraCluster } from './extensions';
import { NamespaceStatusService } from './namespaces/NamespaceStatusService';
import { NamespaceActionsService } from './namespaces/NamespaceActionsService';
import { ActivityService, KnexActivityStore } from './activity';
import { combineGuards, OperationService } from './operations';
import {
  CostCenterCatalog,
  CostCenterGuard,
  CostCenterService,
  KnexCostCenterPermissionStore,
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

/** What the plugin's services need from the backend. */
export interface ServiceDeps {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  database: DatabaseService;
  catalog: CatalogService;
  authorizer: NamespaceAuthorizer;
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
  const clusters = ClusterRegistry.fromConfig(config, {
    logger,
    extraClusters,
  });
  const engine = NamespaceEngine.create({
    clusters,
    logger,
    concurrency: config.getOptionalNumber('namespaceScheduler.concurrency'),
    statefulSetAcceptTimeoutMs: config.getOptionalNumber(
      'namespaceScheduler.statefulSetAcceptTimeoutMs',
    ),
  });

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
  const costCenterStore = KnexCostCenterPermissionStore.create({ knex });
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

  const activityStore = KnexActivityStore.create({ knex });
  const operations = OperationService.create({
    engine,
    activities: activityStore,
    logger,
    guard: combineGuards(costCenterGuard, offHoursGuard),
    capacity: offHoursGuard,
  });
  const scheduleStore = KnexScheduleStore.create({ knex });
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
  });
  const boundary = OffHoursBoundary.create({
    rules: offHoursRules,
    slots,
    schedules: scheduleStore,
    claims: catalog,
    status: engine,
    operations,
    costCenters,
    activities: activityStore,
    logger,
  });
  const namespaceStatus = NamespaceStatusService.create({
    catalog,
    authorizer: deps.authorizer,
    statusReader: engine,
  });

  const namespaceActions = NamespaceActionsService.create({
    catalog,
    authorizer: deps.authorizer,
    statusReader: engine,
    executor: operations,
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
  };

  return {
    clusters,
    catalog,
    routerOptions,
    runnerSchedule: runnerConfig.schedule,
    tick: async (signal: AbortSignal) => {
      await runner.tick(signal);
      await boundary.tick();
    },
  };
}
