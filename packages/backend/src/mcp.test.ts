import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import namespaceSchedulerPlugin from '@namespace-scheduler/backstage-plugin-backend';
import { AddressInfo } from 'node:net';
import { demoConfig } from './__testUtils__/demoPortal';
import sandboxCluster from './modules/sandboxCluster';

jest.setTimeout(90_000);

/**
 * The demo portal's MCP server: the MCP actions backend lists and calls the
 * Namespace Scheduler's actions (backend.actions.pluginSources), as an AI
 * assistant would, on the example catalog and the sandbox cluster.
 */

const ALICE = 'user:default/alice';

const config = demoConfig({
  backend: { actions: { pluginSources: ['namespace-scheduler'] } },
  namespaceScheduler: {
    costCenters: {
      permissions: [
        { costCenter: 'CC-1001', authorized: true },
        { costCenter: 'CC-9999', authorized: false, note: 'budget exhausted' },
      ],
    },
  },
});

/** One JSON-RPC call to the MCP server (streamable HTTP, stateless), its result. */
async function mcp(port: number, method: string, params: object) {
  const res = await fetch(`http://localhost:${port}/api/mcp-actions/v1`, {
    method: 'POST',
    headers: {
      Authorization: mockCredentials.user.header(ALICE),
      Accept: 'application/json, text/event-stream',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  // The answer comes as one server-sent event.
  const data = text
    .split('\n')
    .find(line => line.startsWith('data: '))
    ?.slice('data: '.length);
  return JSON.parse(data ?? text).result;
}

describe('the Namespace Scheduler over MCP', () => {
  it('lists its actions as tools, and calls them with the caller’s permissions', async () => {
    const { server } = await startTestBackend({
      features: [
        mcpActionsPlugin,
        catalogPlugin,
        namespaceSchedulerPlugin,
        sandboxCluster,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    const { port } = server.address() as AddressInfo;
    const { tools } = await mcp(port, 'tools/list', {});
    // Tool names are namespaced by the plugin (mcpActions.namespacedToolNames).
    expect(tools.map((t: { name: string }) => t.name).sort()).toEqual([
      'namespace-scheduler.create-schedule',
      'namespace-scheduler.list-namespaces',
      'namespace-scheduler.list-schedules',
      'namespace-scheduler.sleep-namespace',
      'namespace-scheduler.wake-namespace',
    ]);

    // The catalog ingests the example files in the background, and the
    // plugin's claim index, read while it did, is kept 30 s.
    const listed = await eventually(async () => {
      const result = await mcp(port, 'tools/call', {
        name: 'namespace-scheduler.list-namespaces',
        arguments: { mine: false },
      });
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.content)).toContain('ml-experiments');
      return result;
    });
    expect(JSON.stringify(listed.content)).toContain('shop-dev');

    const refused = await mcp(port, 'tools/call', {
      name: 'namespace-scheduler.wake-namespace',
      arguments: {
        cluster: 'sandbox',
        namespace: 'ml-experiments',
        costCenter: 'CC-9999',
      },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(
      /Cost center CC-9999 is not authorized/,
    );
  });
});

/** Retries `check` until it passes (45 seconds at most). */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt === 90) throw error;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}
