import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { MigrationService } from '../importers';
import { spec } from '../schema/openapi.generated';

/** The admin page's migration from kube-downscaler and kube-green: scan, then import. */
export function addMigrationRoutes(
  router: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; migration: MigrationService },
) {
  const { httpAuth, migration } = options;

  router.get('/migration/candidates', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await migration.candidates(credentials));
  });

  // Schedules are created as someone: a user, never a service.
  router.post('/migration/import', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await migration.import(req.body, credentials));
  });
}
