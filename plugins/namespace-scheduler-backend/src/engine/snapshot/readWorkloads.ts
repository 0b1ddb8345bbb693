import type { ClusterClient } from '../../clusters';
import { httpStatusOf, NamespaceNotFoundError } from '../errors';
import { ADAPTERS, Workload } from '../workloads';

const BUILT_IN = [
  ADAPTERS.StatefulSet,
  ADAPTERS.Deployment,
  ADAPTERS.HorizontalPodAutoscaler,
  ADAPTERS.CronJob,
];

/** Every workload the engine acts on in a namespace, read in parallel. */
export async function readWorkloads(
  client: ClusterClient,
  namespace: string,
): Promise<Workload[]> {
  const [, builtIn, scaledObjects] = await Promise.all([
    ensureNamespace(client, namespace),
    Promise.all(BUILT_IN.map(adapter => adapter.list(client, namespace))),
    listScaledObjectsIfServed(client, namespace),
  ]);
  return [...builtIn.flat(), ...scaledObjects];
}

async function ensureNamespace(
  client: ClusterClient,
  namespace: string,
): Promise<void> {
  try {
    await client.core.readNamespace({ name: namespace });
  } catch (error) {
    throw httpStatusOf(error) === 404
      ? new NamespaceNotFoundError(client.name, namespace)
      : error;
  }
}

/** ScaledObjects only where the cluster serves the keda.sh API group. */
async function listScaledObjectsIfServed(
  client: ClusterClient,
  namespace: string,
): Promise<Workload[]> {
  const { groups } = await client.apis.getAPIVersions();
  const served = groups.some(group => group.name === 'keda.sh');
  return served ? ADAPTERS.ScaledObject.list(client, namespace) : [];
}
