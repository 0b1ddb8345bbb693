import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { CostEstimateService } from '../costEstimate';
import { spec } from '../schema/openapi.generated';
import { dateParam } from './activityRoutes';

/** The operation dialogs' estimate: what keeping a namespace awake would cost. */
export function addCostEstimateRoutes(
  router: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; costEstimate: CostEstimateService },
) {
  const { httpAuth, costEstimate } = options;

  router.get('/cost-estimate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { until, ...query } = req.query;
    res.json(
      await costEstimate.estimate(
        { ...query, until: dateParam('until', until) },
        credentials,
      ),
    );
  });
}
