import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import { CostCenters } from '../costCenters';
import { spec } from '../schema/openapi.generated';

/** Any typed request of the router; httpAuth reads only its headers. */
type AnyRequest = Parameters<HttpAuthService['credentials']>[0];

/** Cost-center routes: `/cost-centers…` and a namespace's `/namespaces/{cluster}/{ns}/cost-centers`. */
export function addCostCenterRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    costCenters: Pick<CostCenters, 'admin' | 'authorization'>;
  },
) {
  const { httpAuth } = options;
  const { admin, authorization } = options.costCenters;
  const reader = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const user = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/cost-centers', async (req, res) => {
    await reader(req);
    res.json({ items: await admin.list() });
  });

  router.get('/cost-centers/:costCenter/validate', async (req, res) => {
    const ref = namespaceOf(req.query);
    res.json(
      await authorization.validate(req.params.costCenter, ref, await user(req)),
    );
  });

  router.post('/cost-centers/:costCenter/permissions', async (req, res) => {
    res.json(
      await admin.setPermission(
        req.params.costCenter,
        req.body,
        await user(req),
      ),
    );
  });

  router.get(
    '/namespaces/:cluster/:namespace/cost-centers',
    async (req, res) => {
      res.json({
        items: await authorization.forNamespace(req.params, await reader(req)),
      });
    },
  );
}

/** Both or neither: a cost center is validated for a namespace, or on its own. */
function namespaceOf(query: { cluster?: string; namespace?: string }) {
  const { cluster, namespace } = query;
  if (cluster && namespace) return { cluster, namespace };
  if (cluster || namespace) {
    throw new InputError(
      `${
        cluster ? 'namespace' : 'cluster'
      }: give cluster and namespace together`,
    );
  }
  return undefined;
}
