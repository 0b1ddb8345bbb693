import {
  ApiException,
  AppsV1Api,
  AutoscalingV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  ConfigurationOptions,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  ObservableMiddleware,
  PolicyV1Api,
  RequestContext,
  ResponseContext,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { Status } from '../errors';
import { KubeSandbox } from '../sandbox';

/** client-node API clients configured from the sandbox's kubeconfig, as the plugin would be. */
export function clientsFor(sandbox: KubeSandbox) {
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeConfigYaml());
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    hpaV2: kc.makeApiClient(AutoscalingV2Api),
    hpaV1: kc.makeApiClient(AutoscalingV1Api),
    policy: kc.makeApiClient(PolicyV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}

/** Options that abort a client-node call after `ms` (its requests have no timeout of their own). */
export function timeoutAfter(
  ms: number,
): ConfigurationOptions<ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(ctx));
        },
        post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/**
 * Lets the workload controllers act on what was just written: like a real
 * cluster's, they catch up after the write was answered (with no readiness
 * delay, on the next turn of the event loop).
 */
export function controllersCaughtUp(ms = 5): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Options for a PATCH with the given Content-Type (client-node defaults to JSON patch). */
export const patchAs = (contentType: string) =>
  setHeaderOptions('Content-Type', contentType);

/** The HTTP code and Status body of a failed client-node call. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: number; status: Status }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiException) {
      return {
        code: error.code,
        status:
          typeof error.body === 'string' ? JSON.parse(error.body) : error.body,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A raw HTTP call, for what client-node cannot express. */
export async function raw(
  sandbox: KubeSandbox,
  method: string,
  path: string,
  options: {
    body?: unknown;
    contentType?: string;
    token?: string;
    signal?: AbortSignal;
  } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    body =
      typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body,
    signal: options.signal,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

export function deployment(
  name: string,
  ns: string,
  replicas = 1,
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name, ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.27',
              env: [{ name: 'MODE', value: 'test' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}

export function namespace(name: string, labels: Record<string, string> = {}) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}
