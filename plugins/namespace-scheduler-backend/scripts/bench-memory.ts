/*
 * Backend memory for 1,000 namespaces / 10,000 workloads (5 sandbox clusters,
 * 100 catalog Components claiming them, the cluster-state cache synced):
 * the RSS of that backend minus the RSS of the same backend on empty
 * clusters with no claims (the bare portal). Each backend is its own child
 * process (scripts/bench/memoryChild.ts), measured after warm-up and GC; the
 * sandboxes are started (and their manifests generated) here, in processes
 * of their own. Target ≤ 100 MB.
 *
 *   yarn workspace @namespace-scheduler/backstage-plugin-backend bench:memory \
 *     [--namespaces 1000] [--workloads 10]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FleetShape, startFleet } from './bench/fleet';
import type { FleetFile } from './bench/memoryChild';
import { reportResults } from './bench/results';

interface Memory {
  namespaces: number;
  rss: number;
  heapUsed: number;
}

const MB = 1024 * 1024;

/** Starts the fleet here, then the backend in a child process, and reads its memory. */
async function measureChild(shape: FleetShape): Promise<Memory> {
  const fleet = await startFleet(shape, 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
  const fleetFile = path.join(dir, 'fleet.json');
  const file: FleetFile = {
    shape,
    clusterNames: fleet.clusterNames,
    sandboxes: fleet.sandboxes.map(s => ({
      kubeConfigYaml: s.kubeConfigYaml,
      url: s.url,
    })),
  };
  fs.writeFileSync(fleetFile, JSON.stringify(file));
  try {
    return await runChild(fleetFile);
  } finally {
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(fleetFile: string): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        path.join(__dirname, 'bench/memoryChild.ts'),
        fleetFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += String(chunk);
    });
    child.once('exit', code => {
      const line = output.split('\n').find(l => l.startsWith('MEMORY '));
      if (code !== 0 || !line) {
        reject(new Error(`memory child exited with ${code}: ${output}`));
      } else {
        resolve(JSON.parse(line.slice('MEMORY '.length)));
      }
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      namespaces: { type: 'string', default: '1000' },
      workloads: { type: 'string', default: '10' },
    },
  });
  const namespaces = Number(values.namespaces);
  const workloads = Number(values.workloads);
  console.log(`Memory bench, Node ${process.version}`);
  const bare = await measureChild({
    clusters: 5,
    namespaces: 0,
    workloadsPer: workloads,
  });
  const loaded = await measureChild({
    clusters: 5,
    namespaces,
    workloadsPer: workloads,
  });
  const mb = (bytes: number) => Number((bytes / MB).toFixed(1));
  console.table({
    'bare portal (empty clusters, no claims)': {
      'RSS MB': mb(bare.rss),
      'heap used MB': mb(bare.heapUsed),
    },
    [`${namespaces} namespaces × ${workloads} workloads`]: {
      'RSS MB': mb(loaded.rss),
      'heap used MB': mb(loaded.heapUsed),
    },
    difference: {
      'RSS MB': mb(loaded.rss - bare.rss),
      'heap used MB': mb(loaded.heapUsed - bare.heapUsed),
    },
  });
  reportResults([
    {
      bench: 'memory',
      figure: `backend RSS, ${namespaces} namespaces / ${
        namespaces * workloads
      } workloads minus bare (heap ${mb(loaded.heapUsed - bare.heapUsed)} MB)`,
      value: mb(loaded.rss - bare.rss),
      unit: 'MB',
      max: 100,
    },
  ]);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
