import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import {
  NamespaceChangedSignal,
  namespaceChangeChannel,
  OperationProgressSignal,
  operationProgressChannel,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import knexFactory from 'knex';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { PG_ENV } from '../__testUtils__/globalSetup';
import { pluginApi } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginTestBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

/**
 * The user of the browser: the one mock user whose token is a valid WebSocket
 * protocol (`mock-user-token`), as a real Backstage token (a JWT) is.
 */
const USER_TOKEN = mockCredentials.user.token();
const USER = mockCredentials.user().principal.userEntityRef;

/**
 * The user's groups, as the signals backend matches recipients: a member of
 * team-commerce, the owner of the component claiming shop-dev.
 */
const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () =>
    mockServices.userInfo({
      ownershipEntityRefs: [USER, 'group:default/team-commerce'],
    }),
});

/**
 * How long a signal may take from the operation's response to the other
 * replica's browser: an upper bound for a loaded two-core CI machine (where
 * 5 s once missed one), not a latency target (~6 ms here when idle).
 */
const DELIVERY_MS = 15_000;

const SHOP_DEV = { cluster: 'sandbox', namespace: 'shop-dev' };

type Replica = Awaited<ReturnType<typeof startPluginTestBackend>>;

/** The PostgreSQL server of the global setup; a database on it if named. */
function postgresUrl(database?: string): string {
  const server = process.env[PG_ENV];
  if (!server) throw new Error(`${PG_ENV} is not set`);
  const url = new URL(server);
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

/**
 * One portal of two replicas: each a real HTTP server with the plugin, the
 * signals backend and Backstage's events service (which sends events to the
 * events backend's bus when there is one), all on one PostgreSQL server
 * (one database per plugin, as in production), and one cluster (the sandbox).
 */
async function startPortal(options: {
  sandbox: KubeSandbox;
  databasePrefix: string;
  withEventsBackend: boolean;
}): Promise<[Replica, Replica]> {
  const features: BackendFeature[] = [
    eventsServiceFactory,
    userInfo,
    signalsPlugin,
    ...(options.withEventsBackend ? [eventsPlugin] : []),
  ];
  const replica = () =>
    startPluginTestBackend({
      sandbox: options.sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
      features,
      rootConfig: {
        // A replica's own long poll of the bus holds its HTTP server open on
        // stop for as long as this (default 55 s).
        events: { notifyTimeoutMs: 1_000 },
        backend: {
          database: {
            client: 'pg',
            connection: postgresUrl(),
            prefix: options.databasePrefix,
          },
        },
      },
    });
  // One after the other, so the two do not race to create the databases.
  const a = await replica();
  const b = await replica();
  return [a, b];
}

/** Stops the replicas, then drops the databases they created. */
async function stopPortal(replicas: Replica[], databasePrefix: string) {
  await Promise.all(replicas.map(r => r.stop()));
  const admin = knexFactory({ client: 'pg', connection: postgresUrl() });
  try {
    const { rows } = await admin.raw<{ rows: { datname: string }[] }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
      [databasePrefix],
    );
    for (const { datname } of rows) {
      await admin.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/** Resolves once the events backend's bus has `count` signals subscriptions (one per replica). */
async function busSubscriptions(databasePrefix: string, count: number) {
  const events = knexFactory({
    client: 'pg',
    connection: postgresUrl(`${databasePrefix}events`),
  });
  try {
    for (const deadline = Date.now() + 10_000; ; ) {
      const rows = await events('event_bus_subscriptions')
        .whereRaw("'signals' = ANY(topics)")
        .select('id');
      if (rows.length === count) return;
      if (Date.now() > deadline) {
        throw new Error(`${rows.length} signals subscriptions on the bus`);
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  } finally {
    await events.destroy();
  }
}

/**
 * A browser's signals connection to one replica, as @backstage/plugin-signals'
 * SignalClient makes it: a WebSocket to /api/signals with the user's token as
 * the protocol, `{ action: 'subscribe', channel }` messages, and
 * `{ channel, message }` back.
 */
interface SignalsConnection<TMessage> {
  readonly received: { channel: string; message: TMessage }[];
  /** Resolves once the replica has read the subscription. */
  subscribe(channel: string): Promise<void>;
  /** Resolves once `count` messages arrived; rejects after `timeoutMs`. */
  receivedCount(count: number, timeoutMs: number): Promise<void>;
  close(): void;
}

/**
 * Opens the socket as SignalClient does: a try that has not connected after
 * 1 s is abandoned and another one made. The first try on a fresh replica
 * always is: the signals backend only starts taking the server's upgrade
 * requests once one has reached its router as a plain request, and that one
 * is never answered.
 */
async function openSocket(url: string): Promise<WebSocket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url, USER_TOKEN, { handshakeTimeout: 1_000 });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function connectSignals<TMessage>(
  replica: Replica,
): Promise<SignalsConnection<TMessage>> {
  const ws = await openSocket(
    `ws://localhost:${replica.server.port()}/api/signals`,
  );
  const received: SignalsConnection<TMessage>['received'] = [];
  const waiters = new Set<() => void>();
  ws.on('message', data => {
    received.push(JSON.parse(String(data)));
    waiters.forEach(check => check());
  });
  return {
    received,
    async subscribe(channel) {
      ws.send(JSON.stringify({ action: 'subscribe', channel }));
      // The server reads frames in order: its pong follows the subscription.
      await new Promise(resolve => {
        ws.once('pong', resolve);
        ws.ping();
      });
    },
    receivedCount(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`${received.length} of ${count} signals arrived in time`),
          );
        }, timeoutMs);
        function check() {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
        waiters.add(check);
        check();
      });
    },
    close: () => ws.close(),
  };
}

