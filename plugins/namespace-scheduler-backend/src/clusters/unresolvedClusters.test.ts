import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NamespaceEngine } from '../engine';
import { silentLogger } from '../engine/__testUtils__/engineSandbox';
import { ClusterRegistry } from './ClusterRegistry';
import { ClusterAuthError } from './errors';

describe('clusters whose credentials cannot be had', () => {
  let sandbox: KubeSandbox;
  let secured: KubeSandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startKubeSandbox();
    secured = await startKubeSandbox({ token: 's3cret' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-kubeconfig-'));
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), secured.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function registryFor(clusters: object[], own: object[] = []) {
    const logger = mockServices.logger.mock();
    const registry = ClusterRegistry.fromConfig(
      new ConfigReader({
        kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
        namespaceScheduler: { clusters: own },
      }),
      { logger },
    );
    return { registry, logger };
  }

  it('keeps them, failing each request unsent with the reason, while the others work', async () => {
    const kubeconfigPath = path.join(dir, 'config');
    fs.writeFileSync(kubeconfigPath, sandbox.kubeConfigYaml('dev-context'));
    const savedHost = process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_HOST;
    const { registry, logger } = registryFor(
      [
        {
          name: 'prod',
          url: secured.url,
          authProvider: 'serviceAccount',
          authMetadata: { serviceAccountToken: 's3cret' },
        },
        { name: 'vault', url: sandbox.url, authProvider: 'vault' },
        { name: 'eks-no-url', authProvider: 'aws' },
        { name: 'oidc', url: sandbox.url, authProvider: 'oidc' },
      ],
      [
        { name: 'dev', kubeconfigPath, kubeconfigContext: 'missing' },
        { name: 'pod', inCluster: true },
      ],
    );
    process.env.KUBERNETES_SERVICE_HOST = savedHost;
    try {
      expect(registry.clusterNames()).toEqual([
        'prod',
        'vault',
        'eks-no-url',
        'oidc',
        'dev',
        'pod',
      ]);
      await expect(
        registry.get('prod').core.readNamespace({ name: 'default' }),
      ).resolves.toBeDefined();

      const reasons: Record<string, unknown> = {
        vault:
          'authProvider "vault" is not supported (supported: aws, azure,' +
          ' googleServiceAccount, serviceAccount, localKubectlProxy, inCluster)',
        'eks-no-url': expect.stringMatching(
          /^Missing required config value at '.*url'/,
        ),
        oidc: expect.stringMatching(
          /^authProvider "oidc" authenticates with the signed-in user's own token.*use "serviceAccount"/,
        ),
        dev: 'kubeconfig context "missing" not found',
        pod: 'inCluster: not running in a pod (KUBERNETES_SERVICE_HOST is not set)',
      };
      sandbox.resetStats();
      for (const [name, reason] of Object.entries(reasons)) {
        const error = await registry
          .get(name)
          .core.readNamespace({ name: 'default' })
          .catch(e => e);
        const prefix = `Cluster "${name}": `;
        expect(error).toBeInstanceOf(ClusterAuthError);
        expect(error.cluster).toBe(name);
        expect(error.message.startsWith(prefix)).toBe(true);
        const detail = error.message.slice(prefix.length);
        expect(detail).toEqual(reason);
        expect(logger.warn).toHaveBeenCalledWith(
          `${prefix}${detail}; its requests fail until this is fixed (see /health/ready)`,
        );
        await expect(registry.get(name).json.get('/api')).rejects.toThrow(
          error.message,
        );
      }
      // Nothing reached the API server.
      expect(sandbox.stats().total).toBe(0);

      const engine = NamespaceEngine.create({
        clusters: registry,
        logger: silentLogger,
      });
      const slept = await engine.run('vault', 'shop-dev', {
        operation: 'sleep',
      });
      expect(slept).toMatchObject({ success: false, total_scaled: 0 });
      expect(slept.errors[0]).toContain(
        'Cluster "vault": authProvider "vault" is not supported',
      );
    } finally {
      await registry.close();
    }
  });

  it('sends no credentials to a localKubectlProxy cluster', async () => {
    const { registry } = registryFor([
      { name: 'proxy', url: sandbox.url, authProvider: 'localKubectlProxy' },
    ]);
    try {
      await expect(
        registry.get('proxy').core.readNamespace({ name: 'default' }),
      ).resolves.toBeDefined();
    } finally {
      await registry.close();
    }
  });
});
