import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { getField, isObject, KubeObject, ObjectMeta } from './types';

/** Kubernetes manifests from multi-document YAML, as `kubectl apply -f <dir>` reads them. */

export function parseManifests(
  text: string,
  source = 'manifest',
): KubeObject[] {
  return parseAllDocuments(text).flatMap((doc, index) => {
    const [error] = doc.errors;
    if (error)
      throw new Error(`${source} (document ${index + 1}): ${error.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    const items =
      getField(value, 'kind') === 'List' ? getField(value, 'items') : [value];
    return (Array.isArray(items) ? items : []).map(item =>
      toManifest(item, `${source} (document ${index + 1})`),
    );
  });
}

function toManifest(value: unknown, where: string): KubeObject {
  const kind = getField(value, 'kind');
  const apiVersion = getField(value, 'apiVersion');
  const metadata = getField(value, 'metadata');
  if (
    !isObject(value) ||
    typeof kind !== 'string' ||
    typeof apiVersion !== 'string' ||
    !isObject(metadata)
  ) {
    throw new Error(
      `${where}: every document needs apiVersion, kind and metadata`,
    );
  }
  if (typeof metadata.name !== 'string')
    throw new Error(`${where}: ${kind} without metadata.name`);
  const meta: ObjectMeta = { ...metadata, name: metadata.name };
  return { ...value, kind, apiVersion, metadata: meta };
}

/** Every object in the directory's `.yaml`/`.yml` files, in file name order. */
export function loadManifests(dir: string): KubeObject[] {
  return readdirSync(dir)
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .flatMap(file =>
      parseManifests(readFileSync(join(dir, file), 'utf8'), file),
    );
}
