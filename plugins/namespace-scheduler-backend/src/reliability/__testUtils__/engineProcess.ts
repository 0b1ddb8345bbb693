/*
 * A backend's engine in a process of its own, so the crash-safety suite can
 * kill -9 it mid-operation:
 *   node --require @backstage/cli/config/nodeTransform.cjs engineProcess.ts \
 *     <kubeconfig file> <namespace> <sleep|wake>...
 * Runs the operations in turn, printing each result as one JSON line.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterRegistry } from '../../clusters';
import { EngineLogger, NamespaceEngine } from '../../engine';

const quiet: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

async function main() {
  const [kubeConfigFile, namespace, ...operations] = process.argv.slice(2);
  if (
    !namespace ||
    operations.length === 0 ||
    operations.some(op => op !== 'sleep' && op !== 'wake')
  ) {
    throw new Error(
      'usage: engineProcess.ts <kubeconfig> <namespace> <sleep|wake>...',
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeConfigFile);
  // No client rate limit: the kill points are spread over the writes, not the pacing.
  const clusters = ClusterRegistry.fromKubeConfigs(
    [{ name: 'sandbox', kubeConfig }],
    { qps: 0 },
  );
  const engine = NamespaceEngine.create({ clusters, logger: quiet });
  for (const operation of operations) {
    const result =
      operation === 'sleep'
        ? await engine.run('sandbox', namespace, { operation: 'sleep' })
        : await engine.run('sandbox', namespace, { operation: 'wake' });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  await clusters.close();
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
