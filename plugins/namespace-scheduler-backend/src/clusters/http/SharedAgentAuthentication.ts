import {
  HttpMethod,
  KubeConfig,
  RequestContext,
  SecurityAuthentication,
} from '@kubernetes/client-node';
import type http from 'node:http';
import { createKeepAliveAgent, KeepAliveAgent } from './keepAliveAgent';

/** What authenticates one request: headers to add and the agent to send over. */
export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly agent?: http.Agent;
}

/**
 * Authenticates requests exactly as the KubeConfig does (tokens, exec plugins,
 * client certificates), then swaps in the cluster's one keep-alive agent.
 */
export class SharedAgentAuthentication implements SecurityAuthentication {
  private agent?: Promise<KeepAliveAgent | undefined>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly maxSockets: number,
  ) {}

  getName(): string {
    return 'KubeConfigSharedAgent';
  }

  /** For client-node's APIs. */
  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    const fixed = await this.fixedCredentials();
    if (fixed) {
      for (const [name, value] of Object.entries(fixed.headers)) {
        context.setHeaderParam(name, value);
      }
      if (fixed.agent) context.setAgent(fixed.agent);
      return;
    }
    await this.kubeConfig.applySecurityAuthentication(context);
    const agent = await this.sharedAgent();
    if (agent) context.setAgent(agent);
  }

  /** For the JSON client, which builds no RequestContext unless it must. */
  async credentials(method: HttpMethod, url: string): Promise<Credentials> {
    const fixed = await this.fixedCredentials();
    if (fixed) return fixed;
    const context = new RequestContext(url, method);
    await this.applySecurityAuthentication(context);
    return { headers: context.getHeaders(), agent: context.getAgent() };
  }

  /** Closes pooled sockets. */
  async destroy(): Promise<void> {
    const agent = await this.agent?.catch(() => undefined);
    agent?.destroy();
  }

  /**
   * The common case (a service-account token): the TLS material is in the
   * shared agent already, so KubeConfig's per-request work (re-reading the CA
   * and building an https.Agent only to drop it) is skipped. Undefined when
   * KubeConfig must authenticate each request.
   */
  private async fixedCredentials(): Promise<Credentials | undefined> {
    const agent = await this.sharedAgent();
    const token = agent && staticBearerToken(this.kubeConfig);
    if (!agent || token === undefined) return undefined;
    return {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      agent,
    };
  }

  private sharedAgent(): Promise<KeepAliveAgent | undefined> {
    if (!this.agent) {
      this.agent = createKeepAliveAgent(this.kubeConfig, this.maxSockets);
      // A failed build (e.g. an exec plugin hiccup) is retried on the next request.
      this.agent.catch(() => {
        this.agent = undefined;
      });
    }
    return this.agent;
  }
}

/**
 * The user's fixed bearer token ('' when it authenticates by client
 * certificate only), or undefined when its credentials can change or need
 * more headers (exec and auth-provider plugins, in-cluster token files, basic
 * auth, impersonation): those take KubeConfig's own path on every request.
 */
function staticBearerToken(kubeConfig: KubeConfig): string | undefined {
  const user = kubeConfig.getCurrentUser();
  if (!user || user.exec || user.authProvider) return undefined;
  if (user.username || user.impersonateUser) return undefined;
  return user.token ?? '';
}
