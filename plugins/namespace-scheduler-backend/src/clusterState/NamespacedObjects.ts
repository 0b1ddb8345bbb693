/** What a reflector holds, by namespace and name, kept apart from how list and watch keep it current. */

/** An object of the collection, reduced to what the cache keeps. */
export interface Keyed<V> {
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  value: V;
}

export class NamespacedObjects<V> {
  private readonly objects = new Map<string, Map<string, V>>();
  /**
   * Each namespace's values in name order, built on the first read after a
   * change: status reads far outnumber watch events, and an unchanged array
   * lets readers reuse what they derived from it.
   */
  private readonly lists = new Map<string, readonly V[]>();

  /**
   * The values in one namespace ('' for cluster-scoped objects) in the API
   * server's order, by name; the same array until the namespace changes.
   */
  list(namespace: string): readonly V[] {
    let list = this.lists.get(namespace);
    if (!list) {
      const byName = [...(this.objects.get(namespace) ?? [])].sort(([a], [b]) =>
        compareNames(a, b),
      );
      list = byName.map(([, value]) => value);
      this.lists.set(namespace, list);
    }
    return list;
  }

  get(namespace: string, name: string): V | undefined {
    return this.objects.get(namespace)?.get(name);
  }

  put(item: Keyed<V>): void {
    let namespace = this.objects.get(item.namespace);
    if (!namespace) {
      namespace = new Map();
      this.objects.set(item.namespace, namespace);
    }
    namespace.set(item.name, item.value);
    this.lists.delete(item.namespace);
  }

  delete(namespace: string, name: string): void {
    this.objects.get(namespace)?.delete(name);
    this.lists.delete(namespace);
  }
}

/** The API server's order: by name (byte order). */
function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
