import { LoggerService } from '@backstage/backend-plugin-api';
import { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import type { JournalEntry, OperationJournal } from '../engine/types';
import { OperationLease, OperationLeaseStore } from './OperationLeaseStore';

/** Why an operation's lease needs repair after the engine gave up its rollback. */
const UNREACHABLE = 'failed while the cluster was unreachable';

/**
 * A lease an operation holds: renewed until `end`, its journal kept in the
 * lease row, and handed to the repair sweep when the operation's changes
 * could not be undone.
 */
export class HeldLease {
  /** The engine's journal: planned changes and those left unresolved go to the lease row. */
  readonly journal: OperationJournal;
  private planned?: JournalEntry[];
  private handedToRepair = false;
  private readonly renewal: NodeJS.Timeout;

  constructor(
    private readonly store: OperationLeaseStore,
    private readonly lease: OperationLease,
    private readonly logger: LoggerService,
    private readonly timing: { ttlMs: number; renewEveryMs: number },
  ) {
    this.journal = {
      planned: async entries => {
        await store.recordJournal(lease, entries);
        this.planned = entries;
      },
      unresolved: entries => this.markRepair(entries, UNREACHABLE),
    };
    // Unref'd: a lease being renewed must not keep a stopping process alive.
    this.renewal = setInterval(() => this.renew(), timing.renewEveryMs);
    this.renewal.unref();
  }

  /** Whether the namespace now awaits the repair sweep (the result's `repair_pending`). */
  get repairPending(): boolean {
    return this.handedToRepair;
  }

  /** The engine threw: whatever it planned may have half landed. */
  async engineThrew(message: string): Promise<void> {
    if (this.planned) {
      await this.markRepair(this.planned, `stopped with an error (${message})`);
    }
  }

  /**
   * The engine returned: its changes are final or undone, so a crash from
   * here on must not have them "repaired" (undone) after the fact.
   */
  async settle(result: OperationResult): Promise<void> {
    if (this.handedToRepair || result.repair_pending || !this.planned) return;
    await this.store
      .clearJournal(this.lease)
      .catch(error =>
        this.logger.error(`Clearing the operation's journal failed: ${error}`),
      );
  }

  /** Stops renewing; frees the namespace unless it awaits repair. */
  async end(): Promise<void> {
    clearInterval(this.renewal);
    if (this.handedToRepair) return;
    // Not released, it expires within the TTL.
    await this.store
      .release(this.lease)
      .catch(error =>
        this.logger.warn(`Releasing the namespace lease failed: ${error}`),
      );
  }

  private async markRepair(entries: JournalEntry[], reason: string) {
    // Kept even if the write fails: the row's planned journal is repaired once it expires.
    this.handedToRepair = true;
    clearInterval(this.renewal);
    const marked = await this.store.markRepair(this.lease, entries, reason);
    if (!marked) {
      this.logger.error(
        `The namespace lease was lost before its ${entries.length} unresolved change(s) were recorded for repair`,
      );
    }
  }

  private async renew() {
    try {
      if (await this.store.renew(this.lease, this.timing.ttlMs)) return;
      clearInterval(this.renewal);
      this.logger.warn(
        'The namespace lease was lost (it expired and another instance took it over)',
      );
    } catch (error) {
      this.logger.warn(`Renewing the namespace lease failed: ${error}`);
    }
  }
}
