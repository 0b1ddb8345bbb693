import {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import {
  OperationAsk,
  OperationType,
  PROGRESS_ID_HEADER,
} from '@namespace-scheduler/backstage-plugin-common';
import { createSpecRouter } from './validatedRouter';
import { NamespaceStatusService } from '../namespaces/NamespaceStatusService';
import { NamespaceActionsService } from '../namespaces/NamespaceActionsService';
import { ActivityService } from '../activity';
import { ManualRuns, SchedulePreview, ScheduleService } from '../schedules';
import { CostCenters } from '../costCenters';
import { OffHoursService } from '../offHours';
import { CostReportService } from '../costReport';
import { ReadinessService } from '../health';
import { AwakeHoursService } from '../awakeHours';
import { CostEstimateService } from '../costEstimate';
import { DeclaredScheduleService } from '../declaredSchedules';
import { MigrationService } from '../importers';
import {
  correlationIdOf,
  requestObservability,
} from '../observability/http/requestContext';
import { PluginMetrics } from '../observability/metrics/PluginMetrics';
import { addActivityRoutes } from './activityRoutes';
import { addAwakeHoursRoutes } from './awakeHoursRoutes';
import { addCostCenterRoutes } from './costCenterRoutes';
import { addCostEstimateRoutes } from './costEstimateRoutes';
import { addCostReportRoutes } from './costReportRoutes';
import { addDeclaredScheduleRoutes } from './declaredScheduleRoutes';
import { addHealthRoutes } from './healthRoutes';
import { addMigrationRoutes } from './migrationRoutes';
import { addOffHoursRoutes } from './offHoursRoutes';
import { addScheduleRoutes } from './scheduleRoutes';
import { normalizeEntityRef } from './entityRefParam';
import { auditWrites } from '../audit/auditWrites';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Records every write (audit/auditWrites). */
  auditor: AuditorService;
  namespaceStatus: NamespaceStatusService;
  namespaceActions: NamespaceActionsService;
  schedules: ScheduleService;
  scheduleRuns: ManualRuns;
  schedulePreview: SchedulePreview;
  declaredSchedules: DeclaredScheduleService;
  activities: ActivityService;
  costCenters: CostCenters;
  offHours: OffHoursService;
  costReport: CostReportService;
  awakeHours: AwakeHoursService;
  costEstimate: CostEstimateService;
  migration: MigrationService;
  clusterNames: () => string[];
  readiness: ReadinessService;
  metrics?: PluginMetrics;
}

/** Thin HTTP layer: the OpenAPI spec validates, one service call per route. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, namespaceStatus, namespaceActions } = options;
  const router = createSpecRouter();
  addScheduleRoutes(router, options);
  addDeclaredScheduleRoutes(router, options);
  addActivityRoutes(router, options);
  addAwakeHoursRoutes(router, options);
  addCostCenterRoutes(router, options);
  addOffHoursRoutes(router, options);
  addCostReportRoutes(router, options);
  addCostEstimateRoutes(router, options);
  addHealthRoutes(router, options);
  addMigrationRoutes(router, options);
  // Services too: one may change only what the entity it acts as owns
  // (namespaceScheduler.serviceCallers), decided with the permissions.
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/clusters', async (req, res) => {
    await credentials(req);
    res.json({ items: options.clusterNames().map(name => ({ name })) });
  });

  router.get('/namespaces', async (req, res) => {
    res.json({ items: await namespaceStatus.listAll(await credentials(req)) });
  });

  router.get('/namespaces/:cluster/:namespace', async (req, res) => {
    res.json(await namespaceActions.status(req.params, await credentials(req)));
  });

  // Sleep, wake and scale differ only in the operation (the route); the spec
  // validates each body, so route and body make the ask, once, here.
  const operate =
    (operation: OperationType) =>
    async (
      req: express.Request<{ cluster: string; namespace: string }>,
      res: express.Response,
    ) => {
      const ask: OperationAsk = { ...req.body, operation };
      res.json(
        await namespaceActions.run(req.params, ask, await credentials(req), {
          // The spec validates the header as a UUID.
          progressId: req.header(PROGRESS_ID_HEADER),
          correlationId: correlationIdOf(req),
        }),
      );
    };
  router.post('/namespaces/:cluster/:namespace/sleep', operate('sleep'));
  router.post('/namespaces/:cluster/:namespace/wake', operate('wake'));
  router.post('/namespaces/:cluster/:namespace/scale', operate('scale'));

  router.get('/entity-namespaces', async (req, res) => {
    const entityRef = normalizeEntityRef(req.query.entityRef);
    res.json({
      items: await namespaceStatus.listForEntity(
        entityRef,
        await credentials(req),
      ),
    });
  });

  // Ahead of the spec router, so requests it refuses are timed and correlated too.
  const root = express.Router();
  root.use(requestObservability({ metrics: options.metrics }));
  root.use(auditWrites(options.auditor));
  root.use(router);
  return root;
}
