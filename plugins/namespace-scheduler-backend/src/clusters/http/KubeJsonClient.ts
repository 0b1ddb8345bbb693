import { ApiException, HttpMethod } from '@kubernetes/client-node';
import type { KubeJsonApi, KubeQuery } from '../types';
import type { ClusterTransport } from './ClusterTransport';
import { ClusterOrigin, flatHeaders, KubeResponse } from './exchange';
import type { SharedAgentAuthentication } from './SharedAgentAuthentication';

/**
 * Kubernetes JSON over the cluster's transport, for hot paths: one request
 * costs its JSON.stringify, the headers and one JSON.parse. client-node's
 * generated APIs add per request a URL object (parsed three times), a
 * middleware chain of Observables, header option merging and ObjectSerializer
 * passes over body and response: ~0.4 ms of client CPU per PATCH, which on a
 * CPU-bound apiserver is wall time. Answers other than 2xx throw client-node's
 * ApiException as its APIs do, so callers' handling of 404, 409, 403 and 422
 * is the same whichever client made the request.
 */
export class KubeJsonClient implements KubeJsonApi {
  constructor(
    private readonly origin: ClusterOrigin,
    private readonly auth: SharedAgentAuthentication,
    private readonly transport: ClusterTransport,
  ) {}

  get(path: string, query?: KubeQuery): Promise<unknown> {
    return this.request(HttpMethod.GET, path, query);
  }

  mergePatch(path: string, body: object, query?: KubeQuery): Promise<unknown> {
    return this.request(HttpMethod.PATCH, path, query, JSON.stringify(body));
  }

  private async request(
    method: HttpMethod,
    path: string,
    query: KubeQuery | undefined,
    body?: string,
  ): Promise<unknown> {
    const pathAndQuery = this.origin.basePath + path + queryString(query);
    const credentials = await this.auth.credentials(
      method,
      this.urlOf(pathAndQuery),
    );
    const response = await this.transport.send({
      method,
      path: pathAndQuery,
      headers: { ...headersFor(body), ...credentials.headers },
      body,
      agent: credentials.agent,
    });
    return parsed(response);
  }

  private urlOf(pathAndQuery: string): string {
    const { protocol, hostname, port } = this.origin;
    const host = hostname.includes(':') ? `[${hostname}]` : hostname;
    return `${protocol}//${host}${port ? `:${port}` : ''}${pathAndQuery}`;
  }
}

/**
 * A read asks for gzip, as client-node does: kube-apiserver compresses
 * answers over 128 KB (a list of a few hundred objects). A patch answers
 * with one object, far below that, so it does not ask.
 */
function headersFor(body: string | undefined): Record<string, string> {
  return body === undefined
    ? { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate' }
    : {
        Accept: 'application/json',
        'Content-Type': 'application/merge-patch+json',
      };
}

/** `?a=1&b=2` from the defined values, '' when there are none. */
function queryString(query: KubeQuery | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The body of a 2xx answer; any other throws as client-node's APIs do. */
function parsed(response: KubeResponse): unknown {
  const { status } = response;
  if (status >= 200 && status <= 299) {
    const text = response.body.toString('utf8');
    return text ? JSON.parse(text) : undefined;
  }
  const headers = flatHeaders(response.headers);
  if (status === 401) {
    throw new ApiException(status, 'Unauthorized', undefined, headers);
  }
  throw new ApiException(
    status,
    'Unknown API Status Code!',
    response.body.toString('utf8'),
    headers,
  );
}
