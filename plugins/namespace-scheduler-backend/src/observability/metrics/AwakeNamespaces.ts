import {
  formatNamespaceRef,
  type NamespaceState,
  type NamespaceStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceStatusReader } from '../../namespaces/NamespaceStatusService';

/**
 * The last known state of each namespace, kept as statuses are read and
 * operations succeed, so the awake gauge never calls a cluster at scrape
 * time. Wraps the status reader the rest of the plugin uses.
 */
export class AwakeNamespaces implements NamespaceStatusReader {
  private readonly states = new Map<
    string,
    { cluster: string; state: NamespaceState }
  >();

  static wrap(reader: NamespaceStatusReader): AwakeNamespaces {
    return new AwakeNamespaces(reader);
  }

  private constructor(private readonly reader: NamespaceStatusReader) {}

  async status(cluster: string, namespace: string): Promise<NamespaceStatus> {
    const status = await this.reader.status(cluster, namespace);
    this.note(cluster, namespace, status.state);
    return status;
  }

  note(cluster: string, namespace: string, state: NamespaceState) {
    this.states.set(formatNamespaceRef({ cluster, namespace }), {
      cluster,
      state,
    });
  }

  /** Awake namespaces per cluster; clusters with known namespaces report 0 too. */
  byCluster(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { cluster, state } of this.states.values()) {
      counts.set(
        cluster,
        (counts.get(cluster) ?? 0) + (state === 'awake' ? 1 : 0),
      );
    }
    return counts;
  }
}
