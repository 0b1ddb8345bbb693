import {
  ApisApi,
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  ServerConfiguration,
  Watch,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { ClusterTransport } from './http/ClusterTransport';
import { KubeExchange, originOf } from './http/exchange';
import { KubeJsonClient } from './http/KubeJsonClient';
import { createClusterPolicies } from './http/resiliencePolicy';
import { ResilientHttpLibrary } from './http/ResilientHttpLibrary';
import { SharedAgentAuthentication } from './http/SharedAgentAuthentication';
import { TokenBucket } from './http/TokenBucket';
import type {
  ClusterAccessOptions,
  ClusterApis,
  ClusterClient,
  ClusterRequestObserver,
  NamedKubeConfig,
} from './types';

export interface ManagedClusterClient {
  client: ClusterClient;
  /** Whether its circuit breaker fails requests fast now. */
  circuitOpen(): boolean;
  close(): Promise<void>;
}

/** Builds a cluster's API clients on one shared agent, rate limit and policy set. */
export function createClusterClient(
  { name, kubeConfig, credentials }: NamedKubeConfig,
  options: ClusterAccessOptions,
  observer?: ClusterRequestObserver,
): ManagedClusterClient {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new Error('its kubeconfig has no current cluster');
  }
  const origin = originOf(server);
  const auth = new SharedAgentAuthentication(kubeConfig, {
    cluster: name,
    maxSockets: options.maxSockets,
    credentials,
  });
  const transport = new ClusterTransport({
    cluster: name,
    origin,
    policies: createClusterPolicies(options),
    limiter: TokenBucket.create({
      perSecond: options.qps,
      burst: options.burst,
    }),
    halfOpenAfterMs: options.breakerHalfOpenAfterMs,
    observe: observer,
    onUnauthorized: credentials
      ? exchange => credentials.refused(authorizationOf(exchange))
      : undefined,
  });
  const apisOver = (over: ClusterTransport): ClusterApis => {
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(server, {}),
      authMethods: { default: auth },
      httpApi: wrapHttpLibrary(new ResilientHttpLibrary(over)),
    });
    return {
      core: new CoreV1Api(configuration),
      apps: new AppsV1Api(configuration),
      batch: new BatchV1Api(configuration),
      autoscaling: new AutoscalingV2Api(configuration),
      customObjects: new CustomObjectsApi(configuration),
      apis: new ApisApi(configuration),
      json: new KubeJsonClient(origin, auth, over),
    };
  };
  return {
    client: {
      name,
      ...apisOver(transport),
      recovery: apisOver(transport.recovery()),
      watch: new Watch(kubeConfig),
    },
    circuitOpen: () => transport.circuitOpen(),
    close: () => auth.destroy(),
  };
}

/** The Authorization header a request was sent with. */
function authorizationOf(exchange: KubeExchange): string | undefined {
  const value =
    exchange.headers.Authorization ?? exchange.headers.authorization;
  return typeof value === 'string' ? value : undefined;
}