/** A sleep of shop-dev on `replica`, as the tab asks for it: with a progress id. */
async function sleepWithProgress(replica: Replica, progressId: string) {
  const response = await pluginApi(replica.server, USER)
    .post('/namespaces/sandbox/shop-dev/sleep', { costCenter: 'CC-1001' })
    .set('x-progress-id', progressId);
  expect(response.status).toBe(200);
  expect(response.body.result.success).toBe(true);
  expect(response.body.result.total_scaled).toBeGreaterThan(0);
  return response.body.result as { total_scaled: number };
}

describe('operation progress and namespace change signals across two replicas', () => {
  let sandbox: KubeSandbox;
  const replicas: Replica[] = [];
  let databasePrefix = '';
  const connections: SignalsConnection<unknown>[] = [];

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    databasePrefix = `ns_signals_${randomUUID().slice(0, 8)}_`;
  });
  afterEach(async () => {
    connections.splice(0).forEach(c => c.close());
    await stopPortal(replicas.splice(0), databasePrefix);
    await sandbox.close();
  });

  /** The portal's two replicas, stopped (their databases dropped) after the test. */
  const startReplicas = async (withEventsBackend: boolean) => {
    const started = await startPortal({
      sandbox,
      databasePrefix,
      withEventsBackend,
    });
    replicas.push(...started);
    return started;
  };
  /** A browser on `replica` following operation `progressId`, closed after the test. */
  const browserOn = async (replica: Replica, progressId: string) => {
    const connection = await connectSignals<OperationProgressSignal>(replica);
    connections.push(connection);
    await connection.subscribe(operationProgressChannel(progressId));
    return connection;
  };

  it("reach a browser connected to the other replica through the events backend's bus in PostgreSQL", async () => {
    const [a, b] = await startReplicas(true);
    await busSubscriptions(databasePrefix, 2);
    const progressId = randomUUID();
    const onB = await browserOn(b, progressId);

    const result = await sleepWithProgress(a, progressId);

    await onB.receivedCount(result.total_scaled, DELIVERY_MS);
    expect(onB.received).toHaveLength(result.total_scaled);
    for (const { channel, message } of onB.received) {
      expect(channel).toBe(operationProgressChannel(progressId));
      expect(message).toMatchObject({
        progress_id: progressId,
        operation: 'sleep',
        namespace: 'shop-dev',
        step: 'scaled',
        total: result.total_scaled,
      });
    }
    expect(onB.received.map(s => s.message.done)).toEqual(
      onB.received.map((_, index) => index + 1),
    );
  });

  it('without the events backend, reach only a browser connected to the replica that ran the operation', async () => {
    const [a, b] = await startReplicas(false);
    const progressId = randomUUID();
    const onA = await browserOn(a, progressId);
    const onB = await browserOn(b, progressId);

    const result = await sleepWithProgress(a, progressId);

    await onA.receivedCount(result.total_scaled, DELIVERY_MS);
    // With the bus, B had them in milliseconds; give it a second.
    await new Promise(resolve => setTimeout(resolve, 1_000));
    expect(onB.received).toEqual([]);
  });

  it('of a namespace change, reach a browser on the other replica: a schedule saved and an operation run on the first', async () => {
    const [a, b] = await startReplicas(true);
    await busSubscriptions(databasePrefix, 2);
    const onB = await connectSignals<NamespaceChangedSignal>(b);
    connections.push(onB);
    const channel = namespaceChangeChannel(SHOP_DEV);
    await onB.subscribe(channel);

    const created = await pluginApi(a.server, USER).post('/schedules', {
      kind: 'cron',
      title: 'Evening sleep',
      ...SHOP_DEV,
      cost_center: 'CC-1001',
      zone: 'Europe/Madrid',
      cron: '0 20 * * *',
      operation: 'sleep',
    });
    expect(created.status).toBe(201);
    await onB.receivedCount(1, DELIVERY_MS);
    await sleepWithProgress(a, randomUUID());
    await onB.receivedCount(2, DELIVERY_MS);

    expect(onB.received).toEqual([
      { channel, message: { ...SHOP_DEV, change: 'schedules' } },
      { channel, message: { ...SHOP_DEV, change: 'operation' } },
    ]);
  });
});
