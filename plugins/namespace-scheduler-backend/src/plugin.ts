import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { namespaceSchedulerPermissions } from '@namespace-scheduler/backstage-plugin-common';
import {
  namespaceResourceRef,
  namespaceRules,
} from '@namespace-scheduler/backstage-plugin-node';
import { registerActions } from './actions';
import { createRouter } from './api/router';
import { createServices } from './createServices';
import { migrateUp } from './database/migrations';
import {
  ExtraCluster,
  NamespaceSchedulerStores,
  namespaceSchedulerClustersExtensionPoint,
  namespaceSchedulerStoresExtensionPoint,
} from '@namespace-scheduler/backstage-plugin-node';
import { namespaceAuthorizerServiceRef } from './permissions';
import { REPAIR_TASK_ID } from './leases';
import { DECLARED_SCHEDULES_TASK_ID } from './declaredSchedules';
import { RUNNER_TASK_ID } from './schedules';

const isResource = (permission: Permission) => isResourcePermission(permission);

/**
 * The namespace-scheduler backend plugin. Wiring only: dependencies in,
 * services built (createServices.ts), runner scheduled, router mounted.
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
    let moduleStores: NamespaceSchedulerStores | undefined;
    env.registerExtensionPoint(namespaceSchedulerStoresExtensionPoint, {
      setStores: stores => {
        if (moduleStores) {
          throw new Error(
            'The Namespace Scheduler stores were already set by another module: install only one store module',
          );
        }
        moduleStores = stores;
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        authorizer: namespaceAuthorizerServiceRef,
        signals: signalsServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        // backend.database.plugin.namespace-scheduler.skipMigrations: the
        // tables are managed elsewhere (e.g. a read-only role at runtime).
        if (!deps.database.migrations?.skip) {
          await migrateUp(await deps.database.getClient());
        }
        const services = await createServices(deps, {
          extraClusters,
          moduleStores,
        });
        services.clusterState?.start();
        deps.lifecycle.addShutdownHook(async () => {
          await services.clusterState?.stop();
          await services.clusters.close();
        });
        if (services.stores.outboxTask) {
          await deps.scheduler.scheduleTask(services.stores.outboxTask);
        }

        await deps.scheduler.scheduleTask({
          id: RUNNER_TASK_ID,
          ...services.runnerSchedule,
          fn: services.tick,
        });
        await deps.scheduler.scheduleTask({
          id: REPAIR_TASK_ID,
          ...services.repairSchedule,
          fn: services.repair,
        });
        await deps.scheduler.scheduleTask({
          id: DECLARED_SCHEDULES_TASK_ID,
          ...services.reconcileSchedule,
          fn: async () => {
            await services.reconcileDeclared();
          },
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: namespaceResourceRef,
          permissions: namespaceSchedulerPermissions.filter(isResource),
          rules: Object.values(namespaceRules),
          getResources: refs =>
            Promise.all(
              refs.map(ref => services.catalog.claimOfResourceRef(ref)),
            ),
        });
        deps.permissionsRegistry.addPermissions(
          namespaceSchedulerPermissions.filter(p => !isResource(p)),
        );

        deps.httpRouter.use(await createRouter(services.routerOptions));
        registerActions(deps.actionsRegistry, {
          ...services.routerOptions,
          authorizer: deps.authorizer,
          userInfo: deps.userInfo,
        });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
