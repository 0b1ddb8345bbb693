import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import { ActivityService } from '../activity';
import { spec } from '../schema/openapi.generated';

/** Any typed request of the router; httpAuth reads only its headers. */
type AnyRequest = Parameters<HttpAuthService['credentials']>[0];
/** Activity routes: the activity log (`/activities`) and one record (`/activities/{id}`). */
export function addActivityRoutes(
  router: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; activities: ActivityService },
) {
  const { httpAuth, activities } = options;
  const reader = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/activities', async (req, res) => {
    const { from, to, ...filters } = req.query;
    const range = { from: dateParam('from', from), to: dateParam('to', to) };
    res.json(
      await activities.list({ ...filters, ...range }, await reader(req)),
    );
  });

  router.get('/activities/:id', async (req, res) => {
    res.json(await activities.get(req.params.id, await reader(req)));
  });
}

export function dateParam(
  name: string,
  value: string | undefined,
): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${name}: must be an ISO 8601 date-time`);
  }
  return date;
}
