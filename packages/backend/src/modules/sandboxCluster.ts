import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { namespaceSchedulerClustersExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';
import { startKubeSandbox } from '@namespace-scheduler/kube-sandbox';
import path from 'node:path';

/**
 * Starts the in-process Kubernetes sandbox and hands it to the plugin as a
 * cluster, when `namespaceScheduler.sandbox.enabled` is true (the local
 * default). The plugin reaches it through @kubernetes/client-node with the
 * generated kubeconfig, exactly like a real cluster.
 */
export default createBackendModule({
  pluginId: 'namespace-scheduler',
  moduleId: 'sandbox-cluster',
  register(reg) {
    reg.registerInit({
      deps: {
        clusters: namespaceSchedulerClustersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ clusters, config, logger, lifecycle }) {
        const sandboxConfig = config.getOptionalConfig(
          'namespaceScheduler.sandbox',
        );
        if (!sandboxConfig?.getOptionalBoolean('enabled')) return;

        const name = sandboxConfig.getOptionalString('name') ?? 'sandbox';
        const seedDir = path.resolve(
          sandboxConfig.getOptionalString('seedDir') ??
            '../../examples/sandbox',
        );
        const sandbox = await startKubeSandbox({
          name,
          seedDir,
          port: sandboxConfig.getOptionalNumber('port') ?? 0,
        });
        lifecycle.addShutdownHook(() => sandbox.close());
        clusters.addCluster({ name, kubeConfig: sandbox.kubeConfigYaml() });
        logger.info(
          `Kubernetes sandbox "${name}" at ${sandbox.url}, seeded from ${seedDir}`,
        );
      },
    });
  },
});
