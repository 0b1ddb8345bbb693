import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import type {
  ManualRuns,
  SchedulePreview,
  ScheduleService,
} from '../schedules';

/** Any typed request of the router; httpAuth reads only its headers. */
type AnyRequest = Parameters<HttpAuthService['credentials']>[0];
/** Schedule routes: `/schedules…` and `/schedule-preview`. */
export function addScheduleRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    schedules: ScheduleService;
    scheduleRuns: ManualRuns;
    schedulePreview: SchedulePreview;
  },
) {
  const { httpAuth, schedules, scheduleRuns, schedulePreview } = options;
  // Services too: one may change only what the entity it acts as owns
  // (namespaceScheduler.serviceCallers), decided with the permissions.
  const caller = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/schedules', async (req, res) => {
    res.json({ items: await schedules.list(req.query, await caller(req)) });
  });

  router.post('/schedules', async (req, res) => {
    const credentials = await caller(req);
    if (req.query.dryRun) {
      const schedule = await schedules.plan(req.body, credentials);
      res.json({ dry_run: true, schedule });
      return;
    }
    res.status(201).json(await schedules.create(req.body, credentials));
  });

  router.get('/schedules/:id', async (req, res) => {
    res.json(await schedules.get(req.params.id, await caller(req)));
  });

  router.put('/schedules/:id', async (req, res) => {
    res.json(
      await schedules.replace(req.params.id, req.body, await caller(req)),
    );
  });

  router.delete('/schedules/:id', async (req, res) => {
    await schedules.delete(req.params.id, await caller(req));
    res.status(204).end();
  });

  router.post('/schedules/:id/run', async (req, res) => {
    res.json(await scheduleRuns.runNow(req.params.id, await caller(req)));
  });

  router.get('/schedules/:id/runs', async (req, res) => {
    const limit = req.query.limit ?? 50;
    res.json({
      items: await schedules.runs(req.params.id, limit, await caller(req)),
    });
  });

  router.get('/schedule-preview', async (req, res) => {
    res.json({
      items: await schedulePreview.preview(req.query, await caller(req)),
    });
  });
}
