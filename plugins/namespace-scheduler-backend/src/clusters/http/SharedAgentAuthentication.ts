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
    await this.kubeConfig.applySecurityAuthentication(context);
    const agent = await this.sharedAgent();
    if (agent) {
      context.setAgent(agent);
    }
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
