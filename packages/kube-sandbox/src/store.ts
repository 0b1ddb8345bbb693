import { clone, compareStrings, KubeObject, objectKey } from './types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as watchers and controllers see it. Treat the objects as read-only. */
export interface StoreEvent {
  type: EventType;
  kind: string;
  revision: number;
  object: KubeObject;
  /** The object before this change (absent for ADDED). */
  prev?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * The sandbox's etcd: objects by kind and key, one global revision counter (the
 * resourceVersion of every object and list), and a bounded history of changes that
 * serves watch replays and consistent list snapshots for `continue` tokens.
 */
export class ObjectStore {
  private readonly kinds = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  private readonly pending: StoreEvent[] = [];
  private dispatching = false;
  private revision = 0;
  private compacted = 0;
  /** The revision of each kind's latest change. */
  private readonly kindRevisions = new Map<string, number>();

  constructor(private readonly historyLimit: number) {}

  /** The latest revision. */
  get currentRevision(): number {
    return this.revision;
  }

  /**
   * The revision of a kind's latest change: how far a watch cache of that
   * kind has seen (bookmarks carry it).
   */
  kindRevision(kind: string): number {
    return this.kindRevisions.get(kind) ?? 0;
  }

  /** Revisions at or above this one can still be watched from / listed at. */
  get oldestRevision(): number {
    return this.compacted;
  }

  get(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const found = this.kinds.get(kind)?.get(objectKey(namespace, name));
    return found && clone(found);
  }

  /** A kind's objects (one namespace's if given) sorted by namespace/name, as etcd returns them. */
  list(kind: string, namespace?: string): KubeObject[] {
    return sortByKey(this.partition(kind), namespace).map(clone);
  }

  /** Stores the object under a new revision and returns the stored copy. */
  commit(kind: string, object: KubeObject): KubeObject {
    const key = objectKey(
      object.metadata.namespace,
      object.metadata.name ?? '',
    );
    const prev = this.partition(kind).get(key);
    const stored = clone(object);
    stored.metadata.resourceVersion = String(++this.revision);
    this.partition(kind).set(key, stored);
    this.record({
      type: prev ? 'MODIFIED' : 'ADDED',
      kind,
      revision: this.revision,
      object: stored,
      prev,
    });
    return clone(stored);
  }

  /** Removes an object; returns it as deleted (with the deletion's resourceVersion). */
  remove(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const prev = this.partition(kind).get(key);
    if (!prev) return undefined;
    this.partition(kind).delete(key);
    const deleted = clone(prev);
    deleted.metadata.resourceVersion = String(++this.revision);
    this.record({
      type: 'DELETED',
      kind,
      revision: this.revision,
      object: deleted,
      prev,
    });
    return clone(deleted);
  }

  /** Events after `revision`, or undefined when the history no longer reaches back that far. */
  eventsSince(revision: number): StoreEvent[] | undefined {
    if (revision < this.compacted) return undefined;
    return this.history.filter(e => e.revision > revision);
  }

  /**
   * A kind's objects (in one namespace if given) as they were at `revision`,
   * rebuilt by undoing later events.
   */
  snapshot(
    kind: string,
    revision: number,
    namespace?: string,
  ): KubeObject[] | undefined {
    const later = this.eventsSince(revision);
    if (!later) return undefined;
    const state = new Map(this.partition(kind));
    for (const event of later.reverse()) {
      if (event.kind !== kind) continue;
      const key = objectKey(
        event.object.metadata.namespace,
        event.object.metadata.name ?? '',
      );
      if (event.prev) state.set(key, event.prev);
      else state.delete(key);
    }
    return sortByKey(state, namespace).map(clone);
  }

  /** Listeners see every event once, in revision order, even when they write themselves. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private partition(kind: string): Map<string, KubeObject> {
    let objects = this.kinds.get(kind);
    if (!objects) {
      objects = new Map();
      this.kinds.set(kind, objects);
    }
    return objects;
  }

  private record(event: StoreEvent): void {
    this.kindRevisions.set(event.kind, event.revision);
    this.history.push(event);
    while (this.history.length > this.historyLimit) {
      this.compacted = this.history.shift()?.revision ?? this.compacted;
    }
    this.pending.push(event);
    if (!this.dispatching) this.dispatch();
  }

  private dispatch(): void {
    this.dispatching = true;
    try {
      for (
        let event = this.pending.shift();
        event;
        event = this.pending.shift()
      ) {
        for (const listener of [...this.listeners]) listener(event);
      }
    } finally {
      this.dispatching = false;
    }
  }
}

/**
 * A kind's objects in key order, only one namespace's if given. Filtering
 * before the caller clones keeps a namespaced list at O(objects in the
 * namespace) clones rather than O(objects in the cluster), as etcd's range
 * read over the namespace's key prefix does.
 */
function sortByKey(
  objects: Map<string, KubeObject>,
  namespace?: string,
): KubeObject[] {
  return [...objects.entries()]
    .filter(([, o]) => !namespace || o.metadata.namespace === namespace)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, o]) => o);
}
