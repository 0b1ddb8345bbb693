import { mockCredentials } from '@backstage/backend-test-utils';
import { Agent, request as httpRequest } from 'node:http';

/** The entity tab's calls, as the frontend makes them, for bench-api.ts and its load process. */

const USER = 'user:default/bench';
const AUTH = { Authorization: mockCredentials.user.header(USER) };

export interface Api {
  get(path: string): Promise<unknown>;
  post(path: string, body: object): Promise<unknown>;
}

/**
 * A client on node:http with keep-alive sockets, like a browser's connection
 * pool (pass one `agent` per simulated browser); it costs the load process
 * less CPU than fetch, which matters when it shares two cores with the
 * backend.
 */
export function apiAt(
  baseUrl: string,
  timings?: Map<string, number[]>,
  agent = new Agent({ keepAlive: true }),
): Api {
  const send = (method: string, path: string, body?: object) =>
    new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const payload = body && JSON.stringify(body);
      const request = httpRequest(
        `${baseUrl}${path}`,
        {
          method,
          agent,
          headers: payload
            ? { ...AUTH, 'Content-Type': 'application/json' }
            : AUTH,
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  const call = async (method: string, path: string, body?: object) => {
    const started = performance.now();
    const { status, json } = await send(method, path, body);
    if (status >= 300) {
      throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    }
    const route = path.split('?')[0];
    const ms = performance.now() - started;
    const samples = timings?.get(route);
    if (samples) samples.push(ms);
    else timings?.set(route, [ms]);
    return json;
  };
  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body),
  };
}

/**
 * One load of the entity tab, as the browser makes the calls
 * (EntityNamespaceSchedule and its cards): the entity's namespaces and the
 * off-hours state; then the selected namespace's schedules (the list card
 * and the week calendar share them), the entity's awake hours per day, and
 * the namespace's latest activity.
 */
export async function loadTab(api: Api, entityRef: string): Promise<void> {
  const entity = encodeURIComponent(entityRef);
  const [namespaces] = await Promise.all([
    api.get(`/entity-namespaces?entityRef=${entity}`),
    api.get('/off-hours'),
  ]);
  const { items } = namespaces as {
    items: { cluster: string; namespace: string }[];
  };
  if (items.length !== 10)
    throw new Error(`expected 10 namespaces, got ${items.length}`);
  const target = `cluster=${items[0].cluster}&namespace=${items[0].namespace}`;
  await Promise.all([
    api.get(`/schedules?${target}`),
    api.get(`/awake-hours?entityRef=${entity}&days=14&zone=Europe%2FMadrid`),
    api.get(`/activities?${target}&limit=25`),
  ]);
}
