import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isNamespaceSchedulerAvailable } from '@namespace-scheduler/backstage-plugin-common';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { namespaceSchedulerApiRef, NamespaceSchedulerClient } from './api';
import { rootRouteRef } from './routes';

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: namespaceSchedulerApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new NamespaceSchedulerClient(deps),
    }),
});

const entityContent = EntityContentBlueprint.make({
  params: {
    path: 'namespace-schedule',
    title: 'Namespace schedule',
    filter: isNamespaceSchedulerAvailable,
    loader: () =>
      import('./components/EntityNamespaceScheduleContent').then(m => (
        <m.EntityNamespaceScheduleContent />
      )),
  },
});

const page = PageBlueprint.make({
  params: {
    path: '/namespace-scheduler',
    title: 'Namespace Scheduler',
    icon: <ScheduleIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/NamespaceSchedulerPage').then(m => (
        <m.NamespaceSchedulerPage />
      )),
  },
});

/**
 * The Namespace Scheduler plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'namespace-scheduler',
  extensions: [api, entityContent, page],
  routes: { root: rootRouteRef },
});
