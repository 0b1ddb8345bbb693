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
import { ExtraCluster, namespaceSchedulerClustersExtensionPoint } from './extensions';
import { NamespaceStatusService } from './namespaces/NamespaceStatusService';
import { NamespaceActionsService } from './namespaces/NamespaceActionsService';
import { ActivityService, KnexActivityStore } from './activity';
import { OperationService } from './operations';
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
          concurrency: config.getOptionalNumber('namespaceScheduler.concurrency'),
          statefulSetAcceptTimeoutMs: config.getOptionalNumber(
            'namespaceScheduler.statefulSetAcceptTimeoutMs',
          ),
        });

        const knex = await deps.database.getClient();
        const activityStore = KnexActivityStore.create({ knex });
        const operations = OperationService.create({
          engine,
          activities: activityStore,
          logger,
        });
        const scheduleStore = KnexScheduleStore.create({ knex });
        const runnerConfig = readRunnerConfig(config);
        const runner = ScheduleRunner.create({
          store: scheduleStore,
          operations,
          logger,
          concurrency: runnerConfig.concurrency,
        });
        await deps.scheduler.scheduleTask({
          id: RUNNER_TASK_ID,
          ...runnerConfig.schedule,
          fn: async signal => {
            await runner.tick(signal);
          },
        });

        const catalog = NamespaceCatalog.create({
          catalog: deps.catalog,
          auth: deps.auth,
          defaultCluster:
            config.getOptionalString('namespaceScheduler.defaultCluster') ??
            clusters.clusterNames()[0] ??
            'default',
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
            clusterNames: () => clusters.clusterNames(),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
