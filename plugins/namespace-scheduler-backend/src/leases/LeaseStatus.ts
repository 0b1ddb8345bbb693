import {
  formatNamespaceRef,
  NamespaceStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { Clock, systemClock } from '../time/Clock';
import { holdsNamespace, operationInProgress } from './describeLease';
import { OperationLeaseStore } from './OperationLeaseStore';

type StatusReader = {
  status(cluster: string, namespace: string): Promise<NamespaceStatus>;
};

/**
 * Adds to namespace statuses the operation holding each namespace, or its
 * pending repair. One query per call, whatever the number of namespaces:
 * the lease table holds a row per namespace with an operation in flight.
 */
export class LeaseStatus {
  static create(options: {
    store: Pick<OperationLeaseStore, 'list'>;
    clock?: Clock;
  }): LeaseStatus {
    return new LeaseStatus(options.store, options.clock ?? systemClock);
  }

  private constructor(
    private readonly store: Pick<OperationLeaseStore, 'list'>,
    private readonly clock: Clock,
  ) {}

  async annotate<T extends NamespaceStatus>(statuses: T[]): Promise<T[]> {
    if (statuses.length === 0) return statuses;
    const leases = await this.store.list();
    const now = this.clock.now();
    const held = new Map(
      leases
        .filter(lease => holdsNamespace(lease, now))
        .map(lease => [formatNamespaceRef(lease), lease]),
    );
    if (held.size === 0) return statuses;
    return statuses.map(status => {
      const lease = held.get(formatNamespaceRef(status));
      return lease
        ? { ...status, operation: operationInProgress(lease, now) }
        : status;
    });
  }

  /** `reader` with each status annotated. */
  wrap(reader: StatusReader): StatusReader {
    return {
      status: async (cluster, namespace) => {
        const [status] = await this.annotate([
          await reader.status(cluster, namespace),
        ]);
        return status;
      },
    };
  }
}
