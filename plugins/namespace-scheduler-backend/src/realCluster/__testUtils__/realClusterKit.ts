/*
 * Small helpers for the tests against a real kube-apiserver
 * (@namespace-scheduler/kube-harness): raw HTTPS calls as any bearer token
 * (so a test sees status codes and headers exactly as the server sent them)
 * and seeding Deployments.
 */
import type { ControlPlaneConnection } from '@namespace-scheduler/kube-harness';
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the text when it is not JSON. */
  body: any;
}

/** One agent per CA: keep-alive, as a real client. */
const agents = new Map<string, https.Agent>();

function agentFor(caData: string): https.Agent {
  let agent = agents.get(caData);
  if (!agent) {
    agent = new https.Agent({
      keepAlive: true,
      maxSockets: 32,
      ca: Buffer.from(caData, 'base64'),
    });
    agents.set(caData, agent);
  }
  return agent;
}

/** Closes the pooled connections (afterAll). */
export function closeRawAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/**
 * A request as `token` (the admin's by default). Never throws on an HTTP
 * status: the caller asserts on it.
 */
export function rawRequest(
  connection: ControlPlaneConnection,
  method: string,
  path: string,
  options: { token?: string; body?: object; contentType?: string } = {},
): Promise<RawResponse> {
  const url = new URL(path, connection.url);
  const payload =
    options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method,
        agent: agentFor(connection.caData),
        headers: {
          Authorization: `Bearer ${options.token ?? connection.adminToken}`,
          Accept: 'application/json',
          ...(payload === undefined
            ? {}
            : {
                'Content-Type':
                  options.contentType ??
                  (method === 'PATCH'
                    ? 'application/merge-patch+json'
                    : 'application/json'),
                'Content-Length': Buffer.byteLength(payload),
              }),
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Like rawRequest, but throws unless the status is 2xx. */
export async function okRequest(
  connection: ControlPlaneConnection,
  method: string,
  path: string,
  options: { token?: string; body?: object; contentType?: string } = {},
): Promise<any> {
  const response = await rawRequest(connection, method, path, options);
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `${method} ${path}: HTTP ${response.status} ${JSON.stringify(
        response.body,
      ).slice(0, 300)}`,
    );
  }
  return response.body;
}

/** Runs the tasks with at most `limit` at once. */
export async function pooled<T>(
  limit: number,
  tasks: Array<() => Promise<T>>,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

export const originalReplicasOf = (i: number) => (i % 3) + 1;
export const deploymentName = (i: number) =>
  `app-${String(i).padStart(3, '0')}`;

/** A namespace with `count` Deployments, the i-th at (i % 3) + 1 replicas. */
export async function seedDeployments(
  connection: ControlPlaneConnection,
  namespace: string,
  count: number,
): Promise<void> {
  await okRequest(connection, 'POST', '/api/v1/namespaces', {
    body: { metadata: { name: namespace } },
  });
  await pooled(
    16,
    Array.from({ length: count }, (_, i) => () => {
      const name = deploymentName(i);
      const labels = { app: name };
      return okRequest(
        connection,
        'POST',
        `/apis/apps/v1/namespaces/${namespace}/deployments`,
        {
          body: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace },
            spec: {
              replicas: originalReplicasOf(i),
              selector: { matchLabels: labels },
              template: {
                metadata: { labels },
                spec: { containers: [{ name: 'app', image: 'app:1' }] },
              },
            },
          },
        },
      );
    }),
  );
}

/** A listed object: the fields the tests compare. */
export interface ListedObject {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { replicas?: number; minReplicas?: number; suspend?: boolean };
}

/** The items of a collection (GET of its path). */
export async function listItems(
  connection: ControlPlaneConnection,
  path: string,
): Promise<ListedObject[]> {
  return (await okRequest(connection, 'GET', path)).items;
}

/** spec.replicas of every Deployment of the namespace, by name. */
export async function replicasByName(
  connection: ControlPlaneConnection,
  namespace: string,
): Promise<Record<string, number | undefined>> {
  const items = await listItems(
    connection,
    `/apis/apps/v1/namespaces/${namespace}/deployments`,
  );
  return Object.fromEntries(
    items.map(item => [item.metadata.name, item.spec.replicas]),
  );
}

/** Polls until `check` returns a value; fails naming `what` after `ms`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error(`timed out: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
