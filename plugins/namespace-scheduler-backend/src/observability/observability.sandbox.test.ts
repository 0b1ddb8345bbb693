import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { metrics } from '@opentelemetry/api';
import request from 'supertest';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { PLUGIN_API, pluginApi } from '../__testUtils__/pluginApi';
import { inProcessPrometheus, sampleValue } from './__testUtils__/prometheus';
import { RecordingLogger } from './__testUtils__/recordingLogger';

jest.setTimeout(60_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Retries that give up within milliseconds, so failures show quickly. */
const FAST_RETRIES = {
  clusterAccess: { retry: { initialDelayMs: 1, maxDelayMs: 5 } },
  // A PATCH that always fails cannot be undone: give up on it after 2 s.
  rollbackWindowMs: 2_000,
};

describe('observability against the sandbox', () => {
  // The plugin records through Backstage's real MetricsService, which uses
  // the global meter provider, as a portal's instrumentation.js sets it up.
  const prometheus = inProcessPrometheus();
  let sandbox: KubeSandbox;
  let server: Awaited<ReturnType<typeof startPluginBackend>>;
  let logger: RecordingLogger;
  let sent: NotificationSendOptions[];

  beforeAll(() => {
    metrics.setGlobalMeterProvider(prometheus.provider);
  });
  afterAll(async () => {
    metrics.disable();
    await prometheus.shutdown();
  });

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    logger = new RecordingLogger();
    sent = [];
    server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
      config: FAST_RETRIES,
      features: [
        metricsServiceFactory,
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => logger,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (options: NotificationSendOptions) => {
              sent.push(options);
            },
          }),
        }),
      ],
    });
  });
  afterEach(() => sandbox.close());

  const sleep = () =>
    pluginApi(server).post('/namespaces/sandbox/shop-dev/sleep');

  describe('readiness', () => {
    it('is 200 without credentials when the database and the cluster answer', async () => {
      const res = await request(server).get(`${PLUGIN_API}/health/ready`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        checks: {
          database: { status: 'ok', latencyMs: expect.any(Number) },
          'cluster:sandbox': { status: 'ok', latencyMs: expect.any(Number) },
        },
      });
    });

    it('is 503 naming the cluster that fails', async () => {
      sandbox.faults.add({ path: '^/apis$', status: 500 });
      const res = await request(server).get(`${PLUGIN_API}/health/ready`);
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('error');
      expect(res.body.checks.database.status).toBe('ok');
      expect(res.body.checks['cluster:sandbox']).toEqual({
        status: 'error',
        latencyMs: expect.any(Number),
        message: expect.any(String),
      });
    });

    it('keeps liveness open and plain', async () => {
      const res = await request(server).get(`${PLUGIN_API}/health`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  it('exports operation, Kubernetes and HTTP metrics with their labels after a sleep', async () => {
    const slept = await sleep().send({ costCenter: 'CC-1001' });
    expect(slept.body.result.success).toBe(true);

    const text = await prometheus.scrape();
    expect(
      sampleValue(text, 'namespace_scheduler_operations_total', {
        operation: 'sleep',
        outcome: 'succeeded',
      }),
    ).toBe(1);
    expect(
      sampleValue(
        text,
        'namespace_scheduler_kube_request_duration_seconds_count',
        { cluster: 'sandbox', verb: 'patch' },
      ),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(
        text,
        'namespace_scheduler_kube_request_duration_seconds_count',
        { cluster: 'sandbox', verb: 'list' },
      ),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(
        text,
        'namespace_scheduler_http_request_duration_seconds_count',
        {
          route: '/namespaces/:cluster/:namespace/sleep',
          method: 'POST',
          status: '200',
        },
      ),
    ).toBe(1);
    expect(
      sampleValue(text, 'namespace_scheduler_circuit_breaker_open', {
        cluster: 'sandbox',
      }),
    ).toBe(0);
    expect(
      sampleValue(text, 'namespace_scheduler_namespaces_awake', {
        cluster: 'sandbox',
      }),
    ).toBe(0);
    expect(text).not.toMatch(/route="\/namespaces\/sandbox/);
  });

  it("carries the caller's x-request-id into every engine log line of the operation, and echoes it", async () => {
    const res = await sleep()
      .set('x-request-id', 'req-7f3a')
      .send({ costCenter: 'CC-1001' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-7f3a');

    const planned = logger.lines.find(line =>
      line.message.startsWith('sleep sandbox/shop-dev: '),
    );
    expect(planned?.fields).toMatchObject({
      correlationId: 'req-7f3a',
      operationId: expect.stringMatching(UUID),
    });
    const engineLines = logger.lines.filter(line =>
      line.message.includes('sandbox/shop-dev'),
    );
    expect(engineLines.length).toBeGreaterThan(1);
    for (const line of engineLines) {
      expect(line.fields.correlationId).toBe('req-7f3a');
      expect(line.fields.operationId).toBe(planned?.fields.operationId);
    }
  });

  it('makes up a correlation id when the caller sends none or an unsafe one', async () => {
    const none = await request(server).get(`${PLUGIN_API}/health`);
    expect(none.headers['x-request-id']).toMatch(UUID);
    for (const unsafe of ['id" injected="yes', 'x'.repeat(300)]) {
      const res = await request(server)
        .get(`${PLUGIN_API}/health`)
        .set('x-request-id', unsafe);
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
    const correlation = await request(server)
      .get(`${PLUGIN_API}/health`)
      .set('x-correlation-id', 'corr-42');
    expect(correlation.headers['x-request-id']).toBe('corr-42');
  });

  it('notifies the owning team of a real failed operation, and the metrics count it', async () => {
    // user-service cannot be changed: the sleep fails and the rest is rolled back.
    sandbox.faults.add({
      method: 'PATCH',
      path: '/deployments/user-service',
      status: 500,
    });
    const res = await sleep().send({ costCenter: 'CC-1001' });
    expect(res.body.result.success).toBe(false);

    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-commerce'],
    });
    expect(sent[0].payload).toMatchObject({
      title: expect.stringMatching(/^Sleep of sandbox\/shop-dev failed/),
      topic: 'namespace-scheduler',
      link: '/catalog/default/component/shop-api',
    });
    expect(sent[0].payload.description).toContain('Manual sleep by alice');

    const text = await prometheus.scrape();
    expect(
      sampleValue(text, 'namespace_scheduler_rollbacks_total'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(text, 'namespace_scheduler_kube_request_errors_total', {
        cluster: 'sandbox',
      }),
    ).toBeGreaterThanOrEqual(1);
  });
});
