import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export type KeepAliveAgent = http.Agent | https.Agent;

/**
 * One keep-alive agent for a cluster, with the TLS material of its KubeConfig.
 * client-node 1.4 builds a fresh agent per request, so no connection is ever
 * reused; this agent replaces it. Returns undefined for clusters behind a proxy,
 * whose per-request proxy agents are kept.
 */
export async function createKeepAliveAgent(
  kubeConfig: KubeConfig,
  maxSockets: number,
): Promise<KeepAliveAgent | undefined> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster || cluster.proxyUrl) {
    return undefined;
  }
  const pool = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
  if (cluster.server.startsWith('http:')) {
    return new http.Agent(pool);
  }
  const tls: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(tls);
  return new https.Agent({
    ...pool,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    servername: tls.servername,
    rejectUnauthorized: tls.rejectUnauthorized,
  });
}
