import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import type { DeclaredScheduleService } from '../declaredSchedules';
import { spec } from '../schema/openapi.generated';
import { normalizeEntityRef } from './entityRefParam';

/** What the last reconciliation made of an entity's `namespace-scheduler/schedule` entries. */
export function addDeclaredScheduleRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    declaredSchedules: DeclaredScheduleService;
  },
) {
  const { httpAuth, declaredSchedules } = options;

  router.get('/declared-schedules', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = normalizeEntityRef(req.query.entityRef);
    res.json({
      items: await declaredSchedules.statesOf(entityRef, credentials),
    });
  });
}
