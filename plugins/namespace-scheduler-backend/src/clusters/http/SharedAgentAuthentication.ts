import {
  HttpMethod,
  KubeConfig,
  RequestContext,
  SecurityAuthentication,
} from '@kubernetes/client-node';
import type http from 'node:http';
import type { BearerTokenSource } from '../auth/BearerTokenSource';
import { ClusterAuthError, describeCause } from '../errors';
import { createKeepAliveAgent, KeepAliveAgent } from './keepAliveAgent';

/** What authenticates one request: headers to add and the agent to send over. */
export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly agent?: http.Agent;
}

export interface SharedAgentAuthenticationOptions {
  /** Named in errors. */
  cluster: string;
  maxSockets: number;
  /** The bearer token's source when it is not fixed in the KubeConfig (auth strategies). */
  credentials?: BearerTokenSource;
}

/**
 * Authenticates requests exactly as the KubeConfig does (tokens, exec plugins,
 * client certificates), or with the token of the cluster's BearerTokenSource,
 * then swaps in the cluster's one keep-alive agent. Credentials that cannot be
 * had fail the request, unsent, with a ClusterAuthError naming the cluster.
 */
export class SharedAgentAuthentication implements SecurityAuthentication {
  private agent?: Promise<KeepAliveAgent | undefined>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: SharedAgentAuthenticationOptions,
  ) {}

  getName(): string {
    return 'KubeConfigSharedAgent';
  }

  /** For client-node's APIs. */
  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    try {
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
    } catch (error) {
      throw this.authError(error);
    }
  }

  /** For the JSON client, which builds no RequestContext unless it must. */
  async credentials(method: HttpMethod, url: string): Promise<Credentials> {
    const fixed = await this.fixedCredentials().catch(error => {
      throw this.authError(error);
    });
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
   * The common cases: a service-account token fixed in config, or a token
   * from the cluster's BearerTokenSource (cached by it). The TLS material is
   * in the shared agent already, so KubeConfig's per-request work (re-reading
   * the CA and building an https.Agent only to drop it) is skipped.
   * Undefined when KubeConfig must authenticate each request.
   */
  private async fixedCredentials(): Promise<Credentials | undefined> {
    const source = this.options.credentials;
    const token = source
      ? await source.token()
      : staticBearerToken(this.kubeConfig);
    if (!source && token === undefined) return undefined;
    const agent = await this.sharedAgent();
    if (!agent) return undefined;
    return {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      agent,
    };
  }

  private sharedAgent(): Promise<KeepAliveAgent | undefined> {
    if (!this.agent) {
      this.agent = createKeepAliveAgent(
        this.kubeConfig,
        this.options.maxSockets,
      );
      // A failed build (e.g. an exec plugin hiccup) is retried on the next request.
      this.agent.catch(() => {
        this.agent = undefined;
      });
    }
    return this.agent;
  }

  private authError(error: unknown): Error {
    if (error instanceof ClusterAuthError) return error;
    return new ClusterAuthError(
      this.options.cluster,
      `cannot authenticate: ${describeCause(error)}`,
    );
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
