import { createRouteRef } from '@backstage/core-plugin-api';

/** The admin page. */
export const rootRouteRef = createRouteRef({ id: 'namespace-scheduler' });
/** The entity tab (legacy frontend system). */
export const entityContentRouteRef = createRouteRef({
  id: 'namespace-scheduler:entity-content',
});
