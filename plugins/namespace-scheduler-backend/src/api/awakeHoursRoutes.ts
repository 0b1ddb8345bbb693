import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { AwakeHoursService } from '../awakeHours';
import { spec } from '../schema/openapi.generated';
import { normalizeEntityRef } from './entityRefParam';

/** The entity tab's awake-hours chart, computed next to the activity log. */
export function addAwakeHoursRoutes(
  router: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; awakeHours: AwakeHoursService },
) {
  const { httpAuth, awakeHours } = options;

  router.get('/awake-hours', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = {
      entityRef: normalizeEntityRef(req.query.entityRef),
      days: req.query.days ?? 14,
      zone: req.query.zone ?? 'UTC',
    };
    res.json(await awakeHours.perDay(query, credentials));
  });
}
