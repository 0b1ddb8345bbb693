import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { CostReportService } from '../costReport';
import { dateParam } from './activityRoutes';
import { spec } from '../schema/openapi.generated';

/** The admin page's cost report: awake hours and savings per cost center and team. */
export function addCostReportRoutes(
  router: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; costReport: CostReportService },
) {
  const { httpAuth, costReport } = options;

  router.get('/cost-report', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { from, to } = req.query;
    res.json(
      await costReport.report(
        { from: dateParam('from', from), to: dateParam('to', to) },
        credentials,
      ),
    );
  });
}
