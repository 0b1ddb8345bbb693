import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { namespaceSchedulerPermissions } from '@namespace-scheduler/backstage-plugin-common';
import { createRouter } from './api/router';
import { NamespaceCatalog } from './catalog/NamespaceCatalog';
import { ClusterRegistry } from './clusters';
import { migrateUp } from './database/migrations';
import { NamespaceEngine } from './engine';
import {
  ExtraCluster,
  namespaceSchedulerClustersExtensionPoint,
} from './extensions';
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
  RUNNER_TASK_ID,
  ScheduleRunner,
  ScheduleService,
} from './schedules';
import {
  namespaceAuthorizerServiceRef,
  namespaceResourceRef,
  namespaceRules,
} from './permissions';

const isResource = (permission: Permission) => isResourcePermission(permission);

/**
 * The namespace-scheduler backend plugin. Wiring only: dependencies in,
 * services built, router mounted.
 *
 * @public
 */
export const namespaceSchedulerPlugin = createBackendPlugin({
  pluginId: 'namespace-scheduler',
  register(env) {
    const extraClusters: ExtraCluster[] = [];
    env.registerExtensionPoint(namespaceSchedulerClustersExtensionPoint, {
      addCluster: cluster => extraClusters.push(cluster),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        authorizer: namespaceAuthorizerServiceRef,
      },
      async init(deps) {
        const { config, logger, httpRouter, lifecycle } = deps;
        await migrateUp(await deps.database.getClient());

        const clusters = ClusterRegistry.fromConfig(config, {
          logger,
          extraClusters,
        });
        lifecycle.addShutdownHook(() => clusters.close());
        const engine = NamespaceEngine.create({
          clusters,
          logger,
          concurrency: config.getOptionalNumber(
            'namespaceScheduler.concurrency',
          ),
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
        await deps.scheduler.scheduleTask({
          id: RUNNER_TASK_ID,
          ...runnerConfig.schedule,
          fn: async signal => {
            await runner.tick(signal);
            await boundary.tick();
          },
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: namespaceResourceRef,
          permissions: namespaceSchedulerPermissions.filter(isResource),
          rules: Object.values(namespaceRules),
          getResources: refs =>
            Promise.all(refs.map(ref => catalog.claimOfResourceRef(ref))),
        });
        deps.permissionsRegistry.addPermissions(
          namespaceSchedulerPermissions.filter(p => !isResource(p)),
        );

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

        httpRouter.use(
          await createRouter({
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
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
