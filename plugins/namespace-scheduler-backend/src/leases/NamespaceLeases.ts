import { LoggerService } from '@backstage/backend-plugin-api';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { Clock, systemClock } from '../time/Clock';
import {
  describeLease,
  NamespaceBusyError,
  needsRepair,
} from './describeLease';
import { HeldLease } from './HeldLease';
import { instanceId } from './instanceId';
import { OperationLeaseStore } from './OperationLeaseStore';

/** How long a lease lasts unless renewed: a dead holder's namespace is free (or repaired) after it. */
const DEFAULT_LEASE_TTL_MS = 2 * 60_000;
/** Renewals per TTL: several, so a slow database round does not lose the lease. */
const DEFAULT_LEASE_RENEW_MS = 20_000;

type NamespaceRef = { cluster: string; namespace: string };

/**
 * One operation per namespace at a time, across backend instances: each
 * operation holds the namespace's lease while it runs, and a namespace whose
 * changes await repair is refused until the repair sweep restored them.
 */
export class NamespaceLeases {
  static create(options: {
    store: OperationLeaseStore;
    logger: LoggerService;
    clock?: Clock;
    /** This backend instance, as the lease table shows it. */
    holder?: string;
    ttlMs?: number;
    renewEveryMs?: number;
  }): NamespaceLeases {
    return new NamespaceLeases(
      options.store,
      options.logger,
      options.clock ?? systemClock,
      options.holder ?? instanceId(),
      options.ttlMs ?? DEFAULT_LEASE_TTL_MS,
      options.renewEveryMs ?? DEFAULT_LEASE_RENEW_MS,
    );
  }

  private constructor(
    private readonly store: OperationLeaseStore,
    private readonly logger: LoggerService,
    private readonly clock: Clock,
    private readonly holder: string,
    private readonly ttlMs: number,
    private readonly renewEveryMs: number,
  ) {}

  /** For plans (dry runs): why the real operation would be refused, when the namespace awaits repair. */
  async repairWarning(ref: NamespaceRef): Promise<string | undefined> {
    const lease = await this.store.get(ref.cluster, ref.namespace);
    const now = this.clock.now();
    if (!lease || !needsRepair(lease, now)) return undefined;
    return `${describeLease(lease, now)}; until then the operation is refused`;
  }

  /** Takes the namespace's lease or throws NamespaceBusyError naming who holds it. */
  async acquire(
    request: NamespaceRef & { operation: OperationType; requestedBy: string },
    logger: LoggerService = this.logger,
  ): Promise<HeldLease> {
    const outcome = await this.store.acquire({
      ...request,
      holder: this.holder,
      ttlMs: this.ttlMs,
    });
    if (!outcome.acquired) {
      throw new NamespaceBusyError(outcome.current, this.clock.now());
    }
    return new HeldLease(this.store, outcome.lease, logger, {
      ttlMs: this.ttlMs,
      renewEveryMs: this.renewEveryMs,
    });
  }
}
