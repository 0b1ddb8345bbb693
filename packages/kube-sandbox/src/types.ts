/** A JSON object as decoded from a request body or a manifest. */
export type JsonObject = { [key: string]: unknown };

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

/** Any Kubernetes object, in its JSON form. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a nested field, e.g. `getField(obj, 'spec', 'replicas')`. */
export function getField(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Returns the object at `path`, creating empty objects along the way. */
export function ensureObject(root: JsonObject, ...path: string[]): JsonObject {
  let current = root;
  for (const key of path) {
    const existing = current[key];
    const next: JsonObject = isObject(existing) ? existing : {};
    current[key] = next;
    current = next;
  }
  return current;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Deep equality of JSON values, ignoring key order and undefined fields. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted: the same text for the same value whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([x], [y]) => compareStrings(x, y)),
        )
      : v,
  );
}

/** Byte-wise order, as etcd sorts keys and Go sorts strings. */
export function compareStrings(a: string, b: string): number {
  return Number(a > b) - Number(a < b);
}

/** RFC 3339 with second precision, as the server writes timestamps. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The alphabet Kubernetes uses for generated names (no vowels, no look-alikes). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  return Array.from(
    { length },
    () => NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)],
  ).join('');
}
