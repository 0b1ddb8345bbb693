import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/namespace-scheduler',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const namespaceSchedulerPlugin = createFrontendPlugin({
  pluginId: 'namespace-scheduler',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
