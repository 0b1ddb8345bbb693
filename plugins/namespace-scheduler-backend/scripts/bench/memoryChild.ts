/*
 * One backend for bench-memory.ts: the plugin on the fleet the parent
 * started (a JSON file: shape, cluster names, each sandbox's kubeconfig and
 * admin URL), warmed up, then its memory after garbage collection as one
 * `MEMORY {json}` line. Run with --expose-gc. The parent generates and seeds
 * the clusters, so this process holds only what the backend itself does.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import {
  FleetShape,
  fleetEntities,
  startPluginOnFleet,
  waitForClusterState,
} from './fleet';
import { sandboxStats } from './sandboxProcess';

export interface FleetFile {
  shape: FleetShape;
  clusterNames: string[];
  sandboxes: Array<{ kubeConfigYaml: string; url: string }>;
}

const AUTH = {
  Authorization: mockCredentials.user.header('user:default/bench'),
};

async function overview(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/namespaces`, { headers: AUTH });
  if (!response.ok) throw new Error(`/namespaces: HTTP ${response.status}`);
  await response.json();
}

async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

async function main(): Promise<void> {
  if (!global.gc) throw new Error('run with --expose-gc');
  const file: FleetFile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const sandboxes = file.sandboxes.map(s => ({
    kubeConfigYaml: s.kubeConfigYaml,
    stats: () => sandboxStats(s.url),
  }));
  const backend = await startPluginOnFleet({
    fleet: { sandboxes, clusterNames: file.clusterNames },
    entities: fleetEntities(file.shape),
  });
  await waitForClusterState({ sandboxes });
  for (let i = 0; i < 10; i++) await overview(backend.baseUrl);
  const memory = await settledMemory();
  console.log(
    `MEMORY ${JSON.stringify({
      namespaces: file.shape.namespaces,
      ...memory,
    })}`,
  );
  await backend.stop();
}

main().then(
  () => process.exit(),
  error => {
    console.error(error);
    process.exit(1);
  },
);
