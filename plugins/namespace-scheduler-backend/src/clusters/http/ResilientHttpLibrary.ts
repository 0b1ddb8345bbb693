import {
  PromiseHttpLibrary,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import type { ClusterTransport } from './ClusterTransport';
import { flatHeaders, KubeExchange, KubeResponse } from './exchange';

/**
 * client-node's HTTP library for a cluster: hands each request to the
 * cluster's transport (rate limit, timeout, retries, breaker, metrics) and
 * gives the response back as client-node expects it.
 */
export class ResilientHttpLibrary implements PromiseHttpLibrary {
  constructor(private readonly transport: ClusterTransport) {}

  async send(request: RequestContext): Promise<ResponseContext> {
    return toResponseContext(await this.transport.send(toExchange(request)));
  }
}

/**
 * The transport's form of a request. The URL's origin is the cluster's server
 * (client-node's base server), which the transport already knows.
 */
function toExchange(request: RequestContext): KubeExchange {
  const url = new URL(request.getUrl());
  const body = request.getBody();
  if (body !== undefined && typeof body !== 'string') {
    throw new Error('only string bodies are supported');
  }
  return {
    method: request.getHttpMethod(),
    path: url.pathname + url.search,
    headers: { 'Accept-Encoding': 'gzip, deflate', ...request.getHeaders() },
    body,
    agent: request.getAgent(),
  };
}

function toResponseContext(response: KubeResponse): ResponseContext {
  const data = response.body;
  return new ResponseContext(response.status, flatHeaders(response.headers), {
    binary: async () => data,
    text: async () => data.toString('utf8'),
  });
}
