import type { RequestRecord } from '@namespace-scheduler/kube-sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A kube-sandbox in its own process (as a real API server would be), steered by its admin API. */
export interface SandboxProcess {
  kubeConfigYaml: string;
  /** Where its admin API is served, for another process to read its stats. */
  url: string;
  setLatency(ms: number): Promise<void>;
  resetStats(): Promise<void>;
  stats(): Promise<{
    total: number;
    maxInFlight: number;
    requests: RequestRecord[];
  }>;
  stop(): Promise<void>;
}

export async function startSandboxProcess(
  manifests: string,
  readyDelayMs: number,
): Promise<SandboxProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  fs.writeFileSync(path.join(dir, 'seed.yaml'), manifests);
  const kubeconfig = path.join(dir, 'kubeconfig');
  const cli = path.join(
    path.dirname(
      require.resolve('@namespace-scheduler/kube-sandbox/package.json'),
    ),
    'src/cli.ts',
  );
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      cli,
      '--seed-dir',
      dir,
      '--admin-api',
      '--ready-delay-ms',
      String(readyDelayMs),
      '--kubeconfig',
      kubeconfig,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await listeningUrl(child);
  const admin = (method: string, route: string, body?: object) =>
    adminCall(url, method, route, body);
  return {
    kubeConfigYaml: fs.readFileSync(kubeconfig, 'utf8'),
    url,
    setLatency: async ms => {
      await admin('DELETE', 'faults');
      await admin('POST', 'faults', { latencyMs: ms });
    },
    resetStats: async () => {
      await admin('DELETE', 'stats');
    },
    stats: () => sandboxStats(url),
    stop: async () => {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The request log of a sandbox process started elsewhere (its admin API at `url`). */
export async function sandboxStats(
  url: string,
): ReturnType<SandboxProcess['stats']> {
  return (await adminCall(url, 'GET', 'stats')).json();
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', chunk => {
      output += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', code =>
      reject(new Error(`sandbox exited with ${code}: ${output}`)),
    );
  });
}

async function adminCall(
  url: string,
  method: string,
  route: string,
  body?: object,
): Promise<Response> {
  const response = await fetch(`${url}/sandbox/${route}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body && JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `sandbox admin ${method} ${route}: HTTP ${response.status}`,
    );
  }
  return response;
}
