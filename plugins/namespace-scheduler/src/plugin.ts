import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { namespaceSchedulerApiRef, NamespaceSchedulerClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The Namespace Scheduler plugin for the legacy frontend system.
 *
 * @public
 */
export const namespaceSchedulerPlugin = createPlugin({
  id: 'namespace-scheduler',
  apis: [
    createApiFactory({
      api: namespaceSchedulerApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new NamespaceSchedulerClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, entityContent: entityContentRouteRef },
});

/**
 * The "Namespace schedule" entity tab; mount it where `isNamespaceSchedulerAvailable`.
 *
 * @public
 */
export const EntityNamespaceScheduleContent = namespaceSchedulerPlugin.provide(
  createRoutableExtension({
    name: 'EntityNamespaceScheduleContent',
    component: () =>
      import('./components/EntityNamespaceScheduleContent').then(
        m => m.EntityNamespaceScheduleContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The admin page.
 *
 * @public
 */
export const NamespaceSchedulerPage = namespaceSchedulerPlugin.provide(
  createRoutableExtension({
    name: 'NamespaceSchedulerPage',
    component: () =>
      import('./components/NamespaceSchedulerPage').then(
        m => m.NamespaceSchedulerPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
