import type http from 'node:http';

/**
 * One HTTP request to a cluster as the transport sends it. Plain data, built
 * once per request: client-node's RequestContext is converted into it (one URL
 * parse), and the JSON client builds it directly.
 */
export interface KubeExchange {
  method: string;
  /** Path and query string, with the server's own base path in front. */
  path: string;
  headers: http.OutgoingHttpHeaders;
  body?: string;
  /** The cluster's keep-alive agent (or a proxy agent). */
  agent?: http.Agent;
}

/** A whole, decoded response. */
export interface KubeResponse {
  status: number;
  /** As Node gives them: lower-case names. */
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Where a cluster's requests go: fixed per cluster, so parsed once. */
export interface ClusterOrigin {
  protocol: 'http:' | 'https:';
  hostname: string;
  port?: string;
  /** The server URL's path ('' for most; e.g. '/k8s/clusters/c-1' behind Rancher). */
  basePath: string;
}

export function originOf(server: string): ClusterOrigin {
  const url = new URL(server);
  return {
    protocol: url.protocol === 'http:' ? 'http:' : 'https:',
    // An IPv6 literal comes bracketed in URL.hostname; node:http wants it bare.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || undefined,
    basePath: url.pathname.replace(/\/+$/, ''),
  };
}

/** Lower-case names (as Node gives them), repeated values joined. */
export function flatHeaders(
  headers: http.IncomingHttpHeaders,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}
