import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import { PLUGIN_API } from '../__testUtils__/pluginApi';
import { namespaceSchedulerPlugin } from '../plugin';

jest.setTimeout(60_000);

describe('readiness of clusters whose credentials cannot be had', () => {
  let sandbox: KubeSandbox;
  beforeAll(async () => {
    sandbox = await startKubeSandbox({ token: 's3cret' });
  });
  afterAll(() => sandbox.close());

  it('starts, and names each such cluster on /health/ready with the reason', async () => {
    const { server } = await startTestBackend({
      features: [
        namespaceSchedulerPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'prod',
                      url: sandbox.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 's3cret',
                    },
                    {
                      name: 'gke',
                      url: 'https://gke.example.invalid',
                      authProvider: 'google',
                    },
                    {
                      name: 'vault',
                      url: 'https://vault.example.invalid',
                      authProvider: 'vault',
                    },
                  ],
                },
              ],
            },
            namespaceScheduler: { defaultCluster: 'prod' },
          },
        }),
      ],
    });

    const res = await request(server).get(`${PLUGIN_API}/health/ready`);
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('error');
    expect(res.body.checks).toEqual({
      database: { status: 'ok', latencyMs: expect.any(Number) },
      'cluster:prod': { status: 'ok', latencyMs: expect.any(Number) },
      'cluster:gke': {
        status: 'error',
        latencyMs: expect.any(Number),
        message: expect.stringMatching(
          /^Cluster "gke": authProvider "google" authenticates with the signed-in user's own token.*use "googleServiceAccount" for this cluster$/,
        ),
      },
      'cluster:vault': {
        status: 'error',
        latencyMs: expect.any(Number),
        message: expect.stringMatching(
          /^Cluster "vault": authProvider "vault" is not supported \(supported: aws, /,
        ),
      },
    });
  });
});
