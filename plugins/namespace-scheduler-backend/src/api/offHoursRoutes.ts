import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { OffHoursService } from '../offHours';
import { spec } from '../schema/openapi.generated';

/** The off-hours limit: its state for everyone, the slots and the week ahead for admins. */
export function addOffHoursRoutes(
  router: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; offHours: OffHoursService },
) {
  const { httpAuth, offHours } = options;

  router.get('/off-hours', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await offHours.status());
  });

  router.get('/off-hours/slots', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await offHours.plan(credentials, req.query.days ?? 7));
  });
}
