import { ServerResponse } from 'node:http';
import { ApiError, expired, Status } from './errors';
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

/**
 * Validates the request before any byte is sent, so errors can still be a
 * normal Status. kube-apiserver answers a malformed resourceVersion with a
 * 500 carrying Go's parse error, and no reason.
 */
export function startRevision(
  resourceVersion: string | undefined,
): number | undefined {
  if (!resourceVersion || resourceVersion === '0') return undefined;
  if (!/^\d+$/.test(resourceVersion)) {
    throw new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `resourceVersion: Invalid value: ${JSON.stringify(
        resourceVersion,
      )}: strconv.ParseUint: parsing ${JSON.stringify(
        resourceVersion,
      )}: invalid syntax`,
      code: 500,
    });
  }
  return Number(resourceVersion);
}

/** How often a long watch gets a bookmark (the watch cache's bookmark frequency). */
const BOOKMARK_EVERY_MS = 60_000;
/** The watch cache sends its last bookmark this long before a watch's deadline. */
const BOOKMARK_BEFORE_DEADLINE_MS = 2_000;

export function serveWatch(
  store: ObjectStore,
  request: WatchRequest,
  res: ServerResponse,
): void {
  const from = startRevision(request.resourceVersion);
  const kind = request.def.kind;
  const matches = (obj: KubeObject) =>
    (!request.namespace || obj.metadata.namespace === request.namespace) &&
    matchesSelectors(request.selectors, obj);
  /** The revision the watcher is known to have reached. */
  let reached = from ?? store.currentRevision;
  const send = (type: WatchEventType, object: KubeObject | Status | object) =>
    res.write(`${JSON.stringify({ type, object })}\n`);
  const sendEvent = (event: StoreEvent) => {
    // From a future resourceVersion: nothing until the store gets there.
    if (event.kind !== kind || (from !== undefined && event.revision <= from))
      return;
    const translated = translate(event, matches);
    if (!translated) return;
    send(translated.type, request.served(translated.object));
    reached = Math.max(reached, event.revision);
  };

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();

  if (from === undefined) {
    for (const obj of store.list(kind, request.namespace).filter(matches)) {
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
  const timers: NodeJS.Timeout[] = [];
  const started = Date.now();
  const deadline =
    request.timeoutSeconds === undefined
      ? undefined
      : started + request.timeoutSeconds * 1000;
  if (deadline !== undefined) {
    timers.push(setTimeout(() => res.end(), deadline - started));
  }
  // Like the watch cache: a bookmark every minute and one 2 s before the
  // deadline, each only when the kind has changed beyond what the watcher
  // has (in other namespaces, or filtered out by its selectors).
  const scheduleBookmark = (after: number) => {
    const at =
      deadline === undefined
        ? after
        : Math.min(after, deadline - BOOKMARK_BEFORE_DEADLINE_MS);
    if (!request.allowBookmarks || at <= Date.now()) return;
    timers.push(
      setTimeout(() => {
        const progress = store.kindRevision(kind);
        if (progress > reached) {
          reached = progress;
          send('BOOKMARK', bookmark(request.def, progress));
        }
        scheduleBookmark(Date.now() + BOOKMARK_EVERY_MS);
      }, at - Date.now()),
    );
  };
  scheduleBookmark(started + BOOKMARK_EVERY_MS);
  res.on('close', () => {
    unsubscribe();
    timers.forEach(timer => clearTimeout(timer));
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

/** A bookmark's object: the kind with only a resourceVersion (and the zero creationTimestamp Go serializes). */
function bookmark(def: ResourceDef, revision: number): object {
  return {
    kind: def.kind,
    apiVersion: apiVersionOf(def),
    metadata: { resourceVersion: String(revision), creationTimestamp: null },
  };
}
