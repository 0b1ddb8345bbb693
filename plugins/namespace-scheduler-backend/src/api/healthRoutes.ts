import { ApiRouter } from '@backstage/backend-openapi-utils';
import { ReadinessService } from '../health';
import { spec } from '../schema/openapi.generated';

/** Liveness and readiness for probes (unauthenticated, under the plugin's `/health` auth policy). */
export function addHealthRoutes(
  router: ApiRouter<typeof spec>,
  options: { readiness: ReadinessService },
) {
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const report = await options.readiness.report();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
}
