import type {
  KubeConfig,
  RequestContext,
  SecurityAuthentication,
} from '@kubernetes/client-node';
import { createKeepAliveAgent, KeepAliveAgent } from './keepAliveAgent';

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

  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    const agent = await this.sharedAgent();
    const token = agent && staticBearerToken(this.kubeConfig);
    if (agent && token !== undefined) {
      // The common case (a service-account token): the TLS material is in the
      // shared agent already, so KubeConfig's per-request work (re-reading the
      // CA and building an https.Agent only to drop it) is skipped.
      if (token) context.setHeaderParam('Authorization', `Bearer ${token}`);
      context.setAgent(agent);
      return;
    }
    await this.kubeConfig.applySecurityAuthentication(context);
    if (agent) context.setAgent(agent);
  }

  /** Closes pooled sockets. */
  async destroy(): Promise<void> {
    const agent = await this.agent?.catch(() => undefined);
    agent?.destroy();
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
