import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CostReportLine,
  formatNamespaceRef,
  NamespaceCost,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { JsonObject } from '@backstage/types';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { operationResult } from '../__testUtils__/fakeEngine';
import { pluginApi } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
  TestPolicy,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const HOUR_MS = 3_600_000;
const SHOP_API = encodeURIComponent('component:default/shop-api');
const PRICES: JsonObject = {
  costReport: { currency: 'EUR', prices: { cpuHour: 0.5, gibHour: 0.06 } },
};
const query = (params: Record<string, string>) =>
  `?${new URLSearchParams(params)}`;
const hoursFromNow = (hours: number) =>
  new Date(Date.now() + hours * HOUR_MS).toISOString();

/** The report's lines summed per namespace, as the tab shows them. */
function perNamespace(lines: CostReportLine[]) {
  const sums = new Map<string, { cost: number; savings: number }>();
  for (const line of lines) {
    const key = formatNamespaceRef(line);
    const sum = sums.get(key) ?? { cost: 0, savings: 0 };
    sums.set(key, {
      cost: sum.cost + line.estimated_cost,
      savings: sum.savings + line.estimated_savings,
    });
  }
  return sums;
}

describe('the team cost on the tab and the dialogs’ estimates', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  /**
   * shop-api claims shop-dev (awake), shop-staging (awake, never recorded)
   * and search-sandbox (asleep); payments-dev is claimed but not readable.
   */
  async function start(
    options: { config?: JsonObject; policy?: TestPolicy } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const server = await startPluginBackend({
      sandbox,
      database: knex,
      entities: [
        componentClaiming(
          'shop-api',
          'sandbox/shop-dev, sandbox/shop-staging, sandbox/search-sandbox, sandbox/payments-dev',
        ),
      ],
      config: options.config ?? PRICES,
      policy:
        options.policy ??
        ((_permission, ref) =>
          ref === 'sandbox/payments-dev'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW),
    });
    const store = KnexActivityStore.create({ knex });
    const record = (
      namespace: string,
      operation: OperationType,
      hoursAgo: number,
    ) => {
      const ref = { cluster: 'sandbox', namespace };
      const at = new Date(Date.now() - hoursAgo * HOUR_MS);
      return store.record(
        {
          ...ref,
          operation,
          costCenter: 'CC-1001',
          requestedBy: 'scheduler',
          timestampStart: at,
          timestampEnd: at,
          result: operationResult({ operation, ...ref }),
        },
        operation === 'wake' ? 'open' : 'close',
      );
    };
    return { ...pluginApi(server), record };
  }

  describe('GET /awake-hours with cost', () => {
    it('prices each readable namespace as the cost report prices the same interval', async () => {
      const api = await start();
      await api.record('shop-dev', 'wake', 40);
      await api.record('search-sandbox', 'sleep', 100);
      await api.record('payments-dev', 'wake', 10);

      const res = await api.get(
        `/awake-hours?entityRef=${SHOP_API}&days=3&zone=UTC`,
      );

      expect(res.status).toBe(200);
      const { cost } = res.body;
      expect(cost).toMatchObject({
        currency: 'EUR',
        prices: { cpu_hour: 0.5, gib_hour: 0.06 },
      });
      const report = await api.get(
        `/cost-report${query({ from: cost.from, to: cost.to })}`,
      );
      const expected = perNamespace(report.body.lines);
      const byKey = new Map<string, NamespaceCost>(
        cost.namespaces.map((n: NamespaceCost) => [n.namespace, n]),
      );
      const dev = byKey.get('sandbox/shop-dev')!;
      expect(dev.awake_hours).toBeCloseTo(40, 1);
      expect(dev.estimated_cost).toBeCloseTo(
        expected.get('sandbox/shop-dev')!.cost,
        2,
      );
      expect(dev.estimated_cost).toBeGreaterThan(0);
      const asleep = byKey.get('sandbox/search-sandbox')!;
      expect(asleep).toMatchObject({ awake_hours: 0, estimated_cost: 0 });
      expect(asleep.estimated_savings).toBeCloseTo(
        expected.get('sandbox/search-sandbox')!.savings,
        2,
      );
      expect(asleep.estimated_savings).toBeGreaterThan(0);
      expect(byKey.has('sandbox/payments-dev')).toBe(false);
      expect(cost.totals.estimated_cost).toBeCloseTo(
        cost.namespaces.reduce(
          (sum: number, n: NamespaceCost) => sum + n.estimated_cost,
          0,
        ),
        1,
      );
    });

    it('counts the present as the awake hours do: awake now without a record, from the period start', async () => {
      const api = await start();
      const res = await api.get(
        `/awake-hours?entityRef=${SHOP_API}&days=2&zone=UTC`,
      );
      const staging = res.body.cost.namespaces.find(
        (n: NamespaceCost) => n.namespace === 'sandbox/shop-staging',
      );
      const since = Date.parse(
        res.body.unrecorded.find(
          (u: { namespace: string }) => u.namespace === 'sandbox/shop-staging',
        ).since,
      );
      const hours = (Date.parse(res.body.cost.to) - since) / HOUR_MS;
      expect(staging.awake_hours).toBeCloseTo(hours, 1);
      expect(staging.estimated_cost).toBeCloseTo(
        hours * staging.hourly_price,
        1,
      );
    });

    it('has no cost without configured prices', async () => {
      const api = await start({ config: {} });
      const res = await api.get(`/awake-hours?entityRef=${SHOP_API}&days=2`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.cost).toBeUndefined();
    });
  });

  describe('GET /cost-estimate', () => {
    const estimate = (params: Record<string, string>) =>
      `/cost-estimate${query({
        cluster: 'sandbox',
        namespace: 'shop-dev',
        ...params,
      })}`;

    it('prices keeping a namespace awake until a time as the cost report prices the same awake hours', async () => {
      const api = await start();
      // Three hours awake in the past, for the report.
      await api.record('shop-dev', 'wake', 5);
      await api.record('shop-dev', 'sleep', 2);
      const report = await api.get(
        `/cost-report${query({
          from: hoursFromNow(-5),
          to: hoursFromNow(-2),
        })}`,
      );
      const [line] = report.body.lines.filter(
        (l: CostReportLine) => l.namespace === 'shop-dev',
      );
      expect(line.awake_hours).toBeCloseTo(3, 2);

      const res = await api.get(
        estimate({
          operation: 'wake',
          until: hoursFromNow(3),
          costCenter: 'CC-1001',
        }),
      );

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        available: true,
        currency: 'EUR',
        cost_center: 'CC-1001',
        hours: 3,
        hourly_price: line.hourly_price,
        estimated_cost: line.estimated_cost,
        cpu_cores: line.cpu_cores,
      });
      expect(res.body.estimated_cost).toBeGreaterThan(0);
    });

    it('prices a wake per hour, and a scale per hour at its replicas', async () => {
      const api = await start();
      const wake = (await api.get(estimate({ operation: 'wake' }))).body;
      expect(wake).toMatchObject({ available: true, currency: 'EUR' });
      expect(wake.hourly_price).toBeGreaterThan(0);
      expect(wake.estimated_cost).toBeUndefined();

      const scale = async (replicas: number) =>
        (
          await api.get(
            estimate({ operation: 'scale', replicas: String(replicas) }),
          )
        ).body;
      const [two, four, zero] = await Promise.all([
        scale(2),
        scale(4),
        scale(0),
      ]);
      expect(four.hourly_price).toBeCloseTo(2 * two.hourly_price, 3);
      expect(four.cpu_cores).toBeCloseTo(2 * two.cpu_cores, 6);
      expect(zero.hourly_price).toBe(0);
    });

    it('refuses bad input naming the field', async () => {
      const api = await start();
      const message = async (params: Record<string, string>) => {
        const res = await api.get(estimate(params));
        expect(res.status).toBe(400);
        return res.body.error.message;
      };
      expect(await message({ operation: 'scale' })).toBe(
        'replicas: is required for operation scale',
      );
      expect(await message({ operation: 'wake', replicas: '2' })).toBe(
        'replicas: is only allowed with operation scale',
      );
      expect(
        await message({
          operation: 'scale',
          replicas: '2',
          until: hoursFromNow(1),
        }),
      ).toBe('until: is only allowed with operation wake');
      expect(
        await message({ operation: 'wake', until: hoursFromNow(-1) }),
      ).toBe('until: must be in the future');
      expect(
        await message({ operation: 'wake', until: hoursFromNow(24 * 400) }),
      ).toBe('until: at most 366 days ahead');
      expect(await message({ operation: 'wake', until: 'tonight' })).toMatch(
        /until/,
      );
      expect(await message({ operation: 'sleep' })).toMatch(/operation/);
      expect(await message({ operation: 'scale', replicas: '1001' })).toMatch(
        /replicas/,
      );
    });

    it('answers 404 for an unclaimed namespace and 403 without its read permission', async () => {
      const api = await start();
      const unclaimed = await api.get(
        estimate({ namespace: 'kube-system', operation: 'wake' }),
      );
      expect(unclaimed.status).toBe(404);
      const denied = await api.get(
        estimate({ namespace: 'payments-dev', operation: 'wake' }),
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        'namespace-scheduler.namespace.read',
      );
    });

    it('estimates nothing without configured prices', async () => {
      const api = await start({ config: {} });
      const res = await api.get(estimate({ operation: 'wake' }));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        available: false,
        reason: 'prices-not-configured',
      });
    });
  });
});
