import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { forEachLimited } from '../concurrency/forEachLimited';

/** Admin clients to a real cluster, for tests to set up and inspect namespaces. */
export function adminClients(kubeConfigYaml: string) {
  const config = new KubeConfig();
  config.loadFromString(kubeConfigYaml);
  return {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
  };
}

export type AdminClients = ReturnType<typeof adminClients>;

/** One Deployment as the scheduler sees it: replicas and our marker. */
export type LiveDeployment = { replicas: number; marker?: string };

/**
 * A namespace of `count` Deployments asleep as the scheduler leaves them
 * (replicas 0, the original 1–3 in the marker).
 */
export async function createAsleepNamespace(
  clients: AdminClients,
  namespace: string,
  count: number,
): Promise<void> {
  await clients.core.createNamespace({
    body: { metadata: { name: namespace } },
  });
  const names = Array.from({ length: count }, (_, i) => i);
  await forEachLimited(names, 16, async i => {
    const name = `app-${i}`;
    const labels = { app: name };
    const original = String((i % 3) + 1);
    await clients.apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: {
          name,
          annotations: { [K8S_ANNOTATIONS.originalReplicas]: original },
        },
        spec: {
          replicas: 0,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name, image: `example/${name}:1` }] },
          },
        },
      },
    });
  });
}

export async function liveDeployments(
  clients: AdminClients,
  namespace: string,
): Promise<Map<string, LiveDeployment>> {
  const { items } = await clients.apps.listNamespacedDeployment({ namespace });
  return new Map(
    items.map(d => [
      d.metadata!.name!,
      {
        replicas: d.spec?.replicas ?? 1,
        marker: d.metadata?.annotations?.[K8S_ANNOTATIONS.originalReplicas],
      },
    ]),
  );
}

/** Whether every Deployment is asleep (with its marker) or every one awake (without). */
export function uniformState(
  live: Map<string, LiveDeployment>,
): 'asleep' | 'awake' | 'mixed' {
  const values = [...live.values()];
  if (values.every(d => d.replicas === 0 && d.marker !== undefined)) {
    return 'asleep';
  }
  if (values.every(d => d.replicas > 0 && d.marker === undefined)) {
    return 'awake';
  }
  return 'mixed';
}
