import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import namespaceSchedulerPlugin from '@namespace-scheduler/backstage-plugin-backend';
import { AddressInfo } from 'node:net';
import dynamoDbWhenConfigured from './dynamoDbWhenConfigured';

jest.setTimeout(60_000);

/** The plugin and the loader, on `namespaceScheduler` config; the activity log's answer. */
async function activityLogAnswer(namespaceScheduler: object) {
  const backend = await startTestBackend({
    features: [
      namespaceSchedulerPlugin,
      dynamoDbWhenConfigured,
      mockServices.rootConfig.factory({ data: { namespaceScheduler } }),
    ],
  });
  try {
    const { port } = backend.server.address() as AddressInfo;
    const res = await fetch(
      `http://127.0.0.1:${port}/api/namespace-scheduler/activities`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    return res.status;
  } finally {
    await backend.stop();
  }
}

describe('dynamoDbWhenConfigured', () => {
  it('keeps the activity log in the portal database without a namespaceScheduler.dynamodb block', async () => {
    expect(await activityLogAnswer({})).toBe(200);
  });

  it('loads the DynamoDB module when the block is there', async () => {
    // Nothing listens there: the module starts anyway (writes would queue),
    // and the activity log says it is unavailable.
    const unreachable = {
      dynamodb: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        requestTimeoutMs: 200,
        retry: { maxAttempts: 0 },
      },
    };
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    expect(await activityLogAnswer(unreachable)).toBe(503);
  });
});
