import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ControlPlaneConnection } from './kubeconfig';

function alreadyExists(error: unknown) {
  return (error as { code?: number })?.code === 409;
}

/**
 * A bearer token (TokenRequest API) of ServiceAccount `namespace/name`,
 * creating the namespace and the account when missing: an identity with no
 * RBAC grants, for tests that need a non-admin user on a control plane whose
 * static users are fixed (the shared one).
 */
export async function serviceAccountToken(
  connection: ControlPlaneConnection,
  namespace: string,
  name: string,
  options: { expirationSeconds?: number } = {},
): Promise<string> {
  const kc = new KubeConfig();
  kc.loadFromString(connection.kubeConfigYaml());
  const core = kc.makeApiClient(CoreV1Api);
  await core
    .createNamespace({ body: { metadata: { name: namespace } } })
    .catch(error => {
      if (!alreadyExists(error)) throw error;
    });
  await core
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } })
    .catch(error => {
      if (!alreadyExists(error)) throw error;
    });
  const response = await core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: {
      spec: {
        audiences: [],
        expirationSeconds: options.expirationSeconds ?? 3600,
      },
    },
  });
  const token = response.status?.token;
  if (!token)
    throw new Error(`no token for ServiceAccount ${namespace}/${name}`);
  return token;
}
