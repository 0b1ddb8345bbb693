import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';

type KubernetesBackend = typeof import('@backstage/plugin-kubernetes-backend');

/** The auth strategy of every strategy-backed cluster, loaded on first use. */
export type AuthStrategyLoader = () => Promise<AuthenticationStrategy>;

/**
 * The kubernetes plugin's own strategies (AwsIamStrategy, AzureIdentityStrategy,
 * GoogleServiceAccountStrategy) behind its DispatchStrategy, which picks one
 * by the cluster's `kubernetes.io/auth-provider`. One instance for all
 * clusters, as in the kubernetes plugin (the Azure strategy caches its token).
 * `@backstage/plugin-kubernetes-backend` brings the AWS, Azure and Google SDKs
 * (over a second to load), so it is imported only when a cluster needs it.
 */
export function lazyAuthStrategy(
  config: Config,
  logger: LoggerService,
): AuthStrategyLoader {
  let strategy: Promise<AuthenticationStrategy> | undefined;
  return () => {
    strategy ??= Promise.resolve().then(() => {
      // require, not import(): a dynamic import needs Jest's experimental ESM mode.
      const k8s: KubernetesBackend = require('@backstage/plugin-kubernetes-backend');
      return new k8s.DispatchStrategy({
        authStrategyMap: {
          aws: new k8s.AwsIamStrategy({ config }),
          azure: new k8s.AzureIdentityStrategy(logger),
          googleServiceAccount: new k8s.GoogleServiceAccountStrategy({
            config,
          }),
        },
      });
    });
    return strategy;
  };
}
