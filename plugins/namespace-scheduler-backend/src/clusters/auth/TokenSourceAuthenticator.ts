import type { KubeConfig, User } from '@kubernetes/client-node';
import type { BearerTokenSource } from './BearerTokenSource';

type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** The kubeconfig auth-provider name of users whose token comes from a BearerTokenSource. */
const AUTH_PROVIDER_NAME = 'namespace-scheduler-token-source';

/** A kubeconfig user authenticated by the KubeConfig's TokenSourceAuthenticator. */
export function tokenSourceUser(name: string): User {
  return { name, authProvider: { name: AUTH_PROVIDER_NAME, config: {} } };
}

/**
 * Lets a KubeConfig (and so client-node's Watch, which authenticates through
 * it) send the token of a BearerTokenSource.
 */
export class TokenSourceAuthenticator implements Authenticator {
  constructor(private readonly source: BearerTokenSource) {}

  isAuthProvider(user: User): boolean {
    return user.authProvider?.name === AUTH_PROVIDER_NAME;
  }

  async applyAuthentication(
    _user: User,
    opts: Parameters<Authenticator['applyAuthentication']>[1],
  ): Promise<void> {
    const token = await this.source.token();
    if (token) {
      opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
    }
  }
}
