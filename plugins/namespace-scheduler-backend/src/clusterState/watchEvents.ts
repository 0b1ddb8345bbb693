/** Reading the untyped objects of watch events. */

/** The watch's resourceVersion is too old (410 Gone): the collection must be relisted. */
export class WatchExpiredError extends Error {
  constructor() {
    super('watch resourceVersion expired (410 Gone)');
    this.name = 'WatchExpiredError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** namespace ('' when cluster-scoped), name and resourceVersion of an event's object. */
export function metaOf(object: unknown): {
  namespace: string;
  name: string;
  resourceVersion: string;
} {
  const metadata =
    isRecord(object) && isRecord(object.metadata) ? object.metadata : {};
  return {
    namespace: text(metadata.namespace),
    name: text(metadata.name),
    resourceVersion: text(metadata.resourceVersion),
  };
}

/** Whether a failed watch request (or an ERROR event's Status) means 410 Gone. */
export function isExpired(error: unknown): boolean {
  return isRecord(error) && (error.statusCode === 410 || error.code === 410);
}

/** The error an ERROR event carries (a Status object). */
export function statusError(object: unknown): Error {
  if (isExpired(object)) return new WatchExpiredError();
  const message = isRecord(object) ? text(object.message) : '';
  return new Error(`watch ERROR event: ${message || JSON.stringify(object)}`);
}

/** A list response's items, resourceVersion and continue token, from untyped JSON. */
export function untypedList(value: unknown): {
  items: unknown[];
  resourceVersion?: string;
  continueToken?: string;
} {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    throw new Error('Unexpected list in API response');
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return {
    items: value.items,
    resourceVersion: text(metadata.resourceVersion) || undefined,
    continueToken: text(metadata.continue) || undefined,
  };
}

/**
 * Whether a watch event's object can be read as the client's typed model T.
 * Kubernetes JSON and the models share field names for everything the engine
 * reads (metadata, spec.replicas, spec.suspend, …; timestamps stay strings,
 * which it never reads): the client's own ListWatch hands watch objects out
 * the same way.
 */
export function isKubeObject<T extends { metadata?: object }>(
  value: unknown,
): value is T {
  return isRecord(value) && isRecord(value.metadata);
}
