import type { Watch } from '@kubernetes/client-node';
import { Keyed, NamespacedObjects } from './NamespacedObjects';
import {
  isExpired,
  metaOf,
  statusError,
  WatchExpiredError,
} from './watchEvents';

export type { Keyed } from './NamespacedObjects';

/** One page of a list: the converted items, the list's resourceVersion and its continue token. */
export interface ListPage<V> {
  items: Keyed<V>[];
  resourceVersion?: string;
  continueToken?: string;
}

/** A cluster-wide collection the reflector mirrors. */
export interface ReflectorSource<V> {
  /** For logs, e.g. "deployments". */
  resource: string;
  /** The collection's path, e.g. /apis/apps/v1/deployments (watched with ?watch=true). */
  path: string;
  /** Lists through the cluster client, so lists obey its rate limit and retries. */
  listPage(limit: number, continueToken?: string): Promise<ListPage<V>>;
  /** Converts the object of an ADDED or MODIFIED watch event. */
  fromEvent(object: unknown): Keyed<V>;
}

export interface ReflectorOptions {
  /**
   * Asked of the server for each watch; a watch still open this long plus a
   * grace period is treated as lost. This bounds how stale the mirror can be
   * when a connection is black-holed rather than closed.
   */
  watchTimeoutSeconds: number;
  /** Backoff between failed attempts: doubling from `initialMs` to `maxMs`, with jitter. */
  backoff: { initialMs: number; maxMs: number };
  onError(resource: string, error: Error): void;
}

const PAGE_SIZE = 500;
const WATCH_GRACE_MS = 5_000;
/** A watch that ends sooner than this is followed by a pause, so a misbehaving server is not hammered. */
const MIN_WATCH_MS = 1_000;

/**
 * Mirrors one collection of one cluster in memory, like client-go's reflector:
 * list, then watch from the list's resourceVersion with bookmarks; resume the
 * watch when the server ends it; relist when the resourceVersion is too old
 * (410 Gone) or after any failure, with backoff. While not synced (before the
 * first list, and from a failure until a relist succeeds) readers must not
 * trust the mirror.
 */
export class Reflector<V> {
  private objects = new NamespacedObjects<V>();
  private resourceVersion = '';
  private synced = false;
  private stopped = true;
  private running?: Promise<void>;
  private interrupt?: () => void;

  constructor(
    private readonly source: ReflectorSource<V>,
    private readonly watch: Watch,
    private readonly options: ReflectorOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.synced = false;
    this.interrupt?.();
    await this.running;
  }

  isSynced(): boolean {
    return this.synced;
  }

  /**
   * The values in one namespace ('' for cluster-scoped objects) in the API
   * server's order, by name; the same array until the namespace changes.
   */
  list(namespace: string): readonly V[] {
    return this.objects.list(namespace);
  }

  get(namespace: string, name: string): V | undefined {
    return this.objects.get(namespace, name);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        // A stop during the list found nothing to interrupt.
        if (this.stopped) return;
        const started = Date.now();
        await this.watchOnce();
        failures = 0;
        if (Date.now() - started < MIN_WATCH_MS) await this.pause(MIN_WATCH_MS);
      } catch (error) {
        if (this.stopped) return;
        this.synced = false;
        this.resourceVersion = '';
        if (error instanceof WatchExpiredError) continue;
        failures += 1;
        this.options.onError(this.source.resource, toError(error));
        await this.pause(this.backoffMs(failures));
      }
    }
  }

  private async relist(): Promise<void> {
    const objects = new NamespacedObjects<V>();
    let resourceVersion = '';
    let continueToken: string | undefined;
    do {
      const page = await this.source.listPage(PAGE_SIZE, continueToken);
      // Every page of a paged list is served from the first page's snapshot.
      resourceVersion ||= page.resourceVersion ?? '';
      for (const item of page.items) objects.put(item);
      continueToken = page.continueToken;
    } while (continueToken && !this.stopped);
    if (this.stopped) return;
    this.objects = objects;
    this.resourceVersion = resourceVersion;
    this.synced = Boolean(resourceVersion);
  }

  /** Resolves when the server ends the watch; rejects on failure, 410 or stop. */
  private watchOnce(): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let controller: AbortController | undefined;
      const watchdog = setTimeout(
        () => finish(new Error(`${this.source.resource} watch went silent`)),
        this.options.watchTimeoutSeconds * 1000 + WATCH_GRACE_MS,
      );
      function finish(error?: Error) {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        controller?.abort();
        if (error) reject(error);
        else resolve();
      }
      this.interrupt = () => finish(new Error('stopped'));
      this.watch
        .watch(
          this.source.path,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: this.options.watchTimeoutSeconds,
          },
          (type: string, object: unknown) => {
            if (settled) return;
            try {
              this.apply(type, object);
            } catch (error) {
              finish(toError(error));
            }
          },
          (error: unknown) => finish(error ? watchFailure(error) : undefined),
        )
        // Watch only hands its controller over once response headers arrive;
        // a watch abandoned before that (the watchdog) is aborted when they do.
        .then(
          handle => {
            controller = handle;
            if (settled) handle.abort();
          },
          error => finish(toError(error)),
        );
    });
  }

  private apply(type: string, object: unknown): void {
    if (type === 'ERROR') throw statusError(object);
    const meta = metaOf(object);
    if (type === 'ADDED' || type === 'MODIFIED') {
      this.objects.put(this.source.fromEvent(object));
    } else if (type === 'DELETED') {
      this.objects.delete(meta.namespace, meta.name);
    }
    this.resourceVersion = meta.resourceVersion || this.resourceVersion;
  }

  private backoffMs(failures: number): number {
    const { initialMs, maxMs } = this.options.backoff;
    const ceiling = Math.min(maxMs, initialMs * 2 ** (failures - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  /** Waits, or less when stopped. */
  private pause(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.interrupt = done;
    });
  }
}

function watchFailure(error: unknown): Error {
  return isExpired(error) ? new WatchExpiredError() : toError(error);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
