import { ServerResponse } from 'node:http';
import { badRequest, expired, Status } from './errors';
import { apiVersionOf, ResourceDef } from './resources';
import { matchesSelectors, Selectors } from './selectors';
import { ObjectStore, StoreEvent } from './store';
import { KubeObject } from './types';

/**
 * `?watch=true`: a chunked stream of newline-delimited JSON events. Without a resourceVersion
 * (or with "0") it starts with an ADDED event per existing object; from a resourceVersion it
 * replays the history after it, or sends a 410 Expired ERROR event when that is compacted.
 */

export interface WatchRequest {
  def: ResourceDef;
  namespace?: string;
  selectors: Selectors;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  /** Converts a stored object to the served version. */
  served: (obj: KubeObject) => KubeObject;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Validates the request before any byte is sent, so errors can still be a normal Status. */
export function startRevision(
  resourceVersion: string | undefined,
): number | undefined {
  if (!resourceVersion || resourceVersion === '0') return undefined;
  if (!/^\d+$/.test(resourceVersion))
    throw badRequest(`invalid resource version: ${resourceVersion}`);
  return Number(resourceVersion);
}

export function serveWatch(
  store: ObjectStore,
  request: WatchRequest,
  res: ServerResponse,
): void {
  const from = startRevision(request.resourceVersion);
  const matches = (obj: KubeObject) =>
    (!request.namespace || obj.metadata.namespace === request.namespace) &&
    matchesSelectors(request.selectors, obj);
  const send = (type: WatchEventType, object: KubeObject | Status) =>
    res.write(`${JSON.stringify({ type, object })}\n`);
  const sendEvent = (event: StoreEvent) => {
    const translated =
      event.kind === request.def.kind ? translate(event, matches) : undefined;
    if (translated) send(translated.type, request.served(translated.object));
  };

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();

  if (from === undefined) {
    for (const obj of store
      .list(request.def.kind, request.namespace)
      .filter(matches)) {
      send('ADDED', request.served(obj));
    }
  } else {
    const replay = store.eventsSince(from);
    if (!replay) {
      const error = expired(
        `too old resource version: ${from} (${store.oldestRevision})`,
      );
      send('ERROR', error.status);
      res.end();
      return;
    }
    replay.forEach(sendEvent);
  }

  const unsubscribe = store.subscribe(sendEvent);
  const timeout =
    request.timeoutSeconds === undefined
      ? undefined
      : setTimeout(() => {
          if (request.allowBookmarks)
            send('BOOKMARK', bookmark(request.def, store.currentRevision));
          res.end();
        }, request.timeoutSeconds * 1000);
  res.on('close', () => {
    unsubscribe();
    clearTimeout(timeout);
  });
}

/**
 * A change as seen through a selector: an object that starts matching is ADDED, one that stops
 * matching is DELETED (as it was, at the new resourceVersion), like the API server's watch cache.
 */
function translate(
  event: StoreEvent,
  matches: (obj: KubeObject) => boolean,
): { type: WatchEventType; object: KubeObject } | undefined {
  const now = event.type !== 'DELETED' && matches(event.object);
  const before = event.prev !== undefined && matches(event.prev);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: event.object };
  if (!before || !event.prev) return undefined;
  const object = event.type === 'DELETED' ? event.object : event.prev;
  return {
    type: 'DELETED',
    object: {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(event.revision) },
    },
  };
}

function bookmark(def: ResourceDef, revision: number): KubeObject {
  return {
    kind: def.kind,
    apiVersion: apiVersionOf(def),
    metadata: { resourceVersion: String(revision) },
  };
}
