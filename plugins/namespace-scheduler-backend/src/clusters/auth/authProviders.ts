/**
 * The kubernetes plugin's auth providers, by what the Namespace Scheduler can
 * do with them. It calls clusters on its own (schedules, the runner, the
 * cluster-state cache), with no signed-in user, so it can only use providers
 * whose credentials are the backend's own.
 */

/** Credentials from the backend's own cloud identity, through the kubernetes plugin's strategies. */
export const STRATEGY_AUTH_PROVIDERS = [
  'aws',
  'azure',
  'googleServiceAccount',
] as const;

/** Read by this plugin itself: a static or the pod's token, none, or the pod's service account. */
export const BUILT_IN_AUTH_PROVIDERS = [
  'serviceAccount',
  'localKubectlProxy',
  'inCluster',
] as const;

/**
 * Providers whose token is the signed-in user's own, sent by the kubernetes
 * frontend with each request; what to use instead.
 */
export const USER_TOKEN_AUTH_PROVIDERS: Readonly<Record<string, string>> = {
  google: 'googleServiceAccount',
  oidc: 'serviceAccount',
  aks: 'azure',
};

export function isStrategyAuthProvider(name: string): boolean {
  return (STRATEGY_AUTH_PROVIDERS as readonly string[]).includes(name);
}

/** Why a cluster with this provider cannot be used, or undefined when it can. */
export function unusableAuthProvider(name: string): string | undefined {
  if (
    isStrategyAuthProvider(name) ||
    (BUILT_IN_AUTH_PROVIDERS as readonly string[]).includes(name)
  ) {
    return undefined;
  }
  const instead = USER_TOKEN_AUTH_PROVIDERS[name];
  if (instead) {
    return (
      `authProvider "${name}" authenticates with the signed-in user's own token, ` +
      `which the Namespace Scheduler does not have when it acts on its own ` +
      `(schedules, cache); use "${instead}" for this cluster`
    );
  }
  const supported = [...STRATEGY_AUTH_PROVIDERS, ...BUILT_IN_AUTH_PROVIDERS];
  return `authProvider "${name}" is not supported (supported: ${supported.join(
    ', ',
  )})`;
}
